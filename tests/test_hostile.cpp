// Hostile input, driven through the real docpipe binary (issue 6): every case is one bad
// file in a batch with a good one. Each asserts the message (file, line where there is
// one, what is wrong), that the good file is still converted in every format, that the
// exit status says whether a file failed, and that what is written is valid.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <pugixml.hpp>
#include <set>
#include <thread>

#include "tests/support.hpp"

extern char** environ;

namespace docpipe::test {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

const char* const kFormats[] = {".docx", ".md", ".html", ".xml"};

std::string quoted(const fs::path& path) {
  std::string out = "'";
  for (const char c : path.string()) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string docpipe() { return quoted(docpipe_binary()); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The sanitiser build (scripts/check-sanitizers.sh) sets DOCPIPE_TEST_SCALE=10: there the
// very large inputs are cut by that factor, as every byte costs several times the memory
// and time. The same code paths run; the full sizes run in the normal build.
std::size_t scaled(std::size_t size) {
  const char* scale = std::getenv("DOCPIPE_TEST_SCALE");
  const long factor = scale == nullptr ? 1 : std::strtol(scale, nullptr, 10);
  return factor > 1 ? size / static_cast<std::size_t>(factor) : size;
}

// A real text, small: the start of a sample.
std::string good_text() {
  static const std::string text = [] {
    const std::string sample = read_file(source_dir() / "samples" / "000_28664205d603d575.txt");
    return sample.substr(0, sample.find('\n', 2000) + 1);
  }();
  return text;
}

// The writer's output parses: the XML against the schema, each XML part of the DOCX.
void expect_valid_xml(const fs::path& xml) {
  const CommandResult lint =
      run_command("xmllint --noout --schema " + quoted(source_dir() / "schemas/document.xsd") +
                  " " + quoted(xml));
  EXPECT_EQ(lint.exit_code, 0) << xml << "\n" << lint.output;
}

void expect_valid_docx(const fs::path& docx) {
  int error = 0;
  zip_t* archive = zip_open(docx.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  ASSERT_NE(archive, nullptr) << docx << ": not a zip archive";
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  int parts = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    const std::string name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (!name.ends_with(".xml") && !name.ends_with(".rels")) continue;
    zip_stat_t info;
    ASSERT_EQ(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &info), 0);
    std::string part(static_cast<std::size_t>(info.size), '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(zip_fread(file, part.data(), part.size()), static_cast<zip_int64_t>(part.size()));
    zip_fclose(file);
    pugi::xml_document xml;
    EXPECT_TRUE(xml.load_buffer(part.data(), part.size()))
        << docx << ": " << name << " is not well-formed";
    ++parts;
  }
  zip_discard(archive);
  EXPECT_GT(parts, 3) << docx;
}

// The HTML is the writer's markup only: every tag is one the writer uses, with no event
// handler or javascript: URL, so text that looked like markup was escaped.
void expect_inert_html(const fs::path& html) {
  const std::string page = read_file(html);
  static const std::set<std::string> kTags = {
      "html", "head", "meta", "title", "style",   "body",    "main",   "header", "nav",
      "ol",   "ul",   "li",   "a",     "article", "section", "div",    "p",      "h1",
      "h2",   "h3",   "h4",   "h5",    "h6",      "span",    "table",  "thead",  "tbody",
      "tr",   "th",   "td",   "br",    "hr",      "small",   "footer", "strong", "em"};
  for (std::size_t i = page.find('<'); i != std::string::npos; i = page.find('<', i + 1)) {
    if (page.compare(i, 10, "<!DOCTYPE ") == 0) continue;
    std::size_t k = i + 1 + (page.compare(i + 1, 1, "/") == 0 ? 1 : 0);
    const std::size_t start = k;
    while (k < page.size() && std::isalnum(static_cast<unsigned char>(page[k]))) ++k;
    const std::string name = page.substr(start, k - start);
    EXPECT_EQ(kTags.count(name), 1u) << html << ": markup from the text: " << page.substr(i, 60);
    const std::string tag = page.substr(i, page.find('>', i) - i);
    EXPECT_FALSE(contains(tag, " on") || contains(tag, "javascript:")) << html << ": " << tag;
    if (name == "style") i = page.find("</style>", i);
  }
}

// Every '<' of the Markdown is escaped, so no text is raw HTML.
void expect_inert_markdown(const fs::path& md) {
  const std::string text = read_file(md);
  for (std::size_t i = text.find('<'); i != std::string::npos; i = text.find('<', i + 1)) {
    std::size_t slashes = 0;
    while (slashes < i && text[i - 1 - slashes] == '\\') ++slashes;
    EXPECT_EQ(slashes % 2, 1u) << md << ": unescaped '<' in "
                               << text.substr(i > 20 ? i - 20 : 0, 60);
  }
}

void expect_outputs(const fs::path& out, const std::string& stem) {
  for (const char* extension : kFormats) {
    const fs::path output = out / (stem + extension);
    ASSERT_TRUE(fs::exists(output)) << output;
  }
  expect_valid_xml(out / (stem + ".xml"));
  expect_valid_docx(out / (stem + ".docx"));
  expect_inert_html(out / (stem + ".html"));
  expect_inert_markdown(out / (stem + ".md"));
}

void expect_no_outputs(const fs::path& out, const std::string& stem) {
  for (const char* extension : kFormats)
    EXPECT_FALSE(fs::exists(out / (stem + extension))) << stem << extension;
}

// A folder holding `name` with `bytes` and good.txt, converted into out/.
class Batch {
 public:
  Batch() { write_file(in() / "good.txt", good_text()); }
  fs::path in() const { return dir_.path() / "in"; }
  fs::path out() const { return dir_.path() / "out"; }
  const fs::path& root() const { return dir_.path(); }
  void add(const std::string& name, const std::string& bytes) const {
    write_file(in() / name, bytes);
  }
  CommandResult convert(const std::string& options = "") const {
    return run_command(docpipe() + " convert " + options + " -o " + quoted(out()) + " " +
                       quoted(in()));
  }
  void expect_good_converted() const { expect_outputs(out(), "good"); }

 private:
  TempDir dir_;
};

TEST(Hostile, EmptyFile) {
  Batch batch;
  batch.add("empty.txt", "");
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "empty.txt: warning: the file is empty")) << result.output;
  batch.expect_good_converted();
  expect_outputs(batch.out(), "empty");
}

TEST(Hostile, WhiteSpaceOnly) {
  Batch batch;
  batch.add("blank.txt", "  \n\t\n\xE3\x80\x80\xE3\x80\x80\r\n\n");
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "blank.txt: warning: the file has no text, only white space"))
      << result.output;
  batch.expect_good_converted();
  expect_outputs(batch.out(), "blank");
}

