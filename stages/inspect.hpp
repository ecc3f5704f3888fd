// Inspect: the problems a reviewer would flag in a submitted text, found from the cleaned
// lines and the detected structure. Runs in `check` and in `convert` alike.
//
// Rule ids (stable; documented in the README):
//   noise.suspected           contact details, URLs, 微信/QQ ids left in the body text
//   numbering.skip            一、 二、 四、 — a number is missing
//   numbering.repeat          （一） （一） — a number appears twice
//   numbering.order           （一） before any 一、 in an article that uses 一、
//   numbering.level-jump      1. directly under 一、 although the article uses （一）
//   structure.count-mismatch  （6篇） but 5 articles found
//   structure.toc-unmatched   a 目录 entry with no article
//   structure.toc-missing     an article the 目录 does not list
//   structure.empty-article   an article with no body
//   text.half-width-punctuation  , ; : ? ! between Chinese characters
//   text.unbalanced           “” ‘’ （） 《》 【】 that do not pair up within a paragraph
//   text.placeholder          XX, ××, X月X日 left in
#pragma once

#include <memory>

#include "stages/clean.hpp"
#include "stages/detect.hpp"
#include "stages/diagnostic.hpp"

namespace docpipe {

class Inspector {
 public:
  Inspector();  // compiles the patterns once per run; shared read-only by every document
  ~Inspector();
  Inspector(const Inspector&) = delete;
  Inspector& operator=(const Inspector&) = delete;

  Diagnostics inspect(const CleanText& text, const DocumentStructure& structure) const;

  struct Patterns;  // the compiled patterns (defined in inspect.cpp)

 private:
  std::unique_ptr<Patterns> patterns_;
};

}  // namespace docpipe
