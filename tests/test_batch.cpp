// Batch runs and CI use: check mode, reports, shards, lists of inputs, skipping unchanged
// files, determinism across -j, and atomic outputs.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "pipeline/json.hpp"
#include "tests/support.hpp"

namespace docpipe::test {
namespace {

namespace fs = std::filesystem;

std::string docpipe(const std::string& arguments) {
  return "'" + docpipe_binary().string() + "' " + arguments;
}
std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }
std::string samples() { return quoted(source_dir() / "samples"); }

TEST(Check, WritesNothingAndFailsOnTheChosenLevel) {
  TempDir work;
  const std::string here = "cd " + quoted(work.path()) + " && ";
  const CommandResult clean = run_command(here + docpipe("check " + samples()));
  EXPECT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_TRUE(fs::is_empty(work.path()));  // no out/ folder, nothing
  EXPECT_NE(clean.output.find("[text.placeholder]"), std::string::npos);
  EXPECT_NE(clean.output.find("[noise.removed]"), std::string::npos);
  EXPECT_EQ(run_command(docpipe("check -q --fail-on warning " + samples())).exit_code, 1);
  EXPECT_EQ(run_command(docpipe("check -q --fail-on bogus " + samples())).exit_code, 2);

  write_file(work.path() / "bad.txt", std::string("\x89PNG\r\n\x1A\n\0\0", 10));
  EXPECT_EQ(run_command(docpipe("check -q " + quoted(work.path() / "bad.txt"))).exit_code, 1);
}

TEST(Check, DiagnosticsAreEditorFormatted) {
  TempDir in;
  write_file(in.path() / "a.txt", "标题\n正文,逗号。\n");
  const CommandResult result = run_command(docpipe("check " + quoted(in.path() / "a.txt")));
  EXPECT_NE(result.output.find(in.path().string() + "/a.txt:2:3: warning: half-width ','"),
            std::string::npos)
      << result.output;
}

TEST(Reports, JsonAndSarifAreTheSameWhateverTheJobs) {
  TempDir work;
  const fs::path a = work.path() / "a";
  const fs::path b = work.path() / "b";
  ASSERT_EQ(
      run_command(docpipe("convert -q -j 1 -o " + quoted(a) + " --report " + quoted(a / "r.json") +
                          " --sarif " + quoted(a / "r.sarif") + " " + samples()))
          .exit_code,
      0);
  ASSERT_EQ(
      run_command(docpipe("convert -q -j 8 -o " + quoted(b) + " --report " + quoted(b / "r.json") +
                          " --sarif " + quoted(b / "r.sarif") + " " + samples()))
          .exit_code,
      0);
  std::string report_a = read_file(a / "r.json");
  std::string report_b = read_file(b / "r.json");
  // The output folder differs by name only.
  for (auto* report : {&report_a, &report_b}) {
    const std::string folder = report == &report_a ? a.string() : b.string();
    for (auto at = report->find(folder); at != std::string::npos; at = report->find(folder)) {
      report->replace(at, folder.size(), "OUT");
    }
  }
  EXPECT_EQ(report_a, report_b);
  EXPECT_EQ(read_file(a / "r.sarif"), read_file(b / "r.sarif"));

  const Json report = parse_json(read_file(a / "r.json"));
  EXPECT_EQ(report["command"].string, "convert");
  ASSERT_EQ(report["files"].array.size(), 5u);
  const Json& first = report["files"].array[0];
  EXPECT_EQ(first["status"].string, "converted");
  EXPECT_EQ(first["outputs"].array.size(), 4u);
  EXPECT_EQ(first["removals"].array.size(), 2u);
  EXPECT_EQ(first["removals"].array[0]["text"].string, "##paidbegin##");
  EXPECT_EQ(report["summary"]["converted"].number, 5);
}

TEST(Batch, FilesFromAFileAndFromStandardInput) {
  TempDir work;
  write_file(work.path() / "list.txt",
             (source_dir() / "samples" / "000_28664205d603d575.txt").string() + "\n" +
                 (source_dir() / "samples" / "001_6ebc90999fb11599.txt").string() + "\r\n");
  const fs::path out = work.path() / "out";
  EXPECT_EQ(run_command(docpipe("convert -q -f xml -o " + quoted(out) + " --files-from " +
                                quoted(work.path() / "list.txt")))
                .exit_code,
            0);
  EXPECT_TRUE(fs::exists(out / "000_28664205d603d575.xml"));
  EXPECT_TRUE(fs::exists(out / "001_6ebc90999fb11599.xml"));
  EXPECT_FALSE(fs::exists(out / "002_50949e5fb02999d8.xml"));

  const CommandResult piped =
      run_command("cat " + quoted(work.path() / "list.txt") + " | " +
                  docpipe("check --files-from - --report " + quoted(work.path() / "c.json")));
  EXPECT_EQ(piped.exit_code, 0) << piped.output;
  EXPECT_EQ(parse_json(read_file(work.path() / "c.json"))["files"].array.size(), 2u);
  EXPECT_EQ(run_command(docpipe("check --files-from /no/such/list")).exit_code, 1);
}

TEST(Batch, ShardsSplitTheInputsWithoutOverlapAndMergeBack) {
  TempDir work;
  std::vector<std::string> seen;
  std::string reports;
  for (int k = 0; k < 3; ++k) {
    const fs::path report = work.path() / ("shard" + std::to_string(k) + ".json");
    const CommandResult result =
        run_command(docpipe("check -q --shard " + std::to_string(k) + "/3 --report " +
                            quoted(report) + " " + samples()));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const Json parsed = parse_json(read_file(report));  // outlives the loop (C++20 range-for)
    for (const auto& file : parsed["files"].array) seen.push_back(file["input"].string);
    reports += " " + quoted(report);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());

  const fs::path whole = work.path() / "whole.json";
  ASSERT_EQ(run_command(docpipe("check -q --report " + quoted(whole) + " " + samples())).exit_code,
            0);
  const CommandResult merged =
      run_command(docpipe("report merge -o " + quoted(work.path() / "merged.json") + reports));
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_EQ(read_file(work.path() / "merged.json"), read_file(whole));

  EXPECT_EQ(run_command(docpipe("check --shard 3/3 " + samples())).exit_code, 2);
  EXPECT_EQ(run_command(docpipe("check --shard x " + samples())).exit_code, 2);
  write_file(work.path() / "junk.json", "{not json");
  const CommandResult junk =
      run_command(docpipe("report merge " + quoted(work.path() / "junk.json")));
  EXPECT_EQ(junk.exit_code, 1);
  EXPECT_NE(junk.output.find("junk.json"), std::string::npos);
}

TEST(Batch, SkipUnchangedReconvertsOnlyWhatChanged) {
  TempDir work;
  const fs::path in = work.path() / "in";
  const fs::path out = work.path() / "out";
  write_file(in / "a.txt", "甲\n正文甲。\n");
  write_file(in / "b.txt", "乙\n正文乙。\n");
  const std::string command = "convert -f xml,md --skip-unchanged -o " + quoted(out) +
                              " --report " + quoted(work.path() / "r.json") + " " + quoted(in);
  ASSERT_EQ(run_command(docpipe(command)).exit_code, 0);
  auto statuses = [&]() {
    std::map<std::string, std::string> status;
    const Json parsed = parse_json(read_file(work.path() / "r.json"));  // outlives the loop
    for (const auto& file : parsed["files"].array) {
      status[fs::path(file["input"].string).filename().string()] = file["status"].string;
    }
    return status;
  };
  EXPECT_EQ(statuses()["a.txt"], "converted");
  ASSERT_EQ(run_command(docpipe(command)).exit_code, 0);
  EXPECT_EQ(statuses()["a.txt"], "skipped");
  EXPECT_EQ(statuses()["b.txt"], "skipped");
  write_file(in / "b.txt", "乙\n正文乙，改过了。\n");
  ASSERT_EQ(run_command(docpipe(command)).exit_code, 0);
  EXPECT_EQ(statuses()["a.txt"], "skipped");
  EXPECT_EQ(statuses()["b.txt"], "converted");
  EXPECT_NE(read_file(out / "b.xml").find("改过了"), std::string::npos);
  fs::remove(out / "a.md");  // a missing output is made again
  ASSERT_EQ(run_command(docpipe(command)).exit_code, 0);
  EXPECT_EQ(statuses()["a.txt"], "converted");
  // Other options, other outputs.
  ASSERT_EQ(run_command(docpipe(command + " --md-front-matter")).exit_code, 0);
  EXPECT_EQ(statuses()["b.txt"], "converted");
}

TEST(Batch, SkippedFilesKeepTheirPlaceInTheIndexPage) {
  TempDir work;
  const fs::path out = work.path() / "out";
  const std::string command =
      "convert -q -f html --skip-unchanged -o " + quoted(out) + " " + samples();
  ASSERT_EQ(run_command(docpipe(command)).exit_code, 0);
  const std::string first = read_file(out / "index.html");
  ASSERT_EQ(run_command(docpipe(command + " --report " + quoted(work.path() / "r.json"))).exit_code,
            0);
  EXPECT_EQ(parse_json(read_file(work.path() / "r.json"))["summary"]["skipped"].number, 5);
  EXPECT_EQ(read_file(out / "index.html"), first);
}

TEST(Batch, AFailedFileNeverReplacesAGoodOutput) {
  TempDir work;
  const fs::path out = work.path() / "out";
  write_file(work.path() / "doc.txt", "标题\n正文。\n");
  ASSERT_EQ(run_command(docpipe("convert -q -f xml -o " + quoted(out) + " " +
                                quoted(work.path() / "doc.txt")))
                .exit_code,
            0);
  const std::string good = read_file(out / "doc.xml");
  write_file(work.path() / "doc.txt", std::string("PK\x03\x04\x14\0\0\0\0\0", 10));
  EXPECT_EQ(run_command(docpipe("convert -q -f xml -o " + quoted(out) + " " +
                                quoted(work.path() / "doc.txt")))
                .exit_code,
            1);
  EXPECT_EQ(read_file(out / "doc.xml"), good);
}

// Each output is written as soon as it is made, but they replace the old ones only together:
// when one of them cannot be put in place (here a folder is in the way), the others keep their
// old bytes and no temporary file is left behind.
TEST(Batch, AnOutputThatCannotBeWrittenLeavesTheOtherOutputsAsTheyWere) {
  TempDir work;
  const fs::path out = work.path() / "out";
  const fs::path input = work.path() / "doc.txt";
  write_file(input, "标题\n\n正文第一段。\n");
  const std::string convert = "convert -q -f docx,md,xml -o " + quoted(out) + " " + quoted(input);
  ASSERT_EQ(run_command(docpipe(convert)).exit_code, 0);
  const std::string old_md = read_file(out / "doc.md");
  const std::string old_xml = read_file(out / "doc.xml");
  const std::string old_docx = read_file(out / "doc.docx");

  write_file(input, "另一个标题\n\n另一段正文。\n");
  fs::remove(out / "doc.md");
  fs::create_directories(out / "doc.md" / "in-the-way");
  const CommandResult failed = run_command(docpipe(convert));
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.output.find("doc.md"), std::string::npos) << failed.output;
  EXPECT_TRUE(read_file(out / "doc.xml") == old_xml);
  EXPECT_TRUE(read_file(out / "doc.docx") == old_docx);
  for (const auto& entry : fs::directory_iterator(out)) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << "left behind: " << entry.path();
  }

  fs::remove_all(out / "doc.md");
  ASSERT_EQ(run_command(docpipe(convert)).exit_code, 0);
  EXPECT_TRUE(read_file(out / "doc.md") != old_md);
  EXPECT_TRUE(read_file(out / "doc.xml") != old_xml);
}