TEST(Hostile, BinaryFilesAreRefusedByName) {
  Batch batch;
  batch.add("image.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"s);
  batch.add("archive.txt", "PK\x03\x04\x14\0\0\0\x08\0abcdefgh\0\0\0\0word/document.xml"s);
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output,
                       "image.txt: error: this is not a text file: it looks like a PNG image"))
      << result.output;
  EXPECT_TRUE(contains(result.output,
                       "archive.txt: error: this is not a text file: it looks like a ZIP archive"))
      << result.output;
  batch.expect_good_converted();
  expect_no_outputs(batch.out(), "image");
  expect_no_outputs(batch.out(), "archive");
}

TEST(Hostile, NulBytesAreDroppedWithTheirLine) {
  Batch batch;
  batch.add("nul.txt", "关于做好工作的通知\n\n各单位要认真落实\0\0各项要求。\n"s);
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "nul.txt:3: warning: NUL (U+0000) dropped")) << result.output;
  EXPECT_TRUE(contains(read_file(batch.out() / "nul.md"), "各单位要认真落实各项要求。"));
  batch.expect_good_converted();
  expect_outputs(batch.out(), "nul");
}

TEST(Hostile, InvalidUtf8IsReplacedAndTheRestKept) {
  Batch batch;
  std::string text = good_text();
  const std::size_t third_line = text.find('\n', text.find('\n') + 1) + 1;
  text.insert(third_line, "\xFF\xC0\xED\xA0\x80");  // bad byte, overlong lead, a surrogate
  batch.add("damaged.txt", text);
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output,
                       "damaged.txt:3: warning: bytes that are not valid UTF-8 replaced by U+FFFD"))
      << result.output;
  // Still read as UTF-8: the title is intact, not mojibake.
  const std::string title = good_text().substr(0, good_text().find('\n'));
  EXPECT_TRUE(contains(read_file(batch.out() / "damaged.md"), title));
  batch.expect_good_converted();
  expect_outputs(batch.out(), "damaged");
}

