#include "stages/docx_xml.hpp"
#include "stages/text.hpp"
#include "stages/writer.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace docpipe::docx {

namespace {

bool allowed_in_xml(char32_t c) {
  if (c == 0x9 || c == 0xA || c == 0xD) return true;
  if (c < 0x20) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c == 0xFFFE || c == 0xFFFF) return false;
  return c <= 0x10FFFF;
}

// Decodes one UTF-8 sequence at `pos`; returns U+FFFD and advances one byte
// when the sequence is malformed, overlong or truncated.
char32_t decode_one(std::string_view s, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  int length = 0;
  char32_t c = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    ++pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, c = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, c = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, c = lead & 0x07, minimum = 0x10000;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + length > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    c = (c << 6) | (next & 0x3F);
  }
  if (c < minimum || c > 0x10FFFF) {
    ++pos;
    return 0xFFFD;
  }
  pos += length;
  return c;
}

// How many bytes at the start of `utf8` are safe as they are: well-formed
// UTF-8 of characters XML allows. What decode_one and allowed_in_xml would say,
// read with the stages' inline reader: this runs over all of a document's text.
std::size_t safe_prefix_length(std::string_view utf8) {
  const auto* const begin = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto* const end = begin + utf8.size();
  const auto* at = begin;
  while (at < end) {
    const text::Utf8Sequence sequence = text::read_utf8(at, end);
    if (sequence.c < 0 || !allowed_in_xml(static_cast<char32_t>(sequence.c))) break;
    at += sequence.length;
  }
  return static_cast<std::size_t>(at - begin);
}

void append_xml_safe(std::string& out, std::string_view utf8) {
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t c = decode_one(utf8, pos);
    if (allowed_in_xml(c)) text::append_utf8(out, c);
  }
}

// Which bytes pugixml escapes in text and in attribute values (its chartypex
// table with the flags serialize_part uses).
enum EscapeContext : unsigned char { kInText = 1, kInAttribute = 2 };

constexpr std::array<unsigned char, 256> kEscapes = [] {
  std::array<unsigned char, 256> escapes{};
  for (int c = 0; c < 0x20; ++c) {
    const bool kept_in_text = c == '\t' || c == '\n' || c == '\r';
    escapes[c] = kept_in_text ? kInAttribute : kInText | kInAttribute;
  }
  escapes['&'] = escapes['<'] = kInText | kInAttribute;
  escapes['>'] = kInText;
  escapes['"'] = kInAttribute;
  return escapes;
}();

void append_reference(std::string& out, unsigned char c) {
  switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default: {  // a control character, in two decimal digits as pugixml writes it
      const char reference[] = {'&', '#', static_cast<char>('0' + c / 10),
                                static_cast<char>('0' + c % 10), ';'};
      out.append(reference, sizeof reference);
    }
  }
}

// Where the first of the 8-byte words from `i` on that may hold a byte to
// escape starts (a control character, & < > or "), or where fewer than 8
// bytes are left. Testing a word at a time (SWAR) instead of each byte: almost
// nothing in a document needs escaping, and this runs over all of its text.
std::size_t skip_plain_words(std::string_view s, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighs = 0x8080808080808080;
  // Nonzero when a byte of v is below n (n <= 128); zero bytes are the case n = 1.
  const auto has_below = [](std::uint64_t v, std::uint64_t n) {
    return (v - kOnes * n) & ~v & kHighs;
  };
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if (has_below(word, 0x20) | has_below(word ^ (kOnes * '&'), 1) |
        has_below(word ^ (kOnes * '<'), 1) | has_below(word ^ (kOnes * '>'), 1) |
        has_below(word ^ (kOnes * '"'), 1)) {
      break;
    }
  }
  return i;
}

void append_escaped(std::string& out, std::string_view s, EscapeContext context) {
  std::size_t plain = 0;  // the first byte not yet written
  for (std::size_t i = skip_plain_words(s, 0); i < s.size(); i = skip_plain_words(s, i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((kEscapes[c] & context) == 0) continue;
    out.append(s.substr(plain, i - plain));
    if (c == 0) return;
    append_reference(out, c);
    plain = i + 1;
  }
  out.append(s.substr(plain));
}

}  // namespace

std::string xml_safe_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  append_xml_safe(out, utf8);
  return out;
}

std::string_view xml_safe_view(std::string_view utf8, std::string& scratch) {
  const std::size_t unchanged = safe_prefix_length(utf8);
  if (unchanged == utf8.size()) return utf8;
  scratch.assign(utf8.substr(0, unchanged));
  append_xml_safe(scratch, utf8.substr(unchanged));
  return scratch;
}

std::string serialize_part(const pugi::xml_document& part) {
  StringWriter out;
  out.text = kXmlDeclaration;
  part.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(out.text);
}

void append_escaped_text(std::string& out, std::string_view text) {
  append_escaped(out, text, kInText);
}

void append_escaped_attribute(std::string& out, std::string_view value) {
  append_escaped(out, value, kInAttribute);
}

pugi::xml_node add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

pugi::xml_node add(pugi::xml_node parent, const char* name, const char* attribute,
                   std::string_view value) {
  pugi::xml_node node = parent.append_child(name);
  set(node, attribute, value);
  return node;
}

pugi::xml_node add(pugi::xml_node parent, const char* name, const char* attribute1,
                   std::string_view value1, const char* attribute2, std::string_view value2) {
  pugi::xml_node node = add(parent, name, attribute1, value1);
  set(node, attribute2, value2);
  return node;
}

void set(pugi::xml_node node, const char* attribute, std::string_view value) {
  pugi::xml_attribute existing = node.attribute(attribute);
  if (!existing) existing = node.append_attribute(attribute);
  existing.set_value(std::string(value).c_str());
}

std::string word_attribute(pugi::xml_node node, const char* local_name) {
  const std::string name = node.name();
  const auto colon = name.find(':');
  const std::string prefix = colon == std::string::npos ? "" : name.substr(0, colon + 1);
  return node.attribute((prefix + local_name).c_str()).value();
}

}  // namespace docpipe::docx
