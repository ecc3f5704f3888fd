#include "stages/inspect.hpp"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "stages/regex_prefilter.hpp"
#include "stages/text.hpp"

namespace docpipe {

namespace {

struct NamedPattern {
  const char* what;
  const char* pattern;
};

// Contact details and links that a clean submission does not carry in its body text.
constexpr NamedPattern kSuspectedNoise[] = {
    {"a web address", R"((?i)(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+)"},
    // Bounded repeats: an unbounded one before '@' would make a long run of letters quadratic.
    {"an e-mail address", R"([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})"},
    {"a mobile phone number", R"((?<![0-9])1[3-9][0-9]{9}(?![0-9]))"},
    {"a 微信/QQ id", R"((?:微信|威信|VX|vx|Vx|wx|WX|QQ|qq|扣扣)号?\s*[:：]?\s*[A-Za-z0-9_-]{5,})"},
};

// Placeholders a template left behind: XX市, ××同志, X月X日.
constexpr const char* kPlaceholder = R"((?<![A-Za-z])(?:X{2,}|Ｘ{2,}|×{2,})(?![A-Za-z])|[XＸ×]月[XＸ×]日)";

std::unique_ptr<icu::RegexPattern> compile(const char* pattern) {
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexPattern> compiled(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, parse_error, status));
  if (U_FAILURE(status)) throw std::logic_error(std::string("bad inspect pattern: ") + pattern);
  return compiled;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

Diagnostic warning_at(const std::string& rule, std::pair<int, int> position, std::string message) {
  return {Severity::warning, rule, position.first, position.second, std::move(message)};
}

// The GB/T 9704 order of numbering families; other families have no rank.
int rank_of(const std::string& family) {
  if (family == "cn-dun") return 1;
  if (family == "cn-paren") return 2;
  if (family == "arabic-dot") return 3;
  if (family == "arabic-paren") return 4;
  return 0;
}

const char* example_of_rank(int rank) {
  static constexpr const char* kExamples[] = {"", "一、", "（一）", "1.", "（1）"};
  return kExamples[rank];
}

bool is_cjk(char32_t c) {
  return text::is_han(c) || (c >= U'\u3000' && c <= U'\u303F') || (c >= U'\uFF00' && c <= U'\uFF60');
}

}  // namespace

struct Inspector::Patterns {
  std::vector<std::pair<std::string, std::unique_ptr<icu::RegexPattern>>> suspected_noise;
  std::unique_ptr<icu::RegexPattern> placeholder;
  // Literals every match contains (stages/regex_prefilter.hpp): most lines skip the regex.
  std::vector<RegexPrefilter> suspected_noise_prefilters;
  RegexPrefilter placeholder_prefilter;
};

Inspector::Inspector() : patterns_(std::make_unique<Patterns>()) {
  for (const auto& [what, pattern] : kSuspectedNoise) {
    patterns_->suspected_noise.emplace_back(what, compile(pattern));
    patterns_->suspected_noise_prefilters.push_back(RegexPrefilter::analyse(pattern));
  }
  patterns_->placeholder = compile(kPlaceholder);
  patterns_->placeholder_prefilter = RegexPrefilter::analyse(kPlaceholder);
}

Inspector::~Inspector() = default;

namespace {

class Inspection {
 public:
  Inspection(const CleanText& text, const DocumentStructure& structure, Diagnostics& out)
      : text_(text), structure_(structure), out_(out) {}

  void lines(const Inspector::Patterns& patterns) {
    std::u32string chars;  // the line as UTF-32; reused
    for (const CleanLine& line : text_.lines) {
      text::to_utf32(line.text, chars);
      half_width_punctuation(line, chars);
      unbalanced(line, chars);
      // The prefilters read the UTF-8; the few lines a pattern may match are converted to
      // UTF-16 for ICU, once for every pattern.
      std::optional<icu::UnicodeString> utf16;
      auto as_utf16 = [&]() -> const icu::UnicodeString& {
        if (!utf16) utf16 = icu::UnicodeString::fromUTF8(line.text);
        return *utf16;
      };
      if (patterns.placeholder_prefilter.may_match(std::string_view(line.text))) {
        matches(line, as_utf16(), *patterns.placeholder, "text.placeholder",
                "placeholder text left in: ");
      }
      for (std::size_t k = 0; k < patterns.suspected_noise.size(); ++k) {
        if (!patterns.suspected_noise_prefilters[k].may_match(std::string_view(line.text)))
          continue;
        const auto& [what, pattern] = patterns.suspected_noise[k];
        matches(line, as_utf16(), *pattern, "noise.suspected",
                "suspected noise left in the text (" + what + "): ");
      }
    }
  }

