#include "stages/write_xml.hpp"

namespace docpipe {
namespace {

// Collects what pugixml writes in one string (an ostringstream would double its buffer and
// copy it once more on the way out).
class StringWriter : public pugi::xml_writer {
 public:
  void write(const void* data, std::size_t size) override { text.append(static_cast<const char*>(data), size); }
  std::string text;
};

}  // namespace

std::string write_xml(const pugi::xml_document& model) {
  StringWriter out;
  model.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(out.text);
}

}  // namespace docpipe
