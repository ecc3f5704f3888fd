// --reference-docx: the parts taken from a user's template, as pandoc does it:
// styles, fonts, theme, numbering, settings, the page setup and the headers
// and footers (with the pictures a letterhead needs).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "stages/docx_styles.hpp"

namespace docpipe {

class DocxTemplate {
 public:
  struct Part {
    std::string name;  // in the package, e.g. word/footer1.xml
    std::string content_type;
    std::string bytes;
  };
  struct HeaderFooter {
    std::string relationship_type;
    std::string target;  // relative to word/
    std::string old_id;  // as the template's <w:sectPr> names it
  };

  std::string styles;
  std::optional<std::string> font_table, theme, numbering, settings;
  std::string section;  // the template's final <w:sectPr>, serialized
  std::vector<HeaderFooter> header_footers;
  std::vector<Part> extra_parts;  // headers, footers, their rels and pictures
};

namespace docx {

// The template's styles with every style docpipe needs: those the template
// has (matched by name, as Word localizes ids) are used as they are, the others
// are added from `look`. Fills `ids` with the id each role ends up with.
std::string merge_styles(const DocxTemplate& tpl, const Look& look, StyleIds& ids);
// The template's font table plus the fonts of `look` it lacks.
std::string merge_fonts(const std::optional<std::string>& font_table, const Look& look);

}  // namespace docx
}  // namespace docpipe
