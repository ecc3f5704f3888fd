#include "stages/detect.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <set>

#include "stages/markers.hpp"
#include "stages/text.hpp"

namespace docpipe {
namespace {

using text::display_width;
using text::is_space;

// Longest line that can still be a title, heading or speaker line (in Chinese characters).
constexpr int kMaxTitleWidth = 40;
// Longest line that can be an unnumbered heading inside an article.
constexpr int kMaxUnnumberedHeadingWidth = 30;
// Longest salutation (尊敬的各位领导、各位来宾、同志们：).
constexpr int kMaxSalutationWidth = 30;

bool contains(std::u32string_view haystack, std::u32string_view needle) {
  return haystack.find(needle) != std::u32string_view::npos;
}

template <std::size_t N>
bool contains_any(std::u32string_view s, const std::array<std::u32string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](auto word) { return contains(s, word); });
}

template <std::size_t N>
bool ends_with_any(std::u32string_view s, const std::array<std::u32string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](auto word) { return s.ends_with(word); });
}

// Words for offices and posts that end a speaker line (XX县政协办公室主任, 市委书记 张三).
constexpr std::array<std::u32string_view, 58> kPosts = {
    U"主任",     U"书记",   U"秘书长", U"部长",  U"局长", U"厅长", U"处长",   U"科长",   U"股长",
    U"县长",     U"市长",   U"区长",   U"镇长",  U"乡长", U"省长", U"主席",   U"委员",   U"成员",
    U"职员",     U"干部",   U"科员",   U"代表",  U"校长", U"院长", U"所长",   U"经理",   U"董事长",
    U"主管",     U"负责人", U"会长",   U"社长",  U"队长", U"组长", U"站长",   U"馆长",   U"行长",
    U"主编",     U"教授",   U"研究员", U"教师",  U"老师", U"干事", U"专员",   U"调研员", U"巡视员",
    U"工作人员", U"党员",   U"学员",   U"队员",  U"医生", U"民警", U"检察官", U"法官",   U"律师",
    U"辅导员",   U"班主任", U"馆员",   U"指导员"};

// Address words of a salutation (同志们：, 各位代表：, 尊敬的…：).
// The last ones address the bodies a notice is sent to (各镇（街道）、各有关部门：).
constexpr std::array<std::u32string_view, 18> kAddressWords = {
    U"同志",   U"各位",   U"尊敬", U"亲爱", U"朋友", U"代表", U"领导", U"来宾", U"大家",
    U"老师们", U"同学们", U"女士", U"先生", U"们",   U"各",   U"部门", U"单位", U"机关"};

// Words for organisations: a speaker line names where the post is (XX区政协办公室主任),
// which tells it from a title ending in a post (争做合格党员).
constexpr std::array<std::u32string_view, 40> kOrganisations = {
    U"市",   U"县",   U"区",   U"省",   U"乡",   U"镇",   U"村",   U"局",   U"委",   U"办",
    U"厅",   U"处",   U"科",   U"部",   U"院",   U"校",   U"所",   U"中心", U"公司", U"集团",
    U"银行", U"政协", U"人大", U"政府", U"支部", U"党组", U"协会", U"学会", U"单位", U"街道",
    U"社区", U"医院", U"大学", U"学院", U"站",   U"队",   U"室",   U"馆",   U"社",   U"会"};

// Everything detect wants to know about one line, computed once. Lines are held by the
// thousand: the text is a view of the clean line (UTF-8) and the marker, which few lines
// have, lives elsewhere.
struct LineInfo {
  std::string_view text;
  int line = 0;
  bool blank_before = false;
  const Marker* marker = nullptr;
  int width = 0;
  bool ends_sentence = false;  // 。！？；… or a colon
  bool ends_colon = false;
  bool title_like = false;  // short, unpunctuated at the end, not numbered: a title or heading
  bool salutation = false;
  bool speaker = false;
  bool subtitle = false;   // （6篇）, ——在…上的讲话, （2023年4月3日）
  bool toc_label = false;  // 目录, 目 录
  int declared_count = 0;  // （6篇） → 6
};

