#include "stages/html_common.hpp"

namespace docpipe::html {

namespace {

// Fonts follow GB/T 9704 where the reader has them (仿宋 body, 小标宋 titles,
// 黑体 and 楷体 headings by level) and fall back to the CJK fonts common on
// Linux, macOS and Android, then to the generic family.
constexpr std::string_view kStyle = R"css(
:root {
  color-scheme: light dark;
  --paper: #fdfcf8;
  --ink: #1f1f1f;
  --muted: #5c5a55;
  --rule: #d9d4c7;
  --title: #8b1a1a;
  --link: #1d4f91;
  --font-body: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "华文仿宋",
    "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  --font-title: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "华文中宋", "SimSun", "宋体",
    "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  --font-hei: "SimHei", "黑体", "Heiti SC", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  --font-kai: "KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "华文楷体", "Kaiti SC",
    "AR PL UKai CN", "Noto Serif CJK SC", serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --paper: #16181b;
    --ink: #e4e1da;
    --muted: #a9a59c;
    --rule: #3b3e44;
    --title: #f0a39a;
    --link: #8fb8f5;
  }
}
html {
  background: var(--paper);
  color: var(--ink);
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body {
  box-sizing: border-box;
  max-width: 38em;
  margin: 0 auto;
  padding: 2.5rem 1.25rem 4rem;
  font-family: var(--font-body);
  font-size: 1.125rem;
  line-height: 1.9;
  text-align: justify;
  line-break: strict;
  overflow-wrap: anywhere;
}
h1, h2, h3, h4, h5, h6 {
  line-height: 1.5;
  text-align: left;
  break-after: avoid;
}
/* Balanced lines: no title ending in a lone character on a line of its own. */
h1, h2 { text-wrap: balance; }
h1, h2 {
  font-family: var(--font-title);
  font-weight: 700;
  text-align: center;
  color: var(--title);
  margin: 0 0 0.6em;
}
h1 { font-size: 1.75em; }
h2 { font-size: 1.4em; margin-top: 0.4em; }
h3, h4, h5, h6 {
  font-size: 1em;
  text-indent: 2em;
  margin: 0.9em 0 0.3em;
}
h3 { font-family: var(--font-hei); font-weight: 700; }
h4 { font-family: var(--font-kai); font-weight: 700; }
h5 { font-family: var(--font-body); font-weight: 700; }
h6 { font-family: var(--font-body); font-weight: 400; }
p { margin: 0 0 0.45em; text-indent: 2em; text-wrap: pretty; }
.subtitle, .speaker {
  text-align: center;
  text-indent: 0;
  font-family: var(--font-kai);
  color: var(--muted);
}
.salutation { text-indent: 0; }
/* A run-in heading stays a heading element but flows into its paragraph. */
.run-in { margin: 0 0 0.45em; text-indent: 2em; }
.run-in > h3, .run-in > h4, .run-in > h5, .run-in > h6, .run-in > p {
  display: inline;
  margin: 0;
}
header { margin-bottom: 1.5em; }
article + article {
  margin-top: 3em;
  padding-top: 1.5em;
  border-top: 1px solid var(--rule);
}
nav.toc, .source-toc {
  margin: 0 0 2.5em;
  padding: 0.8em 0;
  border-top: 1px solid var(--rule);
  border-bottom: 1px solid var(--rule);
}
.toc-label {
  font-family: var(--font-hei);
  text-align: center;
  text-indent: 0;
  letter-spacing: 0.5em;
}
nav.toc ol, .source-toc ol { list-style: none; margin: 0; padding: 0; }
nav.toc ol ol { padding-left: 2em; }
nav.toc > ol > li > ol { font-size: 0.95em; }
a { color: var(--link); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 0.4em 0.5em; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { font-family: var(--font-hei); font-weight: 400; color: var(--muted); white-space: nowrap; }
td.count { text-align: right; white-space: nowrap; }
td.source { color: var(--muted); font-size: 0.9em; }
@media (max-width: 36em) {
  body { font-size: 1.0625rem; padding: 1.25rem 1rem 3rem; line-height: 1.8; }
  h1 { font-size: 1.5em; }
  h2 { font-size: 1.25em; }
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  :root { --paper: #fff; --ink: #000; --muted: #000; --rule: #000; --title: #000; --link: #000; }
  body { max-width: none; margin: 0; padding: 0; font-size: 16pt; line-height: 28pt; }
  h1 { font-size: 22pt; font-weight: 400; }
  h2 { font-size: 18pt; font-weight: 400; }
  h3, h4, h5 { font-weight: 400; }
  h5 { font-weight: 700; }
  p { orphans: 2; widows: 2; }
  nav.toc { break-after: page; border: 0; }
  article + article { break-before: page; margin: 0; padding: 0; border: 0; }
  a { color: inherit; text-decoration: none; }
}
)css";

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text);
  return out;
}

std::string url_path(std::string_view path) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~' || byte == '/';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

void append_page_start(std::string& out, std::string_view lang, std::string_view title) {
  out += "<!DOCTYPE html>\n<html lang=\"";
  append_escaped(out, lang);
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<meta name=\"generator\" content=\"docpipe\">\n<title>";
  append_escaped(out, title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
}

void append_page_end(std::string& out) { out += "</body>\n</html>\n"; }

}  // namespace docpipe::html
