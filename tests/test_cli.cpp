// The docpipe binary as a user runs it: options, exit statuses, outputs, messages.
#include <gtest/gtest.h>

#include "tests/support.hpp"

namespace docpipe::test {
namespace {

namespace fs = std::filesystem;

std::string docpipe(const std::string& arguments) {
  return "'" + docpipe_binary().string() + "' " + arguments;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

TEST(Cli, HelpAndVersion) {
  const CommandResult help = run_command(docpipe("--help"));
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("convert"), std::string::npos);
  const CommandResult convert_help = run_command(docpipe("convert --help"));
  EXPECT_EQ(convert_help.exit_code, 0);
  for (const char* option :
       {"--output", "--format", "--jobs", "--noise-rules", "--encoding", "--quiet"}) {
    EXPECT_NE(convert_help.output.find(option), std::string::npos) << option;
  }
  const CommandResult version = run_command(docpipe("--version"));
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output.rfind("docpipe ", 0), 0u);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_command(docpipe("")).exit_code, 2);
  EXPECT_EQ(run_command(docpipe("frobnicate x")).exit_code, 2);
  EXPECT_EQ(run_command(docpipe("convert")).exit_code, 2);
  EXPECT_EQ(run_command(docpipe("convert --format pdf samples")).exit_code, 2);
  EXPECT_EQ(run_command(docpipe("convert --no-such-option samples")).exit_code, 2);
  const CommandResult rules = run_command(docpipe("convert --noise-rules /no/such/rules samples"));
  EXPECT_EQ(rules.exit_code, 2);
  EXPECT_NE(rules.output.find("/no/such/rules"), std::string::npos);
}

TEST(Cli, ConvertsSamplesIntoEveryFormat) {
  TempDir out;
  const CommandResult result = run_command(
      docpipe("convert -q -o " + quoted(out.path()) + " " + quoted(source_dir() / "samples")));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  for (const auto& entry : fs::directory_iterator(source_dir() / "samples")) {
    for (const char* extension : {".docx", ".md", ".html", ".xml"}) {
      const fs::path output = out.path() / (entry.path().stem().string() + extension);
      EXPECT_TRUE(fs::exists(output)) << output;
      EXPECT_GT(fs::file_size(output), 100u) << output;
    }
  }
  const CommandResult lint =
      run_command("xmllint --noout --schema " + quoted(source_dir() / "schemas/document.xsd") +
                  " " + quoted(out.path()) + "/*.xml");
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
}

TEST(Cli, FormatsCanBeChosen) {
  TempDir out;
  const fs::path sample = source_dir() / "samples" / "000_28664205d603d575.txt";
  ASSERT_EQ(
      run_command(docpipe("convert -q -f md,xml -o " + quoted(out.path()) + " " + quoted(sample)))
          .exit_code,
      0);
  EXPECT_TRUE(fs::exists(out.path() / "000_28664205d603d575.md"));
  EXPECT_TRUE(fs::exists(out.path() / "000_28664205d603d575.xml"));
  EXPECT_FALSE(fs::exists(out.path() / "000_28664205d603d575.docx"));
  EXPECT_FALSE(fs::exists(out.path() / "000_28664205d603d575.html"));
}

TEST(Cli, OutputsAreByteIdenticalRunToRun) {
  TempDir first;
  TempDir second;
  const std::string samples = quoted(source_dir() / "samples");
  ASSERT_EQ(
      run_command(docpipe("convert -q -j 1 -o " + quoted(first.path()) + " " + samples)).exit_code,
      0);
  ASSERT_EQ(
      run_command(docpipe("convert -q -j 4 -o " + quoted(second.path()) + " " + samples)).exit_code,
      0);
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(first.path())) {
    EXPECT_EQ(read_file(entry.path()), read_file(second.path() / entry.path().filename()))
        << entry.path();
    ++compared;
  }
  EXPECT_GE(compared, 20);
}

