#include "pipeline/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace docpipe {

Progress::Mode Progress::choose(bool quiet) {
  if (quiet) return Mode::quiet;
  return ::isatty(STDERR_FILENO) ? Mode::bar : Mode::lines;
}

Progress::Progress(Mode mode, std::size_t total) : mode_(mode), total_(total) {}

void Progress::clear_bar() {
  if (bar_shown_) std::cerr << "\r\033[K";
  bar_shown_ = false;
}

void Progress::draw(const std::string& current) {
  constexpr int kWidth = 24;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
  const int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * done_ / total_);
  std::ostringstream bar;
  bar << "\r\033[K[" << std::string(static_cast<std::size_t>(filled), '#')
      << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] " << done_ << "/"
      << total_;
  bar.precision(1);
  bar << std::fixed << "  " << rate << " files/s";
  if (rate > 0 && done_ < total_)
    bar << "  ETA " << static_cast<long>((total_ - done_) / rate + 0.5) << " s";
  bar << "  " << current;
  std::cerr << bar.str() << std::flush;
  bar_shown_ = true;
}

void Progress::file_done(const std::string& name, bool failed, const std::string& messages) {
  std::lock_guard guard(lock_);
  ++done_;
  switch (mode_) {
    case Mode::quiet:
      std::cerr << messages;  // the caller passes errors only
      break;
    case Mode::lines:
      std::cerr << messages << (failed ? "failed    " : "done      ") << name << "\n";
      break;
    case Mode::bar:
      clear_bar();
      std::cerr << messages;
      draw(name);
      break;
  }
}

void Progress::error(const std::string& message) {
  std::lock_guard guard(lock_);
  clear_bar();
  std::cerr << message;
}

void Progress::finish() {
  std::lock_guard guard(lock_);
  clear_bar();
}

}  // namespace docpipe
