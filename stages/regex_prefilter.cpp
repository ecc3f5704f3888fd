#include "stages/regex_prefilter.hpp"

#include <algorithm>
#include <utility>

#include "stages/text.hpp"

namespace docpipe {
namespace {

// What a (part of a) pattern needs: every clause must hold; a clause holds when one of its
// strings occurs in the text. No clauses: nothing is known.
using Clause = std::vector<std::u32string>;
using Clauses = std::vector<Clause>;

// Thrown inside the parser at anything it does not read with certainty; the whole pattern
// then gets no prefilter.
struct Unreadable {};

// The shortest string of a clause: the longer, the rarer a clause is likely to hold.
std::size_t shortest(const Clause& clause) {
  std::size_t n = clause.empty() ? 0 : clause.front().size();
  for (const auto& s : clause) n = std::min(n, s.size());
  return n;
}

bool worse(const Clause& a, const Clause& b) {
  if (shortest(a) != shortest(b)) return shortest(a) < shortest(b);
  return a.size() > b.size();
}

bool is_ascii_alnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

bool is_hex(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}

// A recursive-descent reader of ICU regular expression syntax, precise only about what a
// match must contain; it skips over everything else.
class Parser {
 public:
  explicit Parser(std::u32string pattern) : p_(std::move(pattern)) {}

  Clauses parse() {
    Clauses result = alternation();
    if (!at_end()) throw Unreadable{};  // an unmatched ')'
    return result;
  }

 private:
  struct Atom {
    bool literal = false;  // one literal character, `c`
    char32_t c = 0;
    Clauses needs;  // otherwise: what the atom needs
  };

  bool at_end() const { return pos_ >= p_.size(); }
  char32_t peek() const { return at_end() ? 0 : p_[pos_]; }
  char32_t take() {
    if (at_end()) throw Unreadable{};
    return p_[pos_++];
  }
  void skip_braces() {  // after \p \P \N \x: {…}
    if (take() != U'{') throw Unreadable{};
    while (take() != U'}') {
    }
  }

  // alternation := sequence ('|' sequence)*
  Clauses alternation() {
    std::vector<Clauses> alternatives;
    alternatives.push_back(sequence());
    while (!at_end() && peek() == U'|') {
      ++pos_;
      alternatives.push_back(sequence());
    }
    if (alternatives.size() == 1) return std::move(alternatives.front());
    // Some alternative matched: one of each alternative's best clause holds.
    Clause merged;
    for (const auto& alternative : alternatives) {
      if (alternative.empty()) return {};
      const Clause& best = *std::max_element(alternative.begin(), alternative.end(), worse);
      merged.insert(merged.end(), best.begin(), best.end());
    }
    std::sort(merged.begin(), merged.end());
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    return {merged};
  }

  // sequence := (atom quantifier?)*; runs of unquantified literal characters are strings.
  Clauses sequence() {
    Clauses result;
    std::u32string run;
    auto flush = [&]() {
      if (!run.empty()) result.push_back({run});
      run.clear();
    };
    while (!at_end() && peek() != U'|' && peek() != U')') {
      Atom atom = next_atom();
      const int min = quantifier();  // -1: none
      if (atom.literal && min < 0) {
        run += atom.c;
        continue;
      }
      flush();
      if (min == 0) continue;  // may occur zero times: needs nothing
      if (atom.literal) {
        result.push_back({std::u32string(1, atom.c)});
      } else {
        result.insert(result.end(), atom.needs.begin(), atom.needs.end());
      }
    }
    flush();
    return result;
  }

  // The minimum count of a quantifier, or -1 when there is none.
  int quantifier() {
    int min = -1;
    const char32_t c = peek();
    if (c == U'*' || c == U'?') {
      ++pos_;
      min = 0;
    } else if (c == U'+') {
      ++pos_;
      min = 1;
    } else if (c == U'{') {
      ++pos_;
      long value = 0;
      bool digits = false;
      while (peek() >= U'0' && peek() <= U'9') {
        value = std::min<long>(value * 10 + static_cast<long>(take() - U'0'), 1000000);
        digits = true;
      }
      if (!digits) throw Unreadable{};
      if (peek() == U',') {
        ++pos_;
        while (peek() >= U'0' && peek() <= U'9') ++pos_;
      }
      if (take() != U'}') throw Unreadable{};
      min = value > 0 ? 1 : 0;
    } else {
      return -1;
    }
    if (peek() == U'?' || peek() == U'+') ++pos_;  // lazy or possessive: same needs
    return min;
  }

