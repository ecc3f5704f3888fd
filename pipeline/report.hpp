// Machine-readable reports of a batch: JSON (--report, schemas/report.schema.json),
// SARIF 2.1.0 (--sarif), and the merge of JSON reports from sharded runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stages/clean.hpp"
#include "stages/diagnostic.hpp"

namespace docpipe {

struct FileReport {
  std::string input;   // the path as given (or found under a given folder)
  std::string status;  // converted, checked, skipped, failed
  std::string encoding;
  std::string title;
  int articles = 0;
  std::vector<std::string> outputs;
  std::vector<Removal> removals;
  Diagnostics diagnostics;
};

struct BatchReport {
  std::string command;            // convert, check
  std::vector<FileReport> files;  // sorted by input
};

// Deterministic: the same batch gives the same bytes, whatever -j was.
std::string report_json(const BatchReport& report);
std::string report_sarif(const BatchReport& report);

// Reads a report written by report_json; throws std::runtime_error naming `origin` on a bad one.
BatchReport parse_report(std::string_view json, const std::string& origin);
// One report of all files; a file reported twice (overlapping shards) keeps its first entry.
BatchReport merge_reports(const std::vector<BatchReport>& reports,
                          std::vector<std::string>& warnings);

Severity parse_severity(
    const std::string& name);  // note, warning, error; throws std::invalid_argument

}  // namespace docpipe
