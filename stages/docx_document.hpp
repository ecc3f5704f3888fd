// word/document.xml from the laid-out blocks.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "stages/docx_blocks.hpp"
#include "stages/docx_styles.hpp"

namespace docpipe::docx {

struct DocumentParts {
  StyleIds style_ids;              // the ids the style sheet uses for each role
  std::string article_title_name;  // its style name, for the TOC field's \t switch
  int blank_line = 579;            // twips of the empty line below a title block
  pugi::xml_node section;          // <w:sectPr> to copy in as the last body element
};

// The part's bytes, written straight into one string: it is the one part that
// grows with the input, and a pugixml tree of it took several times the input's
// size. They are the bytes serialize_part would make of the same elements.
std::string write_document(const std::vector<Block>& blocks, const DocumentParts& parts);

}  // namespace docpipe::docx
