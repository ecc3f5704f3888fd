// Line breaks for titles that do not fit on one line. GB/T 9704 7.3.1 asks a
// title that wraps to keep words whole and its lines balanced (a trapezoid or
// diamond), which the word processor's own wrapping (fill the first line,
// leave a stub) does not do.
#pragma once

#include <string>
#include <string_view>

namespace docpipe::docx {

// `title` with '\n' where its lines should break, given how many character
// cells a line holds (Chinese characters one cell, Latin letters and digits
// half). Breaks fall on word boundaries (ICU's dictionary for Chinese), never
// before closing or after opening punctuation, with each line as close to an
// equal share as the boundaries allow. Unchanged when it fits on one line or
// no balanced break exists.
std::string balance_title(std::string_view title, int cells_per_line);

// Width of UTF-8 text in character cells.
double text_cells(std::string_view utf8);

}  // namespace docpipe::docx
