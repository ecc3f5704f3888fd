// Unit tests of the Markdown writer: structure, the run-in bold lead,
// escaping of everything CommonMark (and GFM) would read as markup, YAML
// front matter and determinism. tests/web checks the same output with cmark.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "stages/markdown_escape.hpp"
#include "stages/write_markdown.hpp"
#include "tests/support.hpp"

namespace docpipe {
namespace {

pugi::xml_document load_fixture(const std::string& name) {
  pugi::xml_document model;
  const auto path = test::source_dir() / "tests" / "fixtures" / name;
  const auto result = model.load_file(path.c_str());
  EXPECT_TRUE(result) << path << ": " << result.description();
  return model;
}

pugi::xml_document parse_model(const std::string& xml) {
  pugi::xml_document model;
  EXPECT_TRUE(model.load_string(xml.c_str()));
  return model;
}

// A one-article model holding one paragraph of the given text (escaped for XML).
std::string markdown_of_paragraph(const std::string& text) {
  pugi::xml_document model;
  auto document = model.append_child("document");
  document.append_attribute("xmlns") = kModelNamespace;
  document.append_attribute("version") = "1";
  document.append_attribute("source") = "a.txt";
  document.append_attribute("encoding") = "UTF-8";
  auto p = document.append_child("article").append_child("p");
  p.append_attribute("line") = 1;
  p.text() = text.c_str();
  return write_markdown(model, MarkdownOptions{});
}

TEST(MarkdownWriter, SampleReadsLikeHandWrittenMarkdown) {
  const std::string expected =
      "# 有关某市政协系统党务干部培训班研讨发言材料汇编\n"
      "\n"
      "*（2篇）*\n"
      "\n"
      "**目 录**\n"
      "\n"
      "- 市政协系统党务干部培训班研讨发言材料\n"
      "- 市政协系统党务干部培训班研讨发言材料\n"
      "\n"
      "## 市政协系统党务干部培训班研讨发言材料1\n"
      "\n"
      "*XX县政协党组成员、秘书长，机关党组书记、办公室主任*\n"
      "\n"
      "同志们：\n"
      "\n"
      "通过专题培训，收获颇深，现将感悟体会结合XX县政协工作实际，围绕以下几个方面，作交流发言。\n"
      "\n"
      "### 一、工作开展情况\n"
      "\n"
      "党的XX大召开以来，县政协机关以习近平新时代中国特色社会主义思想为指导。\n"
      "\n"
      "**（一）创建“过程党建”同心好伙伴**。为最大限度巩固共识、深化共识、凝聚力量，"
      "引导界别群众把思想和行动统一。\n"
      "\n"
      "#### （二）创建“过程党建”引领好标兵。\n"
      "\n"
      "### 二、工作成效\n"
      "\n"
      "文本 \\<script>alert(1)\\</script> & 1\\*2\\_3\\`4\\[5]\\\\6 # 不是标题\n"
      "\n"
      "## 市政协系统党务干部培训班研讨发言材料2\n"
      "\n"
      "*——在全市政协系统党务干部培训班上的发言*\n"
      "\n"
      "能够参加这次培训班，我深感荣幸。\n"
      "\n"
      "### 勇于担当，做干事创业的行动派\n"
      "\n"
      "担当是一种品质，是做人成事的重要保证。\n";
  EXPECT_EQ(write_markdown(load_fixture("model-sample.xml"), MarkdownOptions{}), expected);
}

TEST(MarkdownWriter, EscapesWhatWouldBecomeMarkup) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"# 不是标题", "\\# 不是标题"},
      {"#不是标题", "\\#不是标题"},
      {"1. 不是列表", "1\\. 不是列表"},
      {"1) 不是列表", "1\\) 不是列表"},
      {"1.", "1\\."},
      {"2023.5亿元", "2023.5亿元"},  // not a list marker: no space after the dot
      {"1234567890. 十位数字不是列表标记", "1234567890. 十位数字不是列表标记"},
      {"- 不是列表", "\\- 不是列表"},
      {"+ 不是列表", "\\+ 不是列表"},
      {"* 不是列表", "\\* 不是列表"},
      {"> 不是引用", "\\> 不是引用"},
      {"===", "\\==="},
      {"---", "\\---"},
      {"___", "\\_\\_\\_"},
      {"~~~", "\\~\\~\\~"},
      {"```", "\\`\\`\\`"},
      {"| 表 | 格 |", "\\| 表 \\| 格 \\|"},
      {"a*b_c`d\\e<f[g]h", "a\\*b\\_c\\`d\\\\e\\<f\\[g]h"},
      {"&amp; &#35; &#x41; &copy; & &x", "\\&amp; \\&#35; \\&#x41; \\&copy; & &x"},
      {"<script>alert(1)</script>", "\\<script>alert(1)\\</script>"},
      {"[引用]: http://example.com", "\\[引用]: http://example.com"},
      {"    四个空格", "&#32;&#32;&#32;&#32;四个空格"},
      {"\t制表符", "&#9;制表符"},
      {"尾部空格  ", "尾部空格&#32;&#32;"},
      {"两行\n# 第二行", "两行&#10;# 第二行"},
      {"行尾反斜杠\\", "行尾反斜杠\\\\"},
      {"全角＃号和　空格", "全角＃号和　空格"},
  };
  for (const auto& [text, markdown] : cases) {
    EXPECT_EQ(markdown_of_paragraph(text), markdown + "\n") << text;
  }
}

