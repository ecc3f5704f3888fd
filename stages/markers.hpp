// Numbering markers at the start of a line (一、 （一） 1. （1） ① 第一， 一是 一方面，
// 首先，) — the shared vocabulary of clean (which must not join a heading into the
// paragraph before it) and detect (which turns them into sections).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace docpipe {

struct Marker {
  std::string family;     // model family: cn-dun, cn-paren, arabic-dot, …, other
  std::string level_key;  // markers sharing a key share a level (一方面 and 其次 do)
  std::u32string written;  // as written, with its punctuation: 一、 （一） 第一， 一方面，
  int number = 0;  // 1 for 一、 （1） ① 第一 首先 一方面; 2 for 二、 其次 另一方面 …
  std::size_t length = 0;  // characters the marker occupies, including spaces after it
  bool discourse = false;  // 首先/其次/一方面…: a heading only where such markers pair up
};

// The numbering marker that starts `line`, if any. Dates and decimals (2023.4.3, 1.5亿元),
// a numeral run such as 一、二季度, and words such as 第一次 are not markers.
std::optional<Marker> parse_marker(std::u32string_view line);
// The same for a UTF-8 line; reads it as UTF-32 only when its first character can start a
// marker (most lines are turned away by that character alone).
std::optional<Marker> parse_marker(std::string_view utf8_line);

}  // namespace docpipe
