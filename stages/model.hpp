// Model: the detected structure as an XML document in the urn:docpipe:document:1
// vocabulary (schemas/document.xsd), the one input of every writer.
#pragma once

#include <string>

#include <pugixml.hpp>

#include "stages/detect.hpp"

namespace docpipe {

struct ModelSource {
  std::string name;      // the input's file name, for @source
  std::string encoding;  // as decode found it, for @encoding
};

// Returns a new document; the caller owns it. Sections are nested by heading level.
std::unique_ptr<pugi::xml_document> build_model(const DocumentStructure& structure,
                                                const ModelSource& source);

}  // namespace docpipe
