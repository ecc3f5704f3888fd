// Decode: bytes of unknown encoding -> UTF-8 text that every later stage can trust.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "stages/diagnostic.hpp"

namespace docpipe {

struct DecodeOptions {
  std::string encoding = "auto";  // "auto" or any ICU converter name (GB18030, GBK, UTF-16LE…)
};

// The decoded text: valid UTF-8, lines ended by "\n" only, no byte-order mark, and no
// character that XML 1.0 forbids. Line k of the text is line k of the source.
struct DecodedText {
  std::string text;
  std::string encoding;  // what the bytes were read as, e.g. "UTF-8", "GB18030", "UTF-16LE"
  Diagnostics diagnostics;
};

// The input cannot be read as text at all (binary data, an unknown encoding name).
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

DecodedText decode(std::string_view bytes, const DecodeOptions& options);

}  // namespace docpipe
