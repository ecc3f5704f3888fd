#include <gtest/gtest.h>

#include "stages/clean.hpp"

namespace docpipe {
namespace {

CleanText clean_text(const std::string& text, const NoiseRules& rules = NoiseRules::builtin()) {
  return clean(decode(text, {}), rules);
}

std::vector<std::string> lines_of(const CleanText& cleaned) {
  std::vector<std::string> out;
  for (const auto& line : cleaned.lines) out.push_back(line.text);
  return out;
}

TEST(Clean, SiteMarkersGoWhereverTheyStand) {
  const CleanText cleaned =
      clean_text("深##paidbegin##圳大棚新区\n##PaidEnd##\n正文。##paidend##\n");
  EXPECT_EQ(lines_of(cleaned), (std::vector<std::string>{"深圳大棚新区", "正文。"}));
  ASSERT_EQ(cleaned.removals.size(), 3u);
  EXPECT_EQ(cleaned.removals[0].line, 1);
  EXPECT_EQ(cleaned.removals[0].column, 2);
  EXPECT_EQ(cleaned.removals[0].text, "##paidbegin##");
}

TEST(Clean, BracketedAdsOfTheKindAreRemoved) {
  const CleanText cleaned = clean_text(
      "做到“三个坚持”。【更多公文素材，微信：abc123】\n"
      "作用。&【更多素材搜索某某*文库@】\n"
      "正文【关注公众号：某某】继续。\n"
      "【客服QQ：12345】\n");
  EXPECT_EQ(lines_of(cleaned),
            (std::vector<std::string>{"做到“三个坚持”。", "作用。", "正文继续。"}));
  EXPECT_EQ(cleaned.removals.size(), 4u);
}

TEST(Clean, PromotionalLinesAreRemoved) {
  const CleanText cleaned = clean_text(
      "正文第一段。\n"
      "【公众号：某某君】，最新最全资料库\n"
      "【某某素材库】——每天更新材料，有意加入请联系：1234\n"
      "欢迎加入“某某会员”，添加客服：abc，谨防假冒！\n"
      "某某写作门户网站，请认准某某-\n"
      "正文第二段。\n");
  EXPECT_EQ(lines_of(cleaned), (std::vector<std::string>{"正文第一段。", "正文第二段。"}));
  EXPECT_EQ(cleaned.removals.size(), 4u);
}

TEST(Clean, BodyTextThatMentionsTheseWordsIsKept) {
  const std::vector<std::string> body = {
      "我们通过微信公众号发布政务信息，方便群众查询。",
      "【典型案例】某县创新工作方法，取得明显成效。",
      "建设素材库和资料库，为基层提供服务。",
      "会员单位要加强联系，及时沟通有关情况。",
      "请认准正规渠道办理业务，谨防上当受骗。",
      "他在《文库》杂志上发表了文章。",
  };
  std::string text;
  for (const auto& line : body) text += line + "\n";
  const CleanText cleaned = clean_text(text);
  EXPECT_EQ(lines_of(cleaned), body);
  EXPECT_TRUE(cleaned.removals.empty());
}

TEST(Clean, NormalisesSpacesAndBlankLines) {
  const CleanText cleaned =
      clean_text("　　首行缩进。\n\n\n\n\u00A0\u00A0第二段。  \n\u200B第三段\u200B。\n");
  EXPECT_EQ(lines_of(cleaned), (std::vector<std::string>{"首行缩进。", "第二段。", "第三段。"}));
  EXPECT_FALSE(cleaned.lines[0].blank_before);
  EXPECT_TRUE(cleaned.lines[1].blank_before);
  EXPECT_FALSE(cleaned.lines[2].blank_before);
  EXPECT_EQ(cleaned.lines[1].line, 5);
}

TEST(Clean, InnerNoBreakSpacesAreKept) {
  const CleanText cleaned = clean_text("深刻理解全面从严治党\u00A0\u00A0以新时代党建工作引领\n");
  EXPECT_EQ(lines_of(cleaned)[0], "深刻理解全面从严治党\u00A0\u00A0以新时代党建工作引领");
}

TEST(Clean, NormalisesToNfc) {
  const CleanText cleaned = clean_text("Cafe\u0301 menu.\n");  // e + combining acute
  EXPECT_EQ(lines_of(cleaned)[0], "Caf\u00E9 menu.");
}

TEST(Clean, RejoinsLinesWrappedMidSentence) {
  const CleanText cleaned = clean_text(
      "一是通过聆听特邀专家、领导的人民政协理论讲座，接受党的思想理论和\n"
      "党纪党风教育，进一步提高了党性自觉意识；\n"
      "我们要认真学习贯彻党的二十大精神，切实把思想和行动统一到党中央\n"
      "决策部署上来，以实际行动推动各项工作落地见效，为全市经济社会高\n"
      "质量发展作出新的更大贡献。\n");
  EXPECT_EQ(lines_of(cleaned),
            (std::vector<std::string>{
                "一是通过聆听特邀专家、领导的人民政协理论讲座，接受党的思想理论和党纪党风教育，进一"
                "步提高了党性自觉意识；",
                "我们要认真学习贯彻党的二十大精神，切实把思想和行动统一到党中央决策部署上来，以实际"
                "行动推动各项工作落地见效，为全市经济社会高质量发展作出新的更大贡献。"}));
  EXPECT_EQ(cleaned.lines[1].joined_lines, (std::vector<int>{4, 5}));
}

TEST(Clean, NeverJoinsTitlesHeadingsVerseOrColonLines) {
  const std::vector<std::string> lines = {
      "市政协系统党务干部培训班研讨发言材料",
      "一、三天的学习，我对所学内容有了新的认识",
      "授课环节，X书记传达了有关文件精神，引导我们深刻理解意见内涵，结合问题加强学习。",
      "感物寄兴：",
      "小荷初成通透入骨清新灵秀香而不盛望之宁静最是清雅初见惊艳相见恨晚叶无穷碧花别样红",
      "今天，在中华民族从富起来、站起来到强起来的伟大飞跃中，我们深受鼓舞。",
      "触景生情，万千感慨随着现场场景涌上脑海，久久不能平静，我想起了很多很多往事：",
      "这是下一段的内容，它自成一段。",
  };
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  EXPECT_EQ(lines_of(clean_text(text)), lines);
}

TEST(Clean, DoesNotJoinALineWhoseEndWasAnAd) {
  const CleanText cleaned = clean_text(
      "把康复中心的全面建设发展好、落实好【更多公文素材，微信：abc】\n"
      "深刻理解全面从严治党以新时代党建工作引领事业新发展\n"
      "几天来的培训就仿佛前日的濛濛春雨，润物无声。\n");
  EXPECT_EQ(cleaned.lines.size(), 3u);
}

TEST(Clean, JoinsLatinWordsWithASpace) {
  const CleanText cleaned = clean_text(
      "The committee reviewed the annual report, and the members agreed that\n"
      "the plan should go ahead.\n");
  ASSERT_EQ(cleaned.lines.size(), 1u);
  EXPECT_NE(cleaned.lines[0].text.find("agreed that the plan"), std::string::npos);
}

TEST(Clean, UserRulesAreAddedToTheBuiltInOnes) {
  NoiseRules rules = NoiseRules::builtin();
  const std::size_t builtin = rules.size();
  rules.add("# my rules\nspan\tmy-site\t（来源：[^）]*网）\nline my-footer ^本文由.*整理$\n",
            "my.rules");
  EXPECT_EQ(rules.size(), builtin + 2);
  const CleanText cleaned = clean_text("正文内容（来源：某某网）。\n本文由某某整理\n", rules);
  EXPECT_EQ(lines_of(cleaned), std::vector<std::string>{"正文内容。"});
  EXPECT_EQ(cleaned.removals.at(0).rule, "my-site");
}

TEST(Clean, BadRulesAreReportedWithFileAndLine) {
  NoiseRules rules;
  try {
    rules.add("span ok abc\nspan broken (unclosed\n", "bad.rules");
    FAIL() << "a bad pattern was accepted";
  } catch (const RulesError& error) {
    EXPECT_NE(std::string(error.what()).find("bad.rules:2"), std::string::npos) << error.what();
  }
  EXPECT_THROW(rules.add("word only\n", "x.rules"), RulesError);
  EXPECT_THROW(rules.add("strange id pattern\n", "x.rules"), RulesError);
}

TEST(Clean, PositionsMapBackToTheSource) {
  const CleanText cleaned = clean_text(
      "　　##paidbegin##路虽远行则将至。\n"
      "我们要认真学习贯彻党的二十大精神，切实把思想和行动统一到党中央\n"
      "决策部署上来。\n");
  ASSERT_EQ(cleaned.lines.size(), 2u);
  EXPECT_EQ(cleaned.lines[0].source_position(0), (std::pair<int, int>{1, 16}));
  EXPECT_EQ(cleaned.lines[1].source_position(1), (std::pair<int, int>{2, 2}));
  EXPECT_EQ(cleaned.lines[1].source_position(32), (std::pair<int, int>{3, 2}));
}

TEST(Clean, RemovalsAreReportedAsNotes) {
  const CleanText cleaned = clean_text("正文。##paidend##\n");
  ASSERT_EQ(cleaned.diagnostics.size(), 1u);
  EXPECT_EQ(cleaned.diagnostics[0].rule, "noise.removed");
  EXPECT_EQ(cleaned.diagnostics[0].line, 1);
  EXPECT_EQ(cleaned.diagnostics[0].column, 4);
}

}  // namespace
}  // namespace docpipe
