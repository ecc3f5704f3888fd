#include "pipeline/batch.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "pipeline/output.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/report.hpp"
#include "stages/inspect.hpp"
#include "stages/validate.hpp"
#include "stages/write_html.hpp"

namespace docpipe {
namespace fs = std::filesystem;

namespace {

// At most this many messages of one rule per file on the console; the reports have all.
constexpr int kConsoleMessagesPerRule = 3;

constexpr const char* kManifestName = ".docpipe-manifest";

bool is_text_file(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".txt";
}

std::string read_bytes(const fs::path& path, std::string& error) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open the file";
    if (errno != 0)
      error += ": " + std::generic_category().message(errno);  // e.g. Permission denied
    return {};
  }
  // Read into one string sized from the file, growing only if the file grew meanwhile: a
  // string stream would hold a second copy of a large input.
  std::error_code size_error;
  const std::uintmax_t expected = fs::file_size(path, size_error);
  std::string bytes(size_error ? 0 : static_cast<std::size_t>(expected), '\0');
  std::size_t got = 0;
  while (in) {
    if (got == bytes.size()) bytes.resize(std::max<std::size_t>(bytes.size() * 2, 1 << 16));
    in.read(bytes.data() + got, static_cast<std::streamsize>(bytes.size() - got));
    got += static_cast<std::size_t>(in.gcount());
  }
  if (in.bad()) error = "cannot read the file";
  bytes.resize(got);
  return bytes;
}

// FNV-1a, 64 bits: stable across machines and runs, for shards and the manifest.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string hex(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4)
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
  return out;
}

std::string format_diagnostic(const std::string& file, const Diagnostic& d) {
  std::string out = file;
  if (d.line > 0) {
    out += ":" + std::to_string(d.line);
    if (d.column > 0) out += ":" + std::to_string(d.column);
  }
  out += std::string(": ") + severity_name(d.severity) + ": " + d.message;
  if (!d.rule.empty()) out += " [" + d.rule + "]";
  return out;
}

// The console's share of a file's diagnostics: errors always; warnings unless quiet; notes
// only in check mode; a rule that fires often is cut short with a count.
std::string console_messages(const std::string& file, const Diagnostics& diagnostics, bool quiet,
                             bool show_notes) {
  std::string out;
  std::map<std::string, int> shown;
  std::map<std::string, int> hidden;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::note && !show_notes) continue;
    if (d.severity != Severity::error && quiet) continue;
    if (d.severity != Severity::error && ++shown[d.rule] > kConsoleMessagesPerRule) {
      ++hidden[d.rule];
      continue;
    }
    out += format_diagnostic(file, d) + "\n";
  }
  for (const auto& [rule, count] : hidden) {
    out += file + ": note: " + std::to_string(count) + " more like this [" + rule +
           "] (see --report)\n";
  }
  return out;
}

std::vector<std::string> read_list(const std::string& source, std::vector<std::string>& errors) {
  std::vector<std::string> entries;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (source != "-") {
    file.open(source);
    if (!file) {
      errors.push_back(source + ": cannot read the list of inputs");
      return entries;
    }
    in = &file;
  }
  std::string line;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) entries.push_back(line);
  }
  return entries;
}

// --skip-unchanged: for each output stem, the key of the input bytes and settings that made
// its outputs, and what the index page needs of it (title, article count) when it is skipped.
// One line an entry: key TAB articles TAB stem TAB title.
class Manifest {
 public:
  struct Entry {
    std::string key;
    int articles = 0;
    std::string title;
  };

  explicit Manifest(fs::path path) : path_(std::move(path)) {
    std::ifstream in(path_);
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> fields;
      std::stringstream stream(line);
      for (std::string field; std::getline(stream, field, '\t');) fields.push_back(field);
      if (fields.size() < 3) continue;
      entries_[fields[2]] = {fields[0], std::atoi(fields[1].c_str()),
                             fields.size() > 3 ? fields[3] : ""};
    }
  }
  const Entry* find(const std::string& stem, const std::string& key) const {
    const auto found = entries_.find(stem);
    return found != entries_.end() && found->second.key == key ? &found->second : nullptr;
  }
  void set(const std::string& stem, Entry entry) { entries_[stem] = std::move(entry); }
  void erase(const std::string& stem) { entries_.erase(stem); }
  std::string save() const {
    std::string text;
    for (const auto& [stem, entry] : entries_) {
      std::string title = entry.title;
      std::replace(title.begin(), title.end(), '\t', ' ');
      text += entry.key + "\t" + std::to_string(entry.articles) + "\t" + stem + "\t" + title + "\n";
    }
    return write_atomically(path_, text);
  }

 private:
  fs::path path_;
  std::map<std::string, Entry> entries_;  // sorted: the file is deterministic
};

std::vector<std::pair<Format, fs::path>> output_paths(const BatchOptions& options,
                                                      const RunSettings& settings,
                                                      const InputFile& input) {
  std::vector<std::pair<Format, fs::path>> paths;
  for (const Format format : settings.formats) {
    fs::path target = options.output_dir / input.output_stem;
    target += std::string(".") + format_extension(format);
    paths.emplace_back(format, target);
  }
  return paths;
}

}  // namespace