  void structure() {
    declared_count();
    contents();
    for (const Article& article : structure_.articles) {
      if (article.body.empty()) {
        const int line = article.title ? article.title->line : 0;
        out_.push_back({Severity::warning, "structure.empty-article", line, 0,
                        article.title ? "the article '" + article.title->text + "' has no body text"
                                      : "an article has no body text"});
      }
      numbering(article);
    }
  }

 private:
  // The clean lines are in source order: the one starting at `line` is found by bisection.
  std::pair<int, int> position_of_line(int line) const {
    const auto found =
        std::lower_bound(text_.lines.begin(), text_.lines.end(), line,
                         [](const CleanLine& l, int wanted) { return l.line < wanted; });
    return found == text_.lines.end() || found->line != line ? std::pair<int, int>{line, 0}
                                                             : found->source_position(0);
  }

  void matches(const CleanLine& line, const icu::UnicodeString& text, const icu::RegexPattern& pattern,
               const std::string& rule, const std::string& message) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(text, status));
    if (U_FAILURE(status) || !matcher->find(status) || U_FAILURE(status)) return;
    const int32_t start = matcher->start(status);
    const auto offset = static_cast<std::size_t>(text.countChar32(0, start));
    out_.push_back(warning_at(rule, line.source_position(offset), message + utf8(matcher->group(status))));
  }

  void half_width_punctuation(const CleanLine& line, const std::u32string& chars) {
    static constexpr std::u32string_view kHalfWidth = U",;:?!";
    for (std::size_t i = 1; i + 1 < chars.size(); ++i) {
      if (kHalfWidth.find(chars[i]) == std::u32string_view::npos) continue;
      std::size_t before = i;
      while (before > 0 && text::is_space(chars[before - 1])) --before;
      std::size_t after = i + 1;
      while (after < chars.size() && text::is_space(chars[after])) ++after;
      if (before == 0 || after >= chars.size()) continue;
      if (!is_cjk(chars[before - 1]) || !text::is_han(chars[after])) continue;
      std::string found;
      text::append_utf8(found, chars[i]);
      out_.push_back(warning_at("text.half-width-punctuation", line.source_position(i),
                                "half-width '" + found + "' in Chinese text (use the full-width form)"));
      return;  // once a paragraph is enough to point at the habit
    }
  }

  // Each pair on its own: the first close without an open, or else the first open left
  // unclosed. One pass over the line for all pairs; reported in the pairs' order.
  void unbalanced(const CleanLine& line, const std::u32string& chars) {
    static constexpr std::pair<char32_t, char32_t> kPairs[] = {
        {U'“', U'”'}, {U'‘', U'’'}, {U'（', U'）'}, {U'《', U'》'}, {U'【', U'】'}};
    constexpr std::size_t kCount = std::size(kPairs);
    struct State {
      int depth = 0;
      std::size_t first_open = 0;
      bool closed_too_often = false;
      std::size_t at = 0;  // of the close without an open
    };
    std::array<State, kCount> states{};
    for (std::size_t i = 0; i < chars.size(); ++i) {
      const char32_t c = chars[i];
      if (!could_be_bracket(c)) continue;
      for (std::size_t k = 0; k < kCount; ++k) {
        State& state = states[k];
        if (state.closed_too_often) continue;
        if (c == kPairs[k].first) {
          if (state.depth == 0) state.first_open = i;
          ++state.depth;
        } else if (c == kPairs[k].second && --state.depth < 0) {
          state.closed_too_often = true;
          state.at = i;
        }
      }
    }
    for (std::size_t k = 0; k < kCount; ++k) {
      const auto [open, close] = kPairs[k];
      if (states[k].closed_too_often) {
        report_unbalanced(line, states[k].at, close, open);
      } else if (states[k].depth > 0) {
        report_unbalanced(line, states[k].first_open, open, close);
      }
    }
  }

  // A cheap test that lets most characters (Chinese ones) skip the pairs.
  static bool could_be_bracket(char32_t c) {
    return (c >= U'‘' && c <= U'”') || (c >= U'《' && c <= U'】') || c == U'（' || c == U'）';
  }

  void report_unbalanced(const CleanLine& line, std::size_t at, char32_t found, char32_t missing) {
    std::string message = "unbalanced '";
    text::append_utf8(message, found);
    message += "': no matching '";
    text::append_utf8(message, missing);
    message += "' in this paragraph";
    out_.push_back(warning_at("text.unbalanced", line.source_position(at), message));
  }

  void declared_count() {
    const int declared = structure_.declared_articles;
    const int found = static_cast<int>(structure_.articles.size());
    if (declared <= 0 || declared == found) return;
    out_.push_back(warning_at("structure.count-mismatch", position_of_line(structure_.declared_line),
                              "the text declares " + std::to_string(declared) + " articles but " +
                                  std::to_string(found) + " were found"));
  }