  Atom next_atom() {
    const char32_t c = take();
    switch (c) {
      case U'.':
      case U'^':
      case U'$':
        return {};
      case U'[':
        return char_class();
      case U'(':
        return group();
      case U'\\':
        return escape();
      case U'*':
      case U'+':
      case U'?':
      case U'{':
      case U'}':
      case U']':
        throw Unreadable{};
      default:
        return {true, c, {}};
    }
  }

  Atom group() {
    bool keep = true;  // whether the group's needs are the pattern's needs
    if (peek() == U'?') {
      ++pos_;
      const char32_t kind = take();
      if (kind == U':' || kind == U'=' || kind == U'>') {
        keep = true;  // non-capturing, positive lookahead, atomic
      } else if (kind == U'!') {
        keep = false;  // negative lookahead
      } else if (kind == U'<') {
        if (peek() == U'=' || peek() == U'!') {
          ++pos_;
          keep = false;  // lookbehind
        } else {
          while (true) {  // a named capturing group (?<name>…)
            const char32_t n = take();
            if (n == U'>') break;
            if (!is_ascii_alnum(n)) throw Unreadable{};
          }
        }
      } else {
        throw Unreadable{};  // flags such as (?i), comments, anything else
      }
    }
    Clauses inner = alternation();
    if (take() != U')') throw Unreadable{};
    Atom atom;
    if (keep) atom.needs = std::move(inner);
    return atom;
  }

  Atom escape() {
    const char32_t c = take();
    if (c < 0x80 && !is_ascii_alnum(c)) return {true, c, {}};  // \. \[ \\ …
    switch (c) {
      case U's':
      case U'S':
      case U'd':
      case U'D':
      case U'w':
      case U'W':
      case U'h':
      case U'H':
      case U'v':
      case U'V':
      case U'X':
      case U'R':
      case U'b':
      case U'B':
      case U'A':
      case U'z':
      case U'Z':
      case U'G':
      case U't':
      case U'n':
      case U'r':
      case U'f':
      case U'e':
      case U'a':
        return {};
      case U'p':
      case U'P':
      case U'N':
        skip_braces();
        return {};
      case U'x':
        if (peek() == U'{') {
          skip_braces();
        } else {
          for (int k = 0; k < 2 && is_hex(peek()); ++k) ++pos_;
        }
        return {};
      case U'u':
        for (int k = 0; k < 4; ++k) take();
        return {};
      case U'U':
        for (int k = 0; k < 8; ++k) take();
        return {};
      case U'c':
        take();
        return {};
      case U'0':
        for (int k = 0; k < 3 && peek() >= U'0' && peek() <= U'7'; ++k) ++pos_;
        return {};
      default:
        if (c >= U'1' && c <= U'9') {  // a back reference: every digit after it is its own
          while (peek() >= U'0' && peek() <= U'9') ++pos_;
          return {};
        }
        throw Unreadable{};  // \Q…\E, \k<name>, and anything else
    }
  }

  // A set [...]: a clause of single characters when it is a plain list of characters,
  // otherwise nothing (but read to its end either way).
  Atom char_class() {
    bool plain = true;
    std::vector<char32_t> members;
    if (peek() == U'^') {
      plain = false;
      ++pos_;
    }
    if (peek() == U']') throw Unreadable{};
    int depth = 1;
    while (depth > 0) {
      const char32_t c = take();
      if (c == U'\\') {
        const char32_t e = take();
        if (e < 0x80 && !is_ascii_alnum(e)) {
          if (depth == 1) members.push_back(e);
        } else {
          plain = false;
          if ((e == U'p' || e == U'P' || e == U'N' || e == U'x') && peek() == U'{') skip_braces();
        }
        continue;
      }
      if (c == U'[') {
        ++depth;
        plain = false;
        continue;
      }
      if (c == U']') {
        --depth;
        continue;
      }
      if (c == U'-' || c == U'&' || c == U'^' || c == U'$' || c == U':' || c == U'{' || c == U'}' ||
          text::is_space(c) || c < 0x20) {
        plain = false;
      }
      if (depth == 1) members.push_back(c);
    }
    Atom atom;
    if (plain && !members.empty()) {
      Clause clause;
      for (char32_t m : members) clause.emplace_back(1, m);
      std::sort(clause.begin(), clause.end());
      clause.erase(std::unique(clause.begin(), clause.end()), clause.end());
      atom.needs.push_back(std::move(clause));
    }
    return atom;
  }

