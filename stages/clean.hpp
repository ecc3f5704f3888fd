// Clean: strip the document site's noise, normalise, and re-join hard-wrapped lines.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "stages/decode.hpp"
#include "stages/diagnostic.hpp"

namespace docpipe {

// A noise rules file could not be read or has a bad rule; the message names file and line.
class RulesError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The noise rules: data, not code (see rules/noise.rules for the format). Compiled once per
// run and shared read-only by every document.
class NoiseRules {
 public:
  enum class Kind { span, line };
  struct Rule;  // defined in clean.cpp (holds the compiled ICU pattern)

  NoiseRules();
  ~NoiseRules();
  NoiseRules(NoiseRules&&) noexcept;
  NoiseRules& operator=(NoiseRules&&) noexcept;

  // The rules shipped with docpipe.
  static NoiseRules builtin();
  // Adds the rules in `rules_text`; `origin` (a file name) is used in error messages.
  void add(std::string_view rules_text, const std::string& origin);
  std::size_t size() const { return rules_.size(); }
  const std::vector<std::unique_ptr<const Rule>>& rules() const { return rules_; }

 private:
  std::vector<std::unique_ptr<const Rule>> rules_;
};

// One piece of noise taken out of the text, for the report.
struct Removal {
  int line = 0;
  int column = 0;  // 1-based, in characters of the source line
  std::string text;
  std::string rule;
};

struct CleanLine {
  std::string text;               // NFC, trimmed, never empty
  int line = 0;                   // source line where it starts
  bool blank_before = false;      // one or more blank lines separated it from the line before
  std::vector<int> joined_lines;  // source lines re-joined onto it (hard-wrap continuations)

  // Where the text came from: each piece starts at `offset` characters into `text` and at
  // (line, column) of the source. A line re-joined from a hard wrap has several pieces.
  struct Piece {
    std::size_t offset = 0;
    int line = 0;
    int column = 1;
  };
  std::vector<Piece> pieces;

  // The source line and column of the character `offset` characters into `text`.
  std::pair<int, int> source_position(std::size_t offset) const;
};

struct CleanText {
  std::vector<CleanLine> lines;
  std::vector<Removal> removals;
  Diagnostics diagnostics;
};

CleanText clean(const DecodedText& decoded, const NoiseRules& rules);

}  // namespace docpipe
