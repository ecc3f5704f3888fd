// Small character-level helpers shared by the text stages (clean, detect, inspect).
// Text between stages is UTF-8 that decode has made valid. Lines stay UTF-8; code that
// indexes characters decodes a line into a UTF-32 buffer it reuses, so one index is one
// character without an allocation per line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace docpipe::text {

std::u32string to_utf32(std::string_view utf8);
// As above, into `out` (cleared first), reusing its memory.
void to_utf32(std::string_view utf8, std::u32string& out);
std::string to_utf8(std::u32string_view utf32);
void append_utf8(std::string& out, char32_t c);

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
bool ends_sentence(std::u32string_view line);
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
