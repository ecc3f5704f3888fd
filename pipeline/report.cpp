#include "pipeline/report.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "pipeline/json.hpp"

namespace docpipe {
namespace {

// Appends JSON with two-space indentation; keys are written in a fixed order.
class JsonWriter {
 public:
  std::string take() { return std::move(out_) + "\n"; }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name) {
    item();
    out_ += json_string(name) + ": ";
    after_key_ = true;
  }
  void value(std::string_view text) { scalar(json_string(text)); }
  void value(const char* text) { scalar(json_string(text)); }
  void value(long long number) { scalar(std::to_string(number)); }
  void value(int number) { scalar(std::to_string(number)); }

  template <typename T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  void item() {
    if (after_key_) return;
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
      out_ += '\n' + std::string(first_.size() * 2, ' ');
    }
  }
  void scalar(const std::string& text) {
    item();
    after_key_ = false;
    out_ += text;
  }
  void open(char bracket) {
    item();
    after_key_ = false;
    out_ += bracket;
    first_.push_back(true);
  }
  void close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) out_ += '\n' + std::string(first_.size() * 2, ' ');
    out_ += bracket;
  }

  std::string out_;
  std::vector<bool> first_;  // per open bracket: nothing written inside yet
  bool after_key_ = false;
};

struct Counts {
  int converted = 0, checked = 0, skipped = 0, failed = 0;
  int errors = 0, warnings = 0, notes = 0;
};

Counts count(const BatchReport& report) {
  Counts counts;
  for (const auto& file : report.files) {
    if (file.status == "converted") ++counts.converted;
    if (file.status == "checked") ++counts.checked;
    if (file.status == "skipped") ++counts.skipped;
    if (file.status == "failed") ++counts.failed;
    for (const auto& d : file.diagnostics) {
      if (d.severity == Severity::error) ++counts.errors;
      if (d.severity == Severity::warning) ++counts.warnings;
      if (d.severity == Severity::note) ++counts.notes;
    }
  }
  return counts;
}

// A URI for a path: relative paths stay relative references (GitHub resolves them against
// the repository), absolute ones become file:// URIs; everything outside RFC 3986's
// unreserved set is percent-encoded (Chinese names, spaces).
std::string path_uri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = path.starts_with('/') ? "file://" : "";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "warning";
}

}  // namespace

Severity parse_severity(const std::string& name) {
  if (name == "note") return Severity::note;
  if (name == "warning") return Severity::warning;
  if (name == "error") return Severity::error;
  throw std::invalid_argument("unknown severity '" + name + "' (note, warning or error)");
}