// A count of pieces a title or subtitle declares: （6篇）, 发言稿3篇, 材料四篇.
int declared_pieces(std::u32string_view s) {
  const auto at = s.rfind(U'篇');
  if (at == std::u32string_view::npos || at == 0) return 0;
  std::size_t start = at;
  auto numeral_char = [](char32_t c) {
    return text::is_cn_numeral(c) || text::is_ascii_digit(c) || text::is_fullwidth_digit(c);
  };
  while (start > 0 && numeral_char(s[start - 1])) --start;
  if (start == at) return 0;
  // What follows 篇 may only be a closing bracket: 3篇 ends the title, （6篇） is a subtitle.
  for (std::size_t i = at + 1; i < s.size(); ++i) {
    if (!text::is_closer(s[i]) && !is_space(s[i])) return 0;
  }
  const int value = text::numeral_value(s.substr(start, at - start));
  return value >= 2 && value <= 500 ? value : 0;
}

bool is_date_line(std::u32string_view s) {
  // （2023年4月3日）, 2023年4月3日, 二〇二三年四月三日
  std::u32string core;
  for (char32_t c : s) {
    if (c != U'（' && c != U'）' && c != U'(' && c != U')' && !is_space(c)) core += c;
  }
  if (core.size() < 6 || core.size() > 16) return false;
  if (!core.ends_with(U"日") || !contains(core, U"年") || !contains(core, U"月")) return false;
  return std::all_of(core.begin(), core.end(), [](char32_t c) {
    return text::is_ascii_digit(c) || text::is_fullwidth_digit(c) || text::is_cn_numeral(c) ||
           c == U'年' || c == U'月' || c == U'日';
  });
}

bool is_subtitle_line(std::u32string_view s, int width) {
  if (width > 60) return false;
  if (s.starts_with(U"——") || s.starts_with(U"—") || s.starts_with(U"--") ||
      s.starts_with(U"－－")) {
    return true;
  }
  if (is_date_line(s)) return true;
  const bool bracketed =
      (s.starts_with(U"（") || s.starts_with(U"(")) && (s.ends_with(U"）") || s.ends_with(U")"));
  return bracketed && declared_pieces(s) > 0;
}

// `s` is the line's text as UTF-32.
bool is_speaker_line(const LineInfo& info, std::u32string_view s) {
  if (info.width > kMaxTitleWidth || info.ends_sentence || info.marker) return false;
  if (text::has_sentence_end_inside(s)) return false;
  static constexpr std::array<std::u32string_view, 6> kLabels = {
      U"发言人：", U"发言人:", U"作者：", U"作者:", U"主讲人：", U"报告人："};
  for (auto label : kLabels)
    if (s.starts_with(label)) return true;
  for (auto post : kPosts) {
    if (s.ends_with(post) && contains_any(s.substr(0, s.size() - post.size()), kOrganisations)) {
      return true;
    }
  }
  // 市委书记  张三 / 张三（市委书记）: a post, then a short name after spaces or in brackets.
  const auto last_space = std::find_if(s.rbegin(), s.rend(), is_space);
  if (last_space != s.rend()) {
    const auto name_start = static_cast<std::size_t>(s.rend() - last_space);
    const std::u32string_view name = s.substr(name_start);
    std::u32string_view before = s.substr(0, name_start);
    while (!before.empty() && is_space(before.back())) before.remove_suffix(1);
    if (name.size() >= 2 && name.size() <= 4 &&
        std::all_of(name.begin(), name.end(), text::is_han) && ends_with_any(before, kPosts)) {
      return true;
    }
  }
  if ((s.ends_with(U"）") || s.ends_with(U")")) && !is_date_line(s)) {
    const auto open = s.find_last_of(U"（(");
    if (open != std::u32string_view::npos && open > 0) {
      const std::u32string_view inside = s.substr(open + 1, s.size() - open - 2);
      if (ends_with_any(inside, kPosts)) return true;
    }
  }
  return false;
}

// `s` is the line's text as UTF-32.
bool is_salutation_line(const LineInfo& info, std::u32string_view s) {
  return info.ends_colon && info.width <= kMaxSalutationWidth &&
         !text::has_sentence_end_inside(s) && contains_any(s, kAddressWords);
}

// 目录 with any spaces around or between; the spaces say nothing, so the line is read only
// until a third character that is not one.
bool is_toc_label(std::string_view s) {
  std::u32string core;
  for (std::size_t at = 0; at < s.size() && core.size() <= 2;) {
    const char32_t c = text::next_char(s, at);
    if (!is_space(c)) core += c;
  }
  return core == U"目录" || core == U"目次" || core == U"目錄";
}

