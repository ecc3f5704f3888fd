// Test driver for the external web checks: renders fixture models with the
// HTML and Markdown writers, without the rest of the pipeline, so tidy,
// Chromium and cmark see hostile models that no input text could produce.
//
//   docpipe_web_render [--front-matter] OUTDIR MODEL.xml...
// writes OUTDIR/<stem>.html, <stem>.md, <stem>.xml (the model, copied) for
// each model, and OUTDIR/index.html listing them.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "stages/write_html.hpp"
#include "stages/write_markdown.hpp"

namespace {

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  docpipe::MarkdownOptions markdown_options;
  if (!args.empty() && args.front() == "--front-matter") {
    markdown_options.front_matter = true;
    args.erase(args.begin());
  }
  if (args.size() < 2) {
    std::cerr << "usage: docpipe_web_render [--front-matter] OUTDIR MODEL.xml...\n";
    return 2;
  }
  try {
    const std::filesystem::path out_dir = args.front();
    std::filesystem::create_directories(out_dir);
    std::vector<docpipe::HtmlIndexEntry> index;
    for (std::size_t i = 1; i < args.size(); ++i) {
      const std::filesystem::path model_path = args[i];
      pugi::xml_document model;
      if (const auto loaded = model.load_file(model_path.c_str()); !loaded) {
        throw std::runtime_error(model_path.string() + ": " + loaded.description());
      }
      const std::string stem = model_path.stem().string();
      write_bytes(out_dir / (stem + ".html"), docpipe::write_html(model, {}));
      write_bytes(out_dir / (stem + ".md"), docpipe::write_markdown(model, markdown_options));
      std::filesystem::copy_file(model_path, out_dir / (stem + ".xml"),
                                 std::filesystem::copy_options::overwrite_existing);
      const auto document = model.document_element();
      int articles = 0;
      for (const auto child : document.children()) {
        if (std::string(child.name()).ends_with("article")) ++articles;
      }
      index.push_back({document.child("title").text().get(), stem + ".html",
                       model_path.filename().string(), articles});
    }
    write_bytes(out_dir / "index.html", docpipe::write_html_index(std::move(index)));
  } catch (const std::exception& error) {
    std::cerr << "docpipe_web_render: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
