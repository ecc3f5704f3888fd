// Unit tests of the DOCX writer: the package's parts, the styles, how the
// model's blocks become paragraphs, hostile text, determinism and templates.
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <zip.h>
#include <pugixml.hpp>

#include "stages/docx_title.hpp"
#include "stages/docx_xml.hpp"
#include "stages/docx_zip.hpp"
#include "stages/write_docx.hpp"
#include "tests/support.hpp"

namespace docpipe {
namespace {

using test::TempDir;

struct Unpacked {
  std::vector<std::string> order;            // entry names as stored
  std::map<std::string, std::string> parts;  // name -> bytes
};

Unpacked unpack(const std::string& bytes) {
  Unpacked result;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  EXPECT_NE(source, nullptr);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return result;
  }
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    std::string content(static_cast<std::size_t>(stat.size), '\0');
    zip_fread(file, content.data(), stat.size);
    zip_fclose(file);
    result.order.push_back(stat.name);
    result.parts[stat.name] = content;
  }
  zip_discard(archive);
  zip_error_fini(&error);
  return result;
}

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document doc;
  const pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size());
  EXPECT_TRUE(ok) << ok.description();
  return doc;
}

pugi::xml_document load_model(const std::string& xml) {
  pugi::xml_document model;
  EXPECT_TRUE(model.load_string(xml.c_str()));
  return model;
}

pugi::xml_document sample_model() {
  return load_model(test::read_file(test::source_dir() / "tests/fixtures/model-sample.xml"));
}

std::string model_with_body(const std::string& body) {
  return "<document xmlns=\"urn:docpipe:document:1\" version=\"1\" xml:lang=\"zh-CN\" "
         "source=\"t.txt\" encoding=\"UTF-8\">" +
         body + "</document>";
}

struct Paragraph {
  std::string style;
  std::string text;
  std::vector<std::string> run_styles;  // one per run with text ("" = none)
  pugi::xml_node node;
};

// The body's paragraphs with their style ids and text (hyperlinked runs included).
std::vector<Paragraph> paragraphs(const pugi::xml_document& document) {
  std::vector<Paragraph> result;
  for (pugi::xml_node p : document.child("w:document").child("w:body").children("w:p")) {
    Paragraph paragraph;
    paragraph.node = p;
    paragraph.style = p.child("w:pPr").child("w:pStyle").attribute("w:val").value();
    for (pugi::xpath_node run : p.select_nodes(".//w:r[w:t]")) {
      paragraph.run_styles.push_back(
          run.node().child("w:rPr").child("w:rStyle").attribute("w:val").value());
      for (pugi::xml_node t : run.node().children("w:t")) paragraph.text += t.text().get();
    }
    result.push_back(paragraph);
  }
  return result;
}

std::vector<Paragraph> write_and_read(const pugi::xml_document& model, Unpacked& package,
                                      pugi::xml_document& document,
                                      const DocxOptions& options = {}) {
  package = unpack(write_docx(model, options));
  document = parse(package.parts["word/document.xml"]);
  return paragraphs(document);
}

