#include "stages/docx_document.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "stages/docx_xml.hpp"
#include "stages/writer.hpp"

namespace docpipe::docx {

namespace {

using Attribute = std::pair<std::string_view, std::string_view>;  // name, value

bool needs_preserve(std::string_view text) {
  return !text.empty() &&
         (text.front() == ' ' || text.back() == ' ' || text.find("  ") != std::string_view::npos);
}

std::string_view without_cr(std::string_view text, std::string& scratch) {
  scratch.clear();
  for (char c : text) {
    if (c != '\r') scratch += c;
  }
  return scratch;
}

// Room for the whole part, so that the string is never reallocated: that would
// copy the largest buffer of the run at its peak. The text, more than the
// markup around it takes (about 80 bytes a paragraph, 560 a table-of-contents
// entry) and a sixteenth for escapes: reserved pages never written take no memory.
std::size_t estimated_size(const std::vector<Block>& blocks) {
  std::size_t size = 4096;  // declaration, root, section properties
  for (const Block& block : blocks) {
    size += block.text.size() + (block.run_in_text ? block.run_in_text->size() : 0);
    size += block.toc_target ? 640 : 192;
  }
  return size + size / 16;
}

// Writes the elements as serialize_part writes a tree: no indentation, empty
// elements as <name/>, text and attribute values escaped by pugixml's rules.
class DocumentWriter {
 public:
  DocumentWriter(const DocumentParts& parts, std::string& out) : parts_(parts), out_(out) {}

  void start_document() {
    out_ += kXmlDeclaration;
    start("w:document", {{"xmlns:w", kWordNs}, {"xmlns:r", kRelNs}});
    out_ += "<w:body>";
  }

  void paragraph(const std::vector<Block>& blocks, std::size_t i) {
    const Block& block = blocks[i];
    out_ += "<w:p>";
    properties(block);
    if (block.toc_target) {
      const bool first_entry = i == 0 || !blocks[i - 1].toc_target;
      const bool last_entry = i + 1 == blocks.size() || !blocks[i + 1].toc_target;
      toc_entry(block, first_entry, last_entry);
    } else {
      content(block);
    }
    out_ += "</w:p>";
  }

  void end_document(bool empty) {
    // A body needs a paragraph before its section properties.
    if (empty) out_ += "<w:p/>";
    if (parts_.section) {
      // pugixml prints the section properties (a node) onto the end of the part: the part
      // moves into the writer and back, with no copy.
      StringWriter writer;
      writer.text = std::move(out_);
      parts_.section.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
      out_ = std::move(writer.text);
    }
    out_ += "</w:body></w:document>";
  }

 private:
  const std::string& style_id(Role role) const { return parts_.style_ids[static_cast<int>(role)]; }

  void properties(const Block& block) {
    out_ += "<w:pPr>";
    element("w:pStyle", {{"w:val", style_id(block.role)}});
    // A run-in heading carries its body text: keeping that with the next
    // paragraph would push whole chains of them to the next page.
    if (block.run_in_text) element("w:keepNext", {{"w:val", "0"}});
    if (block.page_break_before) out_ += "<w:pageBreakBefore/>";
    if (block.space_after_line) {
      element("w:spacing", {{"w:after", std::to_string(parts_.blank_line)}});
    }
    out_ += "</w:pPr>";
  }

  void toc_entry(const Block& block, bool first_entry, bool last_entry) {
    if (first_entry) {
      // A real TOC field over the article titles' style, its result filled in
      // so it reads right before Word or LibreOffice updates it.
      field_char("begin");
      instruction(" TOC \\h \\z \\t \"" + parts_.article_title_name + ",1\" ");
      field_char("separate");
    }
    const std::string bookmark = bookmark_name(block.toc_target);
    start("w:hyperlink", {{"w:anchor", bookmark}, {"w:history", "1"}});
    run(block.text, "");
    if (block.run_in_text) run(*block.run_in_text, "");
    out_ += "<w:r><w:tab/></w:r>";
    field_char("begin");
    instruction(" PAGEREF " + bookmark + " \\h ");
    field_char("separate");
    run(std::to_string(block.toc_page), "");
    field_char("end");
    out_ += "</w:hyperlink>";
    if (last_entry) field_char("end");
  }

