// End to end on the five seed samples: the model must hold everything that
// shared/expected/*.json says a correct conversion finds.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <map>

#include "pipeline/json.hpp"
#include "stages/validate.hpp"
#include "tests/support.hpp"

namespace docpipe::test {
namespace {

std::vector<std::string> sample_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "samples")) {
    if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> texts_of(pugi::xml_node parent, const char* name) {
  std::vector<std::string> out;
  for (pugi::xml_node node : parent.children(name)) out.push_back(node.text().get());
  return out;
}

std::vector<std::string> strings(const Json& array) {
  std::vector<std::string> out;
  for (const auto& item : array.array) out.push_back(item.string);
  return out;
}

struct FoundHeading {
  std::string marker, text, family;
  bool runin = false;
  int level = 0;
};

// Walks an article: its headings in order, and its body paragraphs as expected/README.md
// counts them (a run-in heading's line is one paragraph; its rest is not another).
void walk(pugi::xml_node node, int depth, std::vector<FoundHeading>& headings, int& paragraphs) {
  for (pugi::xml_node child : node.children()) {
    const std::string name = child.name();
    if (name == "p") {
      if (!child.attribute("runin").as_bool()) ++paragraphs;
    } else if (name == "section") {
      pugi::xml_node heading = child.child("heading");
      FoundHeading found{child.attribute("marker").value(), heading.text().get(),
                         child.attribute("family").value(), heading.attribute("runin").as_bool(),
                         child.attribute("level").as_int()};
      EXPECT_EQ(found.level, depth + 1) << "section level must match its nesting: " << found.text;
      if (found.runin) ++paragraphs;
      headings.push_back(found);
      walk(child, depth + 1, headings, paragraphs);
    }
  }
}

// Levels by the first-appearance rule, worked out by hand for each sample.
const std::map<std::string, std::vector<std::vector<int>>> kExpectedLevels = {
    {"000", {{}, {}, {}, {}, {}, {}}},
    {"001", {{1, 1, 1}, {1, 2, 2, 1, 2, 2, 2}, {1, 1, 1, 2, 2, 2}}},
    {"002",
     {{1, 2, 2, 2, 2, 2, 1, 2, 2, 2},
      {1, 1, 1, 1, 1, 1, 1},
      {1, 1, 1, 1},
      {1, 1, 1, 1, 1},
      {1, 1, 1},
      {1, 1, 1},
      {1, 1, 1},
      {1, 1, 1}}},
    {"003", {{1, 2, 2, 1, 2, 2, 2}, {1, 1, 1, 1}, {1, 1, 2, 2, 2, 1, 1}, {1, 1, 1, 1}}},
    {"004", {{1, 1, 1}, {1, 1, 2, 2, 2, 1, 2, 2, 2}, {1, 1, 1}, {1, 1, 1}}},
};

class SampleTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    name_ = GetParam();
    expected_ = parse_json(read_file(shared_dir() / "expected" / (name_ + ".json")));
    run_ = run_stages(read_file(source_dir() / "samples" / (name_ + ".txt")));
    root_ = run_.model->document_element();
  }
  std::string name_;
  Json expected_;
  StageRun run_;
  pugi::xml_node root_;
};

TEST_P(SampleTest, ModelValidatesAgainstTheSchema) {
  const ModelValidator validator;
  const ValidationResult result = validator.validate(*run_.model);
  EXPECT_TRUE(result.valid) << (result.errors.empty() ? "" : result.errors.front());
}

TEST_P(SampleTest, DocumentTitleSubtitleAndContents) {
  const Json& title = expected_["title"];
  if (title.is_null()) {
    EXPECT_FALSE(root_.child("title"));
  } else {
    EXPECT_EQ(root_.child("title").text().get(), title.string);
  }
  const Json& subtitle = expected_["subtitle"];
  const std::vector<std::string> subtitles = texts_of(root_, "subtitle");
  if (subtitle.is_null()) {
    EXPECT_TRUE(subtitles.empty());
  } else {
    EXPECT_EQ(subtitles, std::vector<std::string>{subtitle.string});
  }
  EXPECT_EQ(texts_of(root_.child("toc"), "entry"), strings(expected_["toc"]));
}

