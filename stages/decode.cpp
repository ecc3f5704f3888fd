#include "stages/decode.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "stages/text.hpp"

namespace docpipe {
namespace {

// Beyond this many findings of one kind, one summary line says how many more there were,
// so a binary or badly damaged file cannot flood the report.
constexpr int kMaxFindingsPerRule = 20;

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  Converter converter(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !converter) throw DecodeError("unknown encoding '" + name + "'");
  return converter;
}

// Collects, per line, what had to be replaced or dropped, and turns it into diagnostics.
class FindingLog {
 public:
  void add(int line, const std::string& rule, const std::string& what) {
    auto& counts = counts_[rule];
    ++counts.total;
    if (!entries_.empty() && entries_.back().line == line && entries_.back().rule == rule) {
      ++entries_.back().count;
      return;
    }
    if (counts.reported >= kMaxFindingsPerRule) return;
    ++counts.reported;
    entries_.push_back({line, rule, what, 1});
  }

  void report(Diagnostics& out) const {
    for (const auto& entry : entries_) {
      Diagnostic d;
      d.severity = Severity::warning;
      d.rule = entry.rule;
      d.line = entry.line;
      d.message = entry.count == 1 ? entry.what
                                   : entry.what + " (" + std::to_string(entry.count) + " times)";
      out.push_back(std::move(d));
    }
    for (const auto& [rule, counts] : counts_) {
      if (counts.total <= countable(rule)) continue;
      Diagnostic d;
      d.severity = Severity::warning;
      d.rule = rule;
      d.message = "in all " + std::to_string(counts.total) + " such places; only the first " +
                  std::to_string(kMaxFindingsPerRule) + " lines are listed";
      out.push_back(std::move(d));
    }
  }

 private:
  struct Entry {
    int line;
    std::string rule;
    std::string what;
    int count;
  };
  struct Counts {
    int total = 0;
    int reported = 0;
  };
  int countable(const std::string& rule) const {
    int listed = 0;
    for (const auto& entry : entries_)
      if (entry.rule == rule) listed += entry.count;
    return listed;
  }
  std::vector<Entry> entries_;
  std::map<std::string, Counts> counts_;
};

// Walks UTF-8 one sequence at a time, calling visit(code point, valid) for each; an invalid
// sequence is visited once as (-1, false).
template <typename Visit>
void walk_utf8(std::string_view bytes, Visit visit) {
  const auto* at = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto* const end = at + bytes.size();
  while (at < end) {
    const text::Utf8Sequence sequence = text::read_utf8(at, end);
    visit(sequence.c, sequence.c >= 0);
    at += sequence.length;
  }
}

// Strict UTF-8 validation; returns {valid multi-byte sequences, invalid sequences}.
std::pair<std::size_t, std::size_t> utf8_statistics(std::string_view bytes) {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
  walk_utf8(bytes, [&](UChar32 c, bool valid) {
    if (!valid) {
      ++invalid;
    } else if (c >= 0x80) {
      ++multibyte;
    }
  });
  return {multibyte, invalid};
}

// UTF-16 without a byte-order mark shows itself by NUL bytes on one side of most ASCII units.
std::string guess_utf16(std::string_view bytes) {
  if (bytes.size() < 4) return {};
  std::size_t even_nuls = 0;
  std::size_t odd_nuls = 0;
  const std::size_t sample = std::min<std::size_t>(bytes.size() & ~std::size_t{1}, 4096);
  for (std::size_t i = 0; i < sample; i += 2) {
    even_nuls += bytes[i] == '\0';
    odd_nuls += bytes[i + 1] == '\0';
  }
  const std::size_t units = sample / 2;
  if (odd_nuls * 10 >= units * 3 && even_nuls * 20 < units) return "UTF-16LE";
  if (even_nuls * 10 >= units * 3 && odd_nuls * 20 < units) return "UTF-16BE";
  return {};
}

// Names a well-known binary format from its signature, for a clear message.
std::string binary_kind(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (starts("\x89PNG")) return "a PNG image";
  if (starts("PK\x03\x04")) return "a ZIP archive (or DOCX/XLSX)";
  if (starts("%PDF")) return "a PDF file";
  if (starts("\xFF\xD8\xFF")) return "a JPEG image";
  if (starts("GIF8")) return "a GIF image";
  if (starts("\xD0\xCF\x11\xE0")) return "an old Office document (DOC/XLS)";
  if (starts("\x7F"
             "ELF"))
    return "an executable";
  if (starts("\x1F\x8B")) return "a gzip archive";
  return {};
}

bool looks_binary(std::string_view bytes) {
  if (!binary_kind(bytes).empty()) return true;
  const std::size_t sample = std::min<std::size_t>(bytes.size(), 8192);
  std::size_t controls = 0;
  for (std::size_t i = 0; i < sample; ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    controls += byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t' && byte != '\f';
  }
  return sample > 0 && controls * 10 > sample;
}

// Converts with ICU, replacing each invalid sequence by U+FFFD and remembering where.
struct IcuResult {
  std::u16string text;
  std::vector<std::size_t> replaced_at;  // offsets in text of the U+FFFD we inserted
};

struct ReplacementContext {
  const char16_t* output_start = nullptr;
  std::vector<std::size_t>* replaced_at = nullptr;
};

void replace_and_record(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                        UConverterCallbackReason reason, UErrorCode* status) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
  const auto* replacement = static_cast<const ReplacementContext*>(context);
  replacement->replaced_at->push_back(static_cast<std::size_t>(
      reinterpret_cast<const char16_t*>(args->target) - replacement->output_start));
  *status = U_ZERO_ERROR;
  const UChar fffd = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, status);
}

