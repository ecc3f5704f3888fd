// text::append_utf8 and text::to_utf8 encode by hand (stages/text.cpp); they must give what
// ICU's U8_APPEND gives for every value, U+FFFD for surrogates and values beyond U+10FFFF.
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <string>

#include "stages/text.hpp"

namespace docpipe {
namespace {

void icu_append(std::string& out, char32_t c) {
  uint8_t buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
  if (error) {
    icu_append(out, U'\uFFFD');
    return;
  }
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

TEST(TextUtf8, EveryValueEncodesAsIcuEncodesIt) {
  std::u32string all;
  for (char32_t c = 0; c < 0x110100; ++c) all.push_back(c);
  for (char32_t c : {char32_t{0x200000}, char32_t{0x7FFFFFFF}, char32_t{0xFFFFFFFF}})
    all.push_back(c);
  std::string expected;
  std::string appended;
  for (char32_t c : all) {
    icu_append(expected, c);
    text::append_utf8(appended, c);
  }
  EXPECT_EQ(appended, expected);
  EXPECT_EQ(text::to_utf8(all), expected);
  EXPECT_EQ(text::to_utf8(U""), "");
  EXPECT_EQ(text::to_utf32(text::to_utf8(U"正文。abc")), U"正文。abc");
}

}  // namespace
}  // namespace docpipe