TEST_P(SampleTest, ArticlesSpeakersSalutationsHeadingsAndParagraphs) {
  const auto& articles = expected_["articles"].array;
  std::vector<pugi::xml_node> found;
  for (pugi::xml_node article : root_.children("article")) found.push_back(article);
  ASSERT_EQ(found.size(), articles.size());
  const auto& levels = kExpectedLevels.at(name_.substr(0, 3));
  for (std::size_t a = 0; a < articles.size(); ++a) {
    SCOPED_TRACE("article " + std::to_string(a + 1));
    const Json& want = articles[a];
    pugi::xml_node article = found[a];
    if (want["title"].is_null()) {
      EXPECT_FALSE(article.child("title"));
    } else {
      EXPECT_EQ(article.child("title").text().get(), want["title"].string);
    }
    EXPECT_EQ(texts_of(article, "speaker"), strings(want["speakers"]));
    EXPECT_EQ(texts_of(article, "salutation"), strings(want["salutations"]));

    std::vector<FoundHeading> headings;
    int paragraphs = 0;
    walk(article, 0, headings, paragraphs);
    EXPECT_EQ(paragraphs, static_cast<int>(want["paragraph_count"].number));
    const auto& want_headings = want["headings"].array;
    ASSERT_EQ(headings.size(), want_headings.size());
    for (std::size_t h = 0; h < headings.size(); ++h) {
      SCOPED_TRACE("heading " + std::to_string(h + 1) + " " + headings[h].text);
      EXPECT_EQ(headings[h].marker, want_headings[h]["marker"].string);
      EXPECT_EQ(headings[h].text, want_headings[h]["text"].string);
      EXPECT_EQ(headings[h].family, want_headings[h]["family"].string);
      EXPECT_EQ(headings[h].runin, want_headings[h]["runin"].boolean);
      EXPECT_EQ(headings[h].level, levels.at(a).at(h));
    }
  }
}

TEST_P(SampleTest, NoiseIsRemovedAndRecorded) {
  const std::string xml = model_xml(*run_.model);
  std::vector<std::string> removed;
  for (const auto& removal : run_.cleaned.removals) {
    EXPECT_GT(removal.line, 0);
    removed.push_back(removal.text);
  }
  for (const auto& noise : strings(expected_["noise"])) {
    EXPECT_EQ(xml.find(noise), std::string::npos) << "noise left: " << noise;
    auto found = std::find(removed.begin(), removed.end(), noise);
    EXPECT_NE(found, removed.end()) << "removal not recorded: " << noise;
    if (found != removed.end()) removed.erase(found);
  }
  EXPECT_TRUE(removed.empty()) << "removed more than the noise, e.g.: "
                               << (removed.empty() ? "" : removed[0]);
}

TEST_P(SampleTest, EverySnippetToKeepAppearsExactlyOnce) {
  const std::string text = reading_text(*run_.model);
  for (const auto& snippet : strings(expected_["must_keep"])) {
    std::size_t count = 0;
    for (auto at = text.find(snippet); at != std::string::npos; at = text.find(snippet, at + 1))
      ++count;
    EXPECT_EQ(count, 1u) << snippet;
  }
}

TEST_P(SampleTest, HardWrappedLinesAreRejoined) {
  const std::string text = reading_text(*run_.model);
  for (const auto& join : expected_["wrapped_joins"].array) {
    const std::string joined = join.array.at(0).string + join.array.at(1).string;
    EXPECT_NE(text.find(joined), std::string::npos) << joined;
  }
}

// --- The same text in other encodings and line ends gives the same model.

std::string reencode(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t length =
      ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                   static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::string without_encoding(const pugi::xml_document& model) {
  pugi::xml_document copy;
  copy.reset(model);
  copy.document_element().remove_attribute("encoding");
  return model_xml(copy);
}

TEST_P(SampleTest, ReencodedCopiesGiveTheSameModel) {
  const std::string original = read_file(source_dir() / "samples" / (name_ + ".txt"));
  const std::string reference = without_encoding(*run_.model);
  std::string crlf;
  for (char c : original) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::vector<std::pair<std::string, std::string>> copies = {
      {"GB18030", reencode(original, "GB18030")},
      {"UTF-16LE", "\xFF\xFE" + reencode(original, "UTF-16LE")},
      {"UTF-16BE", "\xFE\xFF" + reencode(original, "UTF-16BE")},
      {"UTF-8", "\xEF\xBB\xBF" + original},
      {"UTF-8", crlf},
  };
  for (const auto& [encoding, bytes] : copies) {
    const StageRun run = run_stages(bytes);
    EXPECT_EQ(run.decoded.encoding, encoding);
    EXPECT_EQ(without_encoding(*run.model), reference) << "as " << encoding;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SampleTest, ::testing::ValuesIn(sample_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return "s" + param.param.substr(0, 3);
                         });

}  // namespace
}  // namespace docpipe::test
