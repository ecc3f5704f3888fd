// DOCX writer: the model as a WordprocessingML package (libzip).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "stages/writer.hpp"

namespace docpipe {

// A user's template (--reference-docx), parsed once per run and shared
// read-only by all documents. Defined in write_docx.cpp.
class DocxTemplate;
std::shared_ptr<const DocxTemplate> load_docx_template(
    const std::string& path);  // throws WriteError

struct DocxOptions {
  std::string style = "gbt9704";                  // "gbt9704" or "plain"
  bool article_page_break = true;                 // --article-break page|none
  int zip_level = -1;                             // -1: the writer's default
  std::optional<std::int64_t> timestamp;          // SOURCE_DATE_EPOCH when set; no dates otherwise
  std::shared_ptr<const DocxTemplate> reference;  // --reference-docx
};

std::string write_docx(const pugi::xml_document& model, const DocxOptions& options);

}  // namespace docpipe