TEST(MarkdownWriter, RunInLeadStaysBoldInCommonMark) {
  const std::string markdown = write_markdown(load_fixture("web-hostile.xml"), MarkdownOptions{});
  // The closing ** may not sit between 。 and a letter, so the 。 moves out.
  EXPECT_NE(markdown.find(
                "\n**（一）行内标题以句号结尾**。正文紧随其后 \\*星号\\* 与 \\<b>标签\\</b>。\n"),
            std::string::npos);
  // The body starts with punctuation: the heading keeps its own.
  EXPECT_NE(markdown.find("\n**（1）四级标题**，正文以标点开头。\n"), std::string::npos);
  EXPECT_NE(markdown.find("\n**（三）标题\\*星号\\*结尾**\\_正文。\n"), std::string::npos);
  EXPECT_NE(markdown.find("\n**一是要有担当**。1. 正文看起来像列表。\n"), std::string::npos);
  // A run-in heading with nothing after it is an ordinary heading.
  EXPECT_NE(markdown.find("\n#### （二）行内标题没有正文。\n"), std::string::npos);
}

// One article holding one run-in section, for the bold lead's edge cases.
std::string markdown_of_run_in(const std::string& marker, const std::string& heading,
                               const std::string& body) {
  pugi::xml_document model;
  auto document = model.append_child("document");
  document.append_attribute("xmlns") = kModelNamespace;
  auto section = document.append_child("article").append_child("section");
  section.append_attribute("level") = 1;
  section.append_attribute("marker") = marker.c_str();
  auto heading_node = section.append_child("heading");
  heading_node.append_attribute("runin") = "true";
  heading_node.text() = heading.c_str();
  auto p = section.append_child("p");
  p.append_attribute("runin") = "true";
  p.text() = body.c_str();
  return write_markdown(model, MarkdownOptions{});
}

TEST(MarkdownWriter, RunInLeadClosesWhereCommonMarkLetsIt) {
  // Between ” and 。 the delimiter closes: the quote stays bold.
  EXPECT_EQ(markdown_of_run_in("（一）", "创建“过程党建”。", "为民服务。"),
            "**（一）创建“过程党建”**。为民服务。\n");
  // Ideographic space is white space to CommonMark: it stays outside.
  EXPECT_EQ(markdown_of_run_in("", "标题\u3000", "正文。"), "**标题**\u3000正文。\n");
  EXPECT_EQ(markdown_of_run_in("", "\u3000标题", "正文。"), "\u3000**标题**正文。\n");
  // Punctuation only, then a letter: no place closes, so the letter is a reference.
  EXPECT_EQ(markdown_of_run_in("", "—", "正文。"), "**—**&#27491;文。\n");
  EXPECT_EQ(markdown_of_run_in("", "——", "正文。"), "**—**—正文。\n");
  EXPECT_EQ(markdown_of_run_in("", "*", "正文。"), "**\\***&#27491;文。\n");
}

TEST(MarkdownWriter, StrongAndEmphasisKeepEdgeSpaceOutside) {
  const auto model = parse_model(
      "<document xmlns='urn:docpipe:document:1' version='1' source='a.txt' encoding='UTF-8'>"
      "<subtitle line='1'>\u3000（2篇）\u00a0</subtitle><toc label='\u3000目录' line='2'/>"
      "<article><p line='3'>正文。</p></article></document>");
  EXPECT_EQ(write_markdown(model, MarkdownOptions{}),
            "\u3000*（2篇）*\u00a0\n\n\u3000**目录**\n\n正文。\n");
}

