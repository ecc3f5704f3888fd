#include "stages/inspect.hpp"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
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
  // What the prefilter reads instead of `pattern` (null: the pattern itself): a pattern that
  // matches wherever `pattern` does, written so that the prefilter finds sharper literals
  // in it. Without one the web address pattern, whose (?i) the prefilter cannot read, ran
  // the regex engine on every line.
  const char* prefilter = nullptr;
};

// Contact details and links that a clean submission does not carry in its body text.
constexpr NamedPattern kSuspectedNoise[] = {
    // Every match has the "://" of https?:// or the '.' of www\. (in any case).
    {"a web address", R"((?i)(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+)", R"(://|\.)"},
    // Bounded repeats: an unbounded one before '@' would make a long run of letters quadratic.
    {"an e-mail address",
     R"([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})"},
    {"a mobile phone number", R"((?<![0-9])1[3-9][0-9]{9}(?![0-9]))"},
    {"a 微信/QQ id", R"((?:微信|威信|VX|vx|Vx|wx|WX|QQ|qq|扣扣)号?\s*[:：]?\s*[A-Za-z0-9_-]{5,})"},
};

// Placeholders a template left behind: XX市, ××同志, X月X日. The prefilter would take 月
// alone from the pattern's second branch, which most dated texts contain.
constexpr NamedPattern kPlaceholder = {
    "a placeholder", R"((?<![A-Za-z])(?:X{2,}|Ｘ{2,}|×{2,})(?![A-Za-z])|[XＸ×]月[XＸ×]日)",
    "XX|ＸＸ|××|月X日|月Ｘ日|月×日"};

RegexPrefilter prefilter_of(const NamedPattern& named) {
  return RegexPrefilter::analyse(named.prefilter ? named.prefilter : named.pattern);
}

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
  return text::is_han(c) || (c >= U'\u3000' && c <= U'\u303F') ||
         (c >= U'\uFF00' && c <= U'\uFF60');
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
  for (const NamedPattern& named : kSuspectedNoise) {
    patterns_->suspected_noise.emplace_back(named.what, compile(named.pattern));
    patterns_->suspected_noise_prefilters.push_back(prefilter_of(named));
  }
  patterns_->placeholder = compile(kPlaceholder.pattern);
  patterns_->placeholder_prefilter = prefilter_of(kPlaceholder);
}

Inspector::~Inspector() = default;

namespace {

class Inspection {
 public:
  Inspection(const CleanText& text, const DocumentStructure& structure, Diagnostics& out)
      : text_(text), structure_(structure), out_(out) {}