  void content(const Block& block) {
    const std::string id = block.bookmark ? std::to_string(bookmark_id_) : std::string();
    if (block.bookmark) {
      element("w:bookmarkStart", {{"w:id", id}, {"w:name", bookmark_name(block.bookmark)}});
    }
    run(block.text, "");
    if (block.run_in_text) run(*block.run_in_text, style_id(Role::BodyChar));
    if (block.bookmark) {
      element("w:bookmarkEnd", {{"w:id", id}});
      ++bookmark_id_;
    }
  }

  void run(std::string_view raw_text, std::string_view char_style) {
    out_ += "<w:r>";
    const std::size_t content_start = out_.size();
    if (!char_style.empty()) {
      out_ += "<w:rPr>";
      element("w:rStyle", {{"w:val", char_style}});
      out_ += "</w:rPr>";
    }
    text(raw_text);
    if (out_.size() == content_start) {  // nothing in it: <w:r/>, as pugixml writes it
      out_.pop_back();
      out_ += "/>";
    } else {
      out_ += "</w:r>";
    }
  }

  // Text into a run: tabs and line breaks become <w:tab/> and <w:br/>, which
  // Word expects instead of the raw characters; CR is dropped.
  void text(std::string_view raw) {
    const std::string_view safe = xml_safe_view(raw, safe_text_);
    // Both are rare: memchr finds them faster than a test of every byte.
    std::size_t tab = safe.find('\t');
    std::size_t newline = safe.find('\n');
    std::size_t start = 0;
    while (tab != newline) {  // both npos at the end
      const std::size_t end = std::min(tab, newline);
      text_element(safe.substr(start, end - start));
      out_ += end == tab ? "<w:tab/>" : "<w:br/>";
      start = end + 1;
      if (end == tab) {
        tab = safe.find('\t', start);
      } else {
        newline = safe.find('\n', start);
      }
    }
    text_element(safe.substr(start));
  }

  void text_element(std::string_view text) {
    if (text.find('\r') != std::string_view::npos) text = without_cr(text, without_cr_);
    if (text.empty()) return;
    out_ += needs_preserve(text) ? "<w:t xml:space=\"preserve\">" : "<w:t>";
    append_escaped_text(out_, text);
    out_ += "</w:t>";
  }

  void field_char(std::string_view type) {
    out_ += "<w:r>";
    element("w:fldChar", {{"w:fldCharType", type}});
    out_ += "</w:r>";
  }

  void instruction(std::string_view instruction) {
    out_ += "<w:r><w:instrText xml:space=\"preserve\">";
    append_escaped_text(out_, instruction);
    out_ += "</w:instrText></w:r>";
  }

  // <name a="v"...> and <name a="v".../>
  void start(std::string_view name, std::initializer_list<Attribute> attributes) {
    tag(name, attributes);
    out_ += '>';
  }
  void element(std::string_view name, std::initializer_list<Attribute> attributes) {
    tag(name, attributes);
    out_ += "/>";
  }
  void tag(std::string_view name, std::initializer_list<Attribute> attributes) {
    out_ += '<';
    out_ += name;
    for (const auto& [attribute, value] : attributes) {
      out_ += ' ';
      out_ += attribute;
      out_ += "=\"";
      append_escaped_attribute(out_, value);
      out_ += '"';
    }
  }

  const DocumentParts& parts_;
  std::string& out_;
  std::string safe_text_;  // reused for the rare text xml_safe_view has to change
  std::string without_cr_;
  int bookmark_id_ = 0;
};

}  // namespace

std::string write_document(const std::vector<Block>& blocks, const DocumentParts& parts) {
  std::string out;
  out.reserve(estimated_size(blocks));
  DocumentWriter writer(parts, out);
  writer.start_document();
  for (std::size_t i = 0; i < blocks.size(); ++i) writer.paragraph(blocks, i);
  writer.end_document(blocks.empty());
  return out;
}

}  // namespace docpipe::docx
