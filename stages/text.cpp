#include "stages/text.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace docpipe::text {

namespace {

// The classes the text stages ask about, for every character of the Basic Multilingual
// Plane, read from ICU once per process: an ICU property call per character of every line
// was the largest cost of clean, detect and inspect. The table is filled on first use and
// never changes after; characters beyond the BMP (rare) still ask ICU.
class BmpClasses {
 public:
  enum Flag : std::uint8_t { kWide = 1, kPunctuation = 2, kSpace = 4, kHan = 8 };

  BmpClasses() {
    for (UChar32 c = 0; c < 0x10000; ++c) flags_[static_cast<std::size_t>(c)] = classify(c);
  }

  // c must be below U+10000.
  bool has(char32_t c, Flag flag) const { return (flags_[c] & flag) != 0; }

  static bool wide(UChar32 c) {
    const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
  }
  static bool punctuation(UChar32 c) { return u_ispunct(c) != 0; }
  static bool space(UChar32 c) {
    return u_isUWhiteSpace(c) != 0 || c == 0x00A0 || c == 0x3000 || c == 0xFEFF || c == 0x200B;
  }
  static bool han(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(c, &status) == USCRIPT_HAN;
  }

 private:
  static std::uint8_t classify(UChar32 c) {
    return static_cast<std::uint8_t>((wide(c) ? kWide : 0) | (punctuation(c) ? kPunctuation : 0) |
                                     (space(c) ? kSpace : 0) | (han(c) ? kHan : 0));
  }

  std::array<std::uint8_t, 0x10000> flags_{};
};

const BmpClasses& bmp_classes() {
  static const BmpClasses classes;
  return classes;
}

bool in_bmp(char32_t c) { return c < 0x10000; }

}  // namespace

void to_utf32(std::string_view utf8, std::u32string& out) {
  out.clear();
  // One character per byte that starts a sequence (a hint only): reserving a character per
  // byte took four bytes per byte of Chinese text.
  std::size_t starts = 0;
  for (const char byte : utf8) starts += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  out.reserve(starts);
  for (std::size_t at = 0; at < utf8.size();) out.push_back(next_char(utf8, at));
}

std::u32string to_utf32(std::string_view utf8) {
  std::u32string out;
  to_utf32(utf8, out);
  return out;
}

char32_t next_char(std::string_view utf8, std::size_t& at) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const Utf8Sequence sequence = read_utf8(bytes + at, bytes + utf8.size());
  at += sequence.length;
  return sequence.c < 0 ? U'\uFFFD' : static_cast<char32_t>(sequence.c);
}

char32_t previous_char(std::string_view utf8, std::size_t& end) {
  const auto is_trail = [&](std::size_t i) {
    return (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80;
  };
  std::size_t start = end - 1;
  while (start > 0 && end - start < 4 && is_trail(start)) --start;
  std::size_t after = start;
  const char32_t c = next_char(utf8, after);
  if (after != end) {  // not a valid sequence ending at `end`: its last byte alone
    --end;
    return U'\uFFFD';
  }
  end = start;
  return c;
}

std::size_t char_count(std::string_view utf8) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < utf8.size(); ++count) next_char(utf8, at);
  return count;
}

bool contains(std::string_view text, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > text.size()) return false;
  const std::size_t last = needle.size() - 1;
  const char* const end = text.data() + text.size();
  for (const char* at = text.data() + last; at < end;) {
    const void* found = std::memchr(at, needle[last], static_cast<std::size_t>(end - at));
    if (found == nullptr) return false;
    const char* hit = static_cast<const char*>(found);
    if (std::memcmp(hit - last, needle.data(), last) == 0) return true;
    at = hit + 1;
  }
  return false;
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
    case U'。':
    case U'！':
    case U'？':
    case U'；':
    case U'…':
    case U'!':
    case U'?':
    case U';':
    case U'．':
      return true;
    default:
      return false;
  }
}

namespace {

// Whether c ends a sentence, given the character after it (`next`, or none when `last`): as
// is_sentence_end, or a full stop '.' that is not inside a number (1.5亿元) or a word.
bool ends_sentence_before(char32_t c, char32_t next, bool last) {
  if (is_sentence_end(c)) return true;
  if (c != U'.') return false;
  if (last) return true;
  return !(next < 0x80 && std::isalnum(static_cast<int>(next))) && next != U'.';
}

}  // namespace