  static std::string squeeze(const std::string& s) {
    std::string out;
    for (char32_t c : text::to_utf32(s)) {
      if (!text::is_space(c)) text::append_utf8(out, c);
    }
    return out;
  }

  void contents() {
    if (!structure_.toc) return;
    std::vector<bool> listed(structure_.articles.size(), false);
    std::size_t next = 0;
    for (const TocEntry& entry : structure_.toc->entries) {
      const std::string wanted = squeeze(entry.text);
      bool matched = false;
      for (std::size_t a = next; a < structure_.articles.size() && !matched; ++a) {
        const auto& title = structure_.articles[a].title;
        if (!title || listed[a]) continue;
        const std::string have = squeeze(title->text);
        if (have == wanted || have.rfind(wanted, 0) == 0 || wanted.rfind(have, 0) == 0) {
          listed[a] = true;
          next = a + 1;
          matched = true;
        }
      }
      if (!matched) {
        out_.push_back(warning_at("structure.toc-unmatched", position_of_line(entry.line),
                                  "the 目录 entry '" + entry.text + "' has no matching article"));
      }
    }
    for (std::size_t a = 0; a < structure_.articles.size(); ++a) {
      const auto& title = structure_.articles[a].title;
      if (listed[a] || !title) continue;
      out_.push_back(warning_at("structure.toc-missing", position_of_line(title->line),
                                "the article '" + title->text + "' is not listed in the 目录"));
    }
  }

  void numbering(const Article& article) {
    struct Open {
      std::size_t index;
      int level;
    };
    std::vector<Open> open;
    std::set<int> ranks_used;
    for (const BodyBlock& block : article.body) {
      if (block.kind == BodyBlock::Kind::heading && rank_of(block.family) > 0) ranks_used.insert(rank_of(block.family));
    }
    std::map<std::pair<long, std::string>, int> last_number;  // (parent, family) → last number
    std::set<int> ranks_seen;
    std::set<std::string> order_reported;
    for (std::size_t k = 0; k < article.body.size(); ++k) {
      const BodyBlock& heading = article.body[k];
      if (heading.kind != BodyBlock::Kind::heading) continue;
      while (!open.empty() && open.back().level >= heading.level) open.pop_back();
      const long parent = open.empty() ? -1 : static_cast<long>(open.back().index);
      const auto where = position_of_line(heading.line);
      const int rank = rank_of(heading.family);

      // 首先/其次 and 一方面/另一方面 count in words; their order is not numbering.
      const bool in_words = heading.family == "other" || heading.marker.find("方面") != std::string::npos;
      if (heading.number > 0 && !heading.marker.empty() && !in_words) {
        auto [it, first] = last_number.try_emplace({parent, heading.family}, heading.number);
        if (first && heading.number != 1) {
          out_.push_back(warning_at("numbering.skip", where,
                                    "the numbering starts at " + heading.marker + " instead of its first number"));
        } else if (!first) {
          const int last = it->second;
          if (heading.number == last + 1 || (heading.number == 1 && last > 1)) {
            // the next number, or a new list starting again under the same parent
          } else if (heading.number > last + 1) {
            out_.push_back(warning_at("numbering.skip", where,
                                      "numbering skips from " + std::to_string(last) + " to " + heading.marker));
          } else {
            out_.push_back(warning_at("numbering.repeat", where,
                                      heading.marker + " repeats or goes back (the one before was number " +
                                          std::to_string(last) + ")"));
          }
          it->second = heading.number;
        }
      }

      if (rank > 0) {
        for (int higher : ranks_used) {
          if (higher >= rank) break;
          if (ranks_seen.count(higher) == 0 && order_reported.insert(heading.family).second) {
            out_.push_back(warning_at("numbering.order", where,
                                      heading.marker + " comes before any " + example_of_rank(higher) +
                                          " heading, which ranks above it"));
          }
        }
        if (!open.empty()) {
          const int parent_rank = rank_of(article.body[open.back().index].family);
          for (int between = parent_rank + 1; parent_rank > 0 && between < rank; ++between) {
            if (ranks_used.count(between) > 0) {
              out_.push_back(warning_at("numbering.level-jump", where,
                                        heading.marker + " sits directly under " +
                                            article.body[open.back().index].marker + ", skipping the " +
                                            example_of_rank(between) + " level"));
              break;
            }
          }
        }
        ranks_seen.insert(rank);
      }
      open.push_back({k, heading.level});
    }
  }

  const CleanText& text_;
  const DocumentStructure& structure_;
  Diagnostics& out_;
};

}  // namespace

Diagnostics Inspector::inspect(const CleanText& text, const DocumentStructure& structure) const {
  Diagnostics out;
  Inspection inspection(text, structure, out);
  inspection.lines(*patterns_);
  inspection.structure();
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return out;
}

}  // namespace docpipe