IcuResult convert_with_icu(std::string_view bytes, const std::string& encoding) {
  Converter converter = open_converter(encoding);
  IcuResult result;
  // Every input byte yields at most two UTF-16 units (U+FFFD or a BMP character), plus slack.
  result.text.resize(bytes.size() * 2 + 16);
  ReplacementContext context{result.text.data(), &result.replaced_at};
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter.get(), replace_and_record, &context, nullptr, nullptr, &status);
  auto* target = reinterpret_cast<UChar*>(result.text.data());
  const UChar* target_limit = target + result.text.size();
  const char* source = bytes.data();
  ucnv_toUnicode(converter.get(), &target, target_limit, &source, bytes.data() + bytes.size(),
                 nullptr, true, &status);
  if (U_FAILURE(status))
    throw DecodeError("cannot decode as " + encoding + ": " + u_errorName(status));
  result.text.resize(
      static_cast<std::size_t>(reinterpret_cast<char16_t*>(target) - result.text.data()));
  return result;
}

bool xml_allowed(char32_t c) {
  if (c == U'\t' || c == U'\n') return true;
  if (c < 0x20) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c == 0xFFFE || c == 0xFFFF) return false;
  return c <= 0x10FFFF;
}

std::string describe(char32_t c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string code = "U+";
  for (int shift = c > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) code += hex[(c >> shift) & 0xF];
  if (c == 0) return "NUL (" + code + ")";
  return "control character " + code;
}

// The last step for every encoding: one code point at a time, line ends unified, characters
// XML cannot hold dropped, and findings logged with their line.
class TextBuilder {
 public:
  explicit TextBuilder(std::size_t expected_bytes) {
    text_.reserve(expected_bytes + expected_bytes / 2);
  }

  void add(char32_t c, bool replacement_inserted_by_decoder) {
    if (pending_cr_) {
      pending_cr_ = false;
      if (c == U'\n') return;  // CRLF: the CR already ended the line
    }
    if (c == U'\r' || c == U'\u2028' || c == U'\u2029' || c == U'\u0085') {
      newline();
      pending_cr_ = c == U'\r';
      return;
    }
    if (c == U'\n') {
      newline();
      return;
    }
    if (replacement_inserted_by_decoder) {
      log_.add(line_, "decode.invalid-bytes",
               "bytes that are not valid " + encoding_ + " replaced by U+FFFD");
    }
    if (c == U'\uFEFF' && text_.empty()) return;  // a byte-order mark, not text
    if (!xml_allowed(c)) {
      log_.add(line_, "decode.control-character", describe(c) + " dropped");
      return;
    }
    text::append_utf8(text_, c);
  }

  // Characters that add() would copy as they are (see is_plain), handed over as UTF-8 in
  // one piece: most of a text is such runs.
  void add_plain(std::string_view utf8) {
    if (utf8.empty()) return;
    pending_cr_ = false;
    text_.append(utf8);
  }

  void set_encoding(std::string encoding) { encoding_ = std::move(encoding); }
  std::string take_text() { return std::move(text_); }
  void report(Diagnostics& out) const { log_.report(out); }

 private:
  void newline() {
    text_.push_back('\n');
    ++line_;
  }
  std::string text_;
  std::string encoding_ = "UTF-8";
  FindingLog log_;
  int line_ = 1;
  bool pending_cr_ = false;
};

// A character that TextBuilder::add copies unchanged: not a line end, not one that XML
// forbids, not a byte-order mark.
bool is_plain(UChar32 c) {
  if (c < 0x80) return c >= 0x20 || c == '\t';
  return c != 0x85 && c != 0x2028 && c != 0x2029 && c != 0xFEFF &&
         xml_allowed(static_cast<char32_t>(c));
}

