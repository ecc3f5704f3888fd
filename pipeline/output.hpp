// Writing output files so that a crash or kill never leaves a half-written file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace docpipe {

// Writes `bytes` to a temporary file in the target's folder, flushes it to disk, then
// renames it over `target`: readers see the old file or the new one, never a part.
// Returns an empty string on success, or what went wrong.
std::string write_atomically(const std::filesystem::path& target, std::string_view bytes);

}  // namespace docpipe