TEST(Hostile, TruncatedUtf16) {
  Batch batch;
  // BOM, 标题, newline, then one stray byte: an odd number of bytes after the BOM.
  batch.add("utf16.txt", "\xFF\xFE\x07\x68\x98\x98\x0A\x00\x63\x6B\x87\x65\x41"s);
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(
      result.output, "utf16.txt:2: warning: bytes that are not valid UTF-16LE replaced by U+FFFD"))
      << result.output;
  EXPECT_TRUE(contains(read_file(batch.out() / "utf16.md"), "标题"));
  batch.expect_good_converted();
  expect_outputs(batch.out(), "utf16");
}

TEST(Hostile, MixedEncodingsInOneFile) {
  Batch batch;
  // A UTF-8 text with one paragraph pasted in GB18030 (各单位要认真落实。).
  const std::string gb_paragraph =
      "\xB8\xF7\xB5\xA5\xCE\xBB\xD2\xAA\xC8\xCF\xD5\xE6\xC2\xE4\xCA\xB5\xA1\xA3\n";
  std::string text = good_text();
  const std::size_t line_5 = [&] {
    std::size_t at = 0;
    for (int k = 0; k < 4; ++k) at = text.find('\n', at) + 1;
    return at;
  }();
  text.insert(line_5, gb_paragraph);
  batch.add("mixed.txt", text);
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  // Read as UTF-8 (most of it is): the GB18030 line is named, the rest is intact.
  EXPECT_TRUE(contains(result.output,
                       "mixed.txt:5: warning: bytes that are not valid UTF-8 replaced by U+FFFD"))
      << result.output;
  const std::string title = good_text().substr(0, good_text().find('\n'));
  EXPECT_TRUE(contains(read_file(batch.out() / "mixed.md"), title));
  batch.expect_good_converted();
  expect_outputs(batch.out(), "mixed");
}

TEST(Hostile, FiftyMegabyteSingleLine) {
  Batch batch;
  const std::string sentence = "这是一段没有换行的很长的文字，用来检验单行巨大的输入。";
  std::string line;
  const std::size_t size = scaled(50u << 20);
  line.reserve(size);
  while (line.size() + sentence.size() <= size) line += sentence;
  batch.add("long-line.txt", line);
  const auto started = std::chrono::steady_clock::now();
  const CommandResult result = batch.convert("-q");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << line.size() << " bytes on one line: " << seconds << " s\n";
  EXPECT_EQ(result.exit_code, 0) << result.output;
  for (const char* extension : kFormats)
    EXPECT_TRUE(fs::exists(batch.out() / (std::string("long-line") + extension)));
  EXPECT_GE(fs::file_size(batch.out() / "long-line.md"), line.size());
  batch.expect_good_converted();
}

TEST(Hostile, AMillionShortLines) {
  Batch batch;
  std::string text;
  text.reserve(20u << 20);
  const int lines = static_cast<int>(scaled(1000000));
  for (int i = 0; i < lines; ++i) text += "第" + std::to_string(i) + "行。\n";
  batch.add("million.txt", text);
  const auto started = std::chrono::steady_clock::now();
  const CommandResult result = batch.convert("-q");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << lines << " short lines: " << seconds << " s\n";
  EXPECT_EQ(result.exit_code, 0) << result.output;
  for (const char* extension : kFormats)
    EXPECT_TRUE(fs::exists(batch.out() / (std::string("million") + extension)));
  EXPECT_TRUE(
      contains(read_file(batch.out() / "million.md"), "第" + std::to_string(lines - 1) + "行。"));
  batch.expect_good_converted();
}

TEST(Hostile, ThousandsOfNoiseMarkers) {
  Batch batch;
  std::string text = "关于做好年度工作的通知\n\n";
  for (int i = 0; i < 5000; ++i) {
    text += "##paidbegin##各单位要认真落实第" + std::to_string(i) +
            "项要求。【更多公文素材，微信：abc123】\n";
  }
  batch.add("noisy.txt", text);
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  const std::string md = read_file(batch.out() / "noisy.md");
  EXPECT_FALSE(contains(md, "paidbegin"));
  EXPECT_FALSE(contains(md, "微信"));
  EXPECT_TRUE(contains(md, "各单位要认真落实第4999项要求。"));
  batch.expect_good_converted();
  expect_outputs(batch.out(), "noisy");
}

