// Writing output files so that a crash or kill never leaves a half-written file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace docpipe {

// Writes `bytes` to a temporary file in the target's folder, flushes it to disk, then
// renames it over `target`: readers see the old file or the new one, never a part.
// Returns an empty string on success, or what went wrong.
std::string write_atomically(const std::filesystem::path& target, std::string_view bytes);

// A document's outputs, each written to a temporary file beside its target as soon as it is
// made, then renamed into place together by commit(). A document that fails halfway thus
// never replaces good outputs, and its outputs need not all be in memory at once. Temporary
// files not committed are removed when the object goes.
//
// The files are not flushed one by one (an fsync each was a third of a batch's time): a
// kill leaves the old file or the new one either way, and sync_file_system() makes a whole
// batch durable at once.
class StagedOutputs {
 public:
  StagedOutputs() = default;
  ~StagedOutputs();
  StagedOutputs(const StagedOutputs&) = delete;
  StagedOutputs& operator=(const StagedOutputs&) = delete;

  // Returns an empty string on success, or what went wrong.
  std::string add(const std::filesystem::path& target, std::string_view bytes);
  std::string commit();
  void discard();

 private:
  struct Staged {
    std::string temporary;
    std::filesystem::path target;
  };
  std::vector<Staged> staged_;
};

// Flushes the file system holding `path` to disk (syncfs). Returns "" or what went wrong.
std::string sync_file_system(const std::filesystem::path& path);

}  // namespace docpipe
