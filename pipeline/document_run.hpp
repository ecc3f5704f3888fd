// The per-document run: decode → clean → detect → model → validate → writers.
#pragma once

#include <functional>
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
  bool failed = false;      // no outputs: the input could not be converted
  std::string failure;      // why, for the message
  Diagnostics diagnostics;  // every stage's findings, in stage order
  std::vector<Removal> removals;
  std::string title;  // the document title (or empty)
  int article_count = 0;
  std::string encoding;
};

// Takes each output as soon as it is made, so that a document's outputs need not all be in
// memory at once; returns an empty string, or why the output could not be kept.
using OutputSink = std::function<std::string(Format, std::string_view bytes)>;

class DocumentRunner {
 public:
  // The rules and validator are shared read-only by all documents (and threads).
  DocumentRunner(RunSettings settings, const NoiseRules& rules, const Inspector& inspector,
                 const ModelValidator& validator);
  // `bytes` are taken by value and freed once decoded: a large input is not held all run.
  // Each output goes to `sink` as soon as it is made.
  DocumentResult run(std::string bytes, const std::string& source_name,
                     const OutputSink& sink) const;

 private:
  void run_stages(std::string bytes, const std::string& source_name, const OutputSink& sink,
                  DocumentResult& result) const;

  RunSettings settings_;
  const NoiseRules& rules_;
  const Inspector& inspector_;
  const ModelValidator& validator_;
};

}  // namespace docpipe