TEST(Docx, PackageHasItsPartsInAFixedOrderAndAllAreXml) {
  const Unpacked package = unpack(write_docx(sample_model(), {}));
  const std::vector<std::string> expected = {
      "[Content_Types].xml", "_rels/.rels",      "word/_rels/document.xml.rels",
      "word/document.xml",   "word/styles.xml",  "word/settings.xml",
      "word/fontTable.xml",  "word/footer1.xml", "word/footer2.xml",
      "docProps/core.xml",   "docProps/app.xml"};
  EXPECT_EQ(package.order, expected);
  for (const auto& [name, bytes] : package.parts) {
    EXPECT_TRUE(bytes.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"))
        << name;
    parse(bytes);
  }
}

TEST(Docx, EveryPartHasAContentTypeAndEveryRelationshipATarget) {
  const Unpacked package = unpack(write_docx(sample_model(), {}));
  const pugi::xml_document types = parse(package.parts.at("[Content_Types].xml"));
  std::map<std::string, std::string> overrides;
  for (pugi::xml_node o : types.child("Types").children("Override")) {
    overrides[o.attribute("PartName").value()] = o.attribute("ContentType").value();
  }
  for (const auto& [name, bytes] : package.parts) {
    if (name.ends_with(".rels") || name == "[Content_Types].xml") continue;
    EXPECT_TRUE(overrides.count("/" + name)) << name;
  }
  const pugi::xml_document rels = parse(package.parts.at("word/_rels/document.xml.rels"));
  int count = 0;
  for (pugi::xml_node r : rels.child("Relationships").children("Relationship")) {
    EXPECT_TRUE(package.parts.count(std::string("word/") + r.attribute("Target").value()))
        << r.attribute("Target").value();
    ++count;
  }
  EXPECT_EQ(count, 5);  // styles, settings, fonts, two footers
}

TEST(Docx, StylesCarryTheOfficialLayout) {
  const Unpacked package = unpack(write_docx(sample_model(), {}));
  const pugi::xml_document styles = parse(package.parts.at("word/styles.xml"));
  std::map<std::string, pugi::xml_node> by_id;
  for (pugi::xml_node s : styles.child("w:styles").children("w:style")) {
    by_id[s.attribute("w:styleId").value()] = s;
  }
  for (const char* id : {"Normal", "BodyText", "BodyTextChar", "Title", "Subtitle", "ArticleTitle",
                         "ArticleSubtitle", "Speaker", "Salutation", "Heading1", "Heading2",
                         "Heading3", "Heading4", "TOCHeading", "TOC1", "Footer"}) {
    EXPECT_TRUE(by_id.count(id)) << id;
  }
  const char* heading_fonts[] = {"黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"};
  for (int level = 1; level <= 6; ++level) {
    const pugi::xml_node h = by_id["Heading" + std::to_string(level)];
    EXPECT_EQ(h.child("w:name").attribute("w:val").as_string(), "heading " + std::to_string(level));
    EXPECT_EQ(h.child("w:pPr").child("w:outlineLvl").attribute("w:val").as_int(-1), level - 1);
    if (level <= 4) {
      EXPECT_STREQ(h.child("w:rPr").child("w:rFonts").attribute("w:eastAsia").value(),
                   heading_fonts[level - 1]);
    }
  }
  EXPECT_STREQ(by_id["Heading3"].child("w:rPr").child("w:b").attribute("w:val").value(), "1");
  const pugi::xml_node normal = by_id["Normal"];
  EXPECT_STREQ(normal.child("w:rPr").child("w:rFonts").attribute("w:eastAsia").value(),
               "仿宋_GB2312");
  EXPECT_STREQ(normal.child("w:rPr").child("w:rFonts").attribute("w:ascii").value(),
               "Times New Roman");
  EXPECT_STREQ(normal.child("w:rPr").child("w:sz").attribute("w:val").value(), "32");
  EXPECT_STREQ(normal.child("w:rPr").child("w:spacing").attribute("w:val").value(), "-5");
  EXPECT_STREQ(normal.child("w:pPr").child("w:spacing").attribute("w:line").value(), "579");
  EXPECT_STREQ(normal.child("w:pPr").child("w:spacing").attribute("w:lineRule").value(), "exact");
  EXPECT_STREQ(
      by_id["BodyText"].child("w:pPr").child("w:ind").attribute("w:firstLineChars").value(), "200");
  EXPECT_STREQ(by_id["Title"].child("w:rPr").child("w:rFonts").attribute("w:eastAsia").value(),
               "方正小标宋简体");
  EXPECT_STREQ(by_id["Title"].child("w:rPr").child("w:sz").attribute("w:val").value(), "44");
  EXPECT_STREQ(by_id["Title"].child("w:pPr").child("w:jc").attribute("w:val").value(), "center");

  const pugi::xml_document document = parse(package.parts.at("word/document.xml"));
  const pugi::xml_node sect = document.child("w:document").child("w:body").child("w:sectPr");
  EXPECT_STREQ(sect.child("w:pgSz").attribute("w:w").value(), "11906");
  EXPECT_STREQ(sect.child("w:pgMar").attribute("w:top").value(), "2098");
  EXPECT_STREQ(sect.child("w:pgMar").attribute("w:bottom").value(), "1984");
  EXPECT_STREQ(sect.child("w:pgMar").attribute("w:left").value(), "1588");
  EXPECT_STREQ(sect.child("w:pgMar").attribute("w:right").value(), "1474");
  EXPECT_STREQ(sect.child("w:docGrid").attribute("w:type").value(), "lines");
  EXPECT_STREQ(sect.child("w:docGrid").attribute("w:linePitch").value(), "579");

  const pugi::xml_document settings = parse(package.parts.at("word/settings.xml"));
  EXPECT_TRUE(settings.child("w:settings").child("w:evenAndOddHeaders"));
  const pugi::xml_document fonts = parse(package.parts.at("word/fontTable.xml"));
  const pugi::xml_node fangsong =
      fonts.child("w:fonts").find_child_by_attribute("w:font", "w:name", "仿宋_GB2312");
  EXPECT_STREQ(fangsong.child("w:altName").attribute("w:val").value(), "仿宋");
  EXPECT_STREQ(fangsong.child("w:charset").attribute("w:val").value(), "86");
}

TEST(Docx, PageNumbersAreDashedPageFieldsOddRightEvenLeft) {
  const Unpacked package = unpack(write_docx(sample_model(), {}));
  const pugi::xml_document odd = parse(package.parts.at("word/footer1.xml"));
  const pugi::xml_document even = parse(package.parts.at("word/footer2.xml"));
  const auto text = [](const pugi::xml_document& footer) {
    std::string all;
    for (pugi::xpath_node t : footer.select_nodes("//w:t")) all += t.node().text().get();
    return all;
  };
  EXPECT_EQ(text(odd), "— 1 —");
  EXPECT_TRUE(odd.select_node("//w:instrText[contains(., 'PAGE')]"));
  EXPECT_STREQ(odd.select_node("//w:jc").node().attribute("w:val").value(), "right");
  EXPECT_STREQ(even.select_node("//w:jc").node().attribute("w:val").value(), "left");
  const pugi::xml_document document = parse(package.parts.at("word/document.xml"));
  EXPECT_TRUE(document.select_node("//w:sectPr/w:footerReference[@w:type='default']"));
  EXPECT_TRUE(document.select_node("//w:sectPr/w:footerReference[@w:type='even']"));
}

TEST(Docx, ParagraphsTakeTheirRolesStyles) {
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(sample_model(), package, document);
  std::vector<std::string> styles;
  for (const Paragraph& p : ps) styles.push_back(p.style);
  const std::vector<std::string> expected = {
      "Title",        "Subtitle",        "TOCHeading", "TOC1",     "TOC1",
      "ArticleTitle", "Speaker",         "Salutation", "BodyText", "Heading1",
      "BodyText",     "Heading2",        "Heading2",   "Heading1", "BodyText",
      "ArticleTitle", "ArticleSubtitle", "BodyText",   "Heading1", "BodyText"};
  EXPECT_EQ(styles, expected);
  EXPECT_EQ(ps[9].text, "一、工作开展情况");
  EXPECT_EQ(ps[19].text, "担当是一种品质，是做人成事的重要保证。");
  // Each article of a compilation starts on a new page; the document title does not.
  EXPECT_TRUE(ps[5].node.child("w:pPr").child("w:pageBreakBefore"));
  EXPECT_TRUE(ps[15].node.child("w:pPr").child("w:pageBreakBefore"));
  EXPECT_FALSE(ps[0].node.child("w:pPr").child("w:pageBreakBefore"));
}

TEST(Docx, RunInHeadingIsOneParagraphWithTwoRuns) {
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(sample_model(), package, document);
  const Paragraph& runin = ps[11];
  EXPECT_EQ(runin.style, "Heading2");
  ASSERT_EQ(runin.run_styles.size(), 2u);
  EXPECT_EQ(runin.run_styles[0], "");
  EXPECT_EQ(runin.run_styles[1], "BodyTextChar");
  EXPECT_EQ(runin.text,
            "（一）创建“过程党建”同心好伙伴。为最大限度巩固共识、深化共识、凝聚力量，"
            "引导界别群众把思想和行动统一。");
  EXPECT_STREQ(runin.node.child("w:pPr").child("w:keepNext").attribute("w:val").value(), "0");
  // A run-in heading with no text after it is a plain heading.
  EXPECT_EQ(ps[12].run_styles.size(), 1u);
}

TEST(Docx, TableOfContentsIsAFieldOverArticleTitlesWithPrefilledEntries) {
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(sample_model(), package, document);
  EXPECT_EQ(ps[2].text, "目 录");  // the source's own label
  const pugi::xpath_node instruction = document.select_node("//w:instrText[contains(., 'TOC')]");
  ASSERT_TRUE(instruction);
  EXPECT_STREQ(instruction.node().text().get(), " TOC \\h \\z \\t \"Article Title,1\" ");
  EXPECT_EQ(document.select_nodes("//w:hyperlink").size(), 2u);
  for (pugi::xpath_node link : document.select_nodes("//w:hyperlink")) {
    const std::string anchor = link.node().attribute("w:anchor").value();
    EXPECT_TRUE(document.select_node(("//w:bookmarkStart[@w:name='" + anchor + "']").c_str()))
        << anchor;
  }
  // Estimated page numbers: the title page, then one page per short article.
  EXPECT_EQ(ps[3].text, "市政协系统党务干部培训班研讨发言材料12");
  EXPECT_EQ(ps[4].text, "市政协系统党务干部培训班研讨发言材料23");
  // Field begin/end balance.
  EXPECT_EQ(document.select_nodes("//w:fldChar[@w:fldCharType='begin']").size(),
            document.select_nodes("//w:fldChar[@w:fldCharType='end']").size());
}

TEST(Docx, SingleArticleHasNoTableOfContentsAndItsTitleIsTheTitle) {
  const pugi::xml_document model = load_model(model_with_body(
      "<article><title line=\"1\">关于某事的讲话</title><p line=\"2\">正文。</p></article>"));
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(model, package, document);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].style, "Title");
  EXPECT_FALSE(document.select_node("//w:instrText"));
  EXPECT_FALSE(document.select_node("//w:pageBreakBefore"));
  const pugi::xml_document core = parse(package.parts.at("docProps/core.xml"));
  EXPECT_STREQ(core.select_node("//dc:title").node().text().get(), "关于某事的讲话");
  EXPECT_STREQ(core.select_node("//dc:language").node().text().get(), "zh-CN");
}

