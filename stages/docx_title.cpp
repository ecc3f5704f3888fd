#include "stages/docx_title.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
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

// Where no well-formed UTF-8 sequence starts.
constexpr char32_t kIllFormed = 0xFFFFFFFF;

// The code point of the well-formed UTF-8 sequence at `pos`, which it steps
// over, or kIllFormed.
char32_t next_well_formed(std::string_view utf8, std::size_t& pos) {
  const std::size_t left = utf8.size() - pos;
  const auto byte = [&](std::size_t i) { return static_cast<char32_t>(utf8[pos + i]) & 0xFF; };
  const auto trails = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
  const char32_t lead = byte(0);
  if (lead < 0x80) {
    pos += 1;
    return lead;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {  // first: nearly all Chinese text
    if (left < 3 || !trails(1) || !trails(2)) return kIllFormed;
    const char32_t c = (lead & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return kIllFormed;  // overlong, surrogate
    pos += 3;
    return c;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (left < 2 || !trails(1)) return kIllFormed;
    const char32_t c = (lead & 0x1F) << 6 | (byte(1) & 0x3F);
    pos += 2;
    return c;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !trails(1) || !trails(2) || !trails(3)) return kIllFormed;
    const char32_t c =
        (lead & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 | (byte(3) & 0x3F);
    if (c < 0x10000 || c > 0x10FFFF) return kIllFormed;  // overlong, beyond Unicode
    pos += 4;
    return c;
  }
  return kIllFormed;  // a continuation byte, an overlong lead (C0, C1) or F5..FF
}

// text_cells of well-formed UTF-8, decoded in place: the page estimate runs
// over all of a document's text, and the copy to UTF-16 took as long as writing
// the XML. Nullopt when it is not well-formed: ICU's substitution decides then.
std::optional<double> well_formed_cells(std::string_view utf8) {
  std::size_t halves = 0;  // a narrow character is one, a wide one two
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t c = next_well_formed(utf8, pos);
    if (c == kIllFormed) return std::nullopt;
    halves += is_wide(c) ? 2 : 1;
  }
  return static_cast<double>(halves) / 2;  // exact, as the sum of halves and ones was
}

}  // namespace

double text_cells(std::string_view utf8) {
  if (const std::optional<double> width = well_formed_cells(utf8)) return *width;
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
