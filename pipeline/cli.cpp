#include "pipeline/cli.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "pipeline/batch.hpp"

namespace docpipe {
namespace po = boost::program_options;

namespace {

constexpr int kExitUsage = 2;

const char* const kUsage =
    "Usage: docpipe <command> [options] INPUT...\n"
    "\n"
    "Commands:\n"
    "  convert   convert text files (or folders of *.txt) to DOCX, Markdown, HTML and XML\n"
    "\n"
    "Run 'docpipe <command> --help' for the options of a command.\n"
    "Options: -h, --help   show this help;  --version   show the version\n";

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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
  if (unit == "K" || unit == "k" || unit == "KB" || unit == "KiB") shift = 10;
  else if (unit == "M" || unit == "m" || unit == "MB" || unit == "MiB") shift = 20;
  else if (unit == "G" || unit == "g" || unit == "GB" || unit == "GiB") shift = 30;
  else if (!unit.empty() && unit != "B") throw UsageError("--max-input-size: unknown unit '" + unit + "'");
  if (value == 0 || value > (std::uintmax_t{1} << (62 - shift))) {
    throw UsageError("--max-input-size must be between 1 byte and 4 EiB");
  }
  return static_cast<std::uintmax_t>(value) << shift;
}

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

// SOURCE_DATE_EPOCH (reproducible-builds.org): the one time a document may carry.
std::optional<std::int64_t> source_date_epoch() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (value == nullptr || *value == '\0') return std::nullopt;
  char* end = nullptr;
  const long long seconds = std::strtoll(value, &end, 10);
  if (*end != '\0' || seconds < 0) throw UsageError("SOURCE_DATE_EPOCH must be a number of seconds");
  return seconds;
}

int convert(const std::vector<std::string>& arguments) {
  BatchOptions options;
  std::string output = "out";
  std::string formats = "docx,md,html,xml";
  std::string article_break = "page";
  std::string max_input_size = "128M";
  po::options_description described("Options for 'docpipe convert [options] INPUT...'");
  described.add_options()
      ("help,h", "show this help")
      ("output,o", po::value(&output)->value_name("DIR"), "output folder (default: out)")
      ("format,f", po::value(&formats)->value_name("LIST"),
       "formats to write, comma-separated: docx,md,html,xml (default: all four)")
      ("jobs,j", po::value(&options.jobs)->value_name("N"), "files converted in parallel (default: all cores)")
      ("noise-rules", po::value(&options.noise_rule_files)->value_name("FILE")->composing(),
       "extra noise rules, added to the built-in ones (may be repeated)")
      ("encoding", po::value(&options.settings.decode.encoding)->value_name("NAME"),
       "input encoding, e.g. GB18030 or UTF-16LE (default: auto)")
      ("quiet,q", po::bool_switch(&options.quiet), "print errors only")
      ("max-input-size", po::value(&max_input_size)->value_name("SIZE"),
       "refuse inputs larger than this, e.g. 512K, 64M, 1G (default: 128M)")
      ("style", po::value(&options.settings.docx.style)->value_name("NAME"),
       "DOCX layout: gbt9704 (GB/T 9704 official document, default) or plain")
      ("article-break", po::value(&article_break)->value_name("page|none"),
       "start each article of a compilation on a new page (default: page)")
      ("reference-docx", po::value<std::string>()->value_name("FILE"),
       "take styles, fonts, page setup, headers and footers from this DOCX")
      ("zip-level", po::value(&options.settings.docx.zip_level)->value_name("0-9"),
       "DOCX compression level (default: the writer's choice)")
      ("md-front-matter", po::bool_switch(&options.settings.markdown.front_matter),
       "start Markdown files with YAML front matter (title, source, language)");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&options.inputs));
  po::options_description all;
  all.add(described).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map values;
  po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), values);
  po::notify(values);
  if (values.count("help")) {
    std::cout << described << "\nOutput for a/b.txt is DIR/b.docx, DIR/b.md, DIR/b.html, DIR/b.xml; "
                              "folders are mirrored.\nExit status: 0 all converted, 1 any failed, 2 usage error.\n";
    return 0;
  }
  if (options.inputs.empty()) throw UsageError("no input given (files or folders)");
  options.output_dir = output;
  options.max_input_size = parse_size(max_input_size);
  options.settings.formats = parse_formats(formats);
  if (options.jobs < 0) throw UsageError("--jobs must be 0 or more");
  if (article_break != "page" && article_break != "none") throw UsageError("--article-break is page or none");
  options.settings.docx.article_page_break = article_break == "page";
  if (options.settings.docx.style != "gbt9704" && options.settings.docx.style != "plain") {
    throw UsageError("--style is gbt9704 or plain");
  }
  if (options.settings.docx.zip_level < -1 || options.settings.docx.zip_level > 9) {
    throw UsageError("--zip-level is 0 to 9");
  }
  options.settings.docx.timestamp = source_date_epoch();
  if (values.count("reference-docx")) {
    try {
      options.settings.docx.reference = load_docx_template(values["reference-docx"].as<std::string>());
    } catch (const WriteError& error) {
      std::cerr << "docpipe: error: " << error.what() << "\n";
      return 1;
    }
  }
  try {
    return run_convert(options);
  } catch (const RulesError& error) {
    std::cerr << "docpipe: error: " << error.what() << "\n";
    return kExitUsage;
  }
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