InputList collect_inputs(const std::vector<std::string>& inputs, bool reserve_index_page) {
  InputList list;
  std::vector<InputFile> found;
  for (const auto& input : inputs) {
    const fs::path path(input);
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      list.errors.push_back(input + ": no such file or folder");
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<InputFile> in_folder;
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied,
                                          error);
      for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file(error) || !is_text_file(it->path())) continue;
        const fs::path relative = it->path().lexically_relative(path);
        in_folder.push_back(
            {it->path(), it->path().string(), relative.parent_path() / relative.stem()});
      }
      if (error) list.errors.push_back(input + ": cannot list the folder: " + error.message());
      std::sort(in_folder.begin(), in_folder.end(),
                [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
      found.insert(found.end(), in_folder.begin(), in_folder.end());
    } else if (!fs::is_regular_file(status)) {
      // A FIFO, socket or device would block the read or never end: refuse it by name.
      list.errors.push_back(input + ": not a regular file (a FIFO, socket or device)");
    } else {
      found.push_back({path, input, path.stem()});
    }
  }
  // Two inputs must never write the same output: the later one gets a numbered name.
  std::set<fs::path> taken;
  if (reserve_index_page) taken.insert("index");
  for (auto& file : found) {
    fs::path stem = file.output_stem;
    for (int k = 2; taken.count(stem) > 0; ++k) {
      stem = file.output_stem;
      stem += "~" + std::to_string(k);
    }
    if (stem != file.output_stem) {
      list.warnings.push_back(file.display + ": another input already writes '" +
                              file.output_stem.string() + ".*'; writing '" + stem.string() +
                              ".*' instead");
      file.output_stem = stem;
    }
    taken.insert(stem);
    list.files.push_back(std::move(file));
  }
  return list;
}

unsigned shard_of(const InputFile& file, unsigned count) {
  return static_cast<unsigned>(fnv1a(file.output_stem.generic_string()) % count);
}