// Wider lines are body text: no title, subtitle, speaker or salutation is this wide.
constexpr int kMaxSubtitleWidth = 60;

// The lines' facts, with their markers (kept in `markers`, which must outlive the lines).
std::vector<LineInfo> analyse(const CleanText& text, std::deque<Marker>& markers) {
  std::vector<LineInfo> lines;
  lines.reserve(text.lines.size());
  std::u32string chars;  // the line as UTF-32, for the closer looks; reused
  for (const auto& clean_line : text.lines) {
    LineInfo info;
    info.text = clean_line.text;
    info.line = clean_line.line;
    info.blank_before = clean_line.blank_before;
    if (auto marker = parse_marker(info.text))
      info.marker = &markers.emplace_back(std::move(*marker));
    info.width = display_width(info.text);
    info.ends_colon = text::ends_with_colon(info.text);
    info.ends_sentence = text::ends_sentence(info.text);
    info.toc_label = is_toc_label(info.text);
    // The remaining facts are all false (or 0) for a wide line without 篇.
    if (info.width <= kMaxSubtitleWidth || text::contains(info.text, "篇")) {
      text::to_utf32(info.text, chars);
      info.subtitle = is_subtitle_line(chars, info.width);
      info.declared_count = declared_pieces(chars);
      info.title_like = !info.ends_sentence && !info.marker && info.width <= kMaxTitleWidth &&
                        !text::has_sentence_end_inside(chars) && !info.toc_label;
      info.salutation = is_salutation_line(info, chars);
      info.speaker = is_speaker_line(info, chars);
    }
    lines.push_back(info);
  }
  return lines;
}

TextBlock block(const LineInfo& info) { return {std::string(info.text), info.line}; }

// Words that mark a title as a compilation of several pieces.
bool names_a_compilation(std::u32string_view title) {
  static constexpr std::array<std::u32string_view, 6> kWords = {U"汇编", U"选编", U"合集",
                                                                U"汇总", U"合辑", U"专辑"};
  return contains_any(title, kWords) || declared_pieces(title) > 0;
}

// A title that ends mid-phrase (…关于, …的) continues on the next line.
bool title_continues(std::u32string_view title) {
  static constexpr std::array<std::u32string_view, 10> kOpenEnds = {
      U"的", U"和", U"与", U"及", U"关于", U"暨", U"、", U"，", U"在", U"对"};
  return ends_with_any(title, kOpenEnds);
}

// ---------------------------------------------------------------------------------------
// The document header: title, subtitles, the contents list.

struct Header {
  std::optional<TextBlock> title;
  std::vector<TextBlock> subtitles;
  std::optional<Toc> toc;
  int declared = 0;
  int declared_line = 0;
  std::size_t body_start = 0;
};

std::optional<int> trailing_page_number(std::u32string& entry) {
  // 第一篇发言……………12 / 第一篇发言 12: the page number and its leader are not the title.
  std::size_t end = entry.size();
  std::size_t digits = end;
  while (digits > 0 && text::is_ascii_digit(entry[digits - 1])) --digits;
  if (digits == end || end - digits > 4) return std::nullopt;
  std::size_t leader = digits;
  while (leader > 0 && (entry[leader - 1] == U'…' || entry[leader - 1] == U'.' ||
                        entry[leader - 1] == U'·' || is_space(entry[leader - 1]))) {
    --leader;
  }
  if (leader == digits || leader == 0) return std::nullopt;
  const int page = text::numeral_value(std::u32string_view(entry).substr(digits));
  entry = entry.substr(0, leader);
  return page;
}

