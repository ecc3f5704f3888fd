#include "stages/clean.hpp"

#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <iterator>

#include "stages/markers.hpp"
#include "stages/regex_prefilter.hpp"
#include "stages/resources.hpp"
#include "stages/text.hpp"

namespace docpipe {

struct NoiseRules::Rule {
  Kind kind = Kind::span;
  std::string id;
  std::string origin;  // file:line of its definition
  std::unique_ptr<icu::RegexPattern> pattern;
  RegexPrefilter prefilter;  // literals every match contains: most lines skip the regex
};

NoiseRules::NoiseRules() = default;
NoiseRules::~NoiseRules() = default;
NoiseRules::NoiseRules(NoiseRules&&) noexcept = default;
NoiseRules& NoiseRules::operator=(NoiseRules&&) noexcept = default;

NoiseRules NoiseRules::builtin() {
  NoiseRules rules;
  rules.add(resources::builtin_noise_rules(), "built-in noise rules");
  return rules;
}

namespace {

std::string_view next_token(std::string_view& rest) {
  const auto start = rest.find_first_not_of(" \t");
  if (start == std::string_view::npos) {
    rest = {};
    return {};
  }
  rest.remove_prefix(start);
  const auto end = std::min(rest.find_first_of(" \t"), rest.size());
  const std::string_view token = rest.substr(0, end);
  rest.remove_prefix(end);
  return token;
}

}  // namespace

void NoiseRules::add(std::string_view rules_text, const std::string& origin) {
  int line_number = 0;
  while (!rules_text.empty()) {
    ++line_number;
    const auto end = std::min(rules_text.find('\n'), rules_text.size());
    std::string_view line = rules_text.substr(0, end);
    rules_text.remove_prefix(std::min(end + 1, rules_text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;

    const std::string where = origin + ":" + std::to_string(line_number);
    std::string_view rest = line;
    const std::string_view kind = next_token(rest);
    const std::string_view id = next_token(rest);
    const auto pattern_start = rest.find_first_not_of(" \t");
    if (id.empty() || pattern_start == std::string_view::npos) {
      throw RulesError(where + ": expected KIND ID PATTERN");
    }
    auto rule = std::make_unique<Rule>();
    if (kind == "span") {
      rule->kind = Kind::span;
    } else if (kind == "line") {
      rule->kind = Kind::line;
    } else {
      throw RulesError(where + ": unknown rule kind '" + std::string(kind) + "' (span or line)");
    }
    rule->id = std::string(id);
    rule->origin = where;
    const std::string pattern(rest.substr(pattern_start));
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    rule->pattern.reset(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, parse_error, status));
    if (U_FAILURE(status)) {
      throw RulesError(where + ": bad pattern (" + u_errorName(status) + " at offset " +
                       std::to_string(parse_error.offset) + ")");
    }
    rule->prefilter = RegexPrefilter::analyse(pattern);
    rules_.push_back(std::move(rule));
  }
}

namespace {

// A source line as the ICU path sees it: UTF-16, for the regex engine.
struct Utf16Line {
  icu::UnicodeString text;
  int line = 0;
  bool noise_removed_at_end = false;  // the line's real end was an ad: no evidence of a wrap
  bool removed_whole = false;
};

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

int column_of(const icu::UnicodeString& s, int32_t utf16_index) {
  return s.countChar32(0, utf16_index) + 1;
}

// Runs the rules from `first` on. The caller has found that rule `first` may match; the
// rules before it cannot.
void apply_rules(Utf16Line& work, const NoiseRules& rules, std::size_t first,
                 std::vector<Removal>& removals) {
  for (std::size_t k = first; k < rules.rules().size(); ++k) {
    const auto& rule = rules.rules()[k];
    if (work.text.isEmpty()) return;
    if (!rule->prefilter.may_match(work.text)) continue;  // the rule cannot match this line
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(rule->pattern->matcher(work.text, status));
    if (U_FAILURE(status)) continue;
    if (rule->kind == NoiseRules::Kind::line) {
      if (matcher->find(status) && U_SUCCESS(status)) {
        icu::UnicodeString whole(work.text);
        whole.trim();
        removals.push_back({work.line, 1, utf8(whole), rule->id});
        work.text.remove();
        work.removed_whole = true;
        return;
      }
      continue;
    }
    icu::UnicodeString kept;
    int32_t copied_to = 0;
    bool changed = false;
    // Columns are counted on from the previous match: counting from the line start for
    // every match made a long line full of noise quadratic.
    int32_t counted_to = 0;
    int column = column_of(work.text, 0);
    while (matcher->find(status) && U_SUCCESS(status)) {
      const int32_t start = matcher->start(status);
      const int32_t end = matcher->end(status);
      if (end == start) continue;
      column += work.text.countChar32(counted_to, start - counted_to);
      counted_to = start;
      removals.push_back(
          {work.line, column, utf8(work.text.tempSubStringBetween(start, end)), rule->id});
      kept.append(work.text, copied_to, start - copied_to);
      copied_to = end;
      changed = true;
    }
    if (!changed) continue;
    icu::UnicodeString tail = work.text.tempSubString(copied_to);
    kept.append(tail);
    if (tail.trim().isEmpty() && !kept.trim().isEmpty()) work.noise_removed_at_end = true;
    work.text = kept;
    if (work.text.trim().isEmpty()) work.removed_whole = true;
  }
}

// How many characters of `original` come before the first character `cleaned` keeps.
int leading_columns(const icu::UnicodeString& original, const icu::UnicodeString& cleaned,
                    bool noise_removed) {
  int32_t first = 0;
  while (first < cleaned.length() && text::is_space(cleaned.char32At(first))) {
    first = cleaned.moveIndex32(first, 1);
  }
  if (first >= cleaned.length()) return 0;
  if (!noise_removed) return cleaned.countChar32(0, first);
  // Find where the kept text starts in the line as it was before the noise went.
  const icu::UnicodeString start = cleaned.tempSubString(first, 8);
  const int32_t at = original.indexOf(start);
  return at < 0 ? 0 : original.countChar32(0, at);
}

// The same for a line no rule changed: its leading spaces, or 0 when it is all spaces.
int leading_spaces(std::string_view line) {
  int count = 0;
  for (std::size_t at = 0; at < line.size(); ++count) {
    if (!text::is_space(text::next_char(line, at))) return count;
  }
  return 0;
}

// A source line on its way through cleaning. Its text is UTF-8 and, for most lines, a view
// into the decoded text: only a line that cleaning changes gets a string of its own.
struct WorkLine {
  std::string_view text;
  int line = 0;
  int lead = 0;  // characters of the source line before the first one kept (indentation, ads)
  bool noise_removed_at_end = false;  // the line's real end was an ad: no evidence of a wrap
  bool removed_whole = false;
};

// Zero-width characters carry nothing a reader sees and break matching.
constexpr std::string_view kInvisible[] = {"\u200B", "\uFEFF", "\u2060"};

bool has_invisible(std::string_view s) {
  return std::any_of(std::begin(kInvisible), std::end(kInvisible),
                     [&](std::string_view c) { return text::contains(s, c); });
}

std::string without_invisible(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t at = 0; at < s.size();) {
    const std::size_t start = at;
    text::next_char(s, at);
    const std::string_view c = s.substr(start, at - start);
    if (std::find(std::begin(kInvisible), std::end(kInvisible), c) == std::end(kInvisible)) {
      out.append(c);
    }
  }
  return out;
}

// The strings made for lines that cleaning changed; a deque, so views into them stay valid.
using LineStorage = std::deque<std::string>;

// Step 1 for one line: NFC, invisible characters out, noise rules, and the line's lead. The
// line goes to ICU's UTF-16 only where it must change (not NFC) or a rule may match it.
WorkLine clean_line(std::string_view raw, int line_number, const icu::Normalizer2& nfc,
                    UErrorCode& status, const NoiseRules& rules, std::vector<Removal>& removals,
                    LineStorage& storage) {
  WorkLine work;
  work.line = line_number;
  work.text = raw;
  if (U_SUCCESS(status) && !nfc.isNormalizedUTF8(work.text, status)) {
    work.text =
        storage.emplace_back(utf8(nfc.normalize(icu::UnicodeString::fromUTF8(work.text), status)));
  }
  if (has_invisible(work.text)) work.text = storage.emplace_back(without_invisible(work.text));
  const auto& all = rules.rules();
  std::size_t first = 0;
  while (first < all.size() && !work.text.empty() && !all[first]->prefilter.may_match(work.text)) {
    ++first;
  }
  if (first == all.size() || work.text.empty()) {
    work.lead = leading_spaces(work.text);
    return work;
  }
  Utf16Line utf16{icu::UnicodeString::fromUTF8(work.text), line_number};
  const icu::UnicodeString before_rules = utf16.text;
  const std::size_t removals_before = removals.size();
  apply_rules(utf16, rules, first, removals);
  work.lead = leading_columns(before_rules, utf16.text, removals.size() > removals_before);
  work.noise_removed_at_end = utf16.noise_removed_at_end;
  work.removed_whole = utf16.removed_whole;
  if (removals.size() > removals_before) work.text = storage.emplace_back(utf8(utf16.text));
  return work;
}

bool has_punctuation(std::string_view s) {
  for (std::size_t at = 0; at < s.size();) {
    if (text::is_punctuation(text::next_char(s, at))) return true;
  }
  return false;
}

bool looks_like_salutation(std::string_view s) {
  return text::ends_with_colon(s) && text::display_width(s) <= 20 &&
         !text::has_sentence_end_inside(s);
}

// Whether `next` continues the sentence that `line` was cut off in (a hard wrap). Titles,
// headings, stand-alone lines such as verse, and lines ending with a colon are never joined.
bool continues(const WorkLine& line, std::string_view a, std::string_view b) {
  if (line.noise_removed_at_end) return false;  // the line really ended there: an ad followed
  if (text::ends_sentence(a)) return false;
  const int width_a = text::display_width(a);
  const int width_b = text::display_width(b);
  if (width_a < 20) return false;         // short lines are titles and headings
  if (!has_punctuation(a)) return false;  // a title, or a line of verse
  if (width_b > width_a + 4)
    return false;                     // a wrapped line is as wide as the wrap allows:
                                      // the line after it cannot be much wider
  if (parse_marker(b)) return false;  // the next line starts a numbered item
  if (looks_like_salutation(b)) return false;
  if (!text::ends_sentence(b) && (width_b + 2 < width_a || !has_punctuation(b))) {
    return false;  // the next line stands alone (a title); a wrapped tail ends its sentence
  }
  if (parse_marker(a) && !text::has_sentence_end_inside(a)) {
    // A numbered line without a full stop is a stand-alone heading unless what follows is
    // plainly its cut-off tail: shorter, and ending the sentence.
    if (!(width_b < width_a && text::ends_sentence(b))) return false;
  }
  return true;
}

bool is_ascii_word(char c) {
  return static_cast<unsigned char>(c) < 0x80 && std::isalnum(static_cast<unsigned char>(c));
}

}  // namespace

std::pair<int, int> CleanLine::source_position(std::size_t offset) const {
  if (pieces.empty()) return {line, static_cast<int>(offset) + 1};
  auto piece = pieces.begin();
  for (auto it = pieces.begin(); it != pieces.end() && it->offset <= offset; ++it) piece = it;
  return {piece->line, piece->column + static_cast<int>(offset - piece->offset)};
}

CleanText clean(const DecodedText& decoded, const NoiseRules& rules) {
  CleanText result;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);

