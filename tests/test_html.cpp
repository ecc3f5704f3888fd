// Unit tests of the HTML writer on fixture models: structure, ids, escaping,
// the compilation table of contents, typography hooks and determinism.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>

#include <pugixml.hpp>

#include "stages/write_html.hpp"
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

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++found;
  }
  return found;
}

std::string page_of(const std::string& fixture) {
  return write_html(load_fixture(fixture), HtmlOptions{});
}

TEST(HtmlWriter, IsAStandalonePageWithEverythingInline) {
  const std::string page = page_of("model-sample.xml");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0), 0u);
  EXPECT_NE(page.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(page.find("name=\"viewport\" content=\"width=device-width, initial-scale=1\""),
            std::string::npos);
  EXPECT_NE(page.find("<title>有关某市政协系统党务干部培训班研讨发言材料汇编</title>"),
            std::string::npos);
  EXPECT_NE(page.find("@media (prefers-color-scheme: dark)"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
  EXPECT_NE(page.find("text-indent: 2em"), std::string::npos);
  EXPECT_NE(page.find("\"FangSong\", \"仿宋\""), std::string::npos);
  EXPECT_NE(page.find("\"SimHei\", \"黑体\""), std::string::npos);
  EXPECT_NE(page.find("\"KaiTi\", \"楷体\""), std::string::npos);
  // Nothing is fetched: no links, scripts, images, imports or absolute URLs.
  for (const char* fetch :
       {"<link", "<script", "<img", "@import", "url(", "http:", "https:", "//"}) {
    EXPECT_EQ(page.find(fetch), std::string::npos) << fetch;
  }
  EXPECT_TRUE(page.ends_with("</main>\n</body>\n</html>\n"));
}

TEST(HtmlWriter, HeadingsFollowTheModelLevels) {
  const std::string page = page_of("model-sample.xml");
  EXPECT_EQ(count(page, "<h1>"), 1u);
  EXPECT_EQ(count(page, "<h2>"), 2u);
  EXPECT_EQ(count(page, "<h3>"), 3u);  // 一、 二、 and the unnumbered heading
  EXPECT_EQ(count(page, "<h4>"), 2u);  // （一） （二）
  EXPECT_EQ(count(page, "<h5>") + count(page, "<h6>"), 0u);
  EXPECT_EQ(count(page, "<article id="), 2u);
  EXPECT_EQ(count(page, "<section id="), 5u);
  EXPECT_NE(page.find("<h3>一、工作开展情况</h3>"), std::string::npos);
  EXPECT_NE(
      page.find("<p class=\"speaker\">XX县政协党组成员、秘书长，机关党组书记、办公室主任</p>"),
      std::string::npos);
  EXPECT_NE(page.find("<p class=\"salutation\">同志们：</p>"), std::string::npos);
  EXPECT_NE(page.find("<p class=\"subtitle\">——在全市政协系统党务干部培训班上的发言</p>"),
            std::string::npos);
}

TEST(HtmlWriter, RunInHeadingIsAHeadingInsideItsParagraphLine) {
  const std::string page = page_of("model-sample.xml");
  EXPECT_NE(page.find("<div class=\"run-in\"><h4>（一）创建“过程党建”同心好伙伴。</h4><p>"
                      "为最大限度巩固共识"),
            std::string::npos);
  // A run-in heading with no body text after it is an ordinary heading.
  EXPECT_NE(page.find("<h4>（二）创建“过程党建”引领好标兵。</h4>"), std::string::npos);
  // The run-in paragraph is written once, not again as a block of its own.
  EXPECT_EQ(count(page, "为最大限度巩固共识"), 1u);
}

TEST(HtmlWriter, CompilationNavLinksToEveryArticleAndSection) {
  const std::string page = page_of("model-sample.xml");
  ASSERT_EQ(count(page, "<nav "), 1u);
  EXPECT_NE(page.find("<nav class=\"toc\" aria-label=\"目 录\">"), std::string::npos);
  const std::regex link("href=\"#([^\"]+)\"");
  std::vector<std::string> targets;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), link); it != std::sregex_iterator();
       ++it) {
    targets.push_back((*it)[1]);
  }
  const std::vector<std::string> expected = {"article-1",
                                             "article-1-section-1",
                                             "article-1-section-1-1",
                                             "article-1-section-1-2",
                                             "article-1-section-2",
                                             "article-2",
                                             "article-2-section-1"};
  EXPECT_EQ(targets, expected);
  for (const auto& target : targets) {
    EXPECT_EQ(count(page, "id=\"" + target + "\""), 1u) << target;
  }
}

TEST(HtmlWriter, IdsAreUniqueAndReadable) {
  const std::string page = page_of("web-hostile.xml");
  const std::regex id_attribute(" id=\"([^\"]+)\"");
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), id_attribute);
       it != std::sregex_iterator(); ++it) {
    const std::string id = (*it)[1];
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    EXPECT_TRUE(std::regex_match(id, std::regex("article-[0-9]+(-section(-[0-9]+)+)?"))) << id;
  }
  EXPECT_TRUE(ids.contains("article-1-section-1-1-1-1-1-1"));
}

TEST(HtmlWriter, SingleArticleHasNoNav) {
  const std::string page = page_of("web-single.xml");
  EXPECT_EQ(page.find("<nav"), std::string::npos);
  EXPECT_EQ(count(page, "<h1>"), 1u);
  EXPECT_EQ(count(page, "<h2>"), 0u);
  EXPECT_NE(page.find("<article id=\"article-1\">"), std::string::npos);
}

