#include "stages/docx_title.hpp"

#include <cmath>
#include <memory>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

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
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  double width = 0;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    width += is_wide(static_cast<char32_t>(text.char32At(i))) ? 1.0 : 0.5;
  }
  return width;
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
  std::vector<int32_t> candidates;
  for (int32_t b = words->next(); b != icu::BreakIterator::DONE && b < text.length();
       b = words->next()) {
    const auto next = static_cast<char32_t>(text.char32At(b));
    const auto previous = static_cast<char32_t>(text.char32At(text.moveIndex32(b, -1)));
    if (!closes(next) && !opens(previous) && next != U' ') candidates.push_back(b);
  }

  // Each break at the boundary nearest its equal share that keeps every line
  // within the measure; give up (leave wrapping to the word processor) if none.
  std::vector<int32_t> breaks;
  int32_t start = 0;
  for (int k = 1; k < lines; ++k) {
    const double target = total * k / lines;
    int32_t best = -1;
    for (int32_t b : candidates) {
      if (b <= start) continue;
      const double width =
          before[static_cast<std::size_t>(b)] - before[static_cast<std::size_t>(start)];
      if (width > cells_per_line) break;
      const double rest = total - before[static_cast<std::size_t>(b)];
      if (rest > static_cast<double>(cells_per_line) * (lines - k)) continue;
      if (best < 0 || std::abs(before[static_cast<std::size_t>(b)] - target) <
                          std::abs(before[static_cast<std::size_t>(best)] - target)) {
        best = b;
      }
    }
    if (best < 0) return unchanged;
    breaks.push_back(best);
    start = best;
  }

  std::string out;
  int32_t from = 0;
  for (int32_t b : breaks) {
    text.tempSubString(from, b - from).toUTF8String(out);
    out += '\n';
    from = b;
  }
  text.tempSubString(from).toUTF8String(out);
  return out;
}

}  // namespace docpipe::docx
