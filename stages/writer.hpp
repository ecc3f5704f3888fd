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

// A size to reserve for a text output of the model: its text plus an eighth (escapes, marks)
// plus 64 bytes of markup per element. Reserving it up front keeps a large output from
// growing by doubling, whose last step has the old and the new buffer (three times the output)
// alive at once, the peak of a large run's memory. Short of it, the string just grows.
inline std::size_t estimated_output_size(const pugi::xml_node& root) {
  std::size_t text = 0, elements = 0;
  for (pugi::xml_node node = root; node;) {
    if (node.type() == pugi::node_pcdata) text += std::char_traits<char>::length(node.value());
    if (node.type() == pugi::node_element) ++elements;
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && node != root && !node.next_sibling()) node = node.parent();
    node = node && node != root ? node.next_sibling() : pugi::xml_node();
  }
  return text + text / 8 + 64 * elements + 4096;
}

}  // namespace docpipe
