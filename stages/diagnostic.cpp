#include "stages/diagnostic.hpp"

namespace docpipe {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

}  // namespace docpipe
