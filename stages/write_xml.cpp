#include "stages/write_xml.hpp"

#include "stages/writer.hpp"

namespace docpipe {

std::string write_xml(const pugi::xml_document& model) {
  StringWriter out;
  model.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(out.text);
}

}  // namespace docpipe
