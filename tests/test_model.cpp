// The model stage (nesting by level, @line everywhere) and validation against the schema.
#include <gtest/gtest.h>

#include "stages/model.hpp"
#include "stages/validate.hpp"
#include "tests/support.hpp"

namespace docpipe::test {
namespace {

BodyBlock heading(const std::string& marker, const std::string& text, int level, int line,
                  const std::string& family = "cn-dun") {
  BodyBlock block;
  block.kind = BodyBlock::Kind::heading;
  block.marker = marker;
  block.text = text;
  block.level = level;
  block.line = line;
  block.family = family;
  return block;
}

BodyBlock paragraph(const std::string& text, int line, bool runin_rest = false) {
  BodyBlock block;
  block.text = text;
  block.line = line;
  block.runin_rest = runin_rest;
  return block;
}

TEST(Model, SectionsNestByLevel) {
  DocumentStructure structure;
  structure.title = TextBlock{"标题", 1};
  Article article;
  article.salutation = TextBlock{"同志们：", 2};
  article.body = {paragraph("开场。", 3),         heading("一、", "甲", 1, 4),
                  paragraph("甲文。", 5),         heading("（一）", "甲一。", 2, 6, "cn-paren"),
                  paragraph("甲一文。", 6, true), heading("二、", "乙", 1, 7)};
  article.body[3].runin = true;
  structure.articles.push_back(article);
  const auto model = build_model(structure, {"a.txt", "GB18030"});
  const pugi::xml_node root = model->document_element();
  EXPECT_STREQ(root.name(), "document");
  EXPECT_STREQ(root.attribute("xmlns").value(), "urn:docpipe:document:1");
  EXPECT_STREQ(root.attribute("encoding").value(), "GB18030");
  EXPECT_STREQ(root.attribute("source").value(), "a.txt");
  const pugi::xml_node first = root.child("article").child("section");
  EXPECT_STREQ(first.attribute("marker").value(), "一、");
  const pugi::xml_node nested = first.child("section");
  EXPECT_EQ(nested.attribute("level").as_int(), 2);
  EXPECT_TRUE(nested.child("heading").attribute("runin").as_bool());
  EXPECT_TRUE(nested.child("p").attribute("runin").as_bool());
  EXPECT_STREQ(first.next_sibling("section").attribute("marker").value(), "二、");
  // Every block says where it came from.
  for (const auto& node : root.select_nodes("//*[not(*) and not(self::toc)]")) {
    EXPECT_TRUE(node.node().attribute("line")) << node.node().name();
  }
  const ModelValidator validator;
  EXPECT_TRUE(validator.validate(*model).valid);
}

TEST(Validate, RejectsModelsOutsideTheSchema) {
  const ModelValidator validator;
  const std::string head =
      "<document xmlns='urn:docpipe:document:1' version='1' xml:lang='zh-CN' source='a' "
      "encoding='UTF-8'>";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"no article", head + "<title line='1'>T</title></document>"},
      {"empty paragraph", head + "<article><p line='1'></p></article></document>"},
      {"padded paragraph", head + "<article><p line='1'> x</p></article></document>"},
      {"missing line", head + "<article><p>x</p></article></document>"},
      {"unknown family", head + "<article><section level='1' family='roman' marker='I.'><heading "
                                "line='1'>x</heading></section>"
                                "</article></document>"},
      {"level 7", head + "<article><section level='7' family='other' marker=''><heading "
                         "line='1'>x</heading></section>"
                         "</article></document>"},
      {"section without heading", head + "<article><section level='1' family='other' marker=''><p "
                                         "line='1'>x</p></section></article>"
                                         "</document>"},
      {"title after body",
       head + "<article><p line='2'>x</p><title line='1'>T</title></article></document>"},
      {"wrong namespace",
       "<document xmlns='urn:other' version='1' source='a' encoding='UTF-8'><article/></document>"},
      {"not XML", "<document"},
  };
  for (const auto& [what, xml] : bad) {
    const ValidationResult result = validator.validate(xml);
    EXPECT_FALSE(result.valid) << what;
    EXPECT_FALSE(result.errors.empty()) << what;
  }
  EXPECT_TRUE(validator.validate(head + "<article/></document>").valid);
  EXPECT_TRUE(
      validator.validate(read_file(source_dir() / "tests/fixtures/model-sample.xml")).valid);
}

TEST(Validate, TheSchemaInTheBinaryIsTheOneInTheRepository) {
  const ModelValidator from_file(read_file(source_dir() / "schemas/document.xsd"));
  const StageRun run = run_stages(read_file(source_dir() / "samples/002_50949e5fb02999d8.txt"));
  EXPECT_TRUE(from_file.validate(*run.model).valid);
}

}  // namespace
}  // namespace docpipe::test
