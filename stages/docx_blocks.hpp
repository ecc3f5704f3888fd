// The model flattened into the paragraphs of the Word document, before any
// XML: which style each paragraph takes, its runs, where pages break and what
// the table of contents points at. Kept apart from the XML so the page
// estimate for the table of contents can walk the same list.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "stages/docx_styles.hpp"

namespace docpipe::docx {

// The text is not copied: it points into the model (or into Layout::made_text),
// which must outlive the blocks. Copies made the blocks as large as the input.
struct Block {
  Role role = Role::Body;
  std::string_view text;
  // A run-in heading's paragraph goes on with the body text after it, in the body font.
  std::optional<std::string_view> run_in_text;
  bool page_break_before = false;
  bool space_after_line = false;  // one empty grid line below a title block
  int bookmark = 0;    // on article titles the table of contents points at: n of bookmark_name(n)
  int toc_target = 0;  // on table-of-contents entries: the n of the bookmark they point at
  int toc_page = 0;    // the entry's page number (estimated)
};

// The name of bookmark n (1, 2...) in the document.
std::string bookmark_name(int n);

struct Layout {
  std::vector<Block> blocks;
  // The text the layout made itself (balanced titles, headings with their
  // numbers), which blocks point into. A deque never moves its strings.
  std::deque<std::string> made_text;
};

struct BlockOptions {
  bool article_page_break = true;
  bool line_after_title_block = true;
  int title_cells = 0;  // characters a title line holds: balance longer titles; 0: don't
};

// Throws WriteError when the model is not a docpipe document.
Layout layout_blocks(const pugi::xml_document& model, const BlockOptions& options);

// Page numbers by simulating the layout: fills in toc_page on the entries. Good
// to the page for the official grid layout; an estimate for the plain look.
void estimate_toc_pages(std::vector<Block>& blocks, const Look& look);

// The document title for docProps: the model's title, else the first article's.
std::string document_title(const pugi::xml_document& model);

}  // namespace docpipe::docx
