#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include "stages/decode.hpp"

namespace docpipe {
namespace {

std::string convert_to(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 8, '\0');
  const int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

const std::string kText = "同志们：\n今天召开会议。\n";

bool has_rule(const DecodedText& decoded, const std::string& rule, int line) {
  for (const auto& d : decoded.diagnostics)
    if (d.rule == rule && d.line == line) return true;
  return false;
}

TEST(Decode, Utf8WithAndWithoutBom) {
  EXPECT_EQ(decode(kText, {}).text, kText);
  const DecodedText with_bom = decode("\xEF\xBB\xBF" + kText, {});
  EXPECT_EQ(with_bom.text, kText);
  EXPECT_EQ(with_bom.encoding, "UTF-8");
  EXPECT_TRUE(with_bom.diagnostics.empty());
}

TEST(Decode, Utf16WithBom) {
  const DecodedText le = decode("\xFF\xFE" + convert_to(kText, "UTF-16LE"), {});
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.text, kText);
  const DecodedText be = decode("\xFE\xFF" + convert_to(kText, "UTF-16BE"), {});
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.text, kText);
}

TEST(Decode, Utf16WithoutBomIsRecognised) {
  const DecodedText le = decode(convert_to("Plain text with 中文 in it.\n", "UTF-16LE"), {});
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.text, "Plain text with 中文 in it.\n");
}

TEST(Decode, Gb18030AndGbk) {
  const DecodedText gb = decode(convert_to(kText, "GB18030"), {});
  EXPECT_EQ(gb.encoding, "GB18030");
  EXPECT_EQ(gb.text, kText);
  EXPECT_TRUE(gb.diagnostics.empty());
  EXPECT_EQ(decode(convert_to(kText, "GBK"), {}).text, kText);
}

TEST(Decode, ValidUtf8WinsOverGb18030) {
  // These UTF-8 bytes are also valid GB18030 (they would read as mojibake).
  const std::string text = "中文";
  ASSERT_EQ(text.size(), 6u);
  EXPECT_EQ(decode(text, {}).encoding, "UTF-8");
  EXPECT_EQ(decode(text, {}).text, text);
}

TEST(Decode, EncodingOverride) {
  const std::string gbk = convert_to(kText, "GBK");
  EXPECT_EQ(decode(gbk, {"GBK"}).text, kText);
  EXPECT_THROW(decode(gbk, {"NO-SUCH-ENCODING"}), DecodeError);
}

TEST(Decode, InvalidUtf8BytesBecomeReplacementCharactersWithAWarning) {
  std::string text = "第一行正常。\n第二行有坏字节\xFF\xFE在这里。\n第三行。\n";
  const DecodedText decoded = decode(text, {});
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_NE(decoded.text.find("坏字节\uFFFD"), std::string::npos);
  EXPECT_TRUE(has_rule(decoded, "decode.invalid-bytes", 2));
}

TEST(Decode, InvalidGb18030BytesBecomeReplacementCharacters) {
  std::string gb = convert_to("第一行。\n第二行。\n", "GB18030");
  gb.insert(gb.find('\n') + 1, "\x81\x20");  // a lead byte without a valid trail
  const DecodedText decoded = decode(gb, {"GB18030"});
  EXPECT_NE(decoded.text.find("\uFFFD"), std::string::npos);
  EXPECT_TRUE(has_rule(decoded, "decode.invalid-bytes", 2));
}

TEST(Decode, LineEndsAreUnified) { EXPECT_EQ(decode("a\r\nb\rc\nd", {}).text, "a\nb\nc\nd"); }

TEST(Decode, ControlCharactersThatXmlForbidsAreDroppedWithAWarning) {
  const std::string prose = "这一行是普通的正文内容，用来说明控制字符只是个别现象。\n";
  const DecodedText decoded = decode(prose + std::string("N\0U\x01L\x0B\n", 7) + prose, {});
  EXPECT_EQ(decoded.text, prose + "NUL\n" + prose);
  EXPECT_TRUE(has_rule(decoded, "decode.control-character", 2));
  EXPECT_EQ(decode("tab\tkept", {}).text, "tab\tkept");
}

TEST(Decode, NonCharactersAreDropped) {
  const DecodedText decoded = decode(
      "a\xEF\xBF\xBE"
      "b",
      {});  // U+FFFE
  EXPECT_EQ(decoded.text, "ab");
}

TEST(Decode, EmptyFileGivesAWarning) {
  const DecodedText decoded = decode("", {});
  EXPECT_EQ(decoded.text, "");
  EXPECT_TRUE(has_rule(decoded, "decode.empty", 0));
}

TEST(Decode, BinaryFilesAreRefusedWithAClearMessage) {
  try {
    decode(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), {});
    FAIL() << "a PNG was decoded";
  } catch (const DecodeError& error) {
    EXPECT_NE(std::string(error.what()).find("PNG"), std::string::npos);
  }
  EXPECT_THROW(decode(std::string("PK\x03\x04\x14\0\0\0", 8), {}), DecodeError);
}

TEST(Decode, FloodsOfBadBytesAreSummarised) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "line \xFF\n";
  const DecodedText decoded = decode(text, {"UTF-8"});
  EXPECT_LE(decoded.diagnostics.size(), 25u);
}

}  // namespace
}  // namespace docpipe
