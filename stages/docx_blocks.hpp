// The model flattened into the paragraphs of the Word document, before any
// XML: which style each paragraph takes, its runs, where pages break and what
// the table of contents points at. Kept apart from the XML so the page
// estimate for the table of contents can walk the same list.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "stages/docx_styles.hpp"

namespace docpipe::docx {

struct Run {
  std::string text;
  bool body_font = false;  // the body text of a run-in heading paragraph
};

struct Block {
  Role role = Role::Body;
  std::vector<Run> runs;
  bool page_break_before = false;
  bool space_after_line = false;  // one empty grid line below a title block
  std::string bookmark;           // set on article titles the table of contents points at
  std::string toc_target;         // set on table-of-contents entries: the bookmark
  int toc_page = 0;               // the entry's page number (estimated)
};

struct BlockOptions {
  bool article_page_break = true;
  bool line_after_title_block = true;
  int title_cells = 0;  // characters a title line holds: balance longer titles; 0: don't
};

// Throws WriteError when the model is not a docpipe document.
std::vector<Block> layout_blocks(const pugi::xml_document& model, const BlockOptions& options);

// Page numbers by simulating the layout: fills in toc_page on the entries. Good
// to the page for the official grid layout; an estimate for the plain look.
void estimate_toc_pages(std::vector<Block>& blocks, const Look& look);

// The document title for docProps: the model's title, else the first article's.
std::string document_title(const pugi::xml_document& model);

}  // namespace docpipe::docx
