// Runs fuzz inputs through the fuzz targets' entry functions without libFuzzer, so the
// committed corpus and crash reproducers are ordinary tests of every build:
//
//   docpipe_fuzz_replay TARGET|all FILE|FOLDER...
//
// Folders are read recursively, in name order. A broken contract aborts (see targets.hpp).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/targets.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: docpipe_fuzz_replay TARGET|all FILE|FOLDER...\n";
    return 2;
  }
  std::vector<docpipe::fuzz::Target> chosen;
  for (const auto& target : docpipe::fuzz::targets()) {
    if (std::string(argv[1]) == "all" || argv[1] == std::string(target.name))
      chosen.push_back(target);
  }
  if (chosen.empty()) {
    std::cerr << "docpipe_fuzz_replay: unknown target '" << argv[1] << "'\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    const fs::path path = argv[i];
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
          files.push_back(entry.path());
      }
    } else if (fs::is_regular_file(path)) {
      files.push_back(path);
    } else {
      std::cerr << "docpipe_fuzz_replay: " << path.string() << ": no such file or folder\n";
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      std::cerr << "docpipe_fuzz_replay: cannot read " << file.string() << "\n";
      return 2;
    }
    const std::string input = bytes.str();
    for (const auto& target : chosen) {
      std::cerr << target.name << ": " << file.string() << " (" << input.size() << " bytes)\n";
      target.entry(input);
    }
  }
  std::cout << files.size() << " inputs replayed through " << chosen.size() << " target(s)\n";
  return 0;
}
