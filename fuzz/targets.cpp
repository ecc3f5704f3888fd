#include "fuzz/targets.hpp"

#include <zip.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <pugixml.hpp>
#include <string>

#include "stages/clean.hpp"
#include "stages/decode.hpp"
#include "stages/detect.hpp"
#include "stages/model.hpp"
#include "stages/validate.hpp"
#include "stages/write_docx.hpp"
#include "stages/write_html.hpp"
#include "stages/write_markdown.hpp"
#include "stages/write_xml.hpp"

namespace docpipe::fuzz {
namespace {

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "docpipe fuzz: contract broken: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// Options are chosen from the input's size, so that every byte stays text (the seeds are
// real documents) and a reproducer replays with the same options.
std::string encoding_for(std::size_t size) {
  static const char* const kEncodings[] = {"auto",     "auto",    "auto",
                                           "auto",     "GB18030", "UTF-16LE",
                                           "UTF-16BE", "UTF-8",   "no-such-encoding"};
  return kEncodings[size % (sizeof kEncodings / sizeof kEncodings[0])];
}

// Decodes one UTF-8 sequence at text[i]; returns its code point and advances i, or -1.
long next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int length = 0;
  long c = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, c = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, c = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, c = lead & 0x07;
  } else {
    return -1;
  }
  if (i + length > text.size()) return -1;
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return -1;
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  if ((length == 3 && c < 0x800) || (length == 4 && (c < 0x10000 || c > 0x10FFFF))) return -1;
  if (c >= 0xD800 && c <= 0xDFFF) return -1;
  i += length;
  return c;
}

// Valid UTF-8 holding only characters XML 1.0 allows (what every writer must emit, and
// what decode promises the later stages). `allow_cr`: the output may carry CR itself.
void check_text(std::string_view text, const char* what, bool allow_cr) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const long c = next_code_point(text, i);
    if (c < 0) broken(std::string(what) + ": invalid UTF-8 at byte " + std::to_string(at));
    const bool allowed = c == '\t' || c == '\n' || (c == '\r' && allow_cr) ||
                         (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
    if (!allowed)
      broken(std::string(what) + ": character U+" + std::to_string(c) + " at byte " +
             std::to_string(at));
  }
}

const NoiseRules& rules() {
  static const NoiseRules built_in = NoiseRules::builtin();
  return built_in;
}

const ModelValidator& validator() {
  static const ModelValidator schema;
  return schema;
}

std::string serialised(const pugi::xml_document& model) {
  struct Collect : pugi::xml_writer {
    std::string bytes;
    void write(const void* data, std::size_t size) override {
      bytes.append(static_cast<const char*>(data), size);
    }
  } out;
  model.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return std::move(out.bytes);
}

// decode → clean → detect → model → validate, checking each stage's promises. Returns no
// model when decode refused the input (a DecodeError is the documented way to do so).
std::unique_ptr<pugi::xml_document> model_for(std::string_view input) {
  DecodedText decoded;
  try {
    decoded = decode(input, {encoding_for(input.size())});
  } catch (const DecodeError&) {
    return nullptr;
  }
  check_text(decoded.text, "decoded text", false);
  if (decoded.text.rfind("\xEF\xBB\xBF", 0) == 0)
    broken("decoded text starts with a byte-order mark");

  const CleanText cleaned = clean(decoded, rules());
  for (const CleanLine& line : cleaned.lines) {
    if (line.text.empty())
      broken("clean produced an empty line (source line " + std::to_string(line.line) + ")");
    check_text(line.text, "cleaned line", false);
  }
  const DocumentStructure structure = detect(cleaned);
  if (structure.articles.empty()) broken("detect produced no article");

  auto model = build_model(structure, {"fuzz input.txt", decoded.encoding});
  const ValidationResult result = validator().validate(*model);
  if (!result.valid) {
    std::string why = "the model does not match schemas/document.xsd:";
    for (const auto& error : result.errors) why += "\n  " + error;
    why += "\nmodel: " + serialised(*model).substr(0, 4000);
    broken(why);
  }
  return model;
}

struct Archive {
  zip_t* archive = nullptr;
  ~Archive() {
    if (archive != nullptr) zip_discard(archive);
  }
};