Header read_header(const std::vector<LineInfo>& lines) {
  Header header;
  std::size_t i = 0;
  const std::size_t n = lines.size();
  auto is_content = [&](std::size_t k) { return k < n && !lines[k].title_like; };

  if (n >= 2 && lines[0].title_like && !lines[0].speaker && !lines[0].subtitle) {
    std::u32string title = text::to_utf32(lines[0].text);
    const int line = lines[0].line;
    i = 1;
    while (i + 1 < n && title_continues(title) && lines[i].title_like && !lines[i].speaker &&
           !lines[i].subtitle && display_width(title) + lines[i].width <= 2 * kMaxTitleWidth) {
      title += text::to_utf32(lines[i].text);
      ++i;
    }
    header.title = TextBlock{text::to_utf8(title), line};
    header.declared = declared_pieces(title);
    if (header.declared > 0) header.declared_line = line;
  }
  while (i < n && lines[i].subtitle && i + 1 < n) {
    header.subtitles.push_back(block(lines[i]));
    if (lines[i].declared_count > 0) {
      header.declared = lines[i].declared_count;
      header.declared_line = lines[i].line;
    }
    ++i;
  }
  if (i < n && lines[i].toc_label) {
    Toc toc;
    toc.label = std::string(lines[i].text);
    toc.line = lines[i].line;
    ++i;
    while (i < n) {
      std::u32string entry_text = text::to_utf32(lines[i].text);
      const std::optional<int> page = trailing_page_number(entry_text);
      if (!page && !lines[i].title_like && !lines[i].subtitle) break;
      if (!toc.entries.empty() && lines[i].blank_before) break;
      if (header.declared > 0 && static_cast<int>(toc.entries.size()) >= header.declared) break;
      // An entry is followed by another entry; a line followed by its speaker, salutation
      // or body text is the first article's title.
      if (!page && !toc.entries.empty() &&
          (is_content(i + 1) || (i + 1 < n && (lines[i + 1].speaker || lines[i + 1].salutation)))) {
        break;
      }
      TocEntry entry;
      entry.line = lines[i].line;
      entry.page = page.value_or(0);
      entry.text = text::to_utf8(text::trim(entry_text));
      toc.entries.push_back(std::move(entry));
      ++i;
    }
    header.toc = std::move(toc);
  }
  header.body_start = i;
  return header;
}

// ---------------------------------------------------------------------------------------
// Splitting a compilation into articles.

// A line that can start an article: a title-like line followed by its speaker, salutation,
// subtitle or body. `strength` 2: followed by speaker/salutation/subtitle; 1: by body text.
int article_start_strength(const std::vector<LineInfo>& lines, std::size_t k) {
  const LineInfo& line = lines[k];
  if (!line.title_like || line.speaker || line.salutation || line.subtitle) return 0;
  if (k + 1 >= lines.size()) return 0;
  if (k > 0 && lines[k - 1].ends_colon && !lines[k].blank_before) return 0;  // introduced content
  const LineInfo& next = lines[k + 1];
  if (next.speaker || next.salutation || next.subtitle) return 2;
  if (next.title_like) return 0;
  return 1;
}

// Lines of similar titles (…材料1, …材料2) share a long prefix or suffix.
int shared_affix(std::u32string_view a, std::u32string_view b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() && suffix < b.size() &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  return static_cast<int>(std::max(prefix, suffix));
}

std::vector<std::size_t> find_article_starts(const std::vector<LineInfo>& lines, std::size_t begin,
                                             int declared) {
  const std::size_t n = lines.size();
  std::size_t blank_separated = 0;
  for (std::size_t k = begin + 1; k < n; ++k) blank_separated += lines[k].blank_before;
  // Blank lines separate articles when they are rare; in a text with a blank line after
  // every paragraph they say nothing.
  const bool blank_lines_separate = blank_separated > 0 && blank_separated * 2 < (n - begin);

  struct Candidate {
    std::size_t index;
    int score;
  };
  std::vector<Candidate> candidates;
  for (std::size_t k = begin; k < n; ++k) {
    const int strength = article_start_strength(lines, k);
    if (strength == 0) continue;
    const bool at_start = k == begin;
    if (blank_lines_separate && !lines[k].blank_before && !at_start && strength < 2) continue;
    int score = strength * 2 + (lines[k].blank_before ? 2 : 0) + (at_start ? 2 : 0);
    candidates.push_back({k, score});
  }
  // Titles of one compilation tend to resemble each other (…材料1, …材料2). Comparing each
  // with its neighbours keeps this linear however many candidates a text has.
  std::vector<bool> resembles(candidates.size(), false);
  for (std::size_t k = 1; k < candidates.size(); ++k) {
    if (shared_affix(text::to_utf32(lines[candidates[k - 1].index].text),
                     text::to_utf32(lines[candidates[k].index].text)) >= 4) {
      resembles[k - 1] = resembles[k] = true;
    }
  }
  for (std::size_t k = 0; k < candidates.size(); ++k) candidates[k].score += resembles[k] ? 1 : 0;
  if (declared > 0 && static_cast<int>(candidates.size()) > declared) {
    // Keep the `declared` best, in reading order.
    std::vector<Candidate> ranked = candidates;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    ranked.resize(static_cast<std::size_t>(declared));
    std::sort(ranked.begin(), ranked.end(),
              [](const Candidate& a, const Candidate& b) { return a.index < b.index; });
    candidates = ranked;
  }
  std::vector<std::size_t> starts;
  for (const auto& candidate : candidates) starts.push_back(candidate.index);
  return starts;
}