bool is_sentence_end_at(std::u32string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const bool last = i + 1 == s.size();
  return ends_sentence_before(s[i], last ? 0 : s[i + 1], last);
}

bool has_sentence_end_inside(std::u32string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (is_sentence_end_at(s, i)) return true;
  }
  return false;
}

bool has_sentence_end_inside(std::string_view utf8) {
  if (utf8.empty()) return false;
  std::size_t at = 0;
  char32_t c = next_char(utf8, at);
  while (at < utf8.size()) {
    const char32_t next = next_char(utf8, at);
    if (ends_sentence_before(c, next, false)) return true;
    c = next;
  }
  return false;
}

bool is_closer(char32_t c) {
  switch (c) {
    case U'”':
    case U'’':
    case U'）':
    case U')':
    case U'】':
    case U'》':
    case U'」':
    case U'』':
    case U'〕':
    case U'"':
    case U'\'':
    case U']':
      return true;
    default:
      return false;
  }
}

bool is_punctuation(char32_t c) {
  return in_bmp(c) ? bmp_classes().has(c, BmpClasses::kPunctuation)
                   : BmpClasses::punctuation(static_cast<UChar32>(c));
}

bool is_space(char32_t c) {
  return in_bmp(c) ? bmp_classes().has(c, BmpClasses::kSpace)
                   : BmpClasses::space(static_cast<UChar32>(c));
}

bool is_han(char32_t c) {
  return in_bmp(c) ? bmp_classes().has(c, BmpClasses::kHan)
                   : BmpClasses::han(static_cast<UChar32>(c));
}

bool is_wide(char32_t c) {
  return in_bmp(c) ? bmp_classes().has(c, BmpClasses::kWide)
                   : BmpClasses::wide(static_cast<UChar32>(c));
}

bool is_cn_numeral(char32_t c) {
  switch (c) {
    case U'一':
    case U'二':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
    case U'百':
    case U'零':
    case U'〇':
    case U'两':
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

char32_t last_significant(std::string_view utf8_line) {
  for (std::size_t end = utf8_line.size(); end > 0;) {
    const char32_t c = previous_char(utf8_line, end);
    if (!is_closer(c) && !is_space(c)) return c;
  }
  return 0;
}

namespace {

bool is_colon(char32_t c) { return c == U'：' || c == U':'; }
bool ends_sentence_or_colon(char32_t c) { return is_sentence_end(c) || c == U'.' || is_colon(c); }

}  // namespace

bool ends_with_colon(std::u32string_view line) { return is_colon(last_significant(line)); }
bool ends_with_colon(std::string_view utf8_line) { return is_colon(last_significant(utf8_line)); }

bool ends_sentence(std::string_view utf8_line) {
  return ends_sentence_or_colon(last_significant(utf8_line));
}

int display_width(std::u32string_view line) {
  int halves = 0;
  for (char32_t c : line) halves += is_wide(c) ? 2 : 1;
  return (halves + 1) / 2;
}

int display_width(std::string_view utf8_line) {
  int halves = 0;
  for (std::size_t at = 0; at < utf8_line.size();)
    halves += is_wide(next_char(utf8_line, at)) ? 2 : 1;
  return (halves + 1) / 2;
}

std::u32string trim(std::u32string_view line) {
  std::size_t begin = 0;
  std::size_t end = line.size();
  while (begin < end && is_space(line[begin])) ++begin;
  while (end > begin && is_space(line[end - 1])) --end;
  return std::u32string(line.substr(begin, end - begin));
}

std::string_view trim_view(std::string_view utf8_line) {
  std::size_t begin = 0;
  while (begin < utf8_line.size()) {
    std::size_t next = begin;
    if (!is_space(next_char(utf8_line, next))) break;
    begin = next;
  }
  std::size_t end = utf8_line.size();
  while (end > begin) {
    std::size_t previous = end;
    if (!is_space(previous_char(utf8_line, previous))) break;
    end = previous;
  }
  return utf8_line.substr(begin, end - begin);
}

namespace {

int digit_value(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

}  // namespace

int numeral_value(std::u32string_view numeral) {
  if (numeral.empty()) return -1;
  if (is_ascii_digit(numeral[0]) || is_fullwidth_digit(numeral[0])) {
    int value = 0;
    for (char32_t c : numeral) {
      const int digit = is_ascii_digit(c)       ? static_cast<int>(c - U'0')
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
