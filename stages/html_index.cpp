// index.html for a batch: every converted document, sorted, in the same look
// as the pages themselves.
#include <algorithm>
#include <tuple>

#include "stages/html_common.hpp"
#include "stages/write_html.hpp"

namespace docpipe {

std::string write_html_index(std::vector<HtmlIndexEntry> entries) {
  // Sorted on every field so that equal hrefs (which a batch never produces)
  // still give one order.
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a.href, a.source, a.title, a.article_count) <
           std::tie(b.href, b.source, b.title, b.article_count);
  });
  std::string out;
  html::append_page_start(out, "zh-CN", "文档索引");
  out += "<main>\n<header>\n<h1>文档索引</h1>\n<p class=\"subtitle\">共 ";
  out += std::to_string(entries.size());
  out += " 份文档</p>\n</header>\n";
  if (!entries.empty()) {
    out +=
        "<table>\n<thead>\n<tr><th scope=\"col\">标题</th><th scope=\"col\">篇数</th>"
        "<th scope=\"col\">源文件</th></tr>\n</thead>\n<tbody>\n";
    for (const auto& entry : entries) {
      out += "<tr><td><a href=\"";
      html::append_escaped(out, html::url_path(entry.href));
      out += "\">";
      // A link always has text: the title, else the source, else the link itself.
      const std::string& name = !entry.title.empty()    ? entry.title
                                : !entry.source.empty() ? entry.source
                                                        : entry.href;
      html::append_escaped(out, name);
      out += "</a></td><td class=\"count\">";
      out += std::to_string(entry.article_count);
      out += "</td><td class=\"source\">";
      html::append_escaped(out, entry.source);
      out += "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</main>\n";
  html::append_page_end(out);
  return out;
}

}  // namespace docpipe
