#include "stages/docx_document.hpp"

#include "stages/docx_xml.hpp"

namespace docpipe::docx {

namespace {

bool needs_preserve(const std::string& text) {
  return !text.empty() &&
         (text.front() == ' ' || text.back() == ' ' || text.find("  ") != std::string::npos);
}

// Text into a run: tabs and line breaks become <w:tab/> and <w:br/>, which
// Word expects instead of the raw characters; CR is dropped.
void append_text(pugi::xml_node run, const std::string& raw) {
  const std::string text = xml_safe_text(raw);
  std::string piece;
  const auto flush = [&] {
    if (piece.empty()) return;
    pugi::xml_node t = add(run, "w:t");
    if (needs_preserve(piece)) set(t, "xml:space", "preserve");
    t.text().set(piece.c_str());
    piece.clear();
  };
  for (char c : text) {
    if (c == '\t' || c == '\n') {
      flush();
      add(run, c == '\t' ? "w:tab" : "w:br");
    } else if (c != '\r') {
      piece += c;
    }
  }
  flush();
}

void append_run(pugi::xml_node parent, const std::string& text, const std::string& char_style) {
  pugi::xml_node run = add(parent, "w:r");
  if (!char_style.empty()) add(add(run, "w:rPr"), "w:rStyle", "w:val", char_style);
  append_text(run, text);
}

void append_field_char(pugi::xml_node parent, const char* type) {
  add(add(parent, "w:r"), "w:fldChar", "w:fldCharType", type);
}

void append_instruction(pugi::xml_node parent, const std::string& instruction) {
  pugi::xml_node t = add(add(parent, "w:r"), "w:instrText", "xml:space", "preserve");
  t.text().set(instruction.c_str());
}

}  // namespace

pugi::xml_document build_document(const std::vector<Block>& blocks, const DocumentParts& parts) {
  pugi::xml_document doc;
  pugi::xml_node root = add(doc, "w:document", "xmlns:w", kWordNs);
  set(root, "xmlns:r", kRelNs);
  pugi::xml_node body = add(root, "w:body");
  const auto id = [&](Role role) { return parts.style_ids[static_cast<int>(role)]; };

  int bookmark_id = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    pugi::xml_node p = add(body, "w:p");
    pugi::xml_node ppr = add(p, "w:pPr");
    add(ppr, "w:pStyle", "w:val", id(block.role));
    // A run-in heading carries its body text: keeping that with the next
    // paragraph would push whole chains of them to the next page.
    if (block.runs.size() > 1) add(ppr, "w:keepNext", "w:val", "0");
    if (block.page_break_before) add(ppr, "w:pageBreakBefore");
    if (block.space_after_line) {
      add(ppr, "w:spacing", "w:after", std::to_string(parts.blank_line));
    }

    const bool is_entry = !block.toc_target.empty();
    const bool first_entry = is_entry && (i == 0 || blocks[i - 1].toc_target.empty());
    const bool last_entry =
        is_entry && (i + 1 == blocks.size() || blocks[i + 1].toc_target.empty());
    if (first_entry) {
      // A real TOC field over the article titles' style, its result filled in
      // so it reads right before Word or LibreOffice updates it.
      append_field_char(p, "begin");
      append_instruction(p, " TOC \\h \\z \\t \"" + parts.article_title_name + ",1\" ");
      append_field_char(p, "separate");
    }
    if (is_entry) {
      pugi::xml_node link = add(p, "w:hyperlink", "w:anchor", block.toc_target);
      set(link, "w:history", "1");
      for (const Run& run : block.runs) append_run(link, run.text, "");
      add(add(link, "w:r"), "w:tab");
      append_field_char(link, "begin");
      append_instruction(link, " PAGEREF " + block.toc_target + " \\h ");
      append_field_char(link, "separate");
      append_run(link, std::to_string(block.toc_page), "");
      append_field_char(link, "end");
      if (last_entry) append_field_char(p, "end");
      continue;
    }

    const std::string bookmark_id_text = std::to_string(bookmark_id);
    if (!block.bookmark.empty()) {
      add(p, "w:bookmarkStart", "w:id", bookmark_id_text, "w:name", block.bookmark);
    }
    for (const Run& run : block.runs) {
      append_run(p, run.text, run.body_font ? id(Role::BodyChar) : "");
    }
    if (!block.bookmark.empty()) {
      add(p, "w:bookmarkEnd", "w:id", bookmark_id_text);
      ++bookmark_id;
    }
  }
  // A body needs a paragraph before its section properties.
  if (blocks.empty()) add(body, "w:p");
  body.append_copy(parts.section);
  return doc;
}

}  // namespace docpipe::docx
