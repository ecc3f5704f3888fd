#include "pipeline/batch.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "pipeline/output.hpp"
#include "stages/validate.hpp"
#include "stages/write_html.hpp"

namespace docpipe {
namespace fs = std::filesystem;

namespace {

bool is_text_file(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".txt";
}

std::string read_bytes(const fs::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open the file";
    return {};
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) error = "cannot read the file";
  return bytes.str();
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
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
      for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file(error) || !is_text_file(it->path())) continue;
        const fs::path relative = it->path().lexically_relative(path);
        in_folder.push_back({it->path(), it->path().string(), relative.parent_path() / relative.stem()});
      }
      if (error) list.errors.push_back(input + ": cannot list the folder: " + error.message());
      std::sort(in_folder.begin(), in_folder.end(),
                [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
      found.insert(found.end(), in_folder.begin(), in_folder.end());
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
                              file.output_stem.string() + ".*'; writing '" + stem.string() + ".*' instead");
      file.output_stem = stem;
    }
    taken.insert(stem);
    list.files.push_back(std::move(file));
  }
  return list;
}

int run_convert(const BatchOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  NoiseRules rules = NoiseRules::builtin();
  for (const auto& rule_file : options.noise_rule_files) {
    std::string error;
    const std::string text = read_bytes(rule_file, error);
    if (!error.empty()) throw RulesError(rule_file + ": " + error);
    rules.add(text, rule_file);
  }
  const ModelValidator validator;
  const DocumentRunner runner(options.settings, rules, validator);

  const bool writes_html = options.settings.formats.count(Format::html) > 0;
  InputList inputs = collect_inputs(options.inputs, writes_html);
  for (const auto& error : inputs.errors) std::cerr << "docpipe: error: " << error << "\n";
  for (const auto& warning : inputs.warnings) std::cerr << "docpipe: warning: " << warning << "\n";

  const std::size_t count = inputs.files.size();
  std::vector<DocumentResult> results(count);
  std::atomic<std::size_t> next{0};
  std::mutex output_lock;
  std::atomic<int> failed{static_cast<int>(inputs.errors.size())};
  std::atomic<int> warnings{0};

  auto work = [&]() {
    for (std::size_t i = next++; i < count; i = next++) {
      const InputFile& input = inputs.files[i];
      DocumentResult& result = results[i];
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
      if (!read_error.empty()) {
        result.failed = true;
        result.failure = read_error;
        result.diagnostics.push_back(
            {Severity::error, size > options.max_input_size ? "input.too-large" : "input.unreadable", 0, 0,
             read_error});
      } else {
        result = runner.run(bytes, input.path.filename().string());
      }
      for (const auto& [format, content] : result.outputs) {
        fs::path target = options.output_dir / input.output_stem;
        target += std::string(".") + format_extension(format);
        const std::string error = write_atomically(target, content);
        if (!error.empty()) {
          result.failed = true;
          result.diagnostics.push_back({Severity::error, "output.write", 0, 0, error});
        }
      }
      std::lock_guard lock(output_lock);
      for (const auto& d : result.diagnostics) {
        if (d.severity == Severity::note) continue;
        if (d.severity == Severity::warning) ++warnings;
        if (d.severity == Severity::error || !options.quiet) {
          std::cerr << format_diagnostic(input.display, d) << "\n";
        }
      }
      if (result.failed) ++failed;
      if (!options.quiet) {
        std::cerr << (result.failed ? "failed    " : "converted ") << input.display << "\n";
      }
    }
  };
  const int jobs = options.jobs > 0 ? options.jobs
                                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int k = 1; k < std::min<int>(jobs, static_cast<int>(count)); ++k) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();

  if (writes_html) {
    std::vector<HtmlIndexEntry> entries;
    for (std::size_t i = 0; i < count; ++i) {
      if (results[i].failed) continue;
      const InputFile& input = inputs.files[i];
      const std::string href = input.output_stem.generic_string() + ".html";
      entries.push_back({results[i].title.empty() ? input.path.filename().string() : results[i].title,
                         href, input.display, results[i].article_count});
    }
    if (!entries.empty()) {
      const std::string error =
          write_atomically(options.output_dir / "index.html", write_html_index(std::move(entries)));
      if (!error.empty()) {
        std::cerr << "docpipe: error: " << error << "\n";
        ++failed;
      }
    }
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!options.quiet) {
    std::ostringstream summary;
    summary.precision(2);
    summary << std::fixed << "docpipe: " << (count - static_cast<std::size_t>(std::max(0, failed - static_cast<int>(inputs.errors.size()))))
            << " of " << count << " files converted, " << warnings << " warnings, " << failed
            << " errors, " << seconds << " s";
    std::cerr << summary.str() << "\n";
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace docpipe
