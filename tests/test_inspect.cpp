// Every check-mode rule fires on a crafted text and stays silent where the text is clean.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "stages/inspect.hpp"
#include "tests/support.hpp"

namespace docpipe::test {
namespace {

Diagnostics inspect_text(const std::string& text) {
  const StageRun run = run_text(text);
  const Inspector inspector;
  return inspector.inspect(run.cleaned, run.structure);
}

std::vector<Diagnostic> with_rule(const Diagnostics& diagnostics, const std::string& rule) {
  std::vector<Diagnostic> out;
  std::copy_if(diagnostics.begin(), diagnostics.end(), std::back_inserter(out),
               [&](const Diagnostic& d) { return d.rule == rule; });
  return out;
}

TEST(Inspect, SuspectedNoiseLeftInTheBody) {
  const Diagnostics found = inspect_text(
      "标题\n"
      "详情请访问 www.example.com 了解。\n"
      "联系邮箱 someone@example.org 即可。\n"
      "咨询电话13812345678，欢迎来电。\n"
      "更多资料加微信：abc12345 获取。\n"
      "全年完成投资1234567890元，同比增长。\n");
  const auto suspected = with_rule(found, "noise.suspected");
  ASSERT_EQ(suspected.size(), 4u);
  EXPECT_EQ(suspected[0].line, 2);
  EXPECT_EQ(suspected[0].column, 7);
  EXPECT_NE(suspected[3].message.find("abc12345"), std::string::npos);
}

TEST(Inspect, NumberingFamilyOutOfOrder) {
  const Diagnostics found =
      inspect_text("报告\n（一）先出现的二级标题\n正文。\n一、第一部分\n正文。\n");
  const auto order = with_rule(found, "numbering.order");
  ASSERT_EQ(order.size(), 1u);
  EXPECT_EQ(order[0].line, 2);
}

TEST(Inspect, NumberingSkipsAndLevelJumps) {
  const Diagnostics found = inspect_text(
      "报告\n一、第一部分\n正文。\n二、第二部分\n1.直接出现的三级标题\n正文。\n"
      "（一）第一点\n正文。\n四、第四部分\n正文。\n");
  const auto jump = with_rule(found, "numbering.level-jump");
  ASSERT_EQ(jump.size(), 1u);
  EXPECT_EQ(jump[0].line, 5);
  EXPECT_NE(jump[0].message.find("（一）"), std::string::npos);
  const auto skip = with_rule(found, "numbering.skip");
  ASSERT_EQ(skip.size(), 1u);
  EXPECT_EQ(skip[0].line, 9);
  EXPECT_TRUE(with_rule(found, "numbering.repeat").empty());
}

TEST(Inspect, NumberingRepeats) {
  const Diagnostics found =
      inspect_text("报告\n一、第一部分\n（一）第一点\n正文。\n（一）又是第一点\n正文。\n");
  const auto repeat = with_rule(found, "numbering.repeat");
  ASSERT_EQ(repeat.size(), 1u);
  EXPECT_EQ(repeat[0].line, 5);
}

TEST(Inspect, NewListsUnderTheSameParentAreFine) {
  const Diagnostics found = inspect_text(
      "体会\n一是甲。正文。\n二是乙。正文。\n下一步打算如下。\n一是丙。正文。\n二是丁。正文。\n");
  EXPECT_TRUE(with_rule(found, "numbering.repeat").empty());
  EXPECT_TRUE(with_rule(found, "numbering.skip").empty());
}

TEST(Inspect, DeclaredCountAndContents) {
  const Diagnostics found = inspect_text(
      "发言材料汇编\n"
      "（3篇）\n"
      "目录\n"
      "第一篇发言\n"
      "不存在的发言\n"
      "\n"
      "第一篇发言\n"
      "这是第一篇的正文内容。\n"
      "\n"
      "第二篇发言\n"
      "这是第二篇的正文内容。\n");
  const auto count = with_rule(found, "structure.count-mismatch");
  ASSERT_EQ(count.size(), 1u);
  EXPECT_EQ(count[0].line, 2);
  const auto unmatched = with_rule(found, "structure.toc-unmatched");
  ASSERT_EQ(unmatched.size(), 1u);
  EXPECT_EQ(unmatched[0].line, 5);
  const auto missing = with_rule(found, "structure.toc-missing");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].line, 10);
}

TEST(Inspect, EmptyArticle) {
  const Diagnostics found =
      inspect_text("发言材料汇编\n（2篇）\n\n第一篇发言\n这是正文。\n\n第二篇发言\n");
  // The last title has no body: the compilation ends with an empty article or a lone line.
  const auto empty = with_rule(found, "structure.empty-article");
  const auto count = with_rule(found, "structure.count-mismatch");
  EXPECT_EQ(empty.size() + count.size(), 1u);
}

TEST(Inspect, TextProblems) {
  const Diagnostics found = inspect_text(
      "标题\n"
      "我们认为,这项工作很重要!大家要重视。\n"
      "他说：“我们要努力。\n"
      "请阅读《通知的内容。\n"
      "本次会议于X月X日召开，由XX主持。\n"
      "English, mixed with numbers 1,000 and 3.5 stays fine.\n");
  const auto punctuation = with_rule(found, "text.half-width-punctuation");
  ASSERT_EQ(punctuation.size(), 1u);
  EXPECT_EQ(punctuation[0].line, 2);
  EXPECT_EQ(punctuation[0].column, 5);
  const auto unbalanced = with_rule(found, "text.unbalanced");
  ASSERT_EQ(unbalanced.size(), 2u);
  EXPECT_EQ(unbalanced[0].line, 3);
  EXPECT_EQ(unbalanced[1].line, 4);
  const auto placeholder = with_rule(found, "text.placeholder");
  ASSERT_EQ(placeholder.size(), 1u);
  EXPECT_NE(placeholder[0].message.find("X月X日"), std::string::npos);
}

TEST(Inspect, CleanTextIsSilent) {
  const Diagnostics found = inspect_text(
      "关于做好防汛工作的通知\n"
      "各有关单位：\n"
      "为切实做好今年防汛工作，现就有关事项通知如下。\n"
      "一、提高思想认识\n"
      "各单位要充分认识防汛工作的重要性，做到“思想到位、责任到位”。\n"
      "（一）加强组织领导。成立防汛工作领导小组。\n"
      "（二）强化值班值守。严格执行24小时值班制度（含节假日）。\n"
      "二、落实工作责任\n"
      "严格落实《防汛工作责任制》，确保责任到人。\n");
  EXPECT_TRUE(found.empty()) << found.front().rule << ": " << found.front().message;
}

// On the samples only what is really there fires: placeholders (XX), the half-width commas
// of 001, the quotations that run over several paragraphs in 004 — never numbering,
// structure or suspected-noise findings.
TEST(Inspect, SamplesRaiseOnlyWhatTheyContain) {
  const std::set<std::string> allowed = {"text.placeholder", "text.half-width-punctuation",
                                         "text.unbalanced"};
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "samples")) {
    const StageRun run = run_stages(read_file(entry.path()));
    const Inspector inspector;
    for (const auto& d : inspector.inspect(run.cleaned, run.structure)) {
      EXPECT_TRUE(allowed.count(d.rule))
          << entry.path().filename() << ":" << d.line << " " << d.rule << " " << d.message;
    }
  }
}

}  // namespace
}  // namespace docpipe::test
