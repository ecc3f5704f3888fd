// Detect on texts of the kind docpipe meets but the samples do not show: single speeches,
// reports, notices, texts without titles, blank lines between paragraphs, full-width
// indentation, and the traps of numbering.
#include <gtest/gtest.h>

#include "tests/support.hpp"

namespace docpipe::test {
namespace {

struct Heading {
  std::string marker, text, family;
  int level;
  bool runin;
};

std::vector<Heading> headings_of(const DocumentStructure& structure, std::size_t article = 0) {
  std::vector<Heading> out;
  for (const auto& block : structure.articles.at(article).body) {
    if (block.kind == BodyBlock::Kind::heading) {
      out.push_back({block.marker, block.text, block.family, block.level, block.runin});
    }
  }
  return out;
}

int paragraphs_of(const DocumentStructure& structure, std::size_t article = 0) {
  int count = 0;
  for (const auto& block : structure.articles.at(article).body) {
    count += block.kind == BodyBlock::Kind::paragraph && !block.runin_rest;
    count += block.kind == BodyBlock::Kind::heading && block.runin;
  }
  return count;
}

TEST(Detect, SingleSpeechWithSubtitleSpeakerDateAndSalutation) {
  const StageRun run = run_text(
      "在全市优化营商环境工作会议上的讲话\n"
      "——2023年5月10日\n"
      "市委书记  张明华\n"
      "同志们：\n"
      "今天召开这次会议，主要任务是总结去年工作，部署今年任务。\n"
      "一、充分肯定成绩，切实增强做好工作的信心\n"
      "过去一年，全市上下攻坚克难，各项工作取得明显成效。\n"
      "（一）改革举措落地见效。全市新增市场主体1.2万户，增长15.3%。\n"
      "（二）服务效能持续提升。政务服务事项全部实现网上可办。\n"
      "二、准确把握形势，切实增强做好工作的紧迫感\n"
      "当前，营商环境竞争日趋激烈，我们必须清醒认识差距。\n"
      "同志们，优化营商环境永远在路上。让我们共同努力！\n");
  const auto& s = run.structure;
  ASSERT_TRUE(s.title);
  EXPECT_EQ(s.title->text, "在全市优化营商环境工作会议上的讲话");
  ASSERT_EQ(s.subtitles.size(), 1u);
  EXPECT_EQ(s.subtitles[0].text, "——2023年5月10日");
  ASSERT_EQ(s.articles.size(), 1u);
  const Article& article = s.articles[0];
  EXPECT_FALSE(article.title);
  ASSERT_EQ(article.speakers.size(), 1u);
  EXPECT_EQ(article.speakers[0].text, "市委书记  张明华");
  ASSERT_TRUE(article.salutation);
  EXPECT_EQ(article.salutation->text, "同志们：");
  const auto headings = headings_of(s);
  ASSERT_EQ(headings.size(), 4u);
  EXPECT_EQ(headings[0].marker, "一、");
  EXPECT_EQ(headings[0].level, 1);
  EXPECT_FALSE(headings[0].runin);
  EXPECT_EQ(headings[1].marker, "（一）");
  EXPECT_EQ(headings[1].text, "改革举措落地见效。");
  EXPECT_EQ(headings[1].level, 2);
  EXPECT_TRUE(headings[1].runin);
  EXPECT_EQ(headings[3].level, 1);
  EXPECT_EQ(paragraphs_of(s), 6);
}

TEST(Detect, ReportWithFourLevelsOfNumbering) {
  const StageRun run = run_text(
      "关于2023年上半年工作情况的报告\n"
      "一、主要工作\n"
      "（一）抓好项目建设\n"
      "1.重点项目。全年安排重点项目50个，总投资120亿元。\n"
      "（1）工业项目。完成投资35亿元。\n"
      "（2）民生项目。完成投资20亿元。\n"
      "2.招商引资。签约项目18个。\n"
      "（二）抓好民生保障\n"
      "城镇新增就业3200人。\n"
      "二、存在问题\n"
      "一是发展不够平衡。二是动力不够充足。\n");
  const auto headings = headings_of(run.structure);
  ASSERT_EQ(headings.size(), 9u);
  const std::vector<int> levels = {1, 2, 3, 4, 4, 3, 2, 1, 2};
  const std::vector<std::string> families = {"cn-dun",       "cn-paren",     "arabic-dot",
                                             "arabic-paren", "arabic-paren", "arabic-dot",
                                             "cn-paren",     "cn-dun",       "shi"};
  for (std::size_t i = 0; i < headings.size(); ++i) {
    EXPECT_EQ(headings[i].level, levels[i]) << headings[i].text;
    EXPECT_EQ(headings[i].family, families[i]) << headings[i].text;
  }
  // The last line starts with 一是, so its lead sentence is a run-in heading; the 二是
  // inside the same line stays body text.
  EXPECT_EQ(headings[8].text, "发展不够平衡。");
  EXPECT_TRUE(headings[8].runin);
}

TEST(Detect, DatesDecimalsAndNumeralRunsAreNotHeadings) {
  const StageRun run = run_text(
      "工作简报\n"
      "2023.4.3，全市召开专题会议，研究部署有关工作。\n"
      "1.5亿元专项资金已全部下达到位，资金使用情况良好。\n"
      "一、二季度全市经济运行总体平稳，主要指标好于预期。\n"
      "第一次全体会议于上午召开，会议由市长主持。\n"
      "3、4月份的降水量比往年同期偏少，旱情有所露头。\n");
  EXPECT_TRUE(headings_of(run.structure).empty());
  EXPECT_EQ(paragraphs_of(run.structure), 5);
}

TEST(Detect, NumberedPhraseInsideAParagraphIsNotAHeading) {
  const StageRun run = run_text(
      "心得体会\n"
      "通过学习，我认识到三点：一是要加强学习。二是要注重实践。三是要敢于担当。\n"
      "我们要坚持1.提高认识、2.落实责任的要求，推动工作落地。\n");
  EXPECT_TRUE(headings_of(run.structure).empty());
}

TEST(Detect, TextWithoutTitleIsOneUntitledArticle) {
  const StageRun run = run_text(
      "今年以来，我们坚持以人民为中心，扎实推进各项工作。\n"
      "一是抓学习。组织集中学习12次。\n"
      "二是抓落实。建立工作台账，逐项销号。\n");
  EXPECT_FALSE(run.structure.title);
  ASSERT_EQ(run.structure.articles.size(), 1u);
  EXPECT_FALSE(run.structure.articles[0].title);
  EXPECT_EQ(headings_of(run.structure).size(), 2u);
  EXPECT_EQ(paragraphs_of(run.structure), 3);
}

TEST(Detect, BlankLinesBetweenParagraphsAndFullWidthIndentation) {
  const StageRun run = run_text(
      "关于做好防汛工作的通知\n"
      "\n"
      "各镇（街道）、各有关部门：\n"
      "\n"
      "　　为切实做好今年防汛工作，现就有关事项通知如下。\n"
      "\n"
      "　　一、提高思想认识\n"
      "\n"
      "　　各单位要充分认识防汛工作的重要性。\n"
      "\n"
      "　　二、落实工作责任\n"
      "\n"
      "　　严格落实防汛责任制，确保责任到人。\n"
      "\n"
      "　　XX县人民政府办公室\n"
      "\n"
      "　　2023年6月1日\n");
  const auto& s = run.structure;
  ASSERT_TRUE(s.title);
  EXPECT_EQ(s.title->text, "关于做好防汛工作的通知");
  ASSERT_EQ(s.articles.size(), 1u);
  ASSERT_TRUE(s.articles[0].salutation);
  EXPECT_EQ(s.articles[0].salutation->text, "各镇（街道）、各有关部门：");
  const auto headings = headings_of(s);
  ASSERT_EQ(headings.size(), 2u);
  EXPECT_EQ(headings[0].text, "提高思想认识");
  EXPECT_EQ(headings[1].level, 1);
  // The signature and the date close the notice as paragraphs, not headings.
  EXPECT_EQ(paragraphs_of(s), 5);
}

TEST(Detect, ShiFamilyFirstThenParenthesisedBeneathIt) {
  const StageRun run = run_text(
      "学习体会\n"
      "一是提高站位。（无正文）\n"
      "（一）学深悟透。认真学习原文。\n"
      "（二）融会贯通。结合实际思考。\n"
      "二是强化落实。推动工作见效。\n");
  const auto headings = headings_of(run.structure);
  ASSERT_EQ(headings.size(), 4u);
  EXPECT_EQ(headings[0].level, 1);
  EXPECT_EQ(headings[1].level, 2);
  EXPECT_EQ(headings[2].level, 2);
  EXPECT_EQ(headings[3].level, 1);
}

TEST(Detect, CompilationWithoutBlankLinesSplitsOnTitles) {
  const StageRun run = run_text(
      "党员干部学习心得体会2篇\n"
      "坚定理想信念争做合格党员\n"
      "通过这次学习，我深刻认识到理想信念的重要性。\n"
      "今后我将继续努力，在本职岗位上作出更大贡献。\n"
      "勇于担当作为推动工作落实\n"
      "这次培训让我收获很多，下面谈三点体会。\n"
      "一、要加强学习。学习是立身之本。\n"
      "二、要勇于实践。实践出真知。\n");
  const auto& s = run.structure;
  EXPECT_EQ(s.declared_articles, 2);
  ASSERT_EQ(s.articles.size(), 2u);
  EXPECT_EQ(s.articles[0].title->text, "坚定理想信念争做合格党员");
  EXPECT_EQ(s.articles[1].title->text, "勇于担当作为推动工作落实");
  EXPECT_EQ(headings_of(s, 1).size(), 2u);
}

TEST(Detect, UnnumberedHeadingsInsideASinglePiece) {
  const StageRun run = run_text(
      "青年干部座谈会发言\n"
      "很高兴参加今天的座谈会，下面我谈几点体会。\n"
      "坚定信念，做忠诚干净担当的表率\n"
      "信念是人生的灯塔，我们要始终坚定理想信念。\n"
      "勤学苦练，做本领过硬的行家里手\n"
      "本领是干事的基础，我们要不断提升能力。\n"
      "谢谢大家！\n");
  const auto headings = headings_of(run.structure);
  ASSERT_EQ(headings.size(), 2u);
  EXPECT_EQ(headings[0].family, "other");
  EXPECT_EQ(headings[0].marker, "");
  EXPECT_EQ(headings[0].text, "坚定信念，做忠诚干净担当的表率");
  EXPECT_EQ(paragraphs_of(run.structure), 4);
}

TEST(Detect, ContentsBlockWithPageNumbers) {
  const StageRun run = run_text(
      "优秀发言材料汇编\n"
      "目　录\n"
      "在学习中提高……………1\n"
      "在实践中成长……………3\n"
      "在学习中提高\n"
      "这是第一篇的正文，内容充实。\n"
      "在实践中成长\n"
      "这是第二篇的正文，内容同样充实。\n");
  const auto& s = run.structure;
  ASSERT_TRUE(s.toc);
  ASSERT_EQ(s.toc->entries.size(), 2u);
  EXPECT_EQ(s.toc->entries[0].text, "在学习中提高");
  EXPECT_EQ(s.toc->entries[0].page, 1);
  EXPECT_EQ(s.toc->entries[1].page, 3);
  ASSERT_EQ(s.articles.size(), 2u);
  EXPECT_EQ(s.articles[1].title->text, "在实践中成长");
}

TEST(Detect, EmptyAndBlankTextsGiveOneEmptyArticle) {
  for (const std::string text : {"", "\n\n  \n", "　　\n"}) {
    const StageRun run = run_text(text);
    EXPECT_FALSE(run.structure.title);
    ASSERT_EQ(run.structure.articles.size(), 1u);
    EXPECT_TRUE(run.structure.articles[0].body.empty());
  }
}

TEST(Detect, AllHeadingsText) {
  const StageRun run = run_text("一、第一部分\n二、第二部分\n三、第三部分\n");
  EXPECT_EQ(headings_of(run.structure).size(), 3u);
}

}  // namespace
}  // namespace docpipe::test
