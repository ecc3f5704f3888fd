#include "stages/docx_blocks.hpp"

#include <cmath>
#include <cstring>
#include <map>

#include "stages/docx_title.hpp"
#include "stages/writer.hpp"

namespace docpipe::docx {

namespace {

// Element names without a namespace prefix: the model may be written with the
// default namespace (usual) or with a prefix.
std::string_view local_name(pugi::xml_node node) {
  std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is(pugi::xml_node node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node) == name;
}

pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node c : parent.children()) {
    if (is(c, name)) return c;
  }
  return {};
}

std::string_view text_of(pugi::xml_node node) { return node.text().get(); }

bool runin(pugi::xml_node node) {
  const std::string_view value = node.attribute("runin").value();
  return value == "true" || value == "1";
}

class BlockBuilder {
 public:
  explicit BlockBuilder(Layout& layout) : layout_(layout) {}

  Block& add(Role role, std::string_view text) {
    Block& block = layout_.blocks.emplace_back();
    block.role = role;
    block.text = text;
    return block;
  }

  // A block whose text the layout made, kept with the blocks.
  Block& add_made(Role role, std::string text) {
    return add(role, layout_.made_text.emplace_back(std::move(text)));
  }

  void add_body(pugi::xml_node parent) {
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      if (is(node, "p")) {
        add(Role::Body, text_of(node));
      } else if (is(node, "section")) {
        add_section(node);
      }
    }
  }

 private:
  void add_section(pugi::xml_node section) {
    const int level = section.attribute("level").as_int(1);
    const pugi::xml_node heading = child(section, "heading");
    pugi::xml_node next = heading ? heading.next_sibling() : section.first_child();
    if (heading) {
      const std::string_view marker = section.attribute("marker").value();
      Block& block = marker.empty() ? add(heading_role(level), text_of(heading))
                                    : add_made(heading_role(level),
                                               std::string(marker).append(text_of(heading)));
      // A run-in heading and the text after it were one source line: keep
      // them one paragraph, the rest of it in the body font.
      while (next && next.type() != pugi::node_element) next = next.next_sibling();
      if (runin(heading) && is(next, "p") && runin(next)) {
        block.run_in_text = text_of(next);
        next = next.next_sibling();
      }
    }
    for (; next; next = next.next_sibling()) {
      if (is(next, "p")) {
        add(Role::Body, text_of(next));
      } else if (is(next, "section")) {
        add_section(next);
      }
    }
  }

  Layout& layout_;
};

int character_spacing_of(const Look& look, Role role) {
  for (std::optional<Role> r = role; r; r = look.spec(*r).based_on) {
    if (look.spec(*r).run.character_spacing) return *look.spec(*r).run.character_spacing;
  }
  return 0;
}

}  // namespace

std::string bookmark_name(int n) { return "_TocArticle" + std::to_string(n); }

Layout layout_blocks(const pugi::xml_document& model, const BlockOptions& options) {
  const pugi::xml_node root = model.document_element();
  if (!is(root, "document")) throw WriteError("docx: the model has no <document> root");

  std::vector<pugi::xml_node> articles;
  for (pugi::xml_node node : root.children()) {
    if (is(node, "article")) articles.push_back(node);
  }
  const bool compilation = articles.size() > 1;
  const pugi::xml_node document_title = child(root, "title");

  Layout layout;
  std::vector<Block>& blocks = layout.blocks;
  BlockBuilder builder(layout);
  const auto end_title_block = [&](std::size_t first) {
    if (options.line_after_title_block && blocks.size() > first) {
      blocks.back().space_after_line = true;
    }
  };

  if (document_title) {
    builder.add_made(Role::Title, balance_title(text_of(document_title), options.title_cells));
  }
  for (pugi::xml_node node : root.children()) {
    if (is(node, "subtitle")) builder.add(Role::Subtitle, text_of(node));
  }
  end_title_block(0);

  // A compilation opens with a table of contents over its article titles; the
  // source's own contents list is not repeated (its entries would be stale).
  std::map<std::size_t, int> bookmarks;  // article index -> bookmark number
  for (std::size_t i = 0; compilation && i < articles.size(); ++i) {
    if (child(articles[i], "title")) bookmarks[i] = static_cast<int>(i + 1);
  }
  if (!bookmarks.empty()) {
    const pugi::xml_node toc = child(root, "toc");
    const std::string_view label = toc.attribute("label").value();
    builder.add(Role::TocHeading, label.empty() ? "目  录" : label);
    for (const auto& [index, number] : bookmarks) {
      Block& entry = builder.add(Role::Toc1, text_of(child(articles[index], "title")));
      entry.toc_target = number;
    }
  }

  for (std::size_t i = 0; i < articles.size(); ++i) {
    const pugi::xml_node article = articles[i];
    const std::size_t first = blocks.size();
    const bool break_before = options.article_page_break && compilation && first > 0;
    // A lone article without a document title is the document: its title is the Title.
    const bool is_document = !compilation && !document_title;
    if (const pugi::xml_node title = child(article, "title")) {
      Block& block = builder.add_made(is_document ? Role::Title : Role::ArticleTitle,
                                      balance_title(text_of(title), options.title_cells));
      if (bookmarks.count(i)) block.bookmark = bookmarks[i];
    }
    for (pugi::xml_node node : article.children()) {
      if (is(node, "subtitle")) {
        builder.add(is_document ? Role::Subtitle : Role::ArticleSubtitle, text_of(node));
      }
    }
    for (pugi::xml_node node : article.children()) {
      if (is(node, "speaker")) builder.add(Role::Speaker, text_of(node));
    }
    end_title_block(first);
    if (const pugi::xml_node salutation = child(article, "salutation")) {
      builder.add(Role::Salutation, text_of(salutation));
    }
    builder.add_body(article);
    if (break_before && blocks.size() > first) blocks[first].page_break_before = true;
  }
  return layout;
}

