// docx_write_fixture MODEL.xml OUT.docx [--style gbt9704|plain] [--article-break none]
//                   [--reference-docx FILE]
// Runs the DOCX writer on a model file, without the rest of the pipeline, so
// the external checks can cover hostile models that no text input produces.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <pugixml.hpp>

#include "stages/write_docx.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: docx_write_fixture MODEL.xml OUT.docx [options]\n";
    return 2;
  }
  docpipe::DocxOptions options;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--style") {
      options.style = value;
    } else if (name == "--article-break") {
      options.article_page_break = value == "page";
    } else if (name == "--reference-docx") {
      options.reference = docpipe::load_docx_template(value);
    } else {
      std::cerr << "unknown option " << name << "\n";
      return 2;
    }
  }
  pugi::xml_document model;
  if (!model.load_file(argv[1])) {
    std::cerr << argv[1] << ": not XML\n";
    return 1;
  }
  try {
    const std::string bytes = docpipe::write_docx(model, options);
    std::ofstream(argv[2], std::ios::binary) << bytes;
  } catch (const docpipe::WriteError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
