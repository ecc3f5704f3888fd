#include "stages/write_xml.hpp"

#include "stages/writer.hpp"

namespace docpipe {

namespace {

// Counts what pugixml would write, keeping nothing.
class SizeCounter : public pugi::xml_writer {
 public:
  void write(const void*, std::size_t size) override { bytes += size; }
  std::size_t bytes = 0;
};

}  // namespace

std::string write_xml(const pugi::xml_document& model) {
  // Serialising twice, once to count, costs less than a string that grows by doubling: at
  // its last growth the old and the new buffer (three times the output) are alive at once,
  // the peak of a large run's memory.
  SizeCounter counter;
  model.save(counter, "  ", pugi::format_default, pugi::encoding_utf8);
  StringWriter out;
  out.text.reserve(counter.bytes);
  model.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(out.text);
}

}  // namespace docpipe
