// What all writers share. A writer reads only a validated model
// (pugi::xml_document in the urn:docpipe:document:1 vocabulary) and returns the
// bytes of one output file; it never touches the file system itself.
#pragma once

#include <stdexcept>
#include <string>

#include <pugixml.hpp>

namespace docpipe {

// A writer could not produce its output (e.g. an unreadable reference template).
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kModelNamespace = "urn:docpipe:document:1";

// Collects what pugixml writes in one string: an ostringstream would double its buffer and
// copy it once more on the way out, which made document.xml the peak of a large run's memory.
class StringWriter : public pugi::xml_writer {
 public:
  void write(const void* data, std::size_t size) override {
    text.append(static_cast<const char*>(data), size);
  }
  std::string text;
};

}  // namespace docpipe
