// The per-document run: decode → clean → detect → model → validate → writers.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "stages/clean.hpp"
#include "stages/decode.hpp"
#include "stages/diagnostic.hpp"
#include "stages/inspect.hpp"
#include "stages/validate.hpp"
#include "stages/write_docx.hpp"
#include "stages/write_html.hpp"
#include "stages/write_markdown.hpp"

namespace docpipe {

enum class Format { docx, markdown, html, xml };
const char* format_extension(Format format);  // "docx", "md", "html", "xml"

// Everything a document run needs that is the same for every document of a batch.
struct RunSettings {
  DecodeOptions decode;
  std::set<Format> formats;  // empty: run every stage, write nothing (check mode)
  DocxOptions docx;
  HtmlOptions html;
  MarkdownOptions markdown;
};

struct DocumentResult {
  bool failed = false;         // no outputs: the input could not be converted
  std::string failure;         // why, for the message
  Diagnostics diagnostics;     // every stage's findings, in stage order
  std::vector<Removal> removals;
  std::map<Format, std::string> outputs;  // format → bytes
  std::string title;           // the document title (or empty)
  int article_count = 0;
  std::string encoding;
};

class DocumentRunner {
 public:
  // The rules and validator are shared read-only by all documents (and threads).
  DocumentRunner(RunSettings settings, const NoiseRules& rules, const Inspector& inspector,
                 const ModelValidator& validator);
  DocumentResult run(const std::string& bytes, const std::string& source_name) const;

 private:
  RunSettings settings_;
  const NoiseRules& rules_;
  const Inspector& inspector_;
  const ModelValidator& validator_;
};

}  // namespace docpipe
