// What a batch prints while it runs: a progress bar on a terminal, one line a file
// otherwise, nothing but errors with --quiet.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace docpipe {

class Progress {
 public:
  enum class Mode { bar, lines, quiet };
  // `bar` when stderr is a terminal and not quiet, `lines` when it is not a terminal.
  static Mode choose(bool quiet);

  Progress(Mode mode, std::size_t total);
  // A finished file; `messages` are its diagnostics, already formatted, printed above the bar.
  void file_done(const std::string& name, bool failed, const std::string& messages);
  // Printed even when quiet.
  void error(const std::string& message);
  void finish();

 private:
  void draw(const std::string& current);
  void clear_bar();

  Mode mode_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::mutex lock_;
  bool bar_shown_ = false;
};

}  // namespace docpipe