TEST(Docx, ArticleBreakNoneWritesNoPageBreaks) {
  DocxOptions options;
  options.article_page_break = false;
  Unpacked package;
  pugi::xml_document document;
  write_and_read(sample_model(), package, document, options);
  EXPECT_FALSE(document.select_node("//w:pageBreakBefore"));
}

TEST(Docx, XmlSpecialTextSurvives) {
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(sample_model(), package, document);
  EXPECT_EQ(ps[14].text, "文本 <script>alert(1)</script> & 1*2_3`4[5]\\6 # 不是标题");
  EXPECT_NE(package.parts["word/document.xml"].find("&lt;script&gt;"), std::string::npos);
}

TEST(Docx, ControlCharactersAndBadUtf8AreDroppedAndSpacesKept) {
  pugi::xml_document model = load_model(model_with_body(
      "<article><p line=\"1\">x</p><p line=\"2\">x</p><p line=\"3\">x</p></article>"));
  pugi::xml_node article = model.document_element().child("article");
  pugi::xml_node p = article.first_child();
  p.text().set(
      "a\x01"
      "b\x08"
      "c\x0B"
      "d\x1F"
      "e\xEF\xBF\xBE"
      "f\xC3"
      "g\xED\xA0\x80"
      "h");
  p = p.next_sibling();
  p.text().set("  前后空格  ");
  p = p.next_sibling();
  p.text().set("一\t二\n三\r四");
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(model, package, document);
  const std::string& xml = package.parts["word/document.xml"];
  for (char c = 1; c < 0x20; ++c) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    EXPECT_EQ(xml.find(c), std::string::npos) << static_cast<int>(c);
  }
  EXPECT_EQ(xml.find("&#"), std::string::npos);
  EXPECT_EQ(xml.find("\xEF\xBF\xBE"), std::string::npos);  // U+FFFE
  ASSERT_EQ(ps.size(), 3u);
  // A lone C3 is malformed (U+FFFD); ED A0 80 is a surrogate, which XML forbids.
  EXPECT_EQ(ps[0].text, "abcdef\xEF\xBF\xBDgh");
  EXPECT_EQ(ps[1].text, "  前后空格  ");
  EXPECT_STREQ(ps[1].node.select_node(".//w:t").node().attribute("xml:space").value(), "preserve");
  EXPECT_EQ(ps[2].text, "一二三四");
  EXPECT_TRUE(ps[2].node.select_node(".//w:tab"));
  EXPECT_TRUE(ps[2].node.select_node(".//w:br"));
}