// ---------------------------------------------------------------------------------------
// One article: its head (title, subtitles, speakers, salutation) and body.

class ArticleBuilder {
 public:
  ArticleBuilder(const std::vector<LineInfo>& lines, std::size_t begin, std::size_t end)
      : lines_(lines), begin_(begin), end_(end) {}

  Article build(bool has_title) {
    Article article;
    std::size_t i = begin_;
    if (has_title && i < end_) article.title = block(lines_[i++]);
    for (; i < end_ && i + 1 < end_; ++i) {
      const LineInfo& line = lines_[i];
      if (line.subtitle && article.speakers.empty() && !article.salutation) {
        article.subtitles.push_back(block(line));
      } else if (line.speaker && !article.salutation && article.speakers.size() < 4) {
        article.speakers.push_back(block(line));
      } else if (line.salutation && !article.salutation) {
        article.salutation = block(line);
      } else {
        break;
      }
    }
    body_begin_ = i;
    count_markers();
    for (; i < end_; ++i) add_body_line(i, article.body);
    assign_levels(article.body);
    return article;
  }

 private:
  void count_markers() {
    for (std::size_t k = body_begin_; k < end_; ++k) {
      const LineInfo& line = lines_[k];
      if (line.marker && line.marker->discourse) ++discourse_markers_;
      if (unnumbered_heading_shape(k)) ++unnumbered_candidates_;
    }
  }

  // A short stand-alone line between paragraphs: 勇于担当，做干事创业的行动派.
  bool unnumbered_heading_shape(std::size_t k) const {
    const LineInfo& line = lines_[k];
    if (!line.title_like || line.width > kMaxUnnumberedHeadingWidth || line.speaker) return false;
    if (k + 1 >= end_) return false;  // the last line of an article is a closing, not a heading
    const LineInfo& next = lines_[k + 1];
    if (next.title_like) return false;
    if (is_date_line(text::to_utf32(line.text))) return false;
    return true;
  }

  bool accept_marker(const Marker& marker) {
    if (marker.discourse && discourse_markers_ < 2) return false;
    // A numbered heading starts a series or continues one: a paragraph that merely starts
    // with 九、 out of nowhere is not a heading.
    const bool seen = seen_keys_.count(marker.level_key) > 0;
    if (!seen && marker.number > 2) return false;
    seen_keys_.insert(marker.level_key);
    return true;
  }

  void add_body_line(std::size_t k, std::vector<BodyBlock>& body) {
    const LineInfo& line = lines_[k];
    if (line.marker && accept_marker(*line.marker)) {
      add_numbered(line, body);
      return;
    }
    if (unnumbered_heading_shape(k) &&
        (unnumbered_candidates_ >= 2 || text::contains(line.text, "，") ||
         text::contains(line.text, "　"))) {
      BodyBlock heading;
      heading.kind = BodyBlock::Kind::heading;
      heading.text = std::string(line.text);
      heading.line = line.line;
      heading.family = "other";
      level_keys_.push_back("other");
      body.push_back(std::move(heading));
      return;
    }
    BodyBlock paragraph;
    paragraph.text = std::string(line.text);
    paragraph.line = line.line;
    level_keys_.push_back({});
    body.push_back(std::move(paragraph));
  }

