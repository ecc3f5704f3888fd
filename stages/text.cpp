#include "stages/text.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cctype>

namespace docpipe::text {

std::u32string to_utf32(std::string_view utf8) {
  std::u32string out;
  // One character per byte that starts a sequence (a hint only): reserving a character per
  // byte took four bytes per byte of Chinese text, and detect holds every line at once.
  std::size_t starts = 0;
  for (const char byte : utf8) starts += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  out.reserve(starts);
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

namespace {

// What UTF-8 holds of c: c itself, or U+FFFD for a surrogate or a value beyond U+10FFFF (as
// ICU's U8_APPEND reports an error for them).
char32_t scalar(char32_t c) { return (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ? U'\uFFFD' : c; }

std::size_t utf8_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

// Writes a scalar value's UTF-8 at `at`; returns the bytes written.
std::size_t encode_utf8(char32_t c, char* at) {
  auto* p = reinterpret_cast<unsigned char*>(at);
  if (c < 0x80) {
    p[0] = static_cast<unsigned char>(c);
    return 1;
  }
  if (c < 0x800) {
    p[0] = static_cast<unsigned char>(0xC0 | (c >> 6));
    p[1] = static_cast<unsigned char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    p[0] = static_cast<unsigned char>(0xE0 | (c >> 12));
    p[1] = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
    p[2] = static_cast<unsigned char>(0x80 | (c & 0x3F));
    return 3;
  }
  p[0] = static_cast<unsigned char>(0xF0 | (c >> 18));
  p[1] = static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3F));
  p[2] = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
  p[3] = static_cast<unsigned char>(0x80 | (c & 0x3F));
  return 4;
}

}  // namespace

void append_utf8(std::string& out, char32_t c) {
  char buffer[4];
  out.append(buffer, encode_utf8(scalar(c), buffer));
}

// Two passes: the exact length first, so the string holds no slack (lines are kept by the
// thousand) and is written without a bounds check per character.
std::string to_utf8(std::u32string_view utf32) {
  std::size_t length = 0;
  for (char32_t c : utf32) length += utf8_length(scalar(c));
  std::string out(length, '\0');
  char* at = out.data();
  for (char32_t c : utf32) at += encode_utf8(scalar(c), at);
  return out;
}

bool is_sentence_end(char32_t c) {
  switch (c) {
    case U'。': case U'！': case U'？': case U'；': case U'…':
    case U'!': case U'?': case U';': case U'．':
      return true;
    default:
      return false;
  }
}

bool is_sentence_end_at(std::u32string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  if (is_sentence_end(s[i])) return true;
  if (s[i] != U'.') return false;
  if (i + 1 == s.size()) return true;
  const char32_t next = s[i + 1];
  return !(next < 0x80 && std::isalnum(static_cast<int>(next))) && next != U'.';
}

bool has_sentence_end_inside(std::u32string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (is_sentence_end_at(s, i)) return true;
  }
  return false;
}

bool is_closer(char32_t c) {
  switch (c) {
    case U'”': case U'’': case U'）': case U')': case U'】': case U'》': case U'」':
    case U'』': case U'〕': case U'"': case U'\'': case U']':
      return true;
    default:
      return false;
  }
}

bool is_punctuation(char32_t c) { return u_ispunct(static_cast<UChar32>(c)) != 0; }

bool is_space(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0 || c == U'\u00A0' || c == U'\u3000' ||
         c == U'\uFEFF' || c == U'\u200B';
}

bool is_han(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}

bool is_cn_numeral(char32_t c) {
  switch (c) {
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七':
    case U'八': case U'九': case U'十': case U'百': case U'零': case U'〇': case U'两':
      return true;
    default:
      return false;
  }
}

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool is_fullwidth_digit(char32_t c) { return c >= U'０' && c <= U'９'; }

char32_t last_significant(std::u32string_view line) {
  for (auto it = line.rbegin(); it != line.rend(); ++it) {
    if (!is_closer(*it) && !is_space(*it)) return *it;
  }
  return 0;
}

bool ends_with_colon(std::u32string_view line) {
  const char32_t c = last_significant(line);
  return c == U'：' || c == U':';
}

bool ends_sentence(std::u32string_view line) {
  const char32_t c = last_significant(line);
  return is_sentence_end(c) || c == U'.' || c == U'：' || c == U':';
}

int display_width(std::u32string_view line) {
  int halves = 0;
  for (char32_t c : line) {
    const auto width = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    halves += (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return (halves + 1) / 2;
}

std::u32string trim(std::u32string_view line) {
  std::size_t begin = 0;
  std::size_t end = line.size();
  while (begin < end && is_space(line[begin])) ++begin;
  while (end > begin && is_space(line[end - 1])) --end;
  return std::u32string(line.substr(begin, end - begin));
}

namespace {

int digit_value(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

}  // namespace

int numeral_value(std::u32string_view numeral) {
  if (numeral.empty()) return -1;
  if (is_ascii_digit(numeral[0]) || is_fullwidth_digit(numeral[0])) {
    int value = 0;
    for (char32_t c : numeral) {
      const int digit = is_ascii_digit(c) ? static_cast<int>(c - U'0')
                        : is_fullwidth_digit(c) ? static_cast<int>(c - U'０')
                                                : -1;
      if (digit < 0 || value > 100000) return -1;
      value = value * 10 + digit;
    }
    return value;
  }
  // Chinese: [digit]百[digit]十[digit], e.g. 十二 = 12, 二十 = 20, 一百零五 = 105.
  int value = 0;
  int pending = -1;
  for (char32_t c : numeral) {
    if (c == U'百' || c == U'十') {
      const int unit = c == U'百' ? 100 : 10;
      value += (pending < 0 ? 1 : pending) * unit;
      pending = -1;
    } else {
      const int digit = digit_value(c);
      if (digit < 0) return -1;
      if (pending > 0) return -1;  // two digits in a row: 一二 is not a numeral
      pending = digit;
    }
  }
  if (pending > 0) value += pending;
  return value;
}

}  // namespace docpipe::text