TEST(Cli, AFailingFileDoesNotStopTheOthers) {
  TempDir in;
  TempDir out;
  write_file(in.path() / "good.txt", "标题\n正文第一段。\n");
  write_file(in.path() / "picture.txt", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0", 18));
  write_file(in.path() / "empty.txt", "");
  const CommandResult result =
      run_command(docpipe("convert -o " + quoted(out.path()) + " " + quoted(in.path())));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(
      result.output.find("picture.txt: error: this is not a text file: it looks like a PNG image"),
      std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("empty.txt: warning: the file is empty"), std::string::npos)
      << result.output;
  EXPECT_TRUE(fs::exists(out.path() / "good.docx"));
  EXPECT_TRUE(fs::exists(out.path() / "empty.docx"));
  EXPECT_FALSE(fs::exists(out.path() / "picture.docx"));
}

TEST(Cli, MissingInputIsAnErrorButOthersConvert) {
  TempDir out;
  const fs::path sample = source_dir() / "samples" / "000_28664205d603d575.txt";
  const CommandResult result =
      run_command(docpipe("convert -o " + quoted(out.path()) + " /no/such.txt " + quoted(sample)));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("/no/such.txt"), std::string::npos);
  EXPECT_TRUE(fs::exists(out.path() / "000_28664205d603d575.xml"));
}

TEST(Cli, InvalidBytesAreAWarningNamingFileAndLine) {
  TempDir in;
  TempDir out;
  write_file(in.path() / "bad.txt", "标题\n正文\xFF\xFE第二行。\n第三行。\n");
  const CommandResult result = run_command(
      docpipe("convert -f xml -o " + quoted(out.path()) + " " + quoted(in.path() / "bad.txt")));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.output.find("bad.txt:2: warning:"), std::string::npos) << result.output;
  EXPECT_NE(read_file(out.path() / "bad.xml").find("\uFFFD"), std::string::npos);
}

TEST(Cli, FoldersAreMirroredAndNamesNeverCollideSilently) {
  TempDir in;
  TempDir out;
  write_file(in.path() / "a" / "x.txt", "甲\n正文。\n");
  write_file(in.path() / "b" / "x.txt", "乙\n正文。\n");
  write_file(in.path() / "index.txt", "索引\n正文。\n");
  const CommandResult result =
      run_command(docpipe("convert -f xml,html -o " + quoted(out.path()) + " " + quoted(in.path()) +
                          " " + quoted(in.path() / "a" / "x.txt")));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::exists(out.path() / "a" / "x.xml"));
  EXPECT_TRUE(fs::exists(out.path() / "b" / "x.xml"));
  EXPECT_TRUE(fs::exists(out.path() / "x.xml"));         // the file given by name
  EXPECT_TRUE(fs::exists(out.path() / "index~2.html"));  // index.html is the batch's index page
  EXPECT_NE(result.output.find("writing 'index~2.*' instead"), std::string::npos) << result.output;

  TempDir twice;
  const CommandResult same = run_command(docpipe("convert -f xml -o " + quoted(twice.path()) + " " +
                                                 quoted(in.path() / "a" / "x.txt") + " " +
                                                 quoted(in.path() / "b" / "x.txt")));
  EXPECT_TRUE(fs::exists(twice.path() / "x.xml"));
  EXPECT_TRUE(fs::exists(twice.path() / "x~2.xml"));
  EXPECT_NE(read_file(twice.path() / "x.xml"), read_file(twice.path() / "x~2.xml"));
}

TEST(Cli, UserNoiseRulesAreApplied) {
  TempDir in;
  TempDir out;
  write_file(in.path() / "rules.txt", "span\tmy-tag\t〔来源：[^〕]*〕\n");
  write_file(in.path() / "doc.txt", "标题\n正文〔来源：某网站〕内容。\n");
  const CommandResult result =
      run_command(docpipe("convert -f xml --noise-rules " + quoted(in.path() / "rules.txt") +
                          " -o " + quoted(out.path()) + " " + quoted(in.path() / "doc.txt")));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(read_file(out.path() / "doc.xml").find("正文内容。"), std::string::npos);
}

TEST(Cli, EncodingOverride) {
  TempDir in;
  TempDir out;
  write_file(in.path() / "gbk.txt",
             "\xB1\xEA\xCC\xE2\n\xD5\xFD\xCE\xC4\xA1\xA3\n");  // 标题 / 正文。 in GBK
  const CommandResult result =
      run_command(docpipe("convert -f xml --encoding GBK -o " + quoted(out.path()) + " " +
                          quoted(in.path() / "gbk.txt")));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  const std::string xml = read_file(out.path() / "gbk.xml");
  EXPECT_NE(xml.find("正文。"), std::string::npos);
  EXPECT_NE(xml.find("encoding=\"GBK\""), std::string::npos);
}

}  // namespace
}  // namespace docpipe::test