// Valid sequences of plain characters are copied in runs; everything else goes through
// TextBuilder::add one character at a time, as before.
void build_from_utf8(std::string_view bytes, TextBuilder& builder) {
  const auto* const data = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto* const end = data + bytes.size();
  const auto* run = data;  // the first plain character not yet handed over
  const auto* at = data;
  auto flush = [&]() {
    builder.add_plain(
        bytes.substr(static_cast<std::size_t>(run - data), static_cast<std::size_t>(at - run)));
  };
  while (at < end) {
    const text::Utf8Sequence sequence = text::read_utf8(at, end);
    if (sequence.c >= 0 && is_plain(sequence.c)) {
      at += sequence.length;
      continue;
    }
    flush();
    const bool valid = sequence.c >= 0;
    builder.add(valid ? static_cast<char32_t>(sequence.c) : U'\uFFFD', !valid);
    at += sequence.length;
    run = at;
  }
  flush();
}

void build_from_utf16(const IcuResult& converted, TextBuilder& builder) {
  const auto* data = reinterpret_cast<const UChar*>(converted.text.data());
  const auto length = static_cast<int64_t>(converted.text.size());
  auto next_replacement = converted.replaced_at.begin();
  int64_t i = 0;
  while (i < length) {
    const auto at = static_cast<std::size_t>(i);
    UChar32 c = data[i];
    ++i;
    if (U16_IS_LEAD(c) && i < length && U16_IS_TRAIL(data[i])) {
      c = U16_GET_SUPPLEMENTARY(c, data[i]);
      ++i;
    }
    bool inserted = false;
    while (next_replacement != converted.replaced_at.end() && *next_replacement <= at) {
      inserted = *next_replacement == at;
      ++next_replacement;
    }
    builder.add(static_cast<char32_t>(c), inserted);
  }
}

// Nothing but white space (ASCII, U+3000, U+00A0) and line ends.
bool only_white_space(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') continue;
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
    } else if (text.compare(i, 2, "\xC2\xA0") == 0) {
      i += 1;
    } else {
      return false;
    }
  }
  return true;
}

std::string upper(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name;
}

}  // namespace

DecodedText decode(std::string_view bytes, const DecodeOptions& options) {
  DecodedText result;
  TextBuilder builder(bytes.size());

  std::string encoding = upper(options.encoding);
  std::string_view body = bytes;
  const bool automatic = encoding.empty() || encoding == "AUTO";
  if (automatic) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
      encoding = "UTF-8";
      body = bytes.substr(3);
    } else if (bytes.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) {
      encoding = "UTF-32LE";
      body = bytes.substr(4);
    } else if (bytes.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) {
      encoding = "UTF-32BE";
      body = bytes.substr(4);
    } else if (bytes.substr(0, 2) == "\xFF\xFE") {
      encoding = "UTF-16LE";
      body = bytes.substr(2);
    } else if (bytes.substr(0, 2) == "\xFE\xFF") {
      encoding = "UTF-16BE";
      body = bytes.substr(2);
    } else if (encoding = guess_utf16(bytes); !encoding.empty()) {
      // UTF-16 without a byte-order mark.
    } else if (looks_binary(bytes)) {
      const std::string kind = binary_kind(bytes);
      throw DecodeError("this is not a text file" +
                        (kind.empty() ? std::string() : ": it looks like " + kind));
    } else {
      // Strictly valid UTF-8 wins: UTF-8 bytes are often also valid GB18030 and would
      // decode to mojibake. A few bad bytes in otherwise UTF-8 text are damage, not GB18030.
      const auto [multibyte, invalid] = utf8_statistics(bytes);
      encoding = (invalid == 0 || multibyte >= invalid * 8) ? "UTF-8" : "GB18030";
    }
  } else if ((encoding == "UTF-8" || encoding == "UTF8") && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    body = bytes.substr(3);
  }

  result.encoding = encoding == "UTF8" ? "UTF-8" : encoding;
  builder.set_encoding(result.encoding);
  if (result.encoding == "UTF-8") {
    build_from_utf8(body, builder);
  } else {
    build_from_utf16(convert_with_icu(body, result.encoding), builder);
  }
  result.text = builder.take_text();
  builder.report(result.diagnostics);
  if (bytes.empty()) {
    result.diagnostics.push_back({Severity::warning, "decode.empty", 0, 0, "the file is empty"});
  } else if (only_white_space(result.text)) {
    result.diagnostics.push_back(
        {Severity::warning, "decode.empty", 0, 0, "the file has no text, only white space"});
  }
  return result;
}

}  // namespace docpipe