TEST(Hostile, TextThatIsAllHeadings) {
  Batch batch;
  const char* const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::string text;
  for (int i = 0; i < 10; ++i) {
    text += std::string(cn[i]) + "、第" + cn[i] + "部分\n";
    for (int j = 0; j < 10; ++j) {
      text += "（" + std::string(cn[j]) + "）小节\n";
      for (int k = 1; k <= 10; ++k) text += std::to_string(k) + ".要点\n";
    }
  }
  batch.add("headings.txt", text);
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  batch.expect_good_converted();
  expect_outputs(batch.out(), "headings");
}

TEST(Hostile, XmlSpecialTextStaysValidInEveryFormat) {
  Batch batch;
  batch.add(
      "special.txt",
      "标题 <doc> & ]]> \"引号\" 'apos'\n\n"
      "一、a < b && c > d ]]> <![CDATA[x]]> &amp; &#0; &lt;\n"
      "正文\xEF\xBF\xBE\xEF\xBF\xBF有非字符和控制字符\x01\x08\x0B\x1B\x7F\xC2\x85结束。\n"
      "（一）<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;\n");
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "special.txt:4: warning: control character U+FFFE dropped"))
      << result.output;
  const std::string xml = read_file(batch.out() / "special.xml");
  EXPECT_TRUE(contains(xml, "a &lt; b &amp;&amp; c"));
  EXPECT_FALSE(contains(xml, "root:"));  // no entity from the text was ever expanded
  batch.expect_good_converted();
  expect_outputs(batch.out(), "special");
}

TEST(Hostile, HtmlAndMarkdownInjection) {
  Batch batch;
  batch.add(
      "inject.txt",
      "<script>alert(1)</script>标题\n\n"
      "一、<img src=x onerror=alert(1)>第一部分\n"
      "正文[链接](javascript:alert(1))和<iframe src=\"http://evil\"></iframe>，还有<b>粗体</b>。\n"
      "# 不是标题\n"
      "> 不是引用\n"
      "- 不是列表\n"
      "```\n"
      "<!-- 注释 --> `代码` *强调* _下划线_ | 表格 | ~~删除~~ ![图](x.png)\n"
      "---\n"
      "<svg onload=alert(1)>&lt;script&gt;\n");
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  const std::string md = read_file(batch.out() / "inject.md");
  EXPECT_TRUE(contains(md, "\\<script>")) << md;
  EXPECT_FALSE(contains(md, "\n# 不是标题")) << md;
  EXPECT_FALSE(contains(md, "\n```")) << md;
  const std::string html = read_file(batch.out() / "inject.html");
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;")) << html;
  batch.expect_good_converted();
  expect_outputs(batch.out(), "inject");
}

TEST(Hostile, MarkupInFileNames) {
  Batch batch;
  batch.add("<img src=x onerror=alert(1)>.txt", "<script>alert(1)</script>标题\n\n正文。\n");
  batch.add("a\"b&c#d?e%f'.txt", good_text());
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  expect_outputs(batch.out(), "<img src=x onerror=alert(1)>");
  expect_outputs(batch.out(), "a\"b&c#d?e%f'");
  // The index page links them with escaped URLs and shows their names as text.
  const std::string index = read_file(batch.out() / "index.html");
  expect_inert_html(batch.out() / "index.html");
  EXPECT_TRUE(contains(index, "href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.html\""))
      << index;
  EXPECT_TRUE(contains(index, "href=\"a%22b%26c%23d%3Fe%25f%27.html\"")) << index;
}

TEST(Hostile, AwkwardFileNames) {
  TempDir dir;
  const fs::path in = dir.path() / "in dir";
  const fs::path out = dir.path() / "out dir";
  for (const char* name :
       {"with space.txt", "中文 名称.txt", "-leading-dash.txt", "--output.txt", "it's.txt"}) {
    write_file(in / name, good_text());
  }
  // Named on the command line: after --, and as ./-name.
  const CommandResult named =
      run_command("cd " + quoted(in) + " && " + docpipe() + " convert -q -o " + quoted(out) +
                  " -- -leading-dash.txt --output.txt 'with space.txt' '中文 名称.txt'");
  EXPECT_EQ(named.exit_code, 0) << named.output;
  for (const char* stem : {"with space", "中文 名称", "-leading-dash", "--output"})
    expect_outputs(out, stem);
  TempDir second;
  const CommandResult dotted =
      run_command("cd " + quoted(in) + " && " + docpipe() + " convert -q -o " +
                  quoted(second.path()) + " ./-leading-dash.txt");
  EXPECT_EQ(dotted.exit_code, 0) << dotted.output;
  expect_outputs(second.path(), "-leading-dash");
  // Found in a folder.
  TempDir third;
  const CommandResult folder =
      run_command(docpipe() + " convert -o " + quoted(third.path()) + " " + quoted(in));
  EXPECT_EQ(folder.exit_code, 0) << folder.output;
  for (const char* stem : {"with space", "中文 名称", "-leading-dash", "--output", "it's"}) {
    expect_outputs(third.path(), stem);
    EXPECT_TRUE(contains(folder.output, (in / stem).string() + ".txt")) << folder.output;
  }
}