TEST(Docx, VeryLongParagraphIsKeptWhole) {
  pugi::xml_document model = load_model(model_with_body("<article><p line=\"1\">x</p></article>"));
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "长";
  model.document_element().child("article").child("p").text().set(text.c_str());
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(model, package, document);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].text, text);
}

TEST(Docx, EmptyArticlesGiveAValidBody) {
  for (const char* body : {"<article/>", "<article/><article/><article/>",
                           "<title line=\"1\">题</title><article/><article><title line=\"2\">"
                           "二</title></article>"}) {
    Unpacked package;
    pugi::xml_document document;
    const std::vector<Paragraph> ps =
        write_and_read(load_model(model_with_body(body)), package, document);
    EXPECT_GE(ps.size(), 1u) << body;
    EXPECT_STREQ(document.child("w:document").child("w:body").last_child().name(), "w:sectPr");
  }
}

TEST(Docx, DeepSectionsUseHeadingsUpToSix) {
  std::string body = "<article>";
  for (int level = 1; level <= 6; ++level) {
    body += "<section level=\"" + std::to_string(level) +
            "\" family=\"other\" marker=\"\"><heading line=\"1\">H" + std::to_string(level) +
            "</heading>";
  }
  for (int level = 1; level <= 6; ++level) body += "</section>";
  body += "</article>";
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps =
      write_and_read(load_model(model_with_body(body)), package, document);
  ASSERT_EQ(ps.size(), 6u);
  for (int level = 1; level <= 6; ++level) {
    EXPECT_EQ(ps[level - 1].style, "Heading" + std::to_string(level));
  }
}

