#include "pipeline/cli.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "pipeline/batch.hpp"
#include "pipeline/output.hpp"
#include "pipeline/report.hpp"

namespace docpipe {
namespace po = boost::program_options;

namespace {

constexpr int kExitUsage = 2;

const char* const kUsage =
    "Usage: docpipe <command> [options] INPUT...\n"
    "\n"
    "Commands:\n"
    "  convert        convert text files (or folders of *.txt) to DOCX, Markdown, HTML and XML\n"
    "  check          find problems in text files without writing anything (for CI)\n"
    "  report merge   merge JSON reports of sharded runs into one\n"
    "\n"
    "Run 'docpipe <command> --help' for the options of a command.\n"
    "Options: -h, --help   show this help;  --version   show the version\n";

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::set<Format> parse_formats(const std::string& list) {
  std::set<Format> formats;
  std::stringstream stream(list);
  std::string name;
  while (std::getline(stream, name, ',')) {
    if (name == "docx") {
      formats.insert(Format::docx);
    } else if (name == "md" || name == "markdown") {
      formats.insert(Format::markdown);
    } else if (name == "html") {
      formats.insert(Format::html);
    } else if (name == "xml") {
      formats.insert(Format::xml);
    } else if (!name.empty()) {
      throw UsageError("unknown format '" + name + "' (choose from docx, md, html, xml)");
    }
  }
  if (formats.empty()) throw UsageError("--format needs at least one of docx, md, html, xml");
  return formats;
}

// 64M, 512K, 1G or a plain number of bytes.
std::uintmax_t parse_size(const std::string& text) {
  std::size_t used = 0;
  unsigned long long value = 0;
  try {
    value = std::stoull(text, &used);
  } catch (const std::exception&) {
    throw UsageError("--max-input-size: '" + text + "' is not a size (e.g. 64M)");
  }
  const std::string unit = text.substr(used);
  int shift = 0;
  if (unit == "K" || unit == "k" || unit == "KB" || unit == "KiB") {
    shift = 10;
  } else if (unit == "M" || unit == "m" || unit == "MB" || unit == "MiB") {
    shift = 20;
  } else if (unit == "G" || unit == "g" || unit == "GB" || unit == "GiB") {
    shift = 30;
  } else if (!unit.empty() && unit != "B") {
    throw UsageError("--max-input-size: unknown unit '" + unit + "'");
  }
  if (value == 0 || value > (std::uintmax_t{1} << (62 - shift))) {
    throw UsageError("--max-input-size must be between 1 byte and 4 EiB");
  }
  return static_cast<std::uintmax_t>(value) << shift;
}

// K/N with 0 <= K < N, e.g. 0/4 … 3/4 (K as Kubernetes' JOB_COMPLETION_INDEX counts).
Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument(text);
    std::size_t used = 0;
    const unsigned long index = std::stoul(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument(text);
    const std::string count_text = text.substr(slash + 1);
    const unsigned long count = std::stoul(count_text, &used);
    if (used != count_text.size() || count == 0 || index >= count || count > 100000) {
      throw std::invalid_argument(text);
    }
    return {static_cast<unsigned>(index), static_cast<unsigned>(count)};
  } catch (const std::exception&) {
    throw UsageError("--shard is K/N with 0 <= K < N, e.g. 0/4");
  }
}

// SOURCE_DATE_EPOCH (reproducible-builds.org): the one time a document may carry.
std::optional<std::int64_t> source_date_epoch() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (value == nullptr || *value == '\0') return std::nullopt;
  char* end = nullptr;
  const long long seconds = std::strtoll(value, &end, 10);
  if (*end != '\0' || seconds < 0)
    throw UsageError("SOURCE_DATE_EPOCH must be a number of seconds");
  return seconds;
}

std::string file_contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Options `convert` and `check` share: what to read and how to report.
struct CommonOptions {
  std::string max_input_size = "128M";
  std::string shard;
  std::string fail_on;
  po::options_description described;