TEST(MarkdownWriter, HeadingLevelsStopAtSix) {
  const std::string markdown = write_markdown(load_fixture("web-hostile.xml"), MarkdownOptions{});
  EXPECT_NE(markdown.find("\n##### 1.三级标题\n"), std::string::npos);
  EXPECT_NE(markdown.find("\n###### ①五级标题（显示为 h6）\n"), std::string::npos);
  EXPECT_NE(markdown.find("\n###### \\# 六级标题\n"), std::string::npos);
  EXPECT_EQ(markdown.find("#######"), std::string::npos);
  // A heading ending in # keeps it (not read as a closing sequence).
  EXPECT_NE(markdown.find("\n## 第一篇 \\<i>标题\\</i> \\#\n"), std::string::npos);
  EXPECT_NE(markdown.find("\n### 一、标题含 \\<em>标签\\</em> 与 # 号 \\#\n"), std::string::npos);
  // An escaped # at the end is not escaped twice.
  const auto hash_only = parse_model(
      "<document xmlns='urn:docpipe:document:1' version='1' source='a.txt' encoding='UTF-8'>"
      "<title line='1'>#</title><article><title line='2'>\\#</title></article></document>");
  EXPECT_EQ(write_markdown(hash_only, MarkdownOptions{}), "# \\#\n\n## \\\\\\#\n");
}

TEST(MarkdownWriter, FrontMatterIsQuotedYaml) {
  MarkdownOptions options;
  options.front_matter = true;
  const std::string markdown = write_markdown(load_fixture("web-hostile.xml"), options);
  const std::string expected =
      "---\n"
      "title: \"标题 <script>alert(\\\"t\\\")</script> & *星* _线_ \\\\ \\\"引\\\" # 尾#\"\n"
      "source: \"web-hostile <&> \\\"引号\\\".txt\"\n"
      "language: \"zh-CN\"\n"
      "---\n"
      "\n"
      "# 标题 ";
  EXPECT_EQ(markdown.substr(0, expected.size()), expected);
  EXPECT_EQ(write_markdown(load_fixture("web-hostile.xml"), MarkdownOptions{}).rfind("# ", 0), 0u);
}

TEST(MarkdownWriter, FrontMatterTitleFallsBack) {
  MarkdownOptions options;
  options.front_matter = true;
  const auto model = parse_model(
      "<document xmlns='urn:docpipe:document:1' version='1' xml:lang='zh-TW' source='s.txt' "
      "encoding='BIG5'><article><title line='1'>篇名</title></article></document>");
  EXPECT_EQ(write_markdown(model, options),
            "---\ntitle: \"篇名\"\nsource: \"s.txt\"\nlanguage: \"zh-TW\"\n---\n\n## 篇名\n");
}

TEST(MarkdownEscape, YamlQuotesControlCharactersAndLineSeparators) {
  EXPECT_EQ(markdown::yaml_quoted("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\x01\"");
  EXPECT_EQ(markdown::yaml_quoted("x\u2028y\u2029z\u0085"), "\"x\\Ly\\Pz\\N\"");
  EXPECT_EQ(markdown::yaml_quoted("中文：冒号 # 井号"), "\"中文：冒号 # 井号\"");
}

TEST(MarkdownWriter, SingleArticleAndLongLines) {
  const std::string markdown = write_markdown(load_fixture("web-single.xml"), MarkdownOptions{});
  EXPECT_EQ(markdown.rfind("# 在全市安全生产工作会议上的讲话\n\n*市长 李四*\n\n同志们：\n", 0), 0u);
  const std::string long_text(100000, 'x');
  EXPECT_EQ(markdown_of_paragraph(long_text), long_text + "\n");
}

TEST(MarkdownWriter, UntitledArticleIsSetOffByARule) {
  const std::string markdown = write_markdown(load_fixture("web-hostile.xml"), MarkdownOptions{});
  EXPECT_NE(markdown.find("\n---\n\n第二篇没有标题，只有正文 \\<script>alert(2)\\</script>。\n"),
            std::string::npos);
  EXPECT_EQ(markdown.find("\n---\n"), markdown.rfind("\n---\n"));
}

TEST(MarkdownWriter, RejectsWhatIsNotAModel) {
  EXPECT_THROW(write_markdown(parse_model("<html/>"), {}), WriteError);
  EXPECT_THROW(write_markdown(parse_model("<document xmlns='urn:docpipe:document:1'/>"), {}),
               WriteError);
}

TEST(MarkdownWriter, IsDeterministic) {
  MarkdownOptions options;
  options.front_matter = true;
  EXPECT_EQ(write_markdown(load_fixture("web-hostile.xml"), options),
            write_markdown(load_fixture("web-hostile.xml"), options));
}

}  // namespace
}  // namespace docpipe
