// The fuzz targets' entry functions, shared by the libFuzzer binaries (fuzz/fuzz_main.cpp,
// built with clang under DOCPIPE_FUZZ) and the replay driver (fuzz/replay.cpp, built in
// every test build) that runs the committed corpus and regressions as ordinary tests.
//
// Each entry takes one input. It returns normally when docpipe handled the input as it
// must (converted it, or refused it with a DecodeError), and calls std::abort() with a
// message on stderr when a contract is broken: the decoded text is not clean UTF-8, the
// model does not match schemas/document.xsd, or a writer's output is malformed. Any
// other exception escapes, which is a crash as well.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docpipe::fuzz {

using Entry = void (*)(std::string_view input);

struct Target {
  const char* name;  // decode, pipeline, docx, html, markdown, xml
  Entry entry;
};

const std::vector<Target>& targets();
Entry find_target(const std::string& name);  // nullptr when unknown

void fuzz_decode(std::string_view input);    // decode, with an encoding chosen by the input
void fuzz_pipeline(std::string_view input);  // decode, clean, detect, model, validate
void fuzz_docx(std::string_view input);      // …then each writer, its output checked
void fuzz_html(std::string_view input);
void fuzz_markdown(std::string_view input);
void fuzz_xml(std::string_view input);

}  // namespace docpipe::fuzz
