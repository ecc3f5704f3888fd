// Helpers shared by the test binaries.
#pragma once

#include <filesystem>
#include <string>

namespace docpipe::test {

std::filesystem::path source_dir();    // the repository
std::filesystem::path shared_dir();    // ../shared beside the repository
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
