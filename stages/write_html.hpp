// HTML writer: one standalone page per document, plus the batch index page.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "stages/writer.hpp"

namespace docpipe {

struct HtmlOptions {};

std::string write_html(const pugi::xml_document& model, const HtmlOptions& options);

// One row of index.html: a converted document.
struct HtmlIndexEntry {
  std::string title;   // the document title, or the source name when it has none
  std::string href;    // relative link to the document's page, e.g. "sub/a.html"
  std::string source;  // the input's relative path
  int article_count = 0;
};

// Entries are sorted by the writer (by href) so the page does not depend on the order given.
std::string write_html_index(std::vector<HtmlIndexEntry> entries);

}  // namespace docpipe