  // 1. Per line: NFC, noise removal, trimming.
  // 2. Blank lines collapse into a flag on the next line; lines emptied by noise removal
  //    vanish without leaving a blank (they were not blank in the source).
  struct Kept {
    WorkLine work;  // its text trimmed
    bool blank_before;
  };
  std::vector<Kept> kept;
  LineStorage storage;
  std::string_view rest = decoded.text;
  int line_number = 0;
  bool blank = false;
  while (!rest.empty() || line_number == 0) {
    ++line_number;
    const auto end = std::min(rest.find('\n'), rest.size());
    WorkLine line =
        clean_line(rest.substr(0, end), line_number, *nfc, status, rules, result.removals, storage);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    line.text = text::trim_view(line.text);
    if (line.text.empty()) {
      if (!line.removed_whole) blank = true;
    } else {
      kept.push_back({line, blank && !kept.empty()});
      blank = false;
    }
    if (rest.empty()) break;
  }

  // 3. Re-join hard-wrapped lines. Piece offsets count characters.
  result.lines.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const auto& current = kept[i];
    CleanLine out;
    out.line = current.work.line;
    out.blank_before = current.blank_before;
    out.pieces.push_back({0, current.work.line, current.work.lead + 1});
    out.text = current.work.text;
    std::size_t characters = 0;  // in out.text, counted only once a line is joined on
    const WorkLine* last = &current.work;
    while (i + 1 < kept.size() && !kept[i + 1].blank_before &&
           continues(*last, last->text, kept[i + 1].work.text)) {
      const WorkLine& next = kept[++i].work;
      if (characters == 0) characters = text::char_count(out.text);
      if (is_ascii_word(out.text.back()) && is_ascii_word(next.text.front())) {
        out.text += ' ';
        ++characters;
      }
      out.pieces.push_back({characters, next.line, next.lead + 1});
      out.text += next.text;
      characters += text::char_count(next.text);
      out.joined_lines.push_back(next.line);
      last = &next;
    }
    result.lines.push_back(std::move(out));
  }

  for (const auto& removal : result.removals) {
    result.diagnostics.push_back({Severity::note, "noise.removed", removal.line, removal.column,
                                  "removed noise (" + removal.rule + "): " + removal.text});
  }
  return result;
}

}  // namespace docpipe