  CommonOptions(const std::string& title, BatchOptions& options) : described(title) {
    described.add_options()("help,h", "show this help")(
        "files-from", po::value(&options.files_from)->value_name("FILE"),
        "read more inputs from FILE, one a line ('-': standard input)")(
        "jobs,j", po::value(&options.jobs)->value_name("N"),
        "files processed in parallel (default: all cores)")(
        "noise-rules", po::value(&options.noise_rule_files)->value_name("FILE")->composing(),
        "extra noise rules, added to the built-in ones (may be repeated)")(
        "encoding", po::value(&options.settings.decode.encoding)->value_name("NAME"),
        "input encoding, e.g. GB18030 or UTF-16LE (default: auto)")(
        "max-input-size", po::value(&max_input_size)->value_name("SIZE"),
        "refuse inputs larger than this, e.g. 512K, 64M, 1G (default: 128M)")(
        "shard", po::value(&shard)->value_name("K/N"),
        "take only the inputs of shard K of N (0 <= K < N), chosen by a hash of their path")(
        "fail-on", po::value(&fail_on)->value_name("LEVEL"),
        "exit 1 when a diagnostic reaches LEVEL: error, warning or note")(
        "report", po::value(&options.report_path)->value_name("FILE"),
        "write a JSON report: every file, its outputs, removals and diagnostics")(
        "sarif", po::value(&options.sarif_path)->value_name("FILE"),
        "write the diagnostics as SARIF 2.1.0 (GitHub code scanning)")(
        "quiet,q", po::bool_switch(&options.quiet), "print errors only");
  }

  void apply(BatchOptions& options) const {
    options.max_input_size = parse_size(max_input_size);
    if (!shard.empty()) options.shard = parse_shard(shard);
    if (!fail_on.empty()) {
      try {
        options.fail_on = parse_severity(fail_on);
      } catch (const std::invalid_argument& error) {
        throw UsageError(std::string("--fail-on: ") + error.what());
      }
    }
    if (options.jobs < 0) throw UsageError("--jobs must be 0 or more");
    if (options.inputs.empty() && options.files_from.empty()) {
      throw UsageError("no input given (files, folders or --files-from)");
    }
  }
};

po::variables_map parse(const std::vector<std::string>& arguments,
                        const po::options_description& described,
                        std::vector<std::string>& inputs) {
  po::options_description hidden;
  hidden.add_options()("input", po::value(&inputs));
  po::options_description all;
  all.add(described).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map values;
  po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), values);
  po::notify(values);
  return values;
}

int run(BatchOptions& options) {
  try {
    return run_batch(options);
  } catch (const RulesError& error) {
    std::cerr << "docpipe: error: " << error.what() << "\n";
    return kExitUsage;
  }
}

int convert(const std::vector<std::string>& arguments) {
  BatchOptions options;
  CommonOptions common("Options for 'docpipe convert [options] INPUT...'", options);
  std::string output = "out";
  std::string formats = "docx,md,html,xml";
  std::string article_break = "page";
  common.described.add_options()("output,o", po::value(&output)->value_name("DIR"),
                                 "output folder (default: out)")(
      "format,f", po::value(&formats)->value_name("LIST"),
      "formats to write, comma-separated: docx,md,html,xml (default: all four)")(
      "skip-unchanged", po::bool_switch(&options.skip_unchanged),
      "skip files whose outputs were made from the same input and options")(
      "style", po::value(&options.settings.docx.style)->value_name("NAME"),
      "DOCX layout: gbt9704 (GB/T 9704 official document, default) or plain")(
      "article-break", po::value(&article_break)->value_name("page|none"),
      "start each article of a compilation on a new page (default: page)")(
      "reference-docx", po::value<std::string>()->value_name("FILE"),
      "take styles, fonts, page setup, headers and footers from this DOCX")(
      "zip-level", po::value(&options.settings.docx.zip_level)->value_name("0-9"),
      "DOCX compression level (default 1: fastest deflate; 0 stores)")(
      "md-front-matter", po::bool_switch(&options.settings.markdown.front_matter),
      "start Markdown files with YAML front matter (title, source, language)");
  const po::variables_map values = parse(arguments, common.described, options.inputs);
  if (values.count("help")) {
    std::cout
        << common.described
        << "\nOutput for a/b.txt given by name is DIR/b.docx, DIR/b.md, DIR/b.html, DIR/b.xml;\n"
           "folders are mirrored. Exit status: 0 all converted, 1 any failed (or a diagnostic\n"
           "reached --fail-on), 2 usage error.\n";
    return 0;
  }
  common.apply(options);
  options.command = Command::convert;
  options.output_dir = output;
  options.settings.formats = parse_formats(formats);
  if (article_break != "page" && article_break != "none")
    throw UsageError("--article-break is page or none");
  options.settings.docx.article_page_break = article_break == "page";
  if (options.settings.docx.style != "gbt9704" && options.settings.docx.style != "plain") {
    throw UsageError("--style is gbt9704 or plain");
  }
  if (options.settings.docx.zip_level < -1 || options.settings.docx.zip_level > 9) {
    throw UsageError("--zip-level is 0 to 9");
  }
  options.settings.docx.timestamp = source_date_epoch();

  // Everything besides the input bytes that decides the outputs, for --skip-unchanged.
  std::ostringstream fingerprint;
  fingerprint << DOCPIPE_VERSION << '\n'
              << formats << '\n'
              << options.settings.docx.style << '\n'
              << article_break << '\n'
              << options.settings.docx.zip_level << '\n'
              << options.settings.markdown.front_matter << '\n'
              << options.settings.decode.encoding << '\n'
              << options.settings.docx.timestamp.value_or(-1) << '\n';
  for (const auto& rules : options.noise_rule_files) fingerprint << file_contents(rules) << '\n';
  if (values.count("reference-docx")) {
    const std::string path = values["reference-docx"].as<std::string>();
    fingerprint << file_contents(path);
    try {
      options.settings.docx.reference = load_docx_template(path);
    } catch (const WriteError& error) {
      std::cerr << "docpipe: error: " << error.what() << "\n";
      return 1;
    }
  }
  options.settings_fingerprint = fingerprint.str();
  return run(options);
}