TEST(Docx, OutputIsDeterministicAndUndatedByDefault) {
  const std::string first = write_docx(sample_model(), {});
  const char* old_tz = std::getenv("TZ");
  const std::string saved = old_tz ? old_tz : "";
  setenv("TZ", "Asia/Shanghai", 1);
  tzset();
  const std::string second = write_docx(sample_model(), {});
  if (old_tz) {
    setenv("TZ", saved.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
  EXPECT_EQ(first, second);
  const Unpacked package = unpack(first);
  EXPECT_EQ(package.parts.at("docProps/core.xml").find("dcterms:created"), std::string::npos);
}

TEST(Docx, TimestampGivesCoreDates) {
  DocxOptions options;
  options.timestamp = 1700000000;  // 2023-11-14T22:13:20Z
  const Unpacked package = unpack(write_docx(sample_model(), options));
  const pugi::xml_document core = parse(package.parts.at("docProps/core.xml"));
  EXPECT_STREQ(core.select_node("//dcterms:created").node().text().get(), "2023-11-14T22:13:20Z");
  EXPECT_STREQ(core.select_node("//dcterms:modified").node().text().get(), "2023-11-14T22:13:20Z");
  EXPECT_EQ(write_docx(sample_model(), options), write_docx(sample_model(), options));
}

TEST(Docx, ZipLevelChangesCompressionNotContent) {
  DocxOptions stored;
  stored.zip_level = 0;
  DocxOptions best;
  best.zip_level = 9;
  const std::string a = write_docx(sample_model(), stored);
  const std::string b = write_docx(sample_model(), best);
  EXPECT_GT(a.size(), b.size());
  EXPECT_EQ(unpack(a).parts, unpack(b).parts);
}

TEST(Docx, PlainStyleIsWordsDefaultLook) {
  DocxOptions options;
  options.style = "plain";
  const Unpacked package = unpack(write_docx(sample_model(), options));
  EXPECT_FALSE(package.parts.count("word/footer2.xml"));
  const pugi::xml_document settings = parse(package.parts.at("word/settings.xml"));
  EXPECT_FALSE(settings.child("w:settings").child("w:evenAndOddHeaders"));
  const pugi::xml_document styles = parse(package.parts.at("word/styles.xml"));
  const pugi::xml_node normal =
      styles.child("w:styles").find_child_by_attribute("w:style", "w:styleId", "Normal");
  EXPECT_STREQ(normal.child("w:rPr").child("w:rFonts").attribute("w:eastAsia").value(), "宋体");
  EXPECT_STREQ(normal.child("w:rPr").child("w:rFonts").attribute("w:ascii").value(), "Calibri");
  EXPECT_TRUE(
      styles.select_node("//w:style[@w:styleId='Heading2']/w:pPr/w:outlineLvl[@w:val='1']"));
}

TEST(Docx, ErrorsAreWriteErrors) {
  DocxOptions bad_style;
  bad_style.style = "fancy";
  EXPECT_THROW(write_docx(sample_model(), bad_style), WriteError);
  DocxOptions bad_level;
  bad_level.zip_level = 12;
  EXPECT_THROW(write_docx(sample_model(), bad_level), WriteError);
  EXPECT_THROW(write_docx(load_model("<html/>"), {}), WriteError);
  TempDir dir;
  test::write_file(dir.path() / "not.docx", "not a zip");
  EXPECT_THROW(load_docx_template((dir.path() / "not.docx").string()), WriteError);
  EXPECT_THROW(load_docx_template((dir.path() / "missing.docx").string()), WriteError);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  lines.push_back(text.substr(start));
  return lines;
}

std::string without_breaks(std::string text) {
  std::erase(text, '\n');
  return text;
}

TEST(DocxTitle, LongTitleBreaksIntoBalancedLinesOnWordBoundaries) {
  const std::string title = "有关某市政协系统党务干部培训班研讨发言材料汇编";  // 23
  const std::string balanced = docx::balance_title(title, 20);
  const std::vector<std::string> lines = split_lines(balanced);
  ASSERT_EQ(lines.size(), 2u) << balanced;
  EXPECT_EQ(without_breaks(balanced), title);
  const double first = docx::text_cells(lines[0]);
  const double second = docx::text_cells(lines[1]);
  EXPECT_LE(std::abs(first - second), 3) << balanced;
  EXPECT_LE(first, 20);
  EXPECT_LE(second, 20);
}

TEST(DocxTitle, ShortTitlesAndImpossibleBreaksAreLeftAlone) {
  EXPECT_EQ(docx::balance_title("关于某事的讲话", 20), "关于某事的讲话");
  EXPECT_EQ(docx::balance_title("", 20), "");
  const std::string latin(60, 'x');  // one long word: no boundary to break at
  EXPECT_EQ(docx::balance_title(latin, 20), latin);
}

TEST(DocxTitle, NoLineStartsWithClosingPunctuation) {
  const std::string title = "在全市政协系统党务干部培训班上的发言，关于过程党建的几点思考与体会";
  const std::vector<std::string> lines = split_lines(docx::balance_title(title, 20));
  ASSERT_GE(lines.size(), 2u);
  for (const std::string& line : lines) {
    EXPECT_FALSE(line.starts_with("，")) << line;
    EXPECT_LE(docx::text_cells(line), 20);
  }
}

TEST(DocxTitle, AnAuthorsSpaceIsTheBreak) {
  // Two no-break spaces separate the halves in a sample: the break goes there
  // and the spaces go away.
  EXPECT_EQ(docx::balance_title(
                "深刻理解全面从严治党\u00A0\u00A0以新时代党建工作引领残疾人事业新发展", 20),
            "深刻理解全面从严治党\n以新时代党建工作引领残疾人事业新发展");
}

TEST(DocxTitle, VeryLongTitleTakesAsManyLinesAsItNeeds) {
  std::string title;
  for (int i = 0; i < 5; ++i) title += "党务干部培训班研讨发言材料";  // 65 characters
  const std::vector<std::string> lines = split_lines(docx::balance_title(title, 20));
  EXPECT_EQ(lines.size(), 4u);
  for (const std::string& line : lines) EXPECT_LE(docx::text_cells(line), 20);
}

TEST(Docx, LongDocumentTitleGetsALineBreak) {
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(sample_model(), package, document);
  EXPECT_TRUE(ps[0].node.select_node(".//w:br"));
  EXPECT_FALSE(ps[3].node.select_node(".//w:br"));  // the contents entry keeps one line
}

// A template made by rewriting one of our own packages: its styles are renamed
// the way a Chinese Word names them, and it has a header with a picture.
std::string letterhead_template() {
  Unpacked base = unpack(write_docx(sample_model(), {}));
  std::string styles = base.parts["word/styles.xml"];
  const auto replace_all = [](std::string& s, const std::string& from, const std::string& to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  };
  replace_all(styles, "\"Heading1\"", "\"1\"");
  replace_all(styles, "\"BodyText\"", "\"a3\"");
  replace_all(styles, "\"仿宋_GB2312\"", "\"LetterheadFont\"");
  // Keep only Normal, heading 1 and Body Text (and the default font).
  pugi::xml_document doc = parse(styles);
  pugi::xml_node root = doc.child("w:styles");
  for (pugi::xml_node s = root.child("w:style"); s;) {
    pugi::xml_node next = s.next_sibling("w:style");
    const std::string id = s.attribute("w:styleId").value();
    if (id != "Normal" && id != "1" && id != "a3" && id != "DefaultParagraphFont") {
      root.remove_child(s);
    }
    s = next;
  }
  for (pugi::xml_node s : root.children("w:style")) {
    s.remove_child("w:next");
    s.remove_child("w:link");
  }
  std::ostringstream out;
  doc.save(out);

  docx::ZipWriter zip(-1);
  std::string types = base.parts["[Content_Types].xml"];
  replace_all(types, "</Types>",
              "<Default Extension=\"png\" ContentType=\"image/png\"/><Override "
              "PartName=\"/word/header1.xml\" ContentType=\"application/"
              "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/></Types>");
  zip.add("[Content_Types].xml", types);
  zip.add("_rels/.rels", base.parts["_rels/.rels"]);
  std::string rels = base.parts["word/_rels/document.xml.rels"];
  replace_all(rels, "</Relationships>",
              "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/"
              "officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
              "</Relationships>");
  zip.add("word/_rels/document.xml.rels", rels);
  std::string document = base.parts["word/document.xml"];
  replace_all(document, "<w:sectPr>",
              "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId99\"/>");
  replace_all(document, "w:top=\"2098\"", "w:top=\"3000\"");
  zip.add("word/document.xml", document);
  zip.add("word/styles.xml", out.str());
  zip.add("word/settings.xml", base.parts["word/settings.xml"]);
  zip.add("word/fontTable.xml", base.parts["word/fontTable.xml"]);
  zip.add("word/footer1.xml", base.parts["word/footer1.xml"]);
  zip.add("word/footer2.xml", base.parts["word/footer2.xml"]);
  zip.add("word/header1.xml",
          "<?xml version=\"1.0\"?><w:hdr xmlns:w=\"http://schemas.openxmlformats.org/"
          "wordprocessingml/2006/main\"><w:p><w:r><w:t>红头</w:t></w:r></w:p></w:hdr>");
  zip.add("word/_rels/header1.xml.rels",
          "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
          "package/2006/relationships\"><Relationship Id=\"rId1\" "
          "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
          "Target=\"media/logo.png\"/></Relationships>");
  zip.add("word/media/logo.png", "\x89PNG fake");
  return zip.finish();
}

TEST(Docx, ReferenceDocxGivesStylesPageSetupHeadersAndFooters) {
  TempDir dir;
  const auto path = dir.path() / "letterhead.docx";
  test::write_file(path, letterhead_template());
  DocxOptions options;
  options.reference = load_docx_template(path.string());
  Unpacked package;
  pugi::xml_document document;
  const std::vector<Paragraph> ps = write_and_read(sample_model(), package, document, options);

  // The template's own ids for the styles it has; ours added for the rest.
  EXPECT_EQ(ps[9].style, "1");          // heading 1
  EXPECT_EQ(ps[8].style, "a3");         // Body Text
  EXPECT_EQ(ps[11].style, "Heading2");  // added
  const pugi::xml_document styles = parse(package.parts.at("word/styles.xml"));
  EXPECT_TRUE(styles.select_node("//w:style[@w:styleId='Heading2']/w:basedOn[@w:val='Normal']"));
  EXPECT_TRUE(styles.select_node("//w:rFonts[@w:eastAsia='LetterheadFont']"));
  EXPECT_EQ(styles.select_nodes("//w:style[@w:styleId='1']").size(), 1u);
  // Page setup and header from the template, with the picture it uses.
  EXPECT_TRUE(document.select_node("//w:sectPr/w:pgMar[@w:top='3000']"));
  EXPECT_TRUE(package.parts.count("word/header1.xml"));
  EXPECT_TRUE(package.parts.count("word/_rels/header1.xml.rels"));
  EXPECT_TRUE(package.parts.count("word/media/logo.png"));
  const pugi::xml_document rels = parse(package.parts.at("word/_rels/document.xml.rels"));
  for (pugi::xpath_node ref : document.select_nodes("//w:sectPr/*[@r:id]")) {
    const std::string id = ref.node().attribute("r:id").value();
    const pugi::xml_node r =
        rels.child("Relationships").find_child_by_attribute("Relationship", "Id", id.c_str());
    ASSERT_TRUE(r) << id;
    EXPECT_TRUE(package.parts.count(std::string("word/") + r.attribute("Target").value()));
  }
  const pugi::xml_document types = parse(package.parts.at("[Content_Types].xml"));
  EXPECT_TRUE(types.select_node("//*[@Extension='png']"));
  for (const auto& [name, bytes] : package.parts) {
    if (!name.ends_with(".png")) parse(bytes);
  }
}

// word/document.xml is written by hand, as pugixml would write it (bytes
// identical to what the writer made through a pugixml tree before).

std::string pugixml_bytes(const pugi::xml_document& doc) {
  StringWriter out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.text;
}

std::string pugixml_text(const std::string& text) {
  pugi::xml_document doc;
  doc.append_child("t").text().set(text.c_str());
  const std::string bytes = pugixml_bytes(doc);  // <t>...</t>
  return bytes.substr(3, bytes.size() - 7);
}

std::string pugixml_attribute(const std::string& value) {
  pugi::xml_document doc;
  doc.append_child("a").append_attribute("v").set_value(value.c_str());
  const std::string bytes = pugixml_bytes(doc);  // <a v="..."/>
  return bytes.substr(6, bytes.size() - 9);
}

TEST(DocxXml, EscapingIsPugixmlsForEveryByteAnywhereInAWord) {
  for (int c = 0; c < 256; ++c) {
    for (std::size_t offset : {0, 1, 7, 8, 13, 16}) {
      const std::string s =
          std::string(offset, 'x') + static_cast<char>(c) + "\xE4\xB8\x80" + std::string(9, 'y');
      std::string text;
      std::string attribute;
      docx::append_escaped_text(text, s);
      docx::append_escaped_attribute(attribute, s);
      EXPECT_EQ(text, pugixml_text(s)) << c << " at " << offset;
      EXPECT_EQ(attribute, pugixml_attribute(s)) << c << " at " << offset;
    }
  }
}

// Random strings of pieces that are each valid, invalid or special somewhere.
std::vector<std::string> hostile_strings() {
  const std::vector<std::string> pieces = {"中",
                                           "文字",
                                           "a",
                                           " ",
                                           "&",
                                           "<",
                                           ">",
                                           "\"",
                                           "'",
                                           "\t",
                                           "\n",
                                           "\r",
                                           "\x01",
                                           "\x1F",
                                           "\x7F",
                                           "\xEF\xBF\xBD",
                                           "\xEF\xBF\xBE",
                                           "\xEF\xBF\xBF",
                                           "\xED\x9F\xBF",
                                           "\xED\xA0\x80",
                                           "\xE0\x9F\xBF",
                                           "\xE0\xA0\x80",
                                           "\xC0\xAF",
                                           "\xC2\x80",
                                           "\xDF\xBF",
                                           "\xF0\x8F\xBF\xBF",
                                           "\xF0\x90\x80\x80",
                                           "\xF4\x8F\xBF\xBF",
                                           "\xF4\x90\x80\x80",
                                           "\xF5\x80\x80\x80",
                                           "\x80",
                                           "\xBF",
                                           "\xE4\xB8",
                                           "\xF0\xA0\x80",
                                           "\xFF",
                                           "—",
                                           "…",
                                           "“",
                                           "（",
                                           "①",
                                           "Ａ",
                                           "𠀀"};
  std::vector<std::string> strings;
  unsigned state = 12345;
  const auto next = [&] { return (state = state * 1103515245 + 12345) >> 16; };
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (unsigned n = next() % 12; n > 0; --n) s += pieces[next() % pieces.size()];
    strings.push_back(s);
  }
  return strings;
}

TEST(DocxXml, SafeViewIsSafeTextWithoutACopyWhenNothingChanges) {
  std::string scratch;
  for (const std::string& s : hostile_strings()) {
    const std::string safe = docx::xml_safe_text(s);
    const std::string_view view = docx::xml_safe_view(s, scratch);
    EXPECT_EQ(view, safe);
    if (safe == s) {
      EXPECT_EQ(view.data(), s.data());
    }
  }
}

// text_cells as it was, decoding through UTF-16 with ICU's substitution of
// ill-formed sequences; each character's own width from text_cells.
double icu_text_cells(const std::string& utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  std::string one;
  double width = 0;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    one.clear();
    icu::UnicodeString(text.char32At(i)).toUTF8String(one);
    width += docx::text_cells(one);  // a single well-formed character
  }
  return width;
}