  void lines(const Inspector::Patterns& patterns) {
    // Declared before the matchers, which refer to it until they are reset to another line.
    std::optional<icu::UnicodeString> utf16;
    // One matcher per pattern for the whole text, reset to each line it is run on: making
    // one per line cost more than the few lines that pass the prefilters.
    const auto placeholder = matcher_of(*patterns.placeholder);
    std::vector<std::unique_ptr<icu::RegexMatcher>> suspected_noise;
    for (const auto& named : patterns.suspected_noise)
      suspected_noise.push_back(matcher_of(*named.second));
    for (const CleanLine& line : text_.lines) {
      half_width_punctuation(line);
      unbalanced(line);
      // The prefilters read the UTF-8; the few lines a pattern may match are converted to
      // UTF-16 for ICU, once for every pattern.
      utf16.reset();
      auto as_utf16 = [&]() -> const icu::UnicodeString& {
        if (!utf16) utf16 = icu::UnicodeString::fromUTF8(line.text);
        return *utf16;
      };
      if (patterns.placeholder_prefilter.may_match(std::string_view(line.text))) {
        matches(line, as_utf16(), placeholder.get(), "text.placeholder",
                "placeholder text left in: ");
      }
      for (std::size_t k = 0; k < patterns.suspected_noise.size(); ++k) {
        if (!patterns.suspected_noise_prefilters[k].may_match(std::string_view(line.text)))
          continue;
        matches(line, as_utf16(), suspected_noise[k].get(), "noise.suspected",
                "suspected noise left in the text (" + patterns.suspected_noise[k].first + "): ");
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

  // Null when ICU could not make one (out of memory): the pattern then finds nothing.
  static std::unique_ptr<icu::RegexMatcher> matcher_of(const icu::RegexPattern& pattern) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(status));
    return U_FAILURE(status) ? nullptr : std::move(matcher);
  }

  void matches(const CleanLine& line, const icu::UnicodeString& text, icu::RegexMatcher* matcher,
               const std::string& rule, const std::string& message) {
    if (matcher == nullptr) return;
    UErrorCode status = U_ZERO_ERROR;
    matcher->reset(text);
    if (!matcher->find(status) || U_FAILURE(status)) return;
    const int32_t start = matcher->start(status);
    const auto offset = static_cast<std::size_t>(text.countChar32(0, start));
    out_.push_back(
        warning_at(rule, line.source_position(offset), message + utf8(matcher->group(status))));
  }

  // The checks below read the UTF-8 bytes: every character they look for is either ASCII,
  // which in UTF-8 is always a whole character, or a 3-byte sequence with a rare lead byte.
  // Only the few places found are decoded, and a byte offset becomes a character offset
  // only for a report.
  std::pair<int, int> position_of_byte(const CleanLine& line, std::size_t byte) const {
    return line.source_position(text::char_count(std::string_view(line.text).substr(0, byte)));
  }

  // The first byte at or after `from` that is one of `bytes` (no NUL among them), or the
  // line's size. strcspn, which glibc vectorises, skips most of a line 16 bytes at a time,
  // where a loop over the bytes was the largest cost of inspect; a NUL byte in the line
  // stops it, and is stepped over.
  static std::size_t find_byte_of(const std::string& line, std::size_t from, const char* bytes) {
    while (from < line.size()) {
      from += std::strcspn(line.c_str() + from, bytes);
      if (from == line.size() || line[from] != '\0') return from;
      ++from;
    }
    return line.size();
  }

  // The first character before byte `end` that is not a space, or 0 when there is none.
  static char32_t significant_before(std::string_view s, std::size_t end) {
    while (end > 0) {
      const char32_t c = text::previous_char(s, end);
      if (!text::is_space(c)) return c;
    }
    return 0;
  }

  // The first character from byte `at` on that is not a space, or 0 when there is none.
  static char32_t significant_from(std::string_view s, std::size_t at) {
    while (at < s.size()) {
      const char32_t c = text::next_char(s, at);
      if (!text::is_space(c)) return c;
    }
    return 0;
  }

  // Neither the first nor the last character of the line, between a Chinese character (or
  // full-width punctuation) and a Chinese character, spaces aside.
  void half_width_punctuation(const CleanLine& line) {
    const std::string_view s = line.text;
    for (std::size_t at = find_byte_of(line.text, 1, ",;:?!"); at + 1 < s.size();
         at = find_byte_of(line.text, at + 1, ",;:?!")) {
      const char32_t before = significant_before(s, at);
      const char32_t after = significant_from(s, at + 1);
      if (before == 0 || after == 0 || !is_cjk(before) || !text::is_han(after)) continue;
      out_.push_back(warning_at(
          "text.half-width-punctuation", position_of_byte(line, at),
          "half-width '" + std::string(1, s[at]) + "' in Chinese text (use the full-width form)"));
      return;  // once a paragraph is enough to point at the habit
    }
  }

  // Each pair on its own: the first close without an open, or else the first open left
  // unclosed. One pass over the line for all pairs; reported in the pairs' order.
  void unbalanced(const CleanLine& line) {
    static constexpr std::pair<char32_t, char32_t> kPairs[] = {
        {U'“', U'”'}, {U'‘', U'’'}, {U'（', U'）'}, {U'《', U'》'}, {U'【', U'】'}};
    constexpr std::size_t kCount = std::size(kPairs);
    struct State {
      int depth = 0;
      std::size_t first_open = 0;  // byte offset
      bool closed_too_often = false;
      std::size_t at = 0;  // byte offset of the close without an open
    };
    std::array<State, kCount> states{};
    const std::string_view s = line.text;
    for (std::size_t at = find_byte_of(line.text, 0, kBracketLeads); at < s.size();
         at = find_byte_of(line.text, at, kBracketLeads)) {
      const std::size_t start = at;
      const char32_t c = text::next_char(s, at);
      if (!could_be_bracket(c)) continue;
      for (std::size_t k = 0; k < kCount; ++k) {
        State& state = states[k];
        if (state.closed_too_often) continue;
        if (c == kPairs[k].first) {
          if (state.depth == 0) state.first_open = start;
          ++state.depth;
        } else if (c == kPairs[k].second && --state.depth < 0) {
          state.closed_too_often = true;
          state.at = start;
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

  // The UTF-8 lead bytes of the brackets (U+2018…U+201D, U+300A…U+3011, U+FF08, U+FF09):
  // Chinese characters (E4…E9) and continuation bytes are skipped without decoding.
  static constexpr const char* kBracketLeads = "\xE2\xE3\xEF";

  // A cheap test that lets most characters (Chinese ones) skip the pairs.
  static bool could_be_bracket(char32_t c) {
    return (c >= U'‘' && c <= U'”') || (c >= U'《' && c <= U'】') || c == U'（' || c == U'）';
  }

  void report_unbalanced(const CleanLine& line, std::size_t byte, char32_t found,
                         char32_t missing) {
    std::string message = "unbalanced '";
    text::append_utf8(message, found);
    message += "': no matching '";
    text::append_utf8(message, missing);
    message += "' in this paragraph";
    out_.push_back(warning_at("text.unbalanced", position_of_byte(line, byte), message));
  }

  void declared_count() {
    const int declared = structure_.declared_articles;
    const int found = static_cast<int>(structure_.articles.size());
    if (declared <= 0 || declared == found) return;
    out_.push_back(warning_at("structure.count-mismatch",
                              position_of_line(structure_.declared_line),
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
      if (block.kind == BodyBlock::Kind::heading && rank_of(block.family) > 0)
        ranks_used.insert(rank_of(block.family));
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
      const bool in_words =
          heading.family == "other" || heading.marker.find("方面") != std::string::npos;
      if (heading.number > 0 && !heading.marker.empty() && !in_words) {
        auto [it, first] = last_number.try_emplace({parent, heading.family}, heading.number);
        if (first && heading.number != 1) {
          out_.push_back(warning_at(
              "numbering.skip", where,
              "the numbering starts at " + heading.marker + " instead of its first number"));
        } else if (!first) {
          const int last = it->second;
          if (heading.number == last + 1 || (heading.number == 1 && last > 1)) {
            // the next number, or a new list starting again under the same parent
          } else if (heading.number > last + 1) {
            out_.push_back(warning_at(
                "numbering.skip", where,
                "numbering skips from " + std::to_string(last) + " to " + heading.marker));
          } else {
            out_.push_back(warning_at("numbering.repeat", where,
                                      heading.marker +
                                          " repeats or goes back (the one before was number " +
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
                                      heading.marker + " comes before any " +
                                          example_of_rank(higher) +
                                          " heading, which ranks above it"));
          }
        }
        if (!open.empty()) {
          const int parent_rank = rank_of(article.body[open.back().index].family);
          for (int between = parent_rank + 1; parent_rank > 0 && between < rank; ++between) {
            if (ranks_used.count(between) > 0) {
              out_.push_back(warning_at("numbering.level-jump", where,
                                        heading.marker + " sits directly under " +
                                            article.body[open.back().index].marker +
                                            ", skipping the " + example_of_rank(between) +
                                            " level"));
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
