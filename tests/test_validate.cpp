// The schema check (stages/validate.cpp) on models that pass, fail, or are not XML at all.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <string>

#include "stages/validate.hpp"

namespace docpipe {
namespace {

const ModelValidator& validator() {
  static const ModelValidator compiled;
  return compiled;
}

std::string model(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<document xmlns=\"urn:docpipe:document:1\" version=\"1\" xml:lang=\"zh-CN\" "
         "source=\"a.txt\" "
         "encoding=\"UTF-8\">\n<article>\n" +
         body + "</article>\n</document>\n";
}

TEST(Validate, AValidModelPasses) {
  const ValidationResult result = validator().validate(model("<p line=\"1\">正文。</p>\n"));
  EXPECT_TRUE(result.valid);
  EXPECT_TRUE(result.errors.empty());
}

TEST(Validate, AnInvalidModelFailsWithTheLine) {
  const ValidationResult result =
      validator().validate(model("<p line=\"1\">正文。</p>\n<bogus/>\n"));
  EXPECT_FALSE(result.valid);
  ASSERT_FALSE(result.errors.empty());
  EXPECT_EQ(result.errors[0].rfind("line 5:", 0), 0u) << result.errors[0];
}

TEST(Validate, TextIsCheckedAgainstItsType) {
  EXPECT_FALSE(validator()
                   .validate(model("<p line=\"1\"> 正文。</p>\n"))
                   .valid);  // BlockText: no lead space
  EXPECT_FALSE(validator().validate(model("<p line=\"1\"></p>\n")).valid);
  EXPECT_FALSE(validator().validate(model("<p line=\"x\">正文。</p>\n")).valid);
}

TEST(Validate, TextThatIsNotXmlFails) {
  EXPECT_FALSE(validator().validate(std::string("<document><p>")).valid);
  EXPECT_FALSE(validator().validate(std::string("not xml")).valid);
  EXPECT_FALSE(validator().validate(std::string()).valid);
}

TEST(Validate, AParsedModelIsCheckedAsItsText) {
  pugi::xml_document good;
  ASSERT_TRUE(good.load_string(model("<p line=\"1\">正文。</p>").c_str()));
  EXPECT_TRUE(validator().validate(good).valid);
  pugi::xml_document bad;
  ASSERT_TRUE(bad.load_string(model("<p>no line</p>").c_str()));
  EXPECT_FALSE(validator().validate(bad).valid);
}

TEST(Validate, AParagraphLongerThanTenMegabytesPasses) {
  std::string text;
  for (int k = 0; k < 4'000'000; ++k) text += "正";  // 12 MB of UTF-8
  text += "。";
  EXPECT_TRUE(validator().validate(model("<p line=\"1\">" + text + "</p>")).valid);
}

}  // namespace
}  // namespace docpipe
