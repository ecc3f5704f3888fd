#include "stages/docx_title.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "stages/text.hpp"

namespace docpipe::docx {

namespace {

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000 || c == 0x2014 || c == 0x2026 ||
         (c >= 0x2018 && c <= 0x201D) || (c >= 0x2460 && c <= 0x24FF);
}

bool opens(char32_t c) {
  return std::u32string_view(U"“‘（《「『〈【〔([{").find(c) != std::u32string_view::npos;
}

bool closes(char32_t c) {
  return std::u32string_view(U"，。、；：！？”’）》」』〉】〕…—,.;:!?)]}").find(c) !=
         std::u32string_view::npos;
}

}  // namespace

double text_cells(std::string_view utf8) {
  // Decoded in place (the page estimate runs over all of a document's text; a copy to UTF-16
  // took as long as writing the XML). Ill-formed bytes read as U+FFFD, as ICU substitutes.
  std::size_t halves = 0;  // a narrow character is one, a wide one two
  for (std::size_t pos = 0; pos < utf8.size();)
    halves += is_wide(text::next_char(utf8, pos)) ? 2 : 1;
  return static_cast<double>(halves) / 2;
}

std::string balance_title(std::string_view title, int cells_per_line) {
  const std::string unchanged(title);
  if (cells_per_line <= 0 || title.find('\n') != std::string_view::npos) return unchanged;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(title.data(), static_cast<int32_t>(title.size())));

  // Cumulative width before each UTF-16 index.
  std::vector<double> before(static_cast<std::size_t>(text.length()) + 1, 0.0);
  for (int32_t i = 0; i < text.length(); ++i) {
    const UChar32 c = text.char32At(i);
    const bool trail = U16_IS_TRAIL(text.charAt(i)) && i > 0;
    before[static_cast<std::size_t>(i) + 1] =
        before[static_cast<std::size_t>(i)] +
        (trail ? 0.0 : (is_wide(static_cast<char32_t>(c)) ? 1.0 : 0.5));
  }
  const double total = before.back();
  if (total <= cells_per_line) return unchanged;
  const int lines = static_cast<int>(std::ceil(total / cells_per_line));

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status)) return unchanged;
  words->setText(text);

  // Where a line may end (`at`) and the next begin (`resume`, past any
  // spaces, which vanish at the break). A space the author put in a title
  // (often between its two halves) is the best place; after a comma next.
  struct Candidate {
    int32_t at, resume;
    double bonus;  // in character cells of distance from the ideal
  };
  const auto is_space = [](UChar32 c) { return c == U' ' || c == 0xA0 || c == 0x3000; };
  std::vector<Candidate> candidates;
  for (int32_t i = 1; i < text.length(); ++i) {
    if (is_space(text.char32At(i)) && !is_space(text.char32At(i - 1))) {
      int32_t end = i;
      while (end < text.length() && is_space(text.char32At(end))) ++end;
      if (end < text.length()) candidates.push_back({i, end, 100.0});
    }
  }
  for (int32_t b = words->next(); b != icu::BreakIterator::DONE && b < text.length();
       b = words->next()) {
    const auto next = static_cast<char32_t>(text.char32At(b));
    const auto previous = static_cast<char32_t>(text.char32At(text.moveIndex32(b, -1)));
    if (closes(next) || opens(previous) || is_space(static_cast<UChar32>(next)) ||
        is_space(static_cast<UChar32>(previous))) {
      continue;
    }
    const bool after_pause =
        std::u32string_view(U"，、：；,:;").find(previous) != std::u32string_view::npos;
    candidates.push_back({b, b, after_pause ? 2.0 : 0.0});
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.at < b.at; });

  // Each break at the best candidate near its equal share that keeps every
  // line within the measure; give up (leave wrapping to the word processor) if none.
  const auto width_before = [&](int32_t index) { return before[static_cast<std::size_t>(index)]; };
  std::vector<Candidate> breaks;
  int32_t start = 0;
  for (int k = 1; k < lines; ++k) {
    const double target = total * k / lines;
    const Candidate* best = nullptr;
    double best_score = 0;
    for (const Candidate& c : candidates) {
      if (c.at <= start) continue;
      if (width_before(c.at) - width_before(start) > cells_per_line) break;
      if (total - width_before(c.resume) > static_cast<double>(cells_per_line) * (lines - k)) {
        continue;
      }
      const double score = std::abs(width_before(c.at) - target) - c.bonus;
      if (best == nullptr || score < best_score) {
        best = &c;
        best_score = score;
      }
    }
    if (best == nullptr) return unchanged;
    breaks.push_back(*best);
    start = best->resume;
  }

  std::string out;
  int32_t from = 0;
  for (const Candidate& b : breaks) {
    text.tempSubString(from, b.at - from).toUTF8String(out);
    out += '\n';
    from = b.resume;
  }
  text.tempSubString(from).toUTF8String(out);
  return out;
}

}  // namespace docpipe::docx