// Root reads any file whatever its mode, so the unreadable file is tried as nobody.
std::string as_unprivileged(const std::string& command) {
  if (::geteuid() != 0) return command;
  return "setpriv --reuid=65534 --regid=65534 --clear-groups -- " + command;
}

TEST(Hostile, UnreadableFile) {
  Batch batch;
  batch.add("secret.txt", good_text());
  fs::permissions(batch.in() / "secret.txt", fs::perms::none);
  fs::create_directories(batch.out());
  fs::permissions(batch.root(), fs::perms::all);
  fs::permissions(batch.out(), fs::perms::all);
  const CommandResult result = run_command(
      as_unprivileged(docpipe() + " convert -o " + quoted(batch.out()) + " " + quoted(batch.in())));
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, "secret.txt: error: cannot open the file: Permission denied"))
      << result.output;
  batch.expect_good_converted();
  expect_no_outputs(batch.out(), "secret");
}

TEST(Hostile, FifoNamedOnTheCommandLineDoesNotHang) {
  Batch batch;
  const fs::path fifo = batch.root() / "pipe.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const CommandResult result =
      run_command("timeout 60 " + docpipe() + " convert -o " + quoted(batch.out()) + " " +
                  quoted(fifo) + " " + quoted(batch.in() / "good.txt"));
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, "pipe.txt: not a regular file")) << result.output;
  batch.expect_good_converted();
}

TEST(Hostile, OutputFolderCannotBeWritten) {
  Batch batch;
  // The output folder is a regular file: every file fails, each with the reason.
  write_file(batch.out(), "not a folder");
  const CommandResult result = batch.convert();
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, "good.txt: error: cannot create folder")) << result.output;
  EXPECT_EQ(read_file(batch.out()), "not a folder");
  // One sub-folder of the output is blocked by a file: only the file going there fails.
  Batch second;
  second.add("sub/inner.txt", good_text());
  write_file(second.out() / "sub", "in the way");
  const CommandResult partial = second.convert();
  EXPECT_EQ(partial.exit_code, 1) << partial.output;
  EXPECT_TRUE(contains(partial.output, "inner.txt: error: cannot create folder")) << partial.output;
  second.expect_good_converted();
}

TEST(Hostile, FullDisk) {
  Batch batch;
  std::string big;
  while (big.size() < (3u << 20)) big += good_text();
  batch.add("big.txt", big);
  // A file size limit (ulimit -f, in KB) that good.txt's outputs fit and big.txt's do not;
  // SIGXFSZ ignored so that write() fails with EFBIG as on a full disk.
  const CommandResult result =
      run_command("bash -c \"trap '' XFSZ; ulimit -f 1024; exec " + docpipe() + " convert -o " +
                  quoted(batch.out()) + " " + quoted(batch.in()) + "\"");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, "big.txt: error: cannot write " +
                                          (batch.out() / "big.md").string() + ": File too large"))
      << result.output;
  EXPECT_FALSE(fs::exists(batch.out() / "big.md"));
  batch.expect_good_converted();
  for (const auto& entry : fs::directory_iterator(batch.out())) {
    EXPECT_NE(entry.path().filename().string().front(), '.')
        << "temporary file left: " << entry.path();
  }
}

