// Markdown writer: CommonMark.
#pragma once

#include <string>

#include <pugixml.hpp>

#include "stages/writer.hpp"

namespace docpipe {

struct MarkdownOptions {
  bool front_matter = false;  // --md-front-matter: YAML front matter (title, source, language)
};

std::string write_markdown(const pugi::xml_document& model, const MarkdownOptions& options);

}  // namespace docpipe