TEST(HtmlWriter, HostileTextStaysText) {
  const std::string page = page_of("web-hostile.xml");
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(page.find("<i>"), std::string::npos);
  EXPECT_EQ(page.find("<em>"), std::string::npos);
  EXPECT_EQ(page.find("<!--"), std::string::npos);
  EXPECT_NE(page.find("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"), std::string::npos);
  EXPECT_NE(page.find("<p>实体 &amp;amp; &amp;#35; &amp;#x41; &amp;copy; 与单独的 &amp; 符号</p>"),
            std::string::npos);
  EXPECT_NE(page.find("<p>引号 &quot;双&quot; 与 &#39;single&#39;"), std::string::npos);
  EXPECT_NE(page.find("<title>标题 &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp;"),
            std::string::npos);
  EXPECT_NE(page.find("aria-label=\"目 &quot;录&quot;\""), std::string::npos);
}

TEST(HtmlWriter, DeepSectionsStopAtH6) {
  const std::string page = page_of("web-hostile.xml");
  EXPECT_NE(page.find("<h6>①五级标题（显示为 h6）</h6>"), std::string::npos);
  EXPECT_NE(page.find("<h6># 六级标题</h6>"), std::string::npos);
  EXPECT_EQ(page.find("<h7"), std::string::npos);
}

TEST(HtmlWriter, VeryLongLinesArriveWhole) {
  const std::string long_text(200000, 'x');
  const auto model = parse_model(
      "<document xmlns='urn:docpipe:document:1' version='1' source='a.txt' encoding='UTF-8'>"
      "<article><p line='1'>" +
      long_text + "</p></article></document>");
  const std::string page = write_html(model, HtmlOptions{});
  EXPECT_NE(page.find("<p>" + long_text + "</p>"), std::string::npos);
  EXPECT_NE(page.find("overflow-wrap: anywhere"), std::string::npos);
}

TEST(HtmlWriter, TitleFallsBackToArticleThenSource) {
  const auto untitled = parse_model(
      "<document xmlns='urn:docpipe:document:1' version='1' source='无题.txt' encoding='UTF-8'>"
      "<article><p line='1'>正文。</p></article></document>");
  EXPECT_NE(write_html(untitled, {}).find("<title>无题.txt</title>"), std::string::npos);
  const auto article_title = parse_model(
      "<document xmlns='urn:docpipe:document:1' version='1' source='a.txt' encoding='UTF-8'>"
      "<article><title line='1'>篇名</title><p line='2'>正文。</p></article></document>");
  EXPECT_NE(write_html(article_title, {}).find("<title>篇名</title>"), std::string::npos);
}

TEST(HtmlWriter, ReadsPrefixedModelsToo) {
  const auto model = parse_model(
      "<d:document xmlns:d='urn:docpipe:document:1' version='1' source='a.txt' encoding='UTF-8'>"
      "<d:title line='1'>题</d:title><d:article><d:p line='2'>正文。</d:p></d:article>"
      "</d:document>");
  const std::string page = write_html(model, {});
  EXPECT_NE(page.find("<h1>题</h1>"), std::string::npos);
  EXPECT_NE(page.find("<p>正文。</p>"), std::string::npos);
}

TEST(HtmlWriter, SkipsEmptyBlocksOfAnInvalidModel) {
  const auto model = parse_model(
      "<document xmlns='urn:docpipe:document:1' version='1' source='a.txt' encoding='UTF-8'>"
      "<title line='1'></title><article><p line='2'/><p line='3'>正文。</p></article></document>");
  const std::string page = write_html(model, {});
  EXPECT_EQ(page.find("<p></p>"), std::string::npos);
  EXPECT_EQ(page.find("<h1></h1>"), std::string::npos);
  EXPECT_NE(page.find("<p>正文。</p>"), std::string::npos);
}

TEST(HtmlWriter, RejectsWhatIsNotAModel) {
  EXPECT_THROW(write_html(parse_model("<html/>"), {}), WriteError);
  EXPECT_THROW(write_html(pugi::xml_document{}, {}), WriteError);
  EXPECT_THROW(write_html(parse_model("<document xmlns='urn:docpipe:document:1'/>"), {}),
               WriteError);
}

TEST(HtmlWriter, IsDeterministic) {
  EXPECT_EQ(page_of("web-hostile.xml"), page_of("web-hostile.xml"));
  EXPECT_EQ(page_of("model-sample.xml"), page_of("model-sample.xml"));
}

TEST(HtmlIndex, ListsDocumentsSortedAndEscaped) {
  std::vector<HtmlIndexEntry> entries = {
      {"第二份 <b>", "b/第二.html", "b/第二.txt", 3},
      {"第一份 & \"引\"", "a b#1.html", "a b#1.txt", 1},
      {"", "c.html", "c.txt", 1},
  };
  const std::string page = write_html_index(entries);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("@media (prefers-color-scheme: dark)"), std::string::npos);
  const auto first = page.find("href=\"a%20b%231.html\"");
  const auto second = page.find("href=\"b/%E7%AC%AC%E4%BA%8C.html\"");
  const auto third = page.find("href=\"c.html\"");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_NE(page.find("第一份 &amp; &quot;引&quot;"), std::string::npos);
  EXPECT_NE(page.find("第二份 &lt;b&gt;"), std::string::npos);
  EXPECT_NE(page.find(">c.txt</a>"), std::string::npos);  // no title: the source names it
  EXPECT_NE(page.find("<td class=\"count\">3</td>"), std::string::npos);
  std::reverse(entries.begin(), entries.end());
  EXPECT_EQ(write_html_index(entries), page);
}

TEST(HtmlIndex, EmptyBatchIsStillAValidPage) {
  const std::string page = write_html_index({});
  EXPECT_EQ(page.find("<table"), std::string::npos);
  EXPECT_NE(page.find("共 0 份文档"), std::string::npos);
}

}  // namespace
}  // namespace docpipe