  void add_numbered(const LineInfo& line, std::vector<BodyBlock>& body) {
    const Marker& marker = *line.marker;
    const std::u32string chars = text::to_utf32(line.text);
    const std::u32string_view rest = std::u32string_view(chars).substr(marker.length);
    BodyBlock heading;
    heading.kind = BodyBlock::Kind::heading;
    heading.line = line.line;
    heading.family = marker.family;
    heading.marker = text::to_utf8(marker.written);
    heading.number = marker.number;

    // The lead sentence runs to the first 。！？；; a heading line without one stands alone.
    std::size_t lead_end = std::u32string_view::npos;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (text::is_sentence_end_at(rest, i)) {
        lead_end = i + 1;
        while (lead_end < rest.size() &&
               (text::is_sentence_end(rest[lead_end]) || text::is_closer(rest[lead_end]))) {
          ++lead_end;
        }
        break;
      }
    }
    std::u32string remainder;
    if (lead_end != std::u32string_view::npos) {
      heading.text = text::to_utf8(rest.substr(0, lead_end));
      heading.runin = true;
      remainder = text::trim(rest.substr(lead_end));
    } else if (display_width(rest) <= kMaxTitleWidth || text::ends_with_colon(rest)) {
      heading.text = text::to_utf8(rest);
    } else {
      // A long numbered line with no full stop at all: the whole line is the lead.
      heading.text = text::to_utf8(rest);
      heading.runin = true;
    }
    level_keys_.push_back(marker.level_key);
    body.push_back(std::move(heading));
    if (!remainder.empty()) {
      BodyBlock paragraph;
      paragraph.text = text::to_utf8(remainder);
      paragraph.line = line.line;
      paragraph.runin_rest = true;
      level_keys_.push_back({});
      body.push_back(std::move(paragraph));
    }
  }

  // The first-appearance rule: the first family met is level 1; a family first met inside a
  // level-n section is level n+1; a family met again keeps its level (and closes deeper ones).
  void assign_levels(std::vector<BodyBlock>& body) const {
    std::map<std::string, int> level_of;
    int depth = 0;
    for (std::size_t k = 0; k < body.size(); ++k) {
      if (body[k].kind != BodyBlock::Kind::heading) continue;
      const std::string& key = level_keys_[k];
      auto found = level_of.find(key);
      int level = 0;
      if (found == level_of.end()) {
        level = std::min(depth + 1, 6);
        level_of.emplace(key, level);
      } else {
        // Never deeper than one below the current section, so nesting has no holes.
        level = std::min(found->second, depth + 1);
      }
      body[k].level = level;
      depth = level;
    }
  }

  const std::vector<LineInfo>& lines_;
  std::size_t begin_;
  std::size_t end_;
  std::size_t body_begin_ = 0;
  int discourse_markers_ = 0;
  int unnumbered_candidates_ = 0;
  std::set<std::string> seen_keys_;
  std::vector<std::string> level_keys_;  // parallel to the body: a heading's level key
};

}  // namespace

DocumentStructure detect(const CleanText& text) {
  DocumentStructure structure;
  std::deque<Marker> markers;
  const std::vector<LineInfo> lines = analyse(text, markers);
  Header header = read_header(lines);
  structure.title = std::move(header.title);
  structure.subtitles = std::move(header.subtitles);
  structure.toc = std::move(header.toc);
  structure.declared_articles = header.declared;
  structure.declared_line = header.declared_line;

  const std::size_t begin = header.body_start;
  const std::size_t n = lines.size();
  std::vector<std::size_t> starts;
  const bool compilation =
      header.declared >= 2 || structure.toc ||
      (structure.title && names_a_compilation(text::to_utf32(structure.title->text)));
  if (compilation) {
    starts = find_article_starts(lines, begin, header.declared);
  } else {
    // A single piece, unless it plainly holds several speeches: two or more title lines
    // each followed by a speaker or salutation.
    std::vector<std::size_t> strong;
    for (std::size_t k = begin; k < n; ++k) {
      if (k > begin && article_start_strength(lines, k) == 2) strong.push_back(k);
    }
    if (strong.size() >= 2) starts = strong;
  }

  if (starts.empty() || starts.front() != begin) {
    // Text before the first titled article (or all of it) is an article without a title.
    const std::size_t end = starts.empty() ? n : starts.front();
    if (end > begin || starts.empty()) {
      structure.articles.push_back(ArticleBuilder(lines, begin, end).build(false));
    }
  }
  for (std::size_t a = 0; a < starts.size(); ++a) {
    const std::size_t end = a + 1 < starts.size() ? starts[a + 1] : n;
    structure.articles.push_back(ArticleBuilder(lines, starts[a], end).build(true));
  }
  return structure;
}

}  // namespace docpipe
