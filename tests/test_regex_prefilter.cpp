// The regex prefilter (stages/regex_prefilter.cpp) may only ever say "cannot match" when
// ICU finds no match: checked on hand-written patterns, on every built-in noise rule against
// the samples' lines, and on random lines built from the rules' own characters.
#include <gtest/gtest.h>
#include <unicode/regex.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "stages/regex_prefilter.hpp"
#include "stages/resources.hpp"
#include "stages/text.hpp"
#include "support.hpp"

namespace docpipe {
namespace {

icu::UnicodeString u(const std::string& s) { return icu::UnicodeString::fromUTF8(s); }

std::vector<std::vector<std::string>> clauses_of(const std::string& pattern) {
  std::vector<std::vector<std::string>> out;
  const RegexPrefilter prefilter = RegexPrefilter::analyse(pattern);
  for (const auto& clause : prefilter.clauses()) {
    std::vector<std::string> strings;
    for (const auto& s : clause) {
      std::string utf8;
      s.toUTF8String(utf8);
      strings.push_back(utf8);
    }
    std::sort(strings.begin(), strings.end());
    out.push_back(strings);
  }
  std::sort(out.begin(), out.end());
  return out;
}

using Strings = std::vector<std::string>;
using Clauses = std::vector<Strings>;

TEST(RegexPrefilter, ReadsWhatAMatchMustContain) {
  EXPECT_EQ(clauses_of("abc"), (Clauses{{"abc"}}));
  EXPECT_EQ(clauses_of("a|bc"), (Clauses{{"a", "bc"}}));
  EXPECT_EQ(clauses_of("ab?c"), (Clauses{{"a"}, {"c"}}));
  EXPECT_EQ(clauses_of("(?:xy)*z"), (Clauses{{"z"}}));
  EXPECT_EQ(clauses_of("(?:xy)+z"), (Clauses{{"xy"}, {"z"}}));
  EXPECT_EQ(clauses_of("[^a]b"), (Clauses{{"b"}}));
  EXPECT_EQ(clauses_of("(?!abc)d"), (Clauses{{"d"}}));
  EXPECT_EQ(clauses_of("(?<=abc)d"), (Clauses{{"d"}}));
  EXPECT_EQ(clauses_of("^(?=.*(?:微信|客服))(?=.*会员).{0,300}$"),
            (Clauses{{"会员"}, {"客服", "微信"}}));
  EXPECT_EQ(clauses_of("a{0,3}b{2}"), (Clauses{{"b"}}));
  EXPECT_EQ(clauses_of("[【\\[〖]x"), (Clauses{{"[", "【", "〖"}, {"x"}}));
  EXPECT_EQ(clauses_of("x\\.y"), (Clauses{{"x.y"}}));
  EXPECT_EQ(clauses_of("(a)\\1"), (Clauses{{"a"}}));
  EXPECT_EQ(clauses_of("\\d+元"), (Clauses{{"元"}}));
  EXPECT_EQ(clauses_of("a|(?:b)?"), Clauses{});  // the second alternative needs nothing
}

TEST(RegexPrefilter, SaysNothingAboutWhatItDoesNotRead) {
  for (const char* pattern : {"(?i)abc", "(?x) a b", "\\Qa.b\\E", "(?#note)abc", "\\k<n>", ""}) {
    EXPECT_FALSE(RegexPrefilter::analyse(pattern).active()) << pattern;
  }
  EXPECT_TRUE(RegexPrefilter::analyse("x").may_match(u("axb")));
  EXPECT_FALSE(RegexPrefilter::analyse("x").may_match(u("ab")));
}

struct CompiledRule {
  std::string pattern;
  std::unique_ptr<icu::RegexPattern> regex;
  RegexPrefilter prefilter;
};

std::vector<CompiledRule> builtin_rules() {
  std::vector<CompiledRule> rules;
  std::istringstream in{std::string(resources::builtin_noise_rules())};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto first = line.find('\t');
    const auto second = line.find('\t', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    CompiledRule rule;
    rule.pattern = line.substr(second + 1);
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    rule.regex.reset(icu::RegexPattern::compile(u(rule.pattern), 0, parse_error, status));
    EXPECT_TRUE(U_SUCCESS(status)) << rule.pattern;
    rule.prefilter = RegexPrefilter::analyse(rule.pattern);
    rules.push_back(std::move(rule));
  }
  return rules;
}

bool icu_finds(const CompiledRule& rule, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> matcher(rule.regex->matcher(text, status));
  return matcher->find(status) && U_SUCCESS(status);
}

void expect_sound(const std::vector<CompiledRule>& rules, const std::string& line) {
  const icu::UnicodeString text = u(line);
  for (const auto& rule : rules) {
    if (icu_finds(rule, text)) {
      EXPECT_TRUE(rule.prefilter.may_match(text))
          << rule.pattern << "\nmatches, but was skipped on: " << line;
    }
  }
}

TEST(RegexPrefilter, BuiltInRulesAreFilteredAndNeverMissAMatch) {
  const auto rules = builtin_rules();
  ASSERT_FALSE(rules.empty());
  const auto active = std::count_if(rules.begin(), rules.end(),
                                    [](const CompiledRule& r) { return r.prefilter.active(); });
  EXPECT_GE(active, 3);  // the expensive line rules, at least

  std::vector<std::string> lines = {
      "做到“三个坚持”。【更多公文素材，微信：abc123】",
      "作用。&【更多素材搜索某某*文库@】",
      "正文【关注公众号：某某】继续。",
      "【客服QQ：12345】",
      "【公众号：某某君】，最新最全资料库",
      "【某某素材库】——每天更新材料，有意加入请联系：1234",
      "欢迎加入“某某会员”，添加客服：abc，谨防假冒！",
      "某某写作门户网站，请认准某某-",
      "深##paidbegin##圳",
      "##PaidEnd##",
      "微信：a 会员",
      "联系 : Z网盘",
  };
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "samples")) {
    std::istringstream in(test::read_file(entry.path()));
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
  }
  for (const auto& line : lines) expect_sound(rules, line);

  // Random lines made of the rules' own characters, a few common ones, and pieces of ads.
  std::set<char32_t> alphabet_set;
  for (const auto& rule : rules) {
    for (char32_t c : text::to_utf32(rule.pattern)) alphabet_set.insert(c);
  }
  for (char32_t c : std::u32string(U"的是一，。：:【】[]〖〗 　abcXYZ0129#@&*"))
    alphabet_set.insert(c);
  const std::vector<char32_t> alphabet(alphabet_set.begin(), alphabet_set.end());
  const std::vector<std::u32string> pieces = {U"微信：", U"客服:", U"QQ：1",        U"【",
                                              U"】",     U"会员",  U"网盘",         U"素材库",
                                              U"更多",   U"素材",  U"网站，请认准", U"##paidend##"};
  std::mt19937 random(7);
  for (int k = 0; k < 20000; ++k) {
    std::u32string line;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) {
      if (random() % 4 == 0) {
        line += pieces[random() % pieces.size()];
      } else {
        line += alphabet[random() % alphabet.size()];
      }
    }
    expect_sound(rules, text::to_utf8(line));
  }
}

}  // namespace
}  // namespace docpipe
