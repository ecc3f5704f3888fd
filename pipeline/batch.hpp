// The batch driver: finds the inputs, runs documents in parallel, writes outputs and
// reports, and decides the exit status.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/document_run.hpp"

namespace docpipe {

struct BatchOptions {
  std::vector<std::string> inputs;          // files and folders
  std::filesystem::path output_dir = "out";
  int jobs = 0;                             // 0: all cores
  bool quiet = false;
  std::uintmax_t max_input_size = std::uintmax_t{128} << 20;  // larger inputs are refused
  std::vector<std::string> noise_rule_files;
  RunSettings settings;
};

// One input file and where its outputs go.
struct InputFile {
  std::filesystem::path path;
  std::string display;              // how messages name it
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

// Runs `docpipe convert`; returns the exit status (0 all converted, 1 any failed).
int run_convert(const BatchOptions& options);

}  // namespace docpipe