std::string report_json(const BatchReport& report) {
  JsonWriter json;
  json.begin_object();
  json.key("tool");
  json.begin_object();
  json.field("name", "docpipe");
  json.field("version", DOCPIPE_VERSION);
  json.end_object();
  json.field("command", report.command);
  json.key("files");
  json.begin_array();
  for (const auto& file : report.files) {
    json.begin_object();
    json.field("input", file.input);
    json.field("status", file.status);
    if (!file.encoding.empty()) json.field("encoding", file.encoding);
    if (!file.title.empty()) json.field("title", file.title);
    json.field("articles", file.articles);
    json.key("outputs");
    json.begin_array();
    for (const auto& output : file.outputs) json.value(output);
    json.end_array();
    json.key("removals");
    json.begin_array();
    for (const auto& removal : file.removals) {
      json.begin_object();
      json.field("line", removal.line);
      json.field("column", removal.column);
      json.field("rule", removal.rule);
      json.field("text", removal.text);
      json.end_object();
    }
    json.end_array();
    json.key("diagnostics");
    json.begin_array();
    for (const auto& d : file.diagnostics) {
      json.begin_object();
      json.field("severity", severity_name(d.severity));
      json.field("rule", d.rule);
      json.field("line", d.line);
      json.field("column", d.column);
      json.field("message", d.message);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  const Counts counts = count(report);
  json.key("summary");
  json.begin_object();
  json.field("files", static_cast<int>(report.files.size()));
  json.field("converted", counts.converted);
  json.field("checked", counts.checked);
  json.field("skipped", counts.skipped);
  json.field("failed", counts.failed);
  json.field("errors", counts.errors);
  json.field("warnings", counts.warnings);
  json.field("notes", counts.notes);
  json.end_object();
  json.end_object();
  return json.take();
}

std::string report_sarif(const BatchReport& report) {
  const auto& catalog = rule_catalog();
  std::map<std::string, int> rule_index;
  for (std::size_t i = 0; i < catalog.size(); ++i) rule_index[catalog[i].id] = static_cast<int>(i);

  JsonWriter json;
  json.begin_object();
  json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  json.field("version", "2.1.0");
  json.key("runs");
  json.begin_array();
  json.begin_object();
  json.key("tool");
  json.begin_object();
  json.key("driver");
  json.begin_object();
  json.field("name", "docpipe");
  json.field("version", DOCPIPE_VERSION);
  json.field("semanticVersion", DOCPIPE_VERSION);
  json.key("rules");
  json.begin_array();
  for (const auto& rule : catalog) {
    json.begin_object();
    json.field("id", rule.id);
    json.key("shortDescription");
    json.begin_object();
    json.field("text", rule.description);
    json.end_object();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.end_object();
  json.field("columnKind", "unicodeCodePoints");
  json.key("results");
  json.begin_array();
  for (const auto& file : report.files) {
    for (const auto& d : file.diagnostics) {
      json.begin_object();
      json.field("ruleId", d.rule);
      if (auto found = rule_index.find(d.rule); found != rule_index.end())
        json.field("ruleIndex", found->second);
      json.field("level", sarif_level(d.severity));
      json.key("message");
      json.begin_object();
      json.field("text", d.message);
      json.end_object();
      json.key("locations");
      json.begin_array();
      json.begin_object();
      json.key("physicalLocation");
      json.begin_object();
      json.key("artifactLocation");
      json.begin_object();
      json.field("uri", path_uri(file.input));
      json.end_object();
      if (d.line > 0) {
        json.key("region");
        json.begin_object();
        json.field("startLine", d.line);
        if (d.column > 0) json.field("startColumn", d.column);
        json.end_object();
      }
      json.end_object();
      json.end_object();
      json.end_array();
      json.end_object();
    }
  }
  json.end_array();
  json.end_object();
  json.end_array();
  json.end_object();
  return json.take();
}

BatchReport parse_report(std::string_view text, const std::string& origin) {
  Json root;
  try {
    root = parse_json(text);
  } catch (const std::exception& error) {
    throw std::runtime_error(origin + ": not a docpipe report: " + error.what());
  }
  try {
    BatchReport report;
    report.command = root["command"].string;
    for (const Json& file : root["files"].array) {
      FileReport entry;
      entry.input = file["input"].string;
      entry.status = file["status"].string;
      if (file.object.count("encoding")) entry.encoding = file["encoding"].string;
      if (file.object.count("title")) entry.title = file["title"].string;
      entry.articles = static_cast<int>(file["articles"].number);
      for (const Json& output : file["outputs"].array) entry.outputs.push_back(output.string);
      for (const Json& removal : file["removals"].array) {
        entry.removals.push_back({static_cast<int>(removal["line"].number),
                                  static_cast<int>(removal["column"].number),
                                  removal["text"].string, removal["rule"].string});
      }
      for (const Json& d : file["diagnostics"].array) {
        entry.diagnostics.push_back({parse_severity(d["severity"].string), d["rule"].string,
                                     static_cast<int>(d["line"].number),
                                     static_cast<int>(d["column"].number), d["message"].string});
      }
      report.files.push_back(std::move(entry));
    }
    return report;
  } catch (const std::exception& error) {
    throw std::runtime_error(origin + ": not a docpipe report: " + error.what());
  }
}

BatchReport merge_reports(const std::vector<BatchReport>& reports,
                          std::vector<std::string>& warnings) {
  BatchReport merged;
  std::map<std::string, FileReport> by_input;
  for (const auto& report : reports) {
    if (merged.command.empty()) merged.command = report.command;
    for (const auto& file : report.files) {
      if (!by_input.emplace(file.input, file).second) {
        warnings.push_back(file.input + " is in more than one report; the first is kept");
      }
    }
  }
  for (auto& [input, file] : by_input) merged.files.push_back(std::move(file));
  return merged;
}

}  // namespace docpipe