void estimate_toc_pages(std::vector<Block>& blocks, const Look& look) {
  const PageSetup& page = look.page;
  const double text_width = page.text_width();
  int page_number = 1;
  int used = 0;                       // twips of the current page taken
  std::map<int, int> bookmark_pages;  // by bookmark number

  for (const Block& block : blocks) {
    const int size = look.size_of(block.role);  // half-points
    const double cell = size * 10.0 + character_spacing_of(look, block.role);
    const ParagraphProps props = look.paragraph_of(block.role);
    // Lines: each explicit break starts one; each piece wraps at the measure.
    const auto wrapped = [&](double width) {
      return std::max(1, static_cast<int>(std::ceil(width / text_width - 1e-9)));
    };
    int lines = 0;
    double width = props.first_line_chars ? props.first_line : 0;
    const auto add_run = [&](std::string_view text) {
      for (auto newline = text.find('\n'); newline != std::string_view::npos;
           newline = text.find('\n')) {
        lines += wrapped(width + text_cells(text.substr(0, newline)) * cell);
        width = 0;
        text.remove_prefix(newline + 1);
      }
      width += text_cells(text) * cell;
    };
    add_run(block.text);
    if (block.run_in_text) add_run(*block.run_in_text);
    if (block.toc_target) width += 3 * cell;  // leader dots and the number
    lines += wrapped(width);

    int line_height = page.line_pitch;
    if (props.line_exact && props.line) {
      line_height = props.line;
    } else {
      // Auto spacing: about 1.3 times the font size, snapped to a whole
      // number of grid lines where there is a line grid.
      const double natural = size * 10.0 * 1.3 * (props.line ? props.line / 240.0 : 1.0);
      line_height =
          page.line_grid
              ? page.line_pitch *
                    std::max(1, static_cast<int>(std::ceil(natural / page.line_pitch - 0.05)))
              : static_cast<int>(natural);
    }

    if (block.page_break_before && used > 0) {
      ++page_number;
      used = 0;
    }
    if (used > 0) used += props.space_before;
    bool first_line = true;
    for (int line = 0; line < lines; ++line) {
      if (used + line_height > page.text_height()) {
        ++page_number;
        used = 0;
      }
      if (first_line && block.bookmark) bookmark_pages[block.bookmark] = page_number;
      first_line = false;
      used += line_height;
    }
    used += props.space_after + (block.space_after_line ? page.line_pitch : 0);
  }
  for (Block& block : blocks) {
    if (block.toc_target) block.toc_page = bookmark_pages[block.toc_target];
  }
}

std::string document_title(const pugi::xml_document& model) {
  const pugi::xml_node root = model.document_element();
  if (const pugi::xml_node title = child(root, "title")) return std::string(text_of(title));
  for (pugi::xml_node node : root.children()) {
    if (is(node, "article")) {
      if (const pugi::xml_node title = child(node, "title")) return std::string(text_of(title));
    }
  }
  return {};
}

}  // namespace docpipe::docx