// The package opens, and each XML part in it is well-formed and clean text.
void check_docx(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) broken("DOCX: cannot create a zip source");
  Archive package;
  package.archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (package.archive == nullptr) {
    zip_source_free(source);
    broken(std::string("DOCX: not a zip archive: ") + zip_error_strerror(&error));
  }
  zip_error_fini(&error);
  bool has_document = false;
  const zip_int64_t count = zip_get_num_entries(package.archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const std::string name = zip_get_name(package.archive, static_cast<zip_uint64_t>(i), 0);
    if (!(name.ends_with(".xml") || name.ends_with(".rels"))) continue;
    has_document = has_document || name == "word/document.xml";
    zip_stat_t info;
    if (zip_stat_index(package.archive, static_cast<zip_uint64_t>(i), 0, &info) != 0)
      broken("DOCX: cannot stat " + name);
    std::string part(static_cast<std::size_t>(info.size), '\0');
    zip_file_t* file = zip_fopen_index(package.archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) broken("DOCX: cannot open " + name);
    const zip_int64_t read = zip_fread(file, part.data(), part.size());
    zip_fclose(file);
    if (read != static_cast<zip_int64_t>(part.size())) broken("DOCX: cannot read " + name);
    check_text(part, ("DOCX part " + name).c_str(), true);
    pugi::xml_document xml;
    const pugi::xml_parse_result parsed =
        xml.load_buffer(part.data(), part.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) broken("DOCX part " + name + " is not well-formed XML: " + parsed.description());
  }
  if (!has_document) broken("DOCX: no word/document.xml");
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// No markup but the writer's own: every tag is one the writer uses, no attribute is an
// event handler, and no URL is javascript:. Text that looked like markup must have been
// escaped, so it never reaches this check as a tag.
void check_html(const std::string& html) {
  check_text(html, "HTML", false);
  static const char* const kTags[] = {
      "html", "head", "meta", "title", "style",   "body",    "main",  "header", "nav",
      "ol",   "ul",   "li",   "a",     "article", "section", "div",   "p",      "h1",
      "h2",   "h3",   "h4",   "h5",    "h6",      "span",    "table", "thead",  "tbody",
      "tr",   "th",   "td",   "br",    "hr",      "small",   "footer"};
  for (std::size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
    std::size_t k = i + 1;
    if (html.compare(k, 9, "!DOCTYPE ") == 0) continue;
    if (k < html.size() && html[k] == '/') ++k;
    const std::size_t start = k;
    while (k < html.size() && is_name_char(html[k])) ++k;
    const std::string name = html.substr(start, k - start);
    bool known = false;
    for (const char* tag : kTags) known = known || name == tag;
    if (!known)
      broken("HTML: markup that is not the writer's own at byte " + std::to_string(i) + ": " +
             html.substr(i, 60));
    const std::size_t end = html.find('>', k);
    if (end == std::string::npos) broken("HTML: unclosed tag at byte " + std::to_string(i));
    std::string tag = html.substr(i, end - i);
    for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (tag.find(" on") != std::string::npos || tag.find("javascript:") != std::string::npos) {
      broken("HTML: active content in a tag: " + tag);
    }
    if (name == "style") {  // the writer's own style sheet: skip to its end
      const std::size_t close = html.find("</style>", end);
      if (close == std::string::npos) broken("HTML: unterminated style sheet");
      i = close;
    }
  }
}

// Every '<' in the Markdown is escaped, so no text becomes raw HTML (front matter apart:
// there it is inside a YAML quoted string).
void check_markdown(const std::string& markdown, bool front_matter) {
  check_text(markdown, "Markdown", false);
  std::size_t begin = 0;
  if (front_matter) {
    if (markdown.rfind("---\n", 0) != 0) broken("Markdown: front matter does not start with ---");
    const std::size_t end = markdown.find("\n---\n", 3);
    if (end == std::string::npos) broken("Markdown: front matter is not closed");
    begin = end + 5;
  }
  for (std::size_t i = markdown.find('<', begin); i != std::string::npos;
       i = markdown.find('<', i + 1)) {
    std::size_t slashes = 0;
    while (slashes < i - begin && markdown[i - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0)
      broken("Markdown: unescaped '<' at byte " + std::to_string(i) + ": " +
             markdown.substr(i, 60));
  }
}

}  // namespace

void fuzz_decode(std::string_view input) {
  DecodedText decoded;
  try {
    decoded = decode(input, {encoding_for(input.size())});
  } catch (const DecodeError&) {
    return;
  }
  check_text(decoded.text, "decoded text", false);
  if (decoded.text.rfind("\xEF\xBB\xBF", 0) == 0)
    broken("decoded text starts with a byte-order mark");
  if (decoded.encoding.empty()) broken("decode named no encoding");
  for (const Diagnostic& d : decoded.diagnostics) {
    if (d.message.empty() || d.rule.empty()) broken("a decode diagnostic without message or rule");
    check_text(d.message, "decode diagnostic", false);
  }
}

void fuzz_pipeline(std::string_view input) { model_for(input); }

void fuzz_docx(std::string_view input) {
  const auto model = model_for(input);
  if (!model) return;
  DocxOptions options;
  options.style = input.size() % 2 == 0 ? "gbt9704" : "plain";
  options.article_page_break = input.size() % 3 != 0;
  check_docx(write_docx(*model, options));
}

void fuzz_html(std::string_view input) {
  const auto model = model_for(input);
  if (!model) return;
  check_html(write_html(*model, {}));
}

void fuzz_markdown(std::string_view input) {
  const auto model = model_for(input);
  if (!model) return;
  MarkdownOptions options;
  options.front_matter = input.size() % 2 == 1;
  check_markdown(write_markdown(*model, options), options.front_matter);
}

void fuzz_xml(std::string_view input) {
  const auto model = model_for(input);
  if (!model) return;
  const std::string xml = write_xml(*model);
  check_text(xml, "XML", false);
  const ValidationResult result = validator().validate(xml);
  if (!result.valid) {
    std::string why = "the written XML does not match schemas/document.xsd:";
    for (const auto& error : result.errors) why += "\n  " + error;
    broken(why);
  }
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {{"decode", fuzz_decode},     {"pipeline", fuzz_pipeline},
                                          {"docx", fuzz_docx},         {"html", fuzz_html},
                                          {"markdown", fuzz_markdown}, {"xml", fuzz_xml}};
  return all;
}

Entry find_target(const std::string& name) {
  for (const Target& target : targets()) {
    if (name == target.name) return target.entry;
  }
  return nullptr;
}

}  // namespace docpipe::fuzz
