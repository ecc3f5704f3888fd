// What all writers share. A writer reads only a validated model
// (pugi::xml_document in the urn:docpipe:document:1 vocabulary) and returns the
// bytes of one output file; it never touches the file system itself.
#pragma once

#include <stdexcept>

namespace docpipe {

// A writer could not produce its output (e.g. an unreadable reference template).
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kModelNamespace = "urn:docpipe:document:1";

}  // namespace docpipe
