#include "stages/docx_zip.hpp"

#include <cstdio>

#include "stages/writer.hpp"

namespace docpipe::docx {

namespace {

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
  const std::string message = what + ": " + zip_error_strerror(error);
  zip_error_fini(error);
  throw WriteError(message);
}

[[noreturn]] void fail(const std::string& what, zip_t* archive) {
  throw WriteError(what + ": " + zip_strerror(archive));
}

// Closes a source opened for reading when it goes out of scope.
struct ReadingSource {
  explicit ReadingSource(zip_source_t* opened) : source(opened) {}
  ReadingSource(const ReadingSource&) = delete;
  ReadingSource& operator=(const ReadingSource&) = delete;
  ~ReadingSource() { zip_source_close(source); }
  zip_source_t* source;
};

// The bytes of a buffer source, read into a string of exactly their size: a
// string grown chunk by chunk held up to twice the archive, and its slack was
// copied away again by the caller's shrink_to_fit.
std::string read_all(zip_source_t* buffer) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
    throw WriteError("cannot size the zip buffer");
  }
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  if (zip_source_open(buffer) != 0) throw WriteError("cannot read the zip buffer back");
  const ReadingSource reading(buffer);
  for (std::size_t done = 0; done < bytes.size();) {
    const zip_int64_t got = zip_source_read(buffer, bytes.data() + done, bytes.size() - done);
    if (got <= 0) throw WriteError("cannot read the zip buffer back");
    done += static_cast<std::size_t>(got);
  }
  return bytes;
}

// DOS time 00:00:00 and date 1980-01-01 (year offset 0, month 1, day 1).
constexpr zip_uint16_t kFixedDosTime = 0;
constexpr zip_uint16_t kFixedDosDate = (1 << 5) | 1;

}  // namespace

ZipWriter::ZipWriter(int level) : level_(level < 0 ? kDefaultZipLevel : level) {
  zip_error_t error;
  zip_error_init(&error);
  buffer_.reset(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer_) fail("cannot create the zip buffer", &error);
  // The archive takes a reference on close; keep ours to read the bytes back.
  zip_source_keep(buffer_.get());
  archive_.reset(zip_open_from_source(buffer_.get(), ZIP_TRUNCATE, &error));
  if (!archive_) {
    zip_source_free(buffer_.get());  // the reference zip_open_from_source did not take
    fail("cannot open the zip buffer", &error);
  }
  zip_error_fini(&error);
}

void ZipWriter::add(const std::string& name, std::string bytes) {
  const std::string& stored = contents_.emplace_back(std::move(bytes));
  zip_source_t* source = zip_source_buffer(archive_.get(), stored.data(), stored.size(), 0);
  if (source == nullptr) fail("cannot add " + name, archive_.get());
  const zip_int64_t index =
      zip_file_add(archive_.get(), name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    fail("cannot add " + name, archive_.get());
  }
  const auto entry = static_cast<zip_uint64_t>(index);
  const zip_int32_t method = level_ == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
  const zip_uint32_t flags = level_ > 0 ? static_cast<zip_uint32_t>(level_) : 0;
  if (zip_set_file_compression(archive_.get(), entry, method, flags) != 0 ||
      zip_file_set_dostime(archive_.get(), entry, kFixedDosTime, kFixedDosDate, 0) != 0) {
    fail("cannot set up " + name, archive_.get());
  }
}

std::string ZipWriter::finish() {
  if (zip_close(archive_.get()) != 0) fail("cannot write the zip archive", archive_.get());
  archive_.release();  // zip_close freed it
  contents_.clear();   // the parts are compressed: free them before the archive is copied out
  return read_all(buffer_.get());
}

std::map<std::string, std::string> read_zip(const std::string& path) {
  int code = 0;
  ZipArchivePtr archive(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    fail("cannot open " + path, &error);
  }
  std::map<std::string, std::string> entries;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), index, 0, &stat) != 0) fail(path, archive.get());
    const std::string name = stat.name;
    if (name.empty() || name.back() == '/') continue;
    struct FileCloser {
      void operator()(zip_file_t* file) const { zip_fclose(file); }
    };
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive.get(), index, 0));
    if (!file) fail(path + ": " + name, archive.get());
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_fread(file.get(), bytes.data(), stat.size);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
      throw WriteError(path + ": cannot read " + name);
    }
    entries.emplace(name, std::move(bytes));
  }
  return entries;  // the read-only archive is discarded by its deleter
}

}  // namespace docpipe::docx