int check(const std::vector<std::string>& arguments) {
  BatchOptions options;
  CommonOptions common("Options for 'docpipe check [options] INPUT...'", options);
  const po::variables_map values = parse(arguments, common.described, options.inputs);
  if (values.count("help")) {
    std::cout << common.described
              << "\nRuns decode, clean, detect, model and validation and writes nothing but "
                 "diagnostics:\n"
                 "  FILE:LINE:COL: SEVERITY: MESSAGE [RULE]   on standard error, and --report / "
                 "--sarif.\n"
                 "Exit status: 1 when a diagnostic reaches --fail-on (default: error) or a file\n"
                 "cannot be read, 0 otherwise, 2 on a usage error.\n";
    return 0;
  }
  common.apply(options);
  options.command = Command::check;
  if (!options.fail_on) options.fail_on = Severity::error;
  return run(options);
}

int report_merge(const std::vector<std::string>& arguments) {
  std::string output = "-";
  std::vector<std::string> inputs;
  po::options_description described("Options for 'docpipe report merge [-o FILE] REPORT.json...'");
  described.add_options()("help,h", "show this help")(
      "output,o", po::value(&output)->value_name("FILE"),
      "the merged report (default: standard output)");
  const po::variables_map values = parse(arguments, described, inputs);
  if (values.count("help")) {
    std::cout << described
              << "\nMerges the --report files of sharded runs; files sorted by input path.\n";
    return 0;
  }
  if (inputs.empty()) throw UsageError("report merge needs one or more JSON reports");
  std::vector<BatchReport> reports;
  for (const auto& input : inputs) {
    std::ifstream in(input, std::ios::binary);
    if (!in) {
      std::cerr << "docpipe: error: " << input << ": cannot read the report\n";
      return 1;
    }
    try {
      reports.push_back(parse_report(file_contents(input), input));
    } catch (const std::runtime_error& error) {
      std::cerr << "docpipe: error: " << error.what() << "\n";
      return 1;
    }
  }
  std::vector<std::string> warnings;
  const std::string merged = report_json(merge_reports(reports, warnings));
  for (const auto& warning : warnings) std::cerr << "docpipe: warning: " << warning << "\n";
  if (output == "-") {
    std::cout << merged;
    return 0;
  }
  if (const std::string error = write_atomically(output, merged); !error.empty()) {
    std::cerr << "docpipe: error: " << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  std::vector<std::string> arguments(argv + 1, argv + argc);
  try {
    if (arguments.empty()) {
      std::cerr << kUsage;
      return kExitUsage;
    }
    const std::string command = arguments.front();
    if (command == "-h" || command == "--help" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "--version" || command == "-V") {
      std::cout << "docpipe " << DOCPIPE_VERSION << "\n";
      return 0;
    }
    arguments.erase(arguments.begin());
    if (command == "convert") return convert(arguments);
    if (command == "check") return check(arguments);
    if (command == "report" && !arguments.empty() && arguments.front() == "merge") {
      arguments.erase(arguments.begin());
      return report_merge(arguments);
    }
    throw UsageError("unknown command '" + command + "'");
  } catch (const UsageError& error) {
    std::cerr << "docpipe: " << error.what() << "\n" << kUsage;
    return kExitUsage;
  } catch (const po::error& error) {
    std::cerr << "docpipe: " << error.what() << "\n" << kUsage;
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "docpipe: internal error: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace docpipe
