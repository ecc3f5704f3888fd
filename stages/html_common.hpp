// Pieces shared by the document page (write_html.cpp) and the batch index
// page (html_index.cpp), so both have the same look and the same escaping.
#pragma once

#include <string>
#include <string_view>

namespace docpipe::html {

// Appends text escaped for element content and quoted attribute values alike
// (& < > " '), so no model text can ever become markup.
void append_escaped(std::string& out, std::string_view text);
std::string escaped(std::string_view text);

// A relative URL path with every byte outside [A-Za-z0-9-._~/] percent-encoded
// (UTF-8 file names, spaces, '#' or '?' in names stay one link).
std::string url_path(std::string_view path);

// "<!DOCTYPE html> … <body>\n" with charset, viewport, colour scheme, the
// title and the whole stylesheet inline: the page fetches nothing.
void append_page_start(std::string& out, std::string_view lang, std::string_view title);
void append_page_end(std::string& out);

}  // namespace docpipe::html
