#include "stages/diagnostic.hpp"

namespace docpipe {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "warning";
}

const std::vector<RuleDescription>& rule_catalog() {
  static const std::vector<RuleDescription> catalog = {
      {"decode.invalid-bytes",
       "Bytes that are not valid in the input's encoding were replaced by U+FFFD."},
      {"decode.control-character", "A control character that XML 1.0 forbids was dropped."},
      {"decode.empty", "The file is empty."},
      {"noise.removed",
       "Noise from a document site (a marker, an ad, a promotional line) was removed."},
      {"noise.suspected",
       "Contact details, a web address or a 微信/QQ id are left in the body text."},
      {"numbering.skip", "Heading numbers skip one (一、 二、 四、) or do not start at the first."},
      {"numbering.repeat", "A heading number repeats or goes back (（一） （一）)."},
      {"numbering.order",
       "A numbering family appears before the family that ranks above it (（一） before 一、)."},
      {"numbering.level-jump",
       "A heading skips a level that the article uses (1. directly under 一、)."},
      {"structure.count-mismatch",
       "The number of articles the text declares (（6篇）) differs from those found."},
      {"structure.toc-unmatched", "A 目录 entry has no matching article."},
      {"structure.toc-missing", "An article is not listed in the 目录."},
      {"structure.empty-article", "An article has no body text."},
      {"text.half-width-punctuation", "Half-width , ; : ? ! between Chinese characters."},
      {"text.unbalanced",
       "Brackets or quotes (“” ‘’ （） 《》 【】) do not pair up within a paragraph."},
      {"text.placeholder", "Placeholder text is left in (XX, ××, X月X日)."},
      {"input.unreadable", "The input file cannot be read."},
      {"input.too-large", "The input file is larger than --max-input-size."},
      {"output.write", "An output file cannot be written."},
      {"document.failed", "The document could not be converted."},
  };
  return catalog;
}

}  // namespace docpipe
