// Bounds (issue 6): what keeps a long line from costing more than its length. The
// instruction-count check of whole runs is scripts/check-linearity.sh; these pin down the
// results of the code paths made linear, so the faster form stays exact.
#include <gtest/gtest.h>

#include "stages/clean.hpp"
#include "tests/support.hpp"

namespace docpipe::test {
namespace {

TEST(Bounds, ColumnsOfManyRemovalsOnOneLine) {
  NoiseRules rules;
  rules.add("span\tad\tAD\n", "test.rules");
  // 𠀀 is outside the BMP: two UTF-16 units, one column.
  DecodedText decoded{"甲AD乙AD𠀀AD丙\n", "UTF-8", {}};
  const CleanText cleaned = clean(decoded, rules);
  ASSERT_EQ(cleaned.removals.size(), 3u);
  EXPECT_EQ(cleaned.removals[0].column, 2);
  EXPECT_EQ(cleaned.removals[1].column, 5);
  EXPECT_EQ(cleaned.removals[2].column, 8);
  ASSERT_EQ(cleaned.lines.size(), 1u);
  EXPECT_EQ(cleaned.lines[0].text, "甲乙𠀀丙");
}

TEST(Bounds, ThousandsOfAdsOnOneLineAreAllRemovedWithTheirColumns) {
  const std::string ad = "【更多公文素材，微信：abc123】";
  std::string line;
  for (int i = 0; i < 5000; ++i) line += "第" + std::to_string(i % 10) + "句。" + ad;
  DecodedText decoded{line + "\n", "UTF-8", {}};
  const CleanText cleaned = clean(decoded, NoiseRules::builtin());
  ASSERT_EQ(cleaned.removals.size(), 5000u);
  // Each piece is 4 characters of text and 18 of ad: the k-th ad starts at 22k + 5.
  for (std::size_t k = 0; k < cleaned.removals.size(); k += 997) {
    EXPECT_EQ(cleaned.removals[k].column, static_cast<int>(22 * k + 5)) << k;
  }
}

}  // namespace
}  // namespace docpipe::test
