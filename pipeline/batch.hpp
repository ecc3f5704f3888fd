// The batch driver: finds the inputs, runs documents in parallel, writes outputs and
// reports, and decides the exit status.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/document_run.hpp"

namespace docpipe {

enum class Command { convert, check };

// --shard K/N: this run takes the inputs whose path hashes to K modulo N (K from 0).
struct Shard {
  unsigned index = 0;
  unsigned count = 1;
};

struct BatchOptions {
  Command command = Command::convert;
  std::vector<std::string> inputs;  // files and folders
  std::string files_from;           // a file listing inputs one a line, "-" for stdin
  std::filesystem::path output_dir = "out";
  int jobs = 0;  // 0: all cores
  bool quiet = false;
  std::uintmax_t max_input_size = std::uintmax_t{128} << 20;  // larger inputs are refused
  std::vector<std::string> noise_rule_files;
  std::optional<Shard> shard;
  bool skip_unchanged = false;
  std::optional<Severity> fail_on;  // exit 1 when a diagnostic reaches this severity
  std::string report_path;          // --report FILE.json
  std::string sarif_path;           // --sarif FILE
  RunSettings settings;
  std::string settings_fingerprint;  // what, besides the input, decides the outputs
};

// One input file and where its outputs go.
struct InputFile {
  std::filesystem::path path;
  std::string display;                // how messages and reports name it
  std::filesystem::path output_stem;  // relative to the output folder, without extension
};

struct InputList {
  std::vector<InputFile> files;
  std::vector<std::string> errors;    // inputs that do not exist or cannot be listed
  std::vector<std::string> warnings;  // e.g. two inputs that would write the same name
};

// Folders are searched recursively for *.txt and mirrored under the output folder; a file
// given by name goes to the top. Names that would collide get a numbered suffix.
InputList collect_inputs(const std::vector<std::string>& inputs, bool reserve_index_page);

// Which shard a file belongs to: a hash of its output path, the same on every machine.
unsigned shard_of(const InputFile& file, unsigned count);

// Runs `docpipe convert` or `docpipe check`; returns the exit status (0 or 1).
int run_batch(const BatchOptions& options);

}  // namespace docpipe
