// Escaping for the Markdown writer: text in, CommonMark source out that
// renders back to exactly that text (and stays plain text in GFM-flavoured
// renderers such as Hugo's goldmark, Jekyll's kramdown-GFM and MkDocs).
#pragma once

#include <string>
#include <string_view>

namespace docpipe::markdown {

// Text inside a line: escapes \ ` * _ [ < ~ | and an & that would start an
// entity reference. Safe anywhere after the start of a block.
std::string escape_inline(std::string_view text);

// A whole block (paragraph, list item, heading text): escape_inline plus
// whatever would make the start of the line markup (#, >, -, +, =, 1. / 1) list
// markers, indentation), and leading/trailing white space and line breaks
// kept as character references so nothing is stripped or re-parsed.
std::string escape_block(std::string_view text);

// A YAML double-quoted scalar, e.g. "标题 \"引文\"".
std::string yaml_quoted(std::string_view text);

}  // namespace docpipe::markdown
