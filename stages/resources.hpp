// Files compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <string_view>

namespace docpipe::resources {

std::string_view document_schema();      // schemas/document.xsd
std::string_view builtin_noise_rules();  // rules/noise.rules

}  // namespace docpipe::resources
