#include "stages/docx_xml.hpp"
#include "stages/writer.hpp"

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

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
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

}  // namespace

std::string xml_safe_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t c = decode_one(utf8, pos);
    if (allowed_in_xml(c)) append_utf8(out, c);
  }
  return out;
}

std::string serialize_part(const pugi::xml_document& part) {
  StringWriter out;
  out.text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
  part.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(out.text);
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
