// The document page: one standalone, semantic HTML5 page per model.
//
// Ids are derived from the position of an element in the model only
// (article-2, article-2-section-1-3), so they are readable, stable across
// runs and the same in the page and in its table of contents.
#include "stages/write_html.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "stages/html_common.hpp"
#include "stages/writer.hpp"

namespace docpipe {

namespace {

// The model may be written with a default namespace or with a prefix; the
// writer only looks at local names.
// Joins pieces by appending. (GCC 12 at -O2 and above reports a false
// -Wrestrict for "literal" + std::string temporaries; appending avoids it.)
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::string joined;
  (joined.append(std::string_view(parts)), ...);
  return joined;
}

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_element(const pugi::xml_node& node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node) == name;
}

pugi::xml_node first_child(const pugi::xml_node& parent, std::string_view name) {
  for (const pugi::xml_node child : parent.children()) {
    if (is_element(child, name)) return child;
  }
  return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& parent, std::string_view name) {
  std::vector<pugi::xml_node> found;
  for (const pugi::xml_node child : parent.children()) {
    if (is_element(child, name)) found.push_back(child);
  }
  return found;
}

std::string_view text_of(const pugi::xml_node& node) { return node.text().get(); }

// A section's heading as the source wrote it: marker (一、) then the text.
std::string heading_text(const pugi::xml_node& section) {
  std::string text = section.attribute("marker").as_string();
  text += text_of(first_child(section, "heading"));
  return text;
}

// The paragraph that a run-in heading flows into, if the model has one: the
// element right after the heading, a p marked runin="true".
pugi::xml_node run_in_paragraph(const pugi::xml_node& section) {
  const pugi::xml_node heading = first_child(section, "heading");
  if (!heading.attribute("runin").as_bool()) return {};
  pugi::xml_node next = heading.next_sibling();
  while (next && next.type() != pugi::node_element) next = next.next_sibling();
  if (is_element(next, "p") && next.attribute("runin").as_bool()) return next;
  return {};
}

int heading_rank(const pugi::xml_node& section) {
  return std::clamp(section.attribute("level").as_int(1) + 2, 3, 6);
}

std::string article_id(std::size_t article_number) {
  return concat("article-", std::to_string(article_number));
}

std::string section_id(const std::string& parent_id, std::size_t number, bool parent_is_article) {
  return concat(parent_id, parent_is_article ? "-section-" : "-", std::to_string(number));
}

class PageBuilder {
 public:
  explicit PageBuilder(const pugi::xml_node& document) : document_(document) {}

  std::string build() {
    articles_ = children(document_, "article");
    if (articles_.empty()) throw WriteError("HTML writer: the model has no article");
    out_.reserve(estimated_output_size(document_));
    const std::string lang = document_.attribute("xml:lang").as_string("zh-CN");
    html::append_page_start(out_, lang.empty() ? "zh-CN" : lang, page_title());
    out_ += "<main>\n";
    append_document_header();
    if (articles_.size() > 1) {
      append_nav();
    } else {
      append_source_toc();
    }
    for (std::size_t i = 0; i < articles_.size(); ++i) append_article(articles_[i], i + 1);
    out_ += "</main>\n";
    html::append_page_end(out_);
    return std::move(out_);
  }

 private:
  std::string page_title() const {
    if (const auto title = first_child(document_, "title")) return std::string(text_of(title));
    for (const auto& article : articles_) {
      if (const auto title = first_child(article, "title")) return std::string(text_of(title));
    }
    return document_.attribute("source").as_string("docpipe");
  }

  void append_block(std::string_view tag, std::string_view css_class, std::string_view text) {
    // The schema forbids empty blocks; should one slip through, an empty
    // element would only be a tidy warning and an empty line on the page.
    if (text.empty()) return;
    out_ += '<';
    out_ += tag;
    if (!css_class.empty()) {
      out_ += " class=\"";
      out_ += css_class;
      out_ += '"';
    }
    out_ += '>';
    html::append_escaped(out_, text);
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
  }

  void append_document_header() {
    const auto title = first_child(document_, "title");
    const auto subtitles = children(document_, "subtitle");
    if (!title && subtitles.empty()) return;
    out_ += "<header>\n";
    if (title) append_block("h1", "", text_of(title));
    for (const auto& subtitle : subtitles) append_block("p", "subtitle", text_of(subtitle));
    out_ += "</header>\n";
  }

  std::string toc_label() const {
    const auto toc = first_child(document_, "toc");
    const std::string label = toc.attribute("label").as_string();
    return label.empty() ? "目录" : label;
  }

