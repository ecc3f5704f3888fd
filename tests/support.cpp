#include "tests/support.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace docpipe::test {

std::filesystem::path source_dir() { return DOCPIPE_SOURCE_DIR; }

std::filesystem::path shared_dir() { return source_dir().parent_path() / "shared"; }

std::filesystem::path docpipe_binary() { return DOCPIPE_BINARY; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

TempDir::TempDir() {
  std::random_device seed;
  std::mt19937_64 random(seed());
  path_ = std::filesystem::temp_directory_path() / ("docpipe-test-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ignored);
  std::filesystem::remove_all(path_, ignored);
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace docpipe::test

#include <sstream>

#include "stages/model.hpp"

namespace docpipe::test {

StageRun run_stages(const std::string& bytes, const DecodeOptions& options) {
  StageRun run;
  run.decoded = decode(bytes, options);
  const NoiseRules rules = NoiseRules::builtin();
  run.cleaned = clean(run.decoded, rules);
  run.structure = detect(run.cleaned);
  run.model = build_model(run.structure, {"test.txt", run.decoded.encoding});
  return run;
}

StageRun run_text(const std::string& utf8) { return run_stages(utf8); }

std::string model_xml(const pugi::xml_document& model) {
  std::ostringstream out;
  model.save(out, "  ");
  return out.str();
}

namespace {

void collect_reading(pugi::xml_node node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    const std::string name = child.name();
    if (name == "section") {
      out += child.attribute("marker").value();
      collect_reading(child, out);
    } else if (name == "toc" || name == "article") {
      collect_reading(child, out);
    } else if (child.type() == pugi::node_element) {
      const bool runin_heading = name == "heading" && child.attribute("runin").as_bool();
      out += child.text().get();
      pugi::xml_node next = child.next_sibling();
      const bool joined = runin_heading && next && std::string(next.name()) == "p" &&
                          next.attribute("runin").as_bool();
      if (!joined) out += "\n";
    }
  }
}

}  // namespace

std::string reading_text(const pugi::xml_document& model) {
  std::string out;
  collect_reading(model.document_element(), out);
  return out;
}

}  // namespace docpipe::test