TEST(Batch, AKilledRunLeavesNoHalfWrittenFile) {
  TempDir work;
  const fs::path in = work.path() / "in";
  const fs::path out = work.path() / "out";
  const std::string sample = read_file(source_dir() / "samples" / "002_50949e5fb02999d8.txt");
  for (int i = 0; i < 400; ++i) write_file(in / ("doc" + std::to_string(i) + ".txt"), sample);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string binary = docpipe_binary().string();
    const std::string output = out.string();
    const std::string input = in.string();
    execl(binary.c_str(), binary.c_str(), "convert", "-q", "-j", "2", "-o", output.c_str(),
          input.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once it has written something, mid-batch.
  for (int waited = 0; waited < 2000; ++waited) {
    std::error_code ignored;
    if (fs::exists(out / "doc1.xml", ignored)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(fs::exists(out));
  int complete = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (name[0] == '.') continue;  // an unfinished temporary file is hidden and never a final name
    const std::string bytes = read_file(entry.path());
    if (entry.path().extension() == ".xml") {
      EXPECT_NE(bytes.find("</document>"), std::string::npos) << name;
    } else if (entry.path().extension() == ".html") {
      EXPECT_NE(bytes.find("</html>"), std::string::npos) << name;
    } else if (entry.path().extension() == ".docx") {
      EXPECT_EQ(bytes.substr(0, 2), "PK") << name;
      EXPECT_NE(bytes.find("PK\x05\x06"), std::string::npos)
          << name;  // the zip's end record is there
    }
    ++complete;
  }
  EXPECT_GT(complete, 0);
}

}  // namespace
}  // namespace docpipe::test
