// A cheap necessary condition for an ICU regular expression to match: literal strings that
// every match must contain, found by reading the pattern. Used by clean to skip noise rules
// that cannot match a line without running the regex engine (most lines are body text and
// match no rule). The prefilter never changes a result: it only says "cannot match" when no
// match is possible; for any pattern it does not fully understand it says nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/unistr.h>

namespace docpipe {

class RegexPrefilter {
 public:
  // Analyses an ICU pattern (UTF-8, compiled with no flags). Never throws: a pattern it
  // cannot read gives an inactive prefilter.
  static RegexPrefilter analyse(std::string_view pattern_utf8);

  // False only when the pattern cannot match anywhere in `text`.
  bool may_match(const icu::UnicodeString& text) const;
  // The same for UTF-8 text, without converting it: a string occurs in valid UTF-8 exactly
  // where it occurs in the same text as UTF-16.
  bool may_match(std::string_view utf8) const;

  // Whether there is anything to check (false: may_match is always true).
  bool active() const { return !clauses_.empty(); }

  // Every clause must have one of its strings in the text (for tests and diagnostics).
  const std::vector<std::vector<icu::UnicodeString>>& clauses() const { return clauses_; }

 private:
  // One string of a clause, by its first UTF-16 unit, for the one-pass scan of may_match.
  struct Candidate {
    char16_t first = 0;
    std::size_t clause = 0;
    std::u16string text;
  };

  std::vector<std::vector<icu::UnicodeString>> clauses_;  // at most 64
  std::vector<std::vector<std::string>> utf8_clauses_;    // the same strings in UTF-8
  std::vector<Candidate> candidates_;                     // sorted by first unit
  std::vector<std::uint64_t> first_units_;                // bitmap of the candidates' first units
};

}  // namespace docpipe
