#include "stages/markers.hpp"

#include <array>

#include "stages/text.hpp"

namespace docpipe {
namespace {

using text::is_ascii_digit;
using text::is_cn_numeral;
using text::is_fullwidth_digit;
using text::is_space;

bool is_digit(char32_t c) { return is_ascii_digit(c) || is_fullwidth_digit(c); }

std::size_t count_while(std::u32string_view s, std::size_t from, bool (*predicate)(char32_t)) {
  std::size_t i = from;
  while (i < s.size() && predicate(s[i])) ++i;
  return i - from;
}

std::size_t skip_spaces(std::u32string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

// What follows the marker must be text: not nothing, and not another numeral run that
// shows the marker was part of a list of numbers (一、二季度, 1、2月, 3.5亿).
bool text_follows(std::u32string_view line, std::size_t at) {
  at = skip_spaces(line, at);
  if (at >= line.size()) return false;
  const char32_t first = line[at];
  if (is_digit(first)) return false;
  if (is_cn_numeral(first)) {
    const std::size_t run = count_while(line, at, is_cn_numeral);
    if (at + run < line.size()) {
      static constexpr std::u32string_view kNumberWords = U"、，,季等级类年月日号批期次个名届产";
      if (kNumberWords.find(line[at + run]) != std::u32string_view::npos) return false;
    }
  }
  return !text::is_punctuation(first) || first == U'“' || first == U'《' || first == U'"';
}

std::optional<Marker> make(std::u32string_view line, std::size_t marker_end, std::string family,
                           std::u32string_view numeral, std::string level_key = {}) {
  const int number = text::numeral_value(numeral);
  if (number <= 0 || number > 99) return std::nullopt;
  if (!text_follows(line, marker_end)) return std::nullopt;
  Marker marker;
  marker.level_key = level_key.empty() ? family : level_key;
  marker.family = std::move(family);
  marker.written = std::u32string(line.substr(0, marker_end));
  marker.number = number;
  marker.length = skip_spaces(line, marker_end);
  return marker;
}

bool is_open_paren(char32_t c) { return c == U'（' || c == U'('; }
bool is_close_paren(char32_t c) { return c == U'）' || c == U')'; }

// （一） (一) （1） (1)
std::optional<Marker> parenthesised(std::u32string_view line) {
  if (line.empty() || !is_open_paren(line[0])) return std::nullopt;
  std::size_t i = skip_spaces(line, 1);
  const bool chinese = i < line.size() && is_cn_numeral(line[i]);
  const std::size_t run = count_while(line, i, chinese ? is_cn_numeral : is_digit);
  if (run == 0 || run > 3) return std::nullopt;
  std::size_t close = skip_spaces(line, i + run);
  if (close >= line.size() || !is_close_paren(line[close])) return std::nullopt;
  std::size_t end = close + 1;
  if (end < line.size() && (line[end] == U'、' || line[end] == U'.' || line[end] == U'．')) ++end;
  return make(line, end, chinese ? "cn-paren" : "arabic-paren", line.substr(i, run));
}

// 一、 十二、 一． and 1. 1． 1、 1) 1）
std::optional<Marker> numeral_then_mark(std::u32string_view line) {
  if (line.empty()) return std::nullopt;
  const bool chinese = is_cn_numeral(line[0]);
  if (!chinese && !is_digit(line[0])) return std::nullopt;
  const std::size_t run = count_while(line, 0, chinese ? is_cn_numeral : is_digit);
  if (run > (chinese ? 3 : 2)) return std::nullopt;  // 2023.4.3 is a date
  std::size_t mark = run;
  if (!chinese) mark = skip_spaces(line, mark);
  if (mark >= line.size()) return std::nullopt;
  const char32_t c = line[mark];
  const std::u32string_view numeral = line.substr(0, run);
  if (c == U'、' || c == U'．' || (c == U'.' && chinese)) {
    return make(line, mark + 1, chinese ? "cn-dun" : "arabic-dot", numeral);
  }
  if (!chinese && c == U'.') {
    // 1.5亿元 is a decimal and 1.2.3 a clause number, not a heading.
    if (mark + 1 < line.size() && is_digit(line[mark + 1])) return std::nullopt;
    return make(line, mark + 1, "arabic-dot", numeral);
  }
  if (!chinese && is_close_paren(c)) return make(line, mark + 1, "arabic-paren", numeral);
  return std::nullopt;
}

// ① ② … ⑳, ❶ … ❿; ⑴ … ⒇ (parenthesised digits); ⒈ … ⒛ (digits with a full stop).
std::optional<Marker> single_character(std::u32string_view line) {
  if (line.empty()) return std::nullopt;
  const char32_t c = line[0];
  std::string family;
  int number = 0;
  if (c >= U'①' && c <= U'⑳') {
    family = "circled", number = static_cast<int>(c - U'①') + 1;
  } else if (c >= U'❶' && c <= U'❿') {
    family = "circled", number = static_cast<int>(c - U'❶') + 1;
  } else if (c >= U'⑴' && c <= U'⒇') {
    family = "arabic-paren", number = static_cast<int>(c - U'⑴') + 1;
  } else if (c >= U'⒈' && c <= U'⒛') {
    family = "arabic-dot", number = static_cast<int>(c - U'⒈') + 1;
  } else {
    return std::nullopt;
  }
  std::size_t end = 1;
  if (end < line.size() && (line[end] == U'、' || line[end] == U'.' || line[end] == U'．')) ++end;
  if (!text_follows(line, end)) return std::nullopt;
  Marker marker;
  marker.family = family;
  marker.level_key = family;
  marker.written = std::u32string(line.substr(0, end));
  marker.number = number;
  marker.length = skip_spaces(line, end);
  return marker;
}

bool is_list_comma(char32_t c) {
  return c == U'，' || c == U',' || c == U'、' || c == U'：' || c == U':';
}

// 第一， 第二、 第三章 第一节 第一部分; 其一，
std::optional<Marker> ordinal(std::u32string_view line) {
  std::size_t i = 0;
  if (line.starts_with(U"第")) {
    i = 1;
  } else if (line.starts_with(U"其") && line.size() > 2 && is_cn_numeral(line[1]) &&
             is_list_comma(line[2])) {
    return make(line, 3, "ordinal", line.substr(1, 1), "ordinal:其");
  } else {
    return std::nullopt;
  }
  const std::size_t run = count_while(line, i, is_cn_numeral);
  if (run == 0 || run > 3) return std::nullopt;
  const std::size_t after = i + run;
  if (after >= line.size()) return std::nullopt;
  const std::u32string_view numeral = line.substr(i, run);
  if (is_list_comma(line[after])) return make(line, after + 1, "ordinal", numeral, "ordinal:，");
  // 第一篇/第一编 name the pieces of a compilation: titles, not headings.
  static constexpr std::array<std::u32string_view, 3> kUnits = {U"部分", U"章", U"节"};
  for (const auto unit : kUnits) {
    if (line.substr(after).starts_with(unit)) {
      std::size_t end = after + unit.size();
      if (end < line.size() && is_list_comma(line[end])) ++end;
      return make(line, end, "ordinal", numeral, "ordinal:" + text::to_utf8(unit));
    }
  }
  return std::nullopt;
}

// 一是 二要 一方面， 另一方面，
std::optional<Marker> shi(std::u32string_view line) {
  // 一方面，/另一方面， only with their comma: 一方面要把握… at a line start is a sentence.
  if (line.starts_with(U"另一方面")) {
    if (line.size() <= 4 || !is_list_comma(line[4])) return std::nullopt;
    auto marker = make(line, 5, "shi", U"二", "discourse");
    if (marker) marker->discourse = true;
    return marker;
  }
  const std::size_t run = count_while(line, 0, is_cn_numeral);
  if (run == 0 || run > 2 || run >= line.size()) return std::nullopt;
  const std::u32string_view numeral = line.substr(0, run);
  const std::u32string_view rest = line.substr(run);
  if (rest.starts_with(U"方面")) {
    const std::size_t comma = run + 2;
    if (numeral != U"一" || comma >= line.size() || !is_list_comma(line[comma]))
      return std::nullopt;
    auto marker = make(line, comma + 1, "shi", numeral, "discourse");
    if (marker) marker->discourse = true;
    return marker;
  }
  if (rest[0] == U'是' || rest[0] == U'要') {
    std::size_t end = run + 1;
    if (end < line.size() && is_list_comma(line[end])) ++end;
    return make(line, end, "shi", numeral);
  }
  return std::nullopt;
}

// 首先， 其次， 再次， 最后，: a sequence of points in words.
std::optional<Marker> discourse(std::u32string_view line) {
  static constexpr std::array<std::u32string_view, 4> kWords = {U"首先", U"其次", U"再次", U"最后"};
  for (std::size_t k = 0; k < kWords.size(); ++k) {
    if (!line.starts_with(kWords[k])) continue;
    if (line.size() <= 2 || !is_list_comma(line[2])) return std::nullopt;
    if (!text_follows(line, 3)) return std::nullopt;
    Marker marker;
    marker.family = "other";
    marker.level_key = "discourse";
    marker.written = std::u32string(line.substr(0, 3));
    marker.number = static_cast<int>(k) + 1;
    marker.length = skip_spaces(line, 3);
    marker.discourse = true;
    return marker;
  }
  return std::nullopt;
}

// Whether c can be the first character of a marker: what each parser above needs at the
// start of the line.
bool could_start_marker(char32_t c) {
  return is_open_paren(c) || is_digit(c) || is_cn_numeral(c) || c == U'第' || c == U'其' ||
         c == U'另' || c == U'首' || c == U'再' || c == U'最' || (c >= U'①' && c <= U'⒛') ||
         (c >= U'❶' && c <= U'❿');
}

}  // namespace

std::optional<Marker> parse_marker(std::string_view utf8_line) {
  if (utf8_line.empty()) return std::nullopt;
  std::size_t at = 0;
  if (!could_start_marker(text::next_char(utf8_line, at))) return std::nullopt;
  return parse_marker(text::to_utf32(utf8_line));
}

std::optional<Marker> parse_marker(std::u32string_view line) {
  if (auto m = parenthesised(line)) return m;
  if (auto m = ordinal(line)) return m;
  if (auto m = shi(line)) return m;
  if (auto m = numeral_then_mark(line)) return m;
  if (auto m = single_character(line)) return m;
  return discourse(line);
}

}  // namespace docpipe
