// Detect: find the structure of a cleaned text — title, subtitles, the source's own
// contents list, the articles of a compilation, speakers, salutations, and headings
// with their levels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stages/clean.hpp"
#include "stages/diagnostic.hpp"

namespace docpipe {

struct TextBlock {
  std::string text;
  int line = 0;
};

struct TocEntry {
  std::string text;
  int line = 0;
  int page = 0;  // 0 when the source printed none
};

struct Toc {
  std::string label;  // as written: 目录, 目 录
  int line = 0;
  std::vector<TocEntry> entries;
};

// One block of an article's body, in reading order. Sections are implied by the headings'
// levels; the model stage nests them.
struct BodyBlock {
  enum class Kind { paragraph, heading };
  Kind kind = Kind::paragraph;
  std::string text;
  int line = 0;
  // Headings:
  std::string family;  // cn-dun, cn-paren, arabic-dot, arabic-paren, circled, ordinal, shi, other
  std::string marker;  // as written, e.g. 一、; empty for an unnumbered heading
  int number = 0;      // the marker's value (一 = 1); 0 for an unnumbered heading
  int level = 0;       // 1.. by the first-appearance rule
  bool runin = false;  // the heading is the lead sentence of its line
  // Paragraphs: the body text that followed a run-in heading on the same line.
  bool runin_rest = false;
};

struct Article {
  std::optional<TextBlock> title;
  std::vector<TextBlock> subtitles;
  std::vector<TextBlock> speakers;
  std::optional<TextBlock> salutation;
  std::vector<BodyBlock> body;
};

struct DocumentStructure {
  std::optional<TextBlock> title;
  std::vector<TextBlock> subtitles;
  std::optional<Toc> toc;
  std::vector<Article> articles;  // never empty: a text with nothing in it is one empty article
  int declared_articles = 0;  // from （6篇） or …发言稿3篇; 0 when the text declares none
  int declared_line = 0;      // the line that declares it
  Diagnostics diagnostics;
};

DocumentStructure detect(const CleanText& text);

}  // namespace docpipe
