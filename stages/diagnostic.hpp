// Diagnostics: what every stage reports about the text it was given.
#pragma once

#include <string>
#include <vector>

namespace docpipe {

enum class Severity { note, warning, error };

// One finding about one input. The file name is not stored here: a stage only
// sees text, and the per-document run attaches the file when it reports.
struct Diagnostic {
  Severity severity = Severity::warning;
  std::string rule;  // stable id, e.g. "decode.invalid-bytes"
  int line = 0;      // 1-based source line; 0 when the finding concerns the whole file
  int column = 0;    // 1-based column in characters; 0 when unknown
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

const char* severity_name(Severity severity);

// Every rule id any stage reports, with a one-line description (for SARIF and --help).
struct RuleDescription {
  const char* id;
  const char* description;
};
const std::vector<RuleDescription>& rule_catalog();

}  // namespace docpipe
