#include "pipeline/json.hpp"

#include <cstdlib>

#include "stages/text.hpp"

namespace docpipe {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Json parse_document() {
    Json value = parse_value();
    skip_space();
    if (pos_ != text_.size()) fail("trailing characters");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("JSON: " + what + " at offset " + std::to_string(pos_));
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool consume(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  char peek() {
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end");
    return text_[pos_];
  }

  Json parse_value() {
    Json value;
    const char c = peek();
    if (c == '{') {
      value.type = Json::Type::object;
      ++pos_;
      if (peek() == '}') {
        ++pos_;
        return value;
      }
      while (true) {
        if (peek() != '"') fail("expected a key");
        std::string key = parse_string();
        if (peek() != ':') fail("expected ':'");
        ++pos_;
        value.object[key] = parse_value();
        const char next = peek();
        ++pos_;
        if (next == '}') return value;
        if (next != ',') fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      value.type = Json::Type::array;
      ++pos_;
      if (peek() == ']') {
        ++pos_;
        return value;
      }
      while (true) {
        value.array.push_back(parse_value());
        const char next = peek();
        ++pos_;
        if (next == ']') return value;
        if (next != ',') fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      value.type = Json::Type::string;
      value.string = parse_string();
      return value;
    }
    if (consume("null")) return value;
    if (consume("true") || consume("false")) {
      value.type = Json::Type::boolean;
      value.boolean = text_[pos_ - 1] == 'e' && text_[pos_ - 2] == 'u';
      return value;
    }
    const char* start = text_.data() + pos_;
    char* end = nullptr;
    value.number = std::strtod(start, &end);
    if (end == start) fail("unexpected character");
    value.type = Json::Type::number;
    pos_ += static_cast<std::size_t>(end - start);
    return value;
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    const unsigned value =
        static_cast<unsigned>(std::stoul(std::string(text_.substr(pos_, 4)), nullptr, 16));
    pos_ += 4;
    return value;
  }

  std::string parse_string() {
    ++pos_;  // the opening quote
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      const char escape = text_[pos_++];
      switch (escape) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          unsigned code = hex4();
          if (code >= 0xD800 && code <= 0xDBFF && consume("\\u")) {
            code = 0x10000 + ((code - 0xD800) << 10) + (hex4() - 0xDC00);
          }
          text::append_utf8(out, static_cast<char32_t>(code));
          break;
        }
        default:
          out += escape;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

Json parse_json(std::string_view text) { return Parser(text).parse_document(); }

std::string json_string(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace docpipe
