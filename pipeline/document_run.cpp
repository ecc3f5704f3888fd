#include "pipeline/document_run.hpp"

#include <algorithm>
#include <exception>
#include <tuple>

#include "stages/detect.hpp"
#include "stages/model.hpp"
#include "stages/write_xml.hpp"

namespace docpipe {

const char* format_extension(Format format) {
  switch (format) {
    case Format::docx:
      return "docx";
    case Format::markdown:
      return "md";
    case Format::html:
      return "html";
    case Format::xml:
      return "xml";
  }
  return "out";
}

DocumentRunner::DocumentRunner(RunSettings settings, const NoiseRules& rules,
                               const Inspector& inspector, const ModelValidator& validator)
    : settings_(std::move(settings)), rules_(rules), inspector_(inspector), validator_(validator) {}

namespace {

void append(Diagnostics& to, const Diagnostics& from) {
  to.insert(to.end(), from.begin(), from.end());
}

void fail(DocumentResult& result, std::string why, const char* rule = "document.failed") {
  result.failed = true;
  result.failure = std::move(why);
  result.diagnostics.push_back({Severity::error, rule, 0, 0, result.failure});
}

}  // namespace

void DocumentRunner::run_stages(std::string bytes, const std::string& source_name,
                                const OutputSink& sink, DocumentResult& result) const {
  DecodedText decoded = decode(bytes, settings_.decode);
  std::string().swap(bytes);
  result.encoding = decoded.encoding;
  append(result.diagnostics, decoded.diagnostics);

  CleanText cleaned = clean(decoded, rules_);
  std::string().swap(decoded.text);  // each stage's input is freed once used: peak memory
  append(result.diagnostics, cleaned.diagnostics);
  result.removals = std::move(cleaned.removals);

  DocumentStructure structure = detect(cleaned);
  append(result.diagnostics, structure.diagnostics);
  append(result.diagnostics, inspector_.inspect(cleaned, structure));
  std::vector<CleanLine>().swap(cleaned.lines);
  result.title = structure.title ? structure.title->text : std::string();
  result.article_count = static_cast<int>(structure.articles.size());

  const auto model = build_model(structure, {source_name, decoded.encoding});
  structure = DocumentStructure();
  const ValidationResult validation = validator_.validate(*model);
  if (!validation.valid) {
    std::string why = "internal error: the model does not match the schema";
    for (const auto& error : validation.errors) why += "\n  " + error;
    fail(result, why);
    return;
  }

  for (const Format format : settings_.formats) {
    std::string output;
    switch (format) {
      case Format::docx:
        output = write_docx(*model, settings_.docx);
        break;
      case Format::markdown:
        output = write_markdown(*model, settings_.markdown);
        break;
      case Format::html:
        output = write_html(*model, settings_.html);
        break;
      case Format::xml:
        output = write_xml(*model);
        break;
    }
    if (std::string error = sink(format, output); !error.empty()) {
      fail(result, std::move(error), "output.write");
      return;
    }
  }
}

DocumentResult DocumentRunner::run(std::string bytes, const std::string& source_name,
                                   const OutputSink& sink) const {
  DocumentResult result;
  try {
    run_stages(std::move(bytes), source_name, sink, result);
  } catch (const DecodeError& error) {
    fail(result, error.what());
  } catch (const WriteError& error) {
    fail(result, std::string("cannot write: ") + error.what());
  } catch (const std::bad_alloc&) {
    fail(result, "out of memory");
  } catch (const std::exception& error) {
    fail(result, std::string("internal error: ") + error.what());
  }
  // Reading order: file-level findings first, then by line and column.
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  return result;
}

}  // namespace docpipe
