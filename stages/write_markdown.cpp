// CommonMark the way a person would write it by hand: ATX headings, one line
// per paragraph (Chinese has no spaces to wrap at), a blank line between blocks.
#include "stages/write_markdown.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <unicode/uchar.h>

#include "stages/markdown_escape.hpp"
#include "stages/text.hpp"
#include "stages/writer.hpp"

namespace docpipe {

namespace {

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

std::string heading_text(const pugi::xml_node& section) {
  std::string text = section.attribute("marker").as_string();
  text += text_of(first_child(section, "heading"));
  return text;
}

pugi::xml_node run_in_paragraph(const pugi::xml_node& section) {
  const pugi::xml_node heading = first_child(section, "heading");
  if (!heading.attribute("runin").as_bool()) return {};
  pugi::xml_node next = heading.next_sibling();
  while (next && next.type() != pugi::node_element) next = next.next_sibling();
  if (is_element(next, "p") && next.attribute("runin").as_bool()) return next;
  return {};
}

// CommonMark's flanking rules, which decide whether ** opens or closes, look
// at the characters on either side. Punctuation there means Unicode P* (and
// ASCII punctuation) in CommonMark 0.30, P* and S* since 0.31; the writer
// only relies on what both agree on.
bool is_markdown_whitespace(char32_t c) {
  return c == U'\t' || c == U'\n' || c == U'\f' || c == U'\r' ||
         u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR;
}

bool is_ascii_punctuation(char32_t c) {
  return (c >= U'!' && c <= U'/') || (c >= U':' && c <= U'@') || (c >= U'[' && c <= U'`') ||
         (c >= U'{' && c <= U'~');
}

// Punctuation for every CommonMark version.
bool is_punctuation_everywhere(char32_t c) {
  if (is_ascii_punctuation(c)) return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

// Punctuation for some CommonMark version (0.31 adds the symbols).
bool is_punctuation_somewhere(char32_t c) {
  if (is_punctuation_everywhere(c)) return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return true;
    default:
      return false;
  }
}

// Whether ** between `before` and `after` (0: end of line) closes emphasis in
// every CommonMark version: it must be right-flanking.
bool closes_between(char32_t before, char32_t after) {
  if (is_markdown_whitespace(before)) return false;
  if (after == 0 || is_markdown_whitespace(after)) return true;
  if (is_punctuation_everywhere(before)) return is_punctuation_everywhere(after);
  if (is_punctuation_somewhere(before)) return is_punctuation_somewhere(after);
  return true;
}

// The byte range of `text` without Markdown white space at either end. ** next to white
// space would not open or close, so that stays outside the delimiters. The text stays
// UTF-8: only the characters at the ends are decoded.
std::pair<std::size_t, std::size_t> trimmed_range(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!is_markdown_whitespace(text::next_char(text, next))) break;
    begin = next;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t previous = end;
    if (!is_markdown_whitespace(text::previous_char(text, previous))) break;
    end = previous;
  }
  return {begin, end};
}

// The character starting at byte `at`, or 0 at the end.
char32_t char_at(std::string_view text, std::size_t at) {
  return at < text.size() ? text::next_char(text, at) : 0;
}

// "**（一）标题**。正文": a run-in heading as a bold lead. A closing ** between
// 。 and a Chinese character would not close, so the delimiter goes at the
// last place inside the heading where it does (the heading's final
// punctuation then follows it); where there is none, the character after it
// is written as a character reference (&#20026;), which counts as punctuation.
std::string bold_lead_paragraph(std::string_view lead, std::string_view body) {
  const auto [begin, end] = trimmed_range(lead);
  if (begin == end) return markdown::escape_block(concat(lead, body));

  // The character after byte `at` of the lead: in the lead, or the body's first.
  const auto next_after = [&](std::size_t at) {
    return at < lead.size() ? char_at(lead, at) : char_at(body, 0);
  };
  std::size_t close = end;
  while (close > begin) {
    std::size_t previous = close;
    if (closes_between(text::previous_char(lead, previous), next_after(close))) break;
    close = previous;
  }

  std::string paragraph = markdown::escape_block(lead.substr(0, begin));
  if (close > begin) {
    paragraph += concat("**", markdown::escape_inline(lead.substr(begin, close - begin)), "**",
                        markdown::escape_inline(lead.substr(close)), markdown::escape_inline(body));
    return paragraph;
  }
  // No natural place: close after the heading's last visible character and
  // write the next character as a reference.
  paragraph += concat("**", markdown::escape_inline(lead.substr(begin, end - begin)), "**");
  const std::string after = concat(lead.substr(end), body);
  std::size_t rest = 0;
  if (!after.empty()) {
    const char32_t next = text::next_char(after, rest);
    paragraph += concat("&#", std::to_string(static_cast<std::uint32_t>(next)), ";");
  }
  paragraph += markdown::escape_inline(std::string_view(after).substr(rest));
  return paragraph;
}

// A whole paragraph in * (emphasis) or ** (strong). At the very start and end
// of a paragraph the delimiters always open and close, provided they do not
// touch white space: any at the edges stays outside them.
std::string delimited(std::string_view text, std::string_view delimiter) {
  const auto [begin, end] = trimmed_range(text);
  if (begin == end) return markdown::escape_block(text);
  std::string paragraph = markdown::escape_block(text.substr(0, begin));
  paragraph += delimiter;
  paragraph += markdown::escape_inline(text.substr(begin, end - begin));
  paragraph += delimiter;
  paragraph += markdown::escape_block(text.substr(end));
  return paragraph;
}