  std::u32string p_;
  std::size_t pos_ = 0;
};

}  // namespace

RegexPrefilter RegexPrefilter::analyse(std::string_view pattern_utf8) {
  RegexPrefilter prefilter;
  std::u32string pattern = text::to_utf32(pattern_utf8);
  // Bad UTF-8 becomes U+FFFD here and in ICU, perhaps not as many times: say nothing.
  if (pattern.find(U'\uFFFD') != std::u32string::npos) return prefilter;
  Clauses clauses;
  try {
    clauses = Parser(std::move(pattern)).parse();
  } catch (const Unreadable&) {
    return prefilter;
  }
  // The most selective clauses first: they usually decide alone.
  std::stable_sort(clauses.begin(), clauses.end(),
                   [](const Clause& a, const Clause& b) { return worse(b, a); });
  prefilter.first_units_.assign(65536 / 64, 0);
  for (const auto& clause : clauses) {
    if (clause.empty() || clause.size() > 64) continue;  // too wide to be worth checking
    if (prefilter.clauses_.size() == 64) break;          // enough to decide
    const bool trivial =
        std::any_of(clause.begin(), clause.end(), [](const auto& s) { return s.empty(); });
    if (trivial) continue;  // an empty string is in every text
    std::vector<icu::UnicodeString> strings;
    std::vector<std::string> utf8_strings;
    for (const auto& s : clause) {
      utf8_strings.push_back(text::to_utf8(s));
      strings.push_back(icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(s.data()),
                                                      static_cast<int32_t>(s.size())));
      const icu::UnicodeString& utf16 = strings.back();
      Candidate candidate;
      candidate.clause = prefilter.clauses_.size();
      candidate.text.assign(utf16.getBuffer(), static_cast<std::size_t>(utf16.length()));
      candidate.first = candidate.text.front();
      prefilter.first_units_[candidate.first / 64] |= std::uint64_t{1} << (candidate.first % 64);
      prefilter.candidates_.push_back(std::move(candidate));
    }
    prefilter.clauses_.push_back(std::move(strings));
    prefilter.utf8_clauses_.push_back(std::move(utf8_strings));
  }
  std::stable_sort(prefilter.candidates_.begin(), prefilter.candidates_.end(),
                   [](const Candidate& a, const Candidate& b) { return a.first < b.first; });
  return prefilter;
}

// One pass over the text: at each unit that starts some clause's string, the strings that
// start with it are compared there; the text may match once every clause has one.
bool RegexPrefilter::may_match(const icu::UnicodeString& text) const {
  if (clauses_.empty()) return true;
  const std::uint64_t all =
      clauses_.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << clauses_.size()) - 1;
  std::uint64_t holds = 0;
  const char16_t* units = text.getBuffer();
  const auto length = static_cast<std::size_t>(std::max(text.length(), 0));
  if (units == nullptr) return true;  // a bogus string: say nothing
  for (std::size_t i = 0; i < length; ++i) {
    const char16_t c = units[i];
    if (((first_units_[c / 64] >> (c % 64)) & 1) == 0) continue;
    auto candidate =
        std::lower_bound(candidates_.begin(), candidates_.end(), c,
                         [](const Candidate& a, char16_t unit) { return a.first < unit; });
    for (; candidate != candidates_.end() && candidate->first == c; ++candidate) {
      const std::uint64_t bit = std::uint64_t{1} << candidate->clause;
      if ((holds & bit) != 0 || candidate->text.size() > length - i) continue;
      if (std::char_traits<char16_t>::compare(units + i, candidate->text.data(),
                                              candidate->text.size()) == 0) {
        holds |= bit;
        if (holds == all) return true;
      }
    }
  }
  return false;
}

// Every clause must have one of its strings in the text; the most selective clause comes
// first, so most lines are turned away by one or two memchr scans.
bool RegexPrefilter::may_match(std::string_view utf8) const {
  for (const auto& clause : utf8_clauses_) {
    const bool holds = std::any_of(clause.begin(), clause.end(),
                                   [&](const std::string& s) { return text::contains(utf8, s); });
    if (!holds) return false;
  }
  return true;
}

}  // namespace docpipe
