#include "stages/markdown_escape.hpp"

#include <cstddef>

namespace docpipe::markdown {

namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

// True when text[at] is an '&' that CommonMark would read as an entity or
// numeric character reference (&amp; &#123; &#x1F;).
bool starts_reference(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  if (i < text.size() && text[i] == '#') {
    ++i;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    const std::size_t digits_start = i;
    while (i < text.size() && (hex ? is_hex_digit(text[i]) : (text[i] >= '0' && text[i] <= '9'))) {
      ++i;
    }
    return i > digits_start && i < text.size() && text[i] == ';';
  }
  const std::size_t name_start = i;
  while (i < text.size() && is_ascii_alnum(text[i])) ++i;
  return i > name_start && i < text.size() && text[i] == ';';
}

bool is_line_space(char c) { return c == ' ' || c == '\t'; }

// White space and line breaks that Markdown would strip or treat as structure.
void append_as_reference(std::string& out, char c) {
  switch (c) {
    case ' ':
      out += "&#32;";
      break;
    case '\t':
      out += "&#9;";
      break;
    case '\n':
      out += "&#10;";
      break;
    case '\r':
      out += "&#13;";
      break;
    default:
      out += c;
  }
}

// Bytes that may take a backslash or become a reference. All are ASCII, so the text between
// them (mostly Chinese) is copied a run at a time: appending byte by byte was most of the
// Markdown writer's time.
bool may_need_escape(char c) {
  switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case '<':
    case '~':
    case '|':
    case '&':
    case '\n':
    case '\r':
      return true;
    default:
      return false;
  }
}

// escape_inline, appended to `out`.
void append_inline(std::string& out, std::string_view text) {
  std::size_t run = 0;  // the first byte not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!may_need_escape(c)) continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '&':
        if (starts_reference(text, i)) out += '\\';
        out += c;
        break;
      case '\n':
      case '\r':
        // A line break inside a block would let the next line start a new block.
        append_as_reference(out, c);
        break;
      default:  // \ ` * _ [ < and GFM's ~ (strikethrough, ~~~ fences) and | (tables)
        out += '\\';
        out += c;
    }
  }
  out.append(text.substr(run));
}

}  // namespace

std::string escape_inline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_inline(out, text);
  return out;
}

std::string escape_block(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size() && is_line_space(text[begin])) ++begin;
  std::size_t end = text.size();
  while (end > begin && is_line_space(text[end - 1])) --end;
  const std::string_view core = text.substr(begin, end - begin);

  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < begin; ++i) append_as_reference(out, text[i]);

  // The escaped core is written in place; its first bytes are then checked for markup.
  const std::size_t body = out.size();
  append_inline(out, core);
  if (out.size() > body) {
    const auto at = [&](std::size_t offset) {
      return out.begin() + static_cast<std::ptrdiff_t>(body + offset);
    };
    switch (out[body]) {
      case '#':  // ATX heading, and a heading's closing sequence at the end
      case '>':  // block quote
      case '-':  // bullet, thematic break, setext underline
      case '+':  // bullet
      case '=':  // setext underline
        out.insert(at(0), '\\');
        break;
      default: {
        // An ordered list marker: 1-9 digits, then '.' or ')', then space or end.
        std::size_t digits = 0;
        while (body + digits < out.size() && out[body + digits] >= '0' && out[body + digits] <= '9')
          ++digits;
        const std::size_t after = body + digits;
        const bool marker = digits >= 1 && digits <= 9 && after < out.size() &&
                            (out[after] == '.' || out[after] == ')') &&
                            (after + 1 == out.size() || is_line_space(out[after + 1]));
        if (marker) out.insert(at(digits), '\\');
      }
    }
  }
  for (std::size_t i = end; i < text.size(); ++i) append_as_reference(out, text[i]);
  return out;
}

std::string yaml_quoted(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += text[i];
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte == '\r') {
      out += "\\r";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    } else if (byte == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x85) {
      out += "\\N";  // U+0085 NEXT LINE: a YAML line break
      ++i;
    } else if (byte == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      // U+2028 / U+2029: YAML line breaks too.
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\L" : "\\P";
      i += 2;
    } else {
      out += text[i];
    }
  }
  out += '"';
  return out;
}

}  // namespace docpipe::markdown
