#include "stages/write_xml.hpp"

#include <sstream>

namespace docpipe {

std::string write_xml(const pugi::xml_document& model) {
  std::ostringstream out;
  model.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace docpipe
