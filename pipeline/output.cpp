#include "pipeline/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace docpipe {
namespace {

// Owns a POSIX file descriptor.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

std::string errno_text() { return std::strerror(errno); }

// Writes `bytes` to a new temporary file beside `target`; returns its name, or "" with `error` set.
std::string write_temporary(const std::filesystem::path& target, std::string_view bytes, bool flush,
                            std::string& error) {
  std::error_code folder_error;
  std::filesystem::create_directories(target.parent_path(), folder_error);
  if (folder_error) {
    error = "cannot create folder " + target.parent_path().string() + ": " + folder_error.message();
    return {};
  }
  std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  FileDescriptor fd(::mkstemp(temporary.data()));
  if (fd.get() < 0) {
    error = "cannot create a file in " + target.parent_path().string() + ": " + errno_text();
    return {};
  }
  auto discard = [&]() {
    error = "cannot write " + target.string() + ": " + errno_text();
    ::unlink(temporary.c_str());
    return std::string();
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return discard();
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd.get(), 0644) != 0 || (flush && ::fsync(fd.get()) != 0)) return discard();
  if (::close(fd.release()) != 0) return discard();
  return temporary;
}

}  // namespace

std::string write_atomically(const std::filesystem::path& target, std::string_view bytes) {
  std::string error;
  const std::string temporary = write_temporary(target, bytes, true, error);
  if (temporary.empty()) return error;
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    error = "cannot replace " + target.string() + ": " + errno_text();
    ::unlink(temporary.c_str());
    return error;
  }
  return {};
}

StagedOutputs::~StagedOutputs() { discard(); }

std::string StagedOutputs::add(const std::filesystem::path& target, std::string_view bytes) {
  std::string error;
  std::string temporary = write_temporary(target, bytes, false, error);
  if (temporary.empty()) return error;
  staged_.push_back({std::move(temporary), target});
  return {};
}

std::string StagedOutputs::commit() {
  // rename(2) replaces one file atomically, not several: refuse up front what would make a
  // later rename fail after earlier ones replaced their files (a folder in a target's place).
  for (const Staged& staged : staged_) {
    std::error_code error;
    if (std::filesystem::is_directory(staged.target, error)) {
      std::string why = "cannot replace " + staged.target.string() + ": it is a folder";
      discard();  // frees `staged`: the message is made first
      return why;
    }
  }
  for (std::size_t i = 0; i < staged_.size(); ++i) {
    if (::rename(staged_[i].temporary.c_str(), staged_[i].target.c_str()) != 0) {
      const std::string error =
          "cannot replace " + staged_[i].target.string() + ": " + errno_text();
      staged_.erase(staged_.begin(), staged_.begin() + static_cast<std::ptrdiff_t>(i));
      discard();
      return error;
    }
  }
  staged_.clear();
  return {};
}

void StagedOutputs::discard() {
  for (const Staged& staged : staged_) ::unlink(staged.temporary.c_str());
  staged_.clear();
}

std::string sync_file_system(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::syncfs(fd.get()) != 0)
    return "cannot flush " + path.string() + " to disk: " + errno_text();
  return {};
}

}  // namespace docpipe
