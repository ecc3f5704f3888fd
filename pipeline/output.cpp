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

}  // namespace

std::string write_atomically(const std::filesystem::path& target, std::string_view bytes) {
  std::error_code error;
  std::filesystem::create_directories(target.parent_path(), error);
  if (error) return "cannot create folder " + target.parent_path().string() + ": " + error.message();

  std::string temporary = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  FileDescriptor fd(::mkstemp(temporary.data()));
  if (fd.get() < 0) return "cannot create a file in " + target.parent_path().string() + ": " + errno_text();
  auto discard = [&](const std::string& why) {
    ::unlink(temporary.c_str());
    return why;
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return discard("cannot write " + target.string() + ": " + errno_text());
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd.get(), 0644) != 0 || ::fsync(fd.get()) != 0) {
    return discard("cannot write " + target.string() + ": " + errno_text());
  }
  if (::close(fd.release()) != 0) return discard("cannot write " + target.string() + ": " + errno_text());
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    return discard("cannot replace " + target.string() + ": " + errno_text());
  }
  return {};
}

}  // namespace docpipe
