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
  contents_.clear();

  zip_source_t* source = buffer_.get();
  if (zip_source_open(source) != 0) throw WriteError("cannot read the zip buffer back");
  std::string bytes;
  char chunk[1 << 16];
  zip_int64_t got = 0;
  while ((got = zip_source_read(source, chunk, sizeof chunk)) > 0) {
    bytes.append(chunk, static_cast<std::size_t>(got));
  }
  zip_source_close(source);
  if (got < 0) throw WriteError("cannot read the zip buffer back");
  return bytes;
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
