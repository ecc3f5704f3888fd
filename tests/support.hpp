// Helpers shared by the test binaries.
#pragma once

#include <filesystem>
#include <string>

namespace docpipe::test {

std::filesystem::path source_dir();  // the repository
std::filesystem::path shared_dir();  // ../shared beside the repository
std::filesystem::path docpipe_binary();
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
CommandResult run_command(const std::string& command);

}  // namespace docpipe::test

#include <memory>

#include <pugixml.hpp>

#include "stages/clean.hpp"
#include "stages/decode.hpp"
#include "stages/detect.hpp"

namespace docpipe::test {

// decode → clean → detect → model, as the per-document run does it (without writers).
struct StageRun {
  DecodedText decoded;
  CleanText cleaned;
  DocumentStructure structure;
  std::unique_ptr<pugi::xml_document> model;
};
StageRun run_stages(const std::string& bytes, const DecodeOptions& options = {});
StageRun run_text(const std::string& utf8);  // for a text written in the test

// The model serialised, for comparisons.
std::string model_xml(const pugi::xml_document& model);

// The text a reader of the model sees, one block a line; a section's marker is put back
// before its heading, and a run-in heading's paragraph follows it on the same line.
std::string reading_text(const pugi::xml_document& model);

}  // namespace docpipe::test
