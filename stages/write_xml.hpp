// XML writer: the model itself, serialised.
#pragma once

#include <string>

#include <pugixml.hpp>

namespace docpipe {

std::string write_xml(const pugi::xml_document& model);

}  // namespace docpipe