int run_batch(const BatchOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const bool converting = options.command == Command::convert;
  NoiseRules rules = NoiseRules::builtin();
  for (const auto& rule_file : options.noise_rule_files) {
    std::string error;
    const std::string text = read_bytes(rule_file, error);
    if (!error.empty()) throw RulesError(rule_file + ": " + error);
    rules.add(text, rule_file);
  }
  const ModelValidator validator;
  const Inspector inspector;
  RunSettings settings = options.settings;
  if (!converting) settings.formats.clear();
  const DocumentRunner runner(settings, rules, inspector, validator);

  std::vector<std::string> input_names = options.inputs;
  std::vector<std::string> list_errors;
  if (!options.files_from.empty()) {
    const auto listed = read_list(options.files_from, list_errors);
    input_names.insert(input_names.end(), listed.begin(), listed.end());
  }
  const bool writes_html = converting && settings.formats.count(Format::html) > 0;
  InputList inputs = collect_inputs(input_names, writes_html);
  inputs.errors.insert(inputs.errors.begin(), list_errors.begin(), list_errors.end());
  if (options.shard) {
    std::erase_if(inputs.files, [&](const InputFile& file) {
      return shard_of(file, options.shard->count) != options.shard->index;
    });
  }
  for (const auto& error : inputs.errors) std::cerr << "docpipe: error: " << error << "\n";
  if (!options.quiet) {
    for (const auto& warning : inputs.warnings)
      std::cerr << "docpipe: warning: " << warning << "\n";
  }

  const bool use_manifest = converting && options.skip_unchanged;
  Manifest manifest(options.output_dir / kManifestName);

  const std::size_t count = inputs.files.size();
  std::vector<FileReport> reports(count);
  std::vector<std::string> keys(count);
  Progress progress(Progress::choose(options.quiet), count);
  std::atomic<std::size_t> next{0};

  auto convert_one = [&](std::size_t i) {
    const InputFile& input = inputs.files[i];
    DocumentResult result;
    FileReport& report = reports[i];
    report.input = input.display;
    std::string read_error;
    std::error_code size_error;
    const std::uintmax_t size = fs::file_size(input.path, size_error);
    std::string bytes;
    if (!size_error && size > options.max_input_size) {
      read_error = "the file is " + std::to_string(size) + " bytes, more than --max-input-size (" +
                   std::to_string(options.max_input_size) + " bytes)";
    } else {
      bytes = read_bytes(input.path, read_error);
    }
    const auto paths = output_paths(options, settings, input);
    if (read_error.empty() && use_manifest) {
      keys[i] = hex(fnv1a(bytes, fnv1a(options.settings_fingerprint)));
      const bool outputs_exist = std::all_of(
          paths.begin(), paths.end(), [](const auto& output) { return fs::exists(output.second); });
      const Manifest::Entry* made = manifest.find(input.output_stem.generic_string(), keys[i]);
      if (outputs_exist && made != nullptr) {
        report.status = "skipped";
        report.title = made->title;
        report.articles = made->articles;
        for (const auto& [format, path] : paths) report.outputs.push_back(path.string());
        return;
      }
    }
    if (!read_error.empty()) {
      result.failed = true;
      result.failure = read_error;
      result.diagnostics.push_back(
          {Severity::error, size > options.max_input_size ? "input.too-large" : "input.unreadable",
           0, 0, read_error});
    } else {
      // Each output goes to disk as soon as it is made; they replace the old ones together,
      // and only if the whole document converted.
      StagedOutputs staged;
      const OutputSink sink = [&](Format format, std::string_view output) {
        const auto path = std::find_if(paths.begin(), paths.end(),
                                       [&](const auto& p) { return p.first == format; });
        return staged.add(path->second, output);
      };
      result = runner.run(std::move(bytes), input.path.filename().string(), sink);
      if (!result.failed) {
        if (const std::string error = staged.commit(); !error.empty()) {
          result.failed = true;
          result.diagnostics.push_back({Severity::error, "output.write", 0, 0, error});
        }
      }
      if (!result.failed) {
        for (const auto& [format, path] : paths) report.outputs.push_back(path.string());
      }
    }
    report.status = result.failed ? "failed" : converting ? "converted" : "checked";
    report.encoding = result.encoding;
    report.title = result.title;
    report.articles = result.article_count;
    report.removals = std::move(result.removals);
    report.diagnostics = std::move(result.diagnostics);
  };

  auto work = [&]() {
    for (std::size_t i = next++; i < count; i = next++) {
      convert_one(i);
      const bool failed = reports[i].status == "failed";
      progress.file_done(inputs.files[i].display, failed,
                         console_messages(inputs.files[i].display, reports[i].diagnostics,
                                          options.quiet, !converting));
    }
  };
  const int jobs = options.jobs > 0
                       ? options.jobs
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int k = 1; k < std::min<int>(jobs, static_cast<int>(count)); ++k) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  progress.finish();

  int failed = static_cast<int>(inputs.errors.size());
  int converted = 0, skipped = 0, warnings = 0, errors = 0;
  bool reached_fail_level = false;
  for (std::size_t i = 0; i < count; ++i) {
    const FileReport& report = reports[i];
    if (report.status == "failed") ++failed;
    if (report.status == "converted" || report.status == "checked") ++converted;
    if (report.status == "skipped") ++skipped;
    for (const auto& d : report.diagnostics) {
      warnings += d.severity == Severity::warning;
      errors += d.severity == Severity::error;
      if (options.fail_on && d.severity >= *options.fail_on) reached_fail_level = true;
    }
    if (use_manifest) {
      const std::string stem = inputs.files[i].output_stem.generic_string();
      if (report.status == "converted")
        manifest.set(stem, {keys[i], report.articles, report.title});
      if (report.status == "failed") manifest.erase(stem);
    }
  }

  auto write_or_complain = [&](const fs::path& path, const std::string& bytes) {
    const std::string error = write_atomically(path, bytes);
    if (!error.empty()) {
      std::cerr << "docpipe: error: " << error << "\n";
      ++failed;
    }
  };
  // The outputs were not flushed one by one: one flush of their file system makes them all
  // durable before the manifest says they are made (and before docpipe reports success).
  if (converting && converted > 0) {
    if (const std::string error = sync_file_system(options.output_dir); !error.empty()) {
      std::cerr << "docpipe: error: " << error << "\n";
      ++failed;
    }
  }
  if (use_manifest) {
    if (const std::string error = manifest.save(); !error.empty())
      std::cerr << "docpipe: warning: " << error << "\n";
  }
  if (writes_html) {
    std::vector<HtmlIndexEntry> entries;
    for (std::size_t i = 0; i < count; ++i) {
      if (reports[i].status == "failed") continue;
      const InputFile& input = inputs.files[i];
      const std::string title =
          reports[i].title.empty() ? input.path.filename().string() : reports[i].title;
      entries.push_back({title, input.output_stem.generic_string() + ".html", input.display,
                         reports[i].articles});
    }
    if (!entries.empty())
      write_or_complain(options.output_dir / "index.html", write_html_index(std::move(entries)));
  }

  BatchReport batch_report;
  batch_report.command = converting ? "convert" : "check";
  batch_report.files = std::move(reports);
  std::sort(batch_report.files.begin(), batch_report.files.end(),
            [](const FileReport& a, const FileReport& b) { return a.input < b.input; });
  if (!options.report_path.empty())
    write_or_complain(options.report_path, report_json(batch_report));
  if (!options.sarif_path.empty())
    write_or_complain(options.sarif_path, report_sarif(batch_report));

  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::ostringstream summary;
    summary.precision(2);
    summary << std::fixed << "docpipe: " << converted << " "
            << (converting ? "converted" : "checked");
    if (skipped > 0) summary << ", " << skipped << " unchanged";
    summary << ", " << failed << " failed, " << warnings << " warnings, " << errors << " errors, "
            << seconds << " s";
    std::cerr << summary.str() << "\n";
  }
  return failed > 0 || reached_fail_level ? 1 : 0;
}

}  // namespace docpipe