  // Compilations: a table of contents generated from the model itself, so
  // every link has a target. The source's own list is kept only as its label.
  void append_nav() {
    const std::string label = toc_label();
    out_ += "<nav class=\"toc\" aria-label=\"";
    html::append_escaped(out_, label);
    out_ += "\">\n";
    append_block("p", "toc-label", label);
    out_ += "<ol>\n";
    for (std::size_t i = 0; i < articles_.size(); ++i) {
      const std::string id = article_id(i + 1);
      const auto title = first_child(articles_[i], "title");
      const std::string text =
          title ? std::string(text_of(title)) : concat("第", std::to_string(i + 1), "篇");
      append_nav_item(id, text, articles_[i], true);
    }
    out_ += "</ol>\n</nav>\n";
  }

  void append_nav_item(const std::string& id, std::string_view text, const pugi::xml_node& parent,
                       bool parent_is_article) {
    out_ += "<li><a href=\"#";
    out_ += id;
    out_ += "\">";
    html::append_escaped(out_, text);
    out_ += "</a>";
    const auto sections = children(parent, "section");
    if (!sections.empty()) {
      out_ += "\n<ol>\n";
      for (std::size_t i = 0; i < sections.size(); ++i) {
        append_nav_item(section_id(id, i + 1, parent_is_article), heading_text(sections[i]),
                        sections[i], false);
      }
      out_ += "</ol>\n";
    }
    out_ += "</li>\n";
  }

  // A single piece that still printed a contents list: keep it as data.
  void append_source_toc() {
    const auto toc = first_child(document_, "toc");
    const auto entries = children(toc, "entry");
    if (!toc || entries.empty()) return;
    out_ += "<div class=\"source-toc\">\n";
    append_block("p", "toc-label", toc_label());
    out_ += "<ol>\n";
    for (const auto& entry : entries) append_block("li", "", text_of(entry));
    out_ += "</ol>\n</div>\n";
  }

  void append_article(const pugi::xml_node& article, std::size_t number) {
    const std::string id = article_id(number);
    out_ += concat("<article id=\"", id, "\">\n");
    const auto title = first_child(article, "title");
    const auto subtitles = children(article, "subtitle");
    const auto speakers = children(article, "speaker");
    if (title || !subtitles.empty() || !speakers.empty()) {
      out_ += "<header>\n";
      if (title) append_block("h2", "", text_of(title));
      for (const auto& subtitle : subtitles) append_block("p", "subtitle", text_of(subtitle));
      for (const auto& speaker : speakers) append_block("p", "speaker", text_of(speaker));
      out_ += "</header>\n";
    }
    if (const auto salutation = first_child(article, "salutation")) {
      append_block("p", "salutation", text_of(salutation));
    }
    append_body(article, id, true);
    out_ += "</article>\n";
  }

  void append_body(const pugi::xml_node& parent, const std::string& parent_id,
                   bool parent_is_article, const pugi::xml_node& skip = {}) {
    std::size_t section_number = 0;
    for (const pugi::xml_node child : parent.children()) {
      if (child == skip) continue;
      if (is_element(child, "p")) {
        append_block("p", "", text_of(child));
      } else if (is_element(child, "section")) {
        append_section(child, section_id(parent_id, ++section_number, parent_is_article));
      }
    }
  }

  void append_section(const pugi::xml_node& section, const std::string& id) {
    const std::string tag = concat("h", std::to_string(heading_rank(section)));
    out_ += concat("<section id=\"", id, "\">\n");
    const auto run_in = run_in_paragraph(section);
    if (run_in) {
      // No white space between heading and paragraph: Chinese text has none.
      out_ += concat("<div class=\"run-in\"><", tag, ">");
      html::append_escaped(out_, heading_text(section));
      out_ += concat("</", tag, "><p>");
      html::append_escaped(out_, text_of(run_in));
      out_ += "</p></div>\n";
    } else {
      append_block(tag, "", heading_text(section));
    }
    append_body(section, id, false, run_in);
    out_ += "</section>\n";
  }

  pugi::xml_node document_;
  std::vector<pugi::xml_node> articles_;
  std::string out_;
};

}  // namespace

std::string write_html(const pugi::xml_document& model, const HtmlOptions& /*options*/) {
  const pugi::xml_node document = model.document_element();
  if (!is_element(document, "document")) {
    throw WriteError("HTML writer: the model's root element is not <document>");
  }
  return PageBuilder(document).build();
}

}  // namespace docpipe