// A two-byte character last in the text: its second byte was once read after the position
// had moved past it (out of bounds; found by fuzz_docx, caught here under AddressSanitizer).
// Long enough that the string is on the heap, where the sanitiser sees its end.
TEST(DocxTitle, TextCellsReadsATwoByteCharacterAtTheEndInBounds) {
  const std::string text = std::string(15, 'a') + "\u00e9";
  EXPECT_EQ(docx::text_cells(text), 8.0);
  EXPECT_EQ(docx::text_cells(text), icu_text_cells(text));
  EXPECT_EQ(docx::text_cells("\u00e9\u00e9"), 1.0);
}

TEST(DocxTitle, TextCellsCountsAsIcuDecodes) {
  for (const std::string& s : hostile_strings()) {
    EXPECT_EQ(docx::text_cells(s), icu_text_cells(s)) << s;
  }
}

// What pugixml writes of the part's own tree is the part itself.
void expect_document_is_pugixml_output(const pugi::xml_document& model,
                                       const DocxOptions& options) {
  const std::string xml = unpack(write_docx(model, options)).parts["word/document.xml"];
  pugi::xml_document tree;
  ASSERT_TRUE(
      tree.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata));
  EXPECT_EQ(docx::serialize_part(tree), xml);
}

TEST(Docx, DocumentXmlIsWhatPugixmlWritesOfItsTree) {
  const pugi::xml_document hostile =
      load_model(test::read_file(test::source_dir() / "tests/fixtures/docx-hostile.xml"));
  const pugi::xml_document sample = sample_model();
  for (const pugi::xml_document* model : {&hostile, &sample}) {
    DocxOptions options;
    expect_document_is_pugixml_output(*model, options);
    options.style = "plain";
    options.article_page_break = false;
    expect_document_is_pugixml_output(*model, options);
  }
  pugi::xml_document model = load_model(model_with_body("<article><p line=\"1\">x</p></article>"));
  pugi::xml_node p = model.document_element().child("article").child("p");
  const std::vector<std::string> strings = hostile_strings();
  for (std::size_t i = 0; i < 300; ++i) {  // each writes a whole package
    p.text().set(strings[i].c_str());
    expect_document_is_pugixml_output(model, {});
  }
}

}  // namespace
}  // namespace docpipe
