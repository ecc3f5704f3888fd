// libFuzzer entry point; DOCPIPE_FUZZ_TARGET names the target (see fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const docpipe::fuzz::Entry entry = docpipe::fuzz::find_target(DOCPIPE_FUZZ_TARGET);
  entry(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
