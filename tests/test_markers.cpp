#include <gtest/gtest.h>

#include "stages/markers.hpp"
#include "stages/text.hpp"

namespace docpipe {
namespace {

std::optional<Marker> marker(const std::string& line) { return parse_marker(text::to_utf32(line)); }

void expect_marker(const std::string& line, const std::string& family, const std::string& written,
                   int number) {
  const auto found = marker(line);
  ASSERT_TRUE(found) << line;
  EXPECT_EQ(found->family, family) << line;
  EXPECT_EQ(text::to_utf8(found->written), written) << line;
  EXPECT_EQ(found->number, number) << line;
}

TEST(Markers, EveryFamily) {
  expect_marker("一、工作开展情况", "cn-dun", "一、", 1);
  expect_marker("十二、其他事项", "cn-dun", "十二、", 12);
  expect_marker("（一）创建同心好伙伴。", "cn-paren", "（一）", 1);
  expect_marker("(三)做好保障", "cn-paren", "(三)", 3);
  expect_marker("1.重点项目。", "arabic-dot", "1.", 1);
  expect_marker("2．招商引资", "arabic-dot", "2．", 2);
  expect_marker("3、强化措施", "arabic-dot", "3、", 3);
  expect_marker("（1）工业项目。", "arabic-paren", "（1）", 1);
  expect_marker("(12)其他", "arabic-paren", "(12)", 12);
  expect_marker("①加强领导", "circled", "①", 1);
  expect_marker("第一，对这次学习培训的几点感悟", "ordinal", "第一，", 1);
  expect_marker("第二、抓好落实", "ordinal", "第二、", 2);
  expect_marker("第三章 总则", "ordinal", "第三章", 3);
  expect_marker("一是坚持系统思维。", "shi", "一是", 1);
  expect_marker("三要锤炼作风，狠抓落实争一流", "shi", "三要", 3);
  expect_marker("一方面，我们要全面了解", "shi", "一方面，", 1);
  expect_marker("另一方面，要深刻领会", "shi", "另一方面，", 2);
  expect_marker("其次，要深刻领会", "other", "其次，", 2);
}

TEST(Markers, TrapsAreNotMarkers) {
  for (const std::string line :
       {"2023.4.3召开会议", "1.5亿元专项资金", "一、二季度经济平稳", "第一次全体会议",
        "第一书记驻村", "3、4月份降水偏少", "10月30日至11月3日", "102年前，同样一个盛夏",
        "一心向党", "一、", "（一）", "首先要“苦干”", "第一篇发言", "一方面要把握",
        "二〇二三年工作总结", "1.2.3条款"}) {
    EXPECT_FALSE(marker(line)) << line;
  }
}

TEST(Markers, SpaceAfterTheMarkerIsPartOfIt) {
  const auto found = marker("一、  提高认识");
  ASSERT_TRUE(found);
  EXPECT_EQ(text::to_utf8(found->written), "一、");
  EXPECT_EQ(found->length, 4u);
}

TEST(Text, NumeralValues) {
  EXPECT_EQ(text::numeral_value(U"一"), 1);
  EXPECT_EQ(text::numeral_value(U"十"), 10);
  EXPECT_EQ(text::numeral_value(U"十二"), 12);
  EXPECT_EQ(text::numeral_value(U"二十"), 20);
  EXPECT_EQ(text::numeral_value(U"九十九"), 99);
  EXPECT_EQ(text::numeral_value(U"一百零五"), 105);
  EXPECT_EQ(text::numeral_value(U"12"), 12);
  EXPECT_EQ(text::numeral_value(U"１２"), 12);
  EXPECT_EQ(text::numeral_value(U"一二"), -1);
}

}  // namespace
}  // namespace docpipe
