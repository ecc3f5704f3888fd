// Small character-level helpers shared by the stages (decode, clean, detect, inspect, writers).
// Text between stages is UTF-8 that decode has made valid. Lines stay UTF-8; code that
// indexes characters decodes a line into a UTF-32 buffer it reuses, so one index is one
// character without an allocation per line.
#pragma once

#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace docpipe::text {

std::u32string to_utf32(std::string_view utf8);
// As above, into `out` (cleared first), reusing its memory.
void to_utf32(std::string_view utf8, std::u32string& out);
std::string to_utf8(std::u32string_view utf32);
void append_utf8(std::string& out, char32_t c);

// One UTF-8 sequence read at `at` (before `end`): its code point, negative when the bytes are
// not valid UTF-8 (as U8_NEXT reads them), and its length in bytes.
struct Utf8Sequence {
  UChar32 c = 0;
  std::size_t length = 0;
};

namespace detail {

// The length of the valid UTF-8 sequence of two or three bytes at `at`, or 0 for anything
// else (four bytes, invalid: U8_NEXT reads those). Chinese text is almost all three-byte
// sequences; checking them inline is what makes reading it fast. A valid sequence has one
// reading, so this agrees with U8_NEXT wherever it answers.
[[gnu::always_inline]] inline std::size_t short_sequence_length(const uint8_t* at,
                                                                const uint8_t* end) {
  const uint8_t lead = at[0];
  const auto is_trail = [](uint8_t byte) { return (byte & 0xC0) == 0x80; };
  if (lead >= 0xC2 && lead <= 0xDF) return end - at >= 2 && is_trail(at[1]) ? 2 : 0;
  if (lead < 0xE0 || lead > 0xEF || end - at < 3 || !is_trail(at[1]) || !is_trail(at[2])) return 0;
  if (lead == 0xE0 && at[1] < 0xA0) return 0;   // overlong
  if (lead == 0xED && at[1] >= 0xA0) return 0;  // a surrogate
  return 3;
}

}  // namespace detail

// Inlined: called once per character of every text, it was most of decode's time.
[[gnu::always_inline]] inline Utf8Sequence read_utf8(const uint8_t* at, const uint8_t* end) {
  if (at[0] < 0x80) return {at[0], 1};
  if (const std::size_t length = detail::short_sequence_length(at, end); length == 2) {
    return {((at[0] & 0x1F) << 6) | (at[1] & 0x3F), 2};
  } else if (length == 3) {
    return {((at[0] & 0x0F) << 12) | ((at[1] & 0x3F) << 6) | (at[2] & 0x3F), 3};
  }
  // U8_NEXT works on int32_t indexes and reads at most four bytes: a window is enough, so
  // huge inputs are fine.
  const auto window = static_cast<int32_t>(std::min<std::ptrdiff_t>(end - at, 8));
  int32_t offset = 0;
  UChar32 c = 0;
  U8_NEXT(at, offset, window, c);
  return {c, static_cast<std::size_t>(offset)};
}

// The character starting at byte `at` of UTF-8 text; `at` moves past it. A sequence that is
// not valid UTF-8 reads as U+FFFD, as in to_utf32.
char32_t next_char(std::string_view utf8, std::size_t& at);
// The character ending just before byte `end`; `end` moves to its first byte. For valid
// UTF-8 (what decode gives); a byte that ends no valid sequence reads as U+FFFD.
char32_t previous_char(std::string_view utf8, std::size_t& end);
// Characters in UTF-8 text (as to_utf32 counts them).
std::size_t char_count(std::string_view utf8);
// Whether `needle` occurs in `text` (bytes). For UTF-8 this is where the same characters
// occur: a sequence never starts inside another. memchr looks for the needle's last byte (a
// continuation byte of a Chinese character, or an ASCII letter in Chinese text: rarer than
// a lead byte), then the whole needle is compared there.
bool contains(std::string_view text, std::string_view needle);

// Characters that end a sentence: 。！？；… and their half-width forms.
bool is_sentence_end(char32_t c);
// Whether s[i] ends a sentence: as above, or a full stop '.' that is not inside a number
// (1.5亿元) or a word.
bool is_sentence_end_at(std::u32string_view s, std::size_t i);
// A sentence ends somewhere before the last character.
bool has_sentence_end_inside(std::u32string_view s);
bool has_sentence_end_inside(std::string_view utf8);
// Closing quotes and brackets, which may follow a sentence end: 。” or ！）.
bool is_closer(char32_t c);
// Any punctuation (Unicode general category P*), full- or half-width.
bool is_punctuation(char32_t c);
// White space including U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE.
bool is_space(char32_t c);
bool is_han(char32_t c);
// Chinese numerals used in numbering: 一二三…十百零〇两.
bool is_cn_numeral(char32_t c);
bool is_ascii_digit(char32_t c);
bool is_fullwidth_digit(char32_t c);

// The last character that is not a closer or space, or 0 for none.
char32_t last_significant(std::u32string_view line);
char32_t last_significant(std::string_view utf8_line);
// True when the line ends a sentence (ignoring closing quotes and brackets) or with a colon.
bool ends_sentence(std::string_view utf8_line);
bool ends_with_colon(std::u32string_view line);
bool ends_with_colon(std::string_view utf8_line);
// Width in Chinese-character units: CJK and full-width count 1, others 1/2, rounded up.
int display_width(std::u32string_view line);
int display_width(std::string_view utf8_line);
// Whether the character is East Asian Wide or Fullwidth (counts 1 in display_width).
bool is_wide(char32_t c);

std::u32string trim(std::u32string_view line);
// The line without leading and trailing space (is_space), as a view into it.
std::string_view trim_view(std::string_view utf8_line);

// Value of a numeral written in Chinese (一…九十九, 两) or digits; -1 when not a numeral.
int numeral_value(std::u32string_view numeral);

}  // namespace docpipe::text