std::string emphasised(std::string_view text) { return delimited(text, "*"); }

std::string atx_heading(int rank, std::string_view text) {
  std::string escaped = markdown::escape_block(text);
  // "## 标题 #" would lose its last # as a closing sequence.
  if (!escaped.empty() && escaped.back() == '#') {
    // Unless it is escaped already: an odd number of backslashes before it.
    std::size_t backslashes = 0;
    while (backslashes + 1 < escaped.size() && escaped[escaped.size() - 2 - backslashes] == '\\') {
      ++backslashes;
    }
    if (backslashes % 2 == 0) {
      escaped.pop_back();
      escaped += "\\#";
    }
  }
  return concat(std::string(static_cast<std::size_t>(rank), '#'), " ", escaped);
}

class MarkdownBuilder {
 public:
  MarkdownBuilder(const pugi::xml_node& document, const MarkdownOptions& options)
      : document_(document), options_(options) {}

  std::string build() {
    const auto articles = children(document_, "article");
    if (articles.empty()) throw WriteError("Markdown writer: the model has no article");
    out_.reserve(estimated_output_size(document_));
    if (options_.front_matter) append_front_matter(articles);
    if (const auto title = first_child(document_, "title")) {
      add_block(atx_heading(1, text_of(title)));
    }
    for (const auto& subtitle : children(document_, "subtitle")) {
      add_block(emphasised(text_of(subtitle)));
    }
    append_source_toc();
    for (std::size_t i = 0; i < articles.size(); ++i) append_article(articles[i], i == 0);
    return std::move(out_);
  }

 private:
  void add_block(const std::string& block) {
    if (!out_.empty()) out_ += '\n';
    out_ += block;
    out_ += '\n';
  }

  void append_front_matter(const std::vector<pugi::xml_node>& articles) {
    std::string title;
    if (const auto node = first_child(document_, "title")) {
      title = text_of(node);
    } else if (const auto article_title = first_child(articles.front(), "title")) {
      title = text_of(article_title);
    } else {
      title = document_.attribute("source").as_string();
    }
    std::string language = document_.attribute("xml:lang").as_string();
    if (language.empty()) language = "zh-CN";
    out_ += "---\n";
    out_ += concat("title: ", markdown::yaml_quoted(title), "\n");
    out_ +=
        concat("source: ", markdown::yaml_quoted(document_.attribute("source").as_string()), "\n");
    out_ += concat("language: ", markdown::yaml_quoted(language), "\n");
    out_ += "---\n";
  }

  // The source's contents list, kept as a plain list: Markdown has no
  // portable in-page anchors (each site generator makes its own).
  void append_source_toc() {
    const auto toc = first_child(document_, "toc");
    if (!toc) return;
    const auto entries = children(toc, "entry");
    const std::string label = toc.attribute("label").as_string();
    if (!label.empty()) add_block(delimited(label, "**"));
    if (entries.empty()) return;
    std::string list;
    for (const auto& entry : entries) {
      list += concat("- ", markdown::escape_block(text_of(entry)), "\n");
    }
    list.pop_back();
    add_block(list);
  }

  void append_article(const pugi::xml_node& article, bool first_article) {
    if (const auto title = first_child(article, "title")) {
      add_block(atx_heading(2, text_of(title)));
    } else if (!first_article) {
      // Without a title nothing would show where one piece ends and the next begins.
      add_block("---");
    }
    for (const auto& subtitle : children(article, "subtitle")) {
      add_block(emphasised(text_of(subtitle)));
    }
    for (const auto& speaker : children(article, "speaker")) {
      add_block(emphasised(text_of(speaker)));
    }
    if (const auto salutation = first_child(article, "salutation")) {
      add_block(markdown::escape_block(text_of(salutation)));
    }
    append_body(article, {});
  }

  void append_body(const pugi::xml_node& parent, const pugi::xml_node& skip) {
    for (const pugi::xml_node child : parent.children()) {
      if (child == skip) continue;
      if (is_element(child, "p")) {
        add_block(markdown::escape_block(text_of(child)));
      } else if (is_element(child, "section")) {
        append_section(child);
      }
    }
  }

  void append_section(const pugi::xml_node& section) {
    const auto run_in = run_in_paragraph(section);
    if (run_in) {
      add_block(bold_lead_paragraph(heading_text(section), text_of(run_in)));
    } else {
      const int rank = std::clamp(section.attribute("level").as_int(1) + 2, 3, 6);
      add_block(atx_heading(rank, heading_text(section)));
    }
    append_body(section, run_in);
  }

  pugi::xml_node document_;
  const MarkdownOptions& options_;
  std::string out_;
};

}  // namespace

std::string write_markdown(const pugi::xml_document& model, const MarkdownOptions& options) {
  const pugi::xml_node document = model.document_element();
  if (!is_element(document, "document")) {
    throw WriteError("Markdown writer: the model's root element is not <document>");
  }
  return MarkdownBuilder(document, options).build();
}

}  // namespace docpipe
