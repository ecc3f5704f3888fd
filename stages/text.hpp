// Small character-level helpers shared by the text stages (clean, detect).
// Text between stages is UTF-8 that decode has made valid; code that looks at
// characters works on UTF-32 so one index is one character.
#pragma once

#include <string>
#include <string_view>

namespace docpipe::text {

std::u32string to_utf32(std::string_view utf8);
std::string to_utf8(std::u32string_view utf32);
void append_utf8(std::string& out, char32_t c);

// Characters that end a sentence: 。！？；… and their half-width forms.
bool is_sentence_end(char32_t c);
// Whether s[i] ends a sentence: as above, or a full stop '.' that is not inside a number
// (1.5亿元) or a word.
bool is_sentence_end_at(std::u32string_view s, std::size_t i);
// A sentence ends somewhere before the last character.
bool has_sentence_end_inside(std::u32string_view s);
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
// True when the line ends a sentence (ignoring closing quotes and brackets) or with a colon.
bool ends_sentence(std::u32string_view line);
bool ends_with_colon(std::u32string_view line);
// Width in Chinese-character units: CJK and full-width count 1, others 1/2, rounded up.
int display_width(std::u32string_view line);

std::u32string trim(std::u32string_view line);

// Value of a numeral written in Chinese (一…九十九, 两) or digits; -1 when not a numeral.
int numeral_value(std::u32string_view numeral);

}  // namespace docpipe::text