TEST(Hostile, KilledMidBatchLeavesNoPartialFile) {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  for (int i = 0; i < 400; ++i)
    write_file(in / ("doc" + std::to_string(1000 + i) + ".txt"), good_text());
  const fs::path out = dir.path() / "out";
  const fs::path reference = dir.path() / "reference";
  ASSERT_EQ(run_command(docpipe() + " convert -q -o " + quoted(reference) + " " +
                        quoted(in / "doc1000.txt"))
                .exit_code,
            0);

  const std::string binary = docpipe_binary().string();
  const std::string out_string = out.string();
  const std::string in_string = in.string();
  std::vector<char*> argv = {const_cast<char*>(binary.c_str()),
                             const_cast<char*>("convert"),
                             const_cast<char*>("-q"),
                             const_cast<char*>("-o"),
                             const_cast<char*>(out_string.c_str()),
                             const_cast<char*>(in_string.c_str()),
                             nullptr};
  pid_t pid = 0;
  ASSERT_EQ(::posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  // Kill it as soon as some outputs are there, in the middle of writing others.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::size_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline && seen < 40) {
    std::error_code ignored;
    seen = 0;
    for (fs::directory_iterator it(out, ignored), end; !ignored && it != end; it.increment(ignored))
      ++seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status))
      << "the run ended before it could be killed; make the batch larger";

  // Every file with its final name is complete: identical to the same document converted alone.
  int complete = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.') continue;  // a temporary file, never a final name
    const std::string extension = entry.path().extension().string();
    ASSERT_TRUE(name.starts_with("doc")) << name;
    const std::string expected = read_file(reference / ("doc1000" + extension));
    const std::string actual = read_file(entry.path());
    if (extension == ".docx") {
      EXPECT_EQ(actual.size(), expected.size()) << name << " is partial";
      expect_valid_docx(entry.path());
    } else {
      // The source name differs (doc1000 vs docNNNN): compare sizes up to that.
      EXPECT_NEAR(static_cast<double>(actual.size()), static_cast<double>(expected.size()), 64.0)
          << name;
      EXPECT_TRUE(actual.ends_with(expected.substr(expected.size() - 16))) << name << " is partial";
    }
    ++complete;
  }
  EXPECT_GT(complete, 0);
  // Running again completes the batch.
  const CommandResult again =
      run_command(docpipe() + " convert -q -o " + quoted(out) + " " + quoted(in));
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

TEST(Hostile, OutputPathsNeverEscapeTheOutputFolder) {
  TempDir dir;
  const fs::path in = dir.path() / "a" / "in";
  const fs::path out = dir.path() / "a" / "out";
  write_file(in / "..txt", good_text());
  write_file(in / "...txt", good_text());
  write_file(in / ".. .txt", good_text());
  write_file(in / "x..y" / "..z.txt", good_text());
  write_file(dir.path() / "outside" / "escape.txt", good_text());
  // Symlinks that lead out of the input folder: to a folder above, and to itself.
  fs::create_directory_symlink("../../outside", in / "up");
  fs::create_directory_symlink("..", in / "parent");
  fs::create_symlink("../../outside/escape.txt", in / "linked.txt");
  const CommandResult result = run_command(
      docpipe() + " convert -q -o " + quoted(out) + " " + quoted(in) + " " +
      quoted(in / ".." / "in" / "x..y" / "..z.txt") + " " + quoted(in / "up" / "escape.txt"));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  // Nothing was written anywhere but the output folder.
  const fs::path out_real = fs::canonical(out);
  int written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file() || entry.is_symlink()) continue;
    const fs::path real = fs::canonical(entry.path());
    const std::string extension = real.extension().string();
    if (extension == ".txt") continue;
    EXPECT_EQ(real.string().rfind(out_real.string() + "/", 0), 0u)
        << real << " is outside the output folder";
    ++written;
  }
  EXPECT_GE(written, 6 * 4);
  EXPECT_TRUE(fs::exists(out / "linked.md"));
  EXPECT_TRUE(fs::exists(out / "escape.md"));
}

TEST(Hostile, NoNetworkAccess) {
  TempDir out;
  const std::string convert = docpipe() + " convert -q -o " + quoted(out.path() / "out") + " " +
                              quoted(source_dir() / "samples");
  if (run_command("strace -f -qq -o /dev/null true").exit_code == 0) {
    // Every network system call docpipe makes, from any thread. (LeakSanitizer cannot run
    // under ptrace: the sanitiser build leaves leaks to the other tests here.)
    const CommandResult result = run_command(
        "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 "
        "strace -f -qq -e signal=none -e trace=%network -o " +
        quoted(out.path() / "trace") + " " + convert);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const std::string trace = read_file(out.path() / "trace");
    EXPECT_EQ(trace, "") << "network system calls:\n" << trace;
  } else if (run_command("unshare -n true").exit_code == 0) {
    // No strace (or no ptrace here): at least it converts with no network at all.
    const CommandResult result = run_command("unshare -n " + convert);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_TRUE(std::filesystem::exists(out.path() / "out" / "index.html"));
  } else {
    GTEST_SKIP() << "neither strace nor unshare -n works here";
  }
}

}  // namespace
}  // namespace docpipe::test
