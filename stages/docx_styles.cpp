#include "stages/docx_styles.hpp"

#include <algorithm>

#include "stages/docx_xml.hpp"
#include "stages/writer.hpp"

namespace docpipe::docx {

namespace {

constexpr const char* kTimes = "Times New Roman";
constexpr const char* kFangSong = "仿宋_GB2312";
constexpr const char* kKai = "楷体_GB2312";
constexpr const char* kHei = "黑体";
constexpr const char* kSong = "宋体";
constexpr const char* kXiaoBiaoSong = "方正小标宋简体";
constexpr const char* kCalibri = "Calibri";

// One grid line of the official layout: 225 mm of text block / 22 lines.
constexpr int kOfficialLine = 579;

const std::vector<FontSpec>& official_fonts() {
  static const std::vector<FontSpec> fonts = {
      {kTimes, nullptr, "02020603050405020304", "00", "roman", "variable", false},
      {kFangSong, "仿宋", "02010609030101010101", "86", "modern", "fixed", true},
      {kKai, "楷体", "02010609030101010101", "86", "modern", "fixed", true},
      {kHei, "SimHei", "02010609060101010101", "86", "modern", "fixed", true},
      {kSong, "SimSun", "02010600030101010101", "86", "auto", "variable", true},
      {kXiaoBiaoSong, "宋体", "02000000000000000000", "86", "auto", "variable", true},
  };
  return fonts;
}

Look make_official() {
  Look look;
  look.official = true;
  // GB/T 9704 5.2.1: margins 37/35/28/26 mm; the page number sits 7 mm below
  // the text block, so the footer reaches 23 mm from the paper's edge.
  look.page = {11906, 16838, 2098, 1984, 1588, 1474, 851, 1304, kOfficialLine};
  look.default_latin_font = kTimes;
  look.default_east_asian_font = kFangSong;
  look.default_size = 32;
  look.fonts = official_fonts();

  ParagraphProps normal;
  normal.widow_control = false;  // 22 full lines on every page, as typeset documents have
  normal.no_auto_space = true;
  normal.line = kOfficialLine;
  normal.line_exact = true;
  normal.jc = "both";
  RunProps normal_run{kFangSong, kTimes, std::nullopt, 32, -5, 0};
  // 16 pt condensed by 0.25 pt: 28 characters fill the 156 mm line exactly.

  ParagraphProps indented;
  indented.first_line_chars = 200;
  indented.first_line = 630;  // two condensed characters of 315 twips

  ParagraphProps centred;
  centred.jc = "center";
  centred.keep_next = true;

  ParagraphProps heading = indented;
  heading.keep_next = true;

  auto heading_spec = [&](Role role, const char* id, const char* name, int level, const char* font,
                          bool bold) {
    StyleSpec spec{role,         false,
                   id,           name,
                   Role::Normal, Role::Body,
                   std::nullopt, 9,
                   true,         false,
                   heading,      RunProps{font, kTimes, bold, 0, std::nullopt, std::nullopt}};
    spec.paragraph.outline_level = level - 1;
    return spec;
  };

  // A 2号 line is taller than a grid line in LibreOffice's fonts, which then
  // gives it two; Word keeps exact spacing off the grid. One line in both.
  ParagraphProps title = centred;
  title.off_grid = true;
  ParagraphProps article_title = title;
  article_title.outline_level = 0;
  ParagraphProps toc_heading = centred;
  toc_heading.space_after = kOfficialLine;
  ParagraphProps toc_entry;
  toc_entry.right_tab = look.page.text_width();
  ParagraphProps salutation;
  salutation.zero_indent = true;
  salutation.keep_next = true;
  ParagraphProps footer;
  footer.line = 240;
  footer.line_exact = false;

  const RunProps title_run{kXiaoBiaoSong, kTimes, std::nullopt, 44, 0, std::nullopt};
  const RunProps kai_run{kKai, kTimes, std::nullopt, 0, std::nullopt, std::nullopt};

  look.styles = {
      {Role::Normal, false, "Normal", "Normal", {}, {}, {}, 0, true, true, normal, normal_run},
      {Role::DefaultFont,
       true,
       "DefaultParagraphFont",
       "Default Paragraph Font",
       {},
       {},
       {},
       1,
       false,
       true,
       {},
       {}},
      {Role::Body,
       false,
       "BodyText",
       "Body Text",
       Role::Normal,
       {},
       Role::BodyChar,
       0,
       true,
       false,
       indented,
       {}},
      {Role::BodyChar,
       true,
       "BodyTextChar",
       "Body Text Char",
       Role::DefaultFont,
       {},
       Role::Body,
       0,
       false,
       false,
       {},
       RunProps{kFangSong, kTimes, false, 0, std::nullopt, std::nullopt}},
      {Role::Title,
       false,
       "Title",
       "Title",
       Role::Normal,
       Role::Body,
       {},
       10,
       true,
       false,
       title,
       title_run},
      {Role::Subtitle,
       false,
       "Subtitle",
       "Subtitle",
       Role::Normal,
       Role::Body,
       {},
       11,
       true,
       false,
       centred,
       kai_run},
      {Role::ArticleTitle,
       false,
       "ArticleTitle",
       "Article Title",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       article_title,
       title_run},
      {Role::ArticleSubtitle,
       false,
       "ArticleSubtitle",
       "Article Subtitle",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       centred,
       kai_run},
      {Role::Speaker,
       false,
       "Speaker",
       "Speaker",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       centred,
       kai_run},
      {Role::Salutation,
       false,
       "Salutation",
       "Salutation",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       salutation,
       {}},
      heading_spec(Role::Heading1, "Heading1", "heading 1", 1, kHei, false),
      heading_spec(Role::Heading2, "Heading2", "heading 2", 2, kKai, false),
      heading_spec(Role::Heading3, "Heading3", "heading 3", 3, kFangSong, true),
      heading_spec(Role::Heading4, "Heading4", "heading 4", 4, kFangSong, false),
      heading_spec(Role::Heading5, "Heading5", "heading 5", 5, kFangSong, false),
      heading_spec(Role::Heading6, "Heading6", "heading 6", 6, kFangSong, false),
      {Role::TocHeading,
       false,
       "TOCHeading",
       "TOC Heading",
       Role::Normal,
       Role::Toc1,
       {},
       39,
       true,
       false,
       toc_heading,
       RunProps{kHei, kTimes, std::nullopt, 0, std::nullopt, {}}},
      {Role::Toc1,
       false,
       "TOC1",
       "toc 1",
       Role::Normal,
       Role::Normal,
       {},
       39,
       false,
       false,
       toc_entry,
       {}},
      {Role::Footer,
       false,
       "Footer",
       "footer",
       Role::Normal,
       {},
       {},
       99,
       false,
       false,
       footer,
       RunProps{kSong, kSong, std::nullopt, 28, 0, std::nullopt}},
  };
  return look;
}

Look make_plain() {
  Look look;
  look.official = false;
  // Word's A4 margins; no line grid, so headings keep their natural height.
  look.page = {11906, 16838, 1440, 1440, 1800, 1800, 851, 992, 312, false};
  look.default_latin_font = kCalibri;
  look.default_east_asian_font = kSong;
  look.default_size = 21;
  look.fonts = {
      {kCalibri, nullptr, "020F0502020204030204", "00", "swiss", "variable", false},
      {kTimes, nullptr, "02020603050405020304", "00", "roman", "variable", false},
      {kSong, "SimSun", "02010600030101010101", "86", "auto", "variable", true},
  };

  ParagraphProps normal;
  normal.jc = "both";
  ParagraphProps indented;
  indented.first_line_chars = 200;
  indented.first_line = 420;
  ParagraphProps title;
  title.jc = "center";
  title.keep_next = true;
  title.space_before = 240;
  title.space_after = 60;
  ParagraphProps article_title = title;
  article_title.outline_level = 0;
  ParagraphProps centred;
  centred.jc = "center";
  centred.keep_next = true;
  ParagraphProps salutation;
  salutation.zero_indent = true;
  ParagraphProps toc_entry;
  toc_entry.right_tab = look.page.text_width();
  ParagraphProps footer;
  footer.jc = "center";

  // Word's own heading sizes and spacing (line height in 240ths).
  auto heading_spec = [](Role role, const char* id, const char* name, int level, int size,
                         int before, int after, int line) {
    ParagraphProps props;
    props.keep_next = true;
    props.space_before = before;
    props.space_after = after;
    props.line = line;
    props.outline_level = level - 1;
    return StyleSpec{
        role,         false,
        id,           name,
        Role::Normal, Role::Body,
        {},           9,
        true,         false,
        props,        RunProps{nullptr, nullptr, true, size, std::nullopt, std::nullopt}};
  };
  const RunProps bold_large{nullptr, nullptr, true, 32, std::nullopt, std::nullopt};

  look.styles = {
      {Role::Normal,
       false,
       "Normal",
       "Normal",
       {},
       {},
       {},
       0,
       true,
       true,
       normal,
       RunProps{kSong, kCalibri, std::nullopt, 21, std::nullopt, 2}},
      {Role::DefaultFont,
       true,
       "DefaultParagraphFont",
       "Default Paragraph Font",
       {},
       {},
       {},
       1,
       false,
       true,
       {},
       {}},
      {Role::Body,
       false,
       "BodyText",
       "Body Text",
       Role::Normal,
       {},
       Role::BodyChar,
       0,
       true,
       false,
       indented,
       {}},
      {Role::BodyChar,
       true,
       "BodyTextChar",
       "Body Text Char",
       Role::DefaultFont,
       {},
       Role::Body,
       0,
       false,
       false,
       {},
       RunProps{nullptr, nullptr, false, 21, std::nullopt, std::nullopt}},
      {Role::Title,
       false,
       "Title",
       "Title",
       Role::Normal,
       Role::Body,
       {},
       10,
       true,
       false,
       title,
       bold_large},
      {Role::Subtitle,
       false,
       "Subtitle",
       "Subtitle",
       Role::Normal,
       Role::Body,
       {},
       11,
       true,
       false,
       centred,
       RunProps{nullptr, nullptr, true, 28, std::nullopt, std::nullopt}},
      {Role::ArticleTitle,
       false,
       "ArticleTitle",
       "Article Title",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       article_title,
       bold_large},
      {Role::ArticleSubtitle,
       false,
       "ArticleSubtitle",
       "Article Subtitle",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       centred,
       {}},
      {Role::Speaker,
       false,
       "Speaker",
       "Speaker",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       centred,
       {}},
      {Role::Salutation,
       false,
       "Salutation",
       "Salutation",
       Role::Normal,
       Role::Body,
       {},
       0,
       true,
       false,
       salutation,
       {}},
      heading_spec(Role::Heading1, "Heading1", "heading 1", 1, 44, 340, 330, 240),
      heading_spec(Role::Heading2, "Heading2", "heading 2", 2, 32, 260, 260, 240),
      heading_spec(Role::Heading3, "Heading3", "heading 3", 3, 32, 260, 260, 240),
      heading_spec(Role::Heading4, "Heading4", "heading 4", 4, 28, 280, 290, 240),
      heading_spec(Role::Heading5, "Heading5", "heading 5", 5, 28, 280, 290, 240),
      heading_spec(Role::Heading6, "Heading6", "heading 6", 6, 24, 240, 64, 240),
      {Role::TocHeading,
       false,
       "TOCHeading",
       "TOC Heading",
       Role::Normal,
       Role::Toc1,
       {},
       39,
       true,
       false,
       title,
       bold_large},
      {Role::Toc1,
       false,
       "TOC1",
       "toc 1",
       Role::Normal,
       Role::Normal,
       {},
       39,
       false,
       false,
       toc_entry,
       {}},
      {Role::Footer,
       false,
       "Footer",
       "footer",
       Role::Normal,
       {},
       {},
       99,
       false,
       false,
       footer,
       RunProps{nullptr, nullptr, std::nullopt, 18, std::nullopt, std::nullopt}},
  };
  return look;
}

void append_paragraph_props(pugi::xml_node ppr, const ParagraphProps& p) {
  if (p.keep_next) add(ppr, "w:keepNext");
  if (p.widow_control) add(ppr, "w:widowControl", "w:val", *p.widow_control ? "1" : "0");
  if (p.right_tab > 0) {
    pugi::xml_node tab = add(add(ppr, "w:tabs"), "w:tab", "w:val", "right", "w:leader", "dot");
    set(tab, "w:pos", std::to_string(p.right_tab));
  }
  if (p.no_auto_space) {
    add(ppr, "w:autoSpaceDE", "w:val", "0");
    add(ppr, "w:autoSpaceDN", "w:val", "0");
  }
  if (p.off_grid) add(ppr, "w:snapToGrid", "w:val", "0");
  if (p.space_before || p.space_after || p.line) {
    pugi::xml_node spacing = add(ppr, "w:spacing");
    if (p.space_before) set(spacing, "w:before", std::to_string(p.space_before));
    set(spacing, "w:after", std::to_string(p.space_after));
    if (p.line) {
      set(spacing, "w:line", std::to_string(p.line));
      set(spacing, "w:lineRule", p.line_exact ? "exact" : "auto");
    }
  }
  if (p.first_line_chars) {
    pugi::xml_node ind = add(ppr, "w:ind", "w:firstLineChars", std::to_string(p.first_line_chars));
    set(ind, "w:firstLine", std::to_string(p.first_line));
  } else if (p.zero_indent) {
    add(ppr, "w:ind", "w:firstLineChars", "0", "w:firstLine", "0");
  }
  if (p.jc) add(ppr, "w:jc", "w:val", p.jc);
  if (p.outline_level >= 0) add(ppr, "w:outlineLvl", "w:val", std::to_string(p.outline_level));
}

void append_run_props(pugi::xml_node rpr, const RunProps& r) {
  if (r.east_asian_font || r.latin_font) {
    pugi::xml_node fonts = add(rpr, "w:rFonts");
    if (r.latin_font) {
      set(fonts, "w:ascii", r.latin_font);
      set(fonts, "w:hAnsi", r.latin_font);
    }
    if (r.east_asian_font) set(fonts, "w:eastAsia", r.east_asian_font);
    if (r.latin_font) set(fonts, "w:cs", r.latin_font);
    // Quotation marks and dashes are shared by both scripts: take the Chinese font.
    set(fonts, "w:hint", "eastAsia");
  }
  if (r.bold) {
    add(rpr, "w:b", "w:val", *r.bold ? "1" : "0");
    add(rpr, "w:bCs", "w:val", *r.bold ? "1" : "0");
  }
  if (r.character_spacing) add(rpr, "w:spacing", "w:val", std::to_string(*r.character_spacing));
  if (r.kern) add(rpr, "w:kern", "w:val", std::to_string(*r.kern));
  if (r.size) {
    add(rpr, "w:sz", "w:val", std::to_string(r.size));
    add(rpr, "w:szCs", "w:val", std::to_string(r.size));
  }
}

bool has_paragraph_props(const ParagraphProps& p) {
  return p.keep_next || p.widow_control || p.no_auto_space || p.off_grid || p.space_before ||
         p.space_after || p.line || p.first_line_chars || p.zero_indent || p.jc ||
         p.outline_level >= 0 || p.right_tab;
}

bool has_run_props(const RunProps& r) {
  return r.east_asian_font || r.latin_font || r.bold || r.size || r.character_spacing || r.kern;
}

}  // namespace

Role heading_role(int level) {
  const int clamped = std::clamp(level, 1, 6);
  return static_cast<Role>(static_cast<int>(Role::Heading1) + clamped - 1);
}

const StyleSpec& Look::spec(Role role) const {
  for (const StyleSpec& s : styles) {
    if (s.role == role) return s;
  }
  throw WriteError("docx: no style for a role");  // a bug in the tables above
}

int Look::size_of(Role role) const {
  for (std::optional<Role> r = role; r;) {
    const StyleSpec& s = spec(*r);
    if (s.run.size) return s.run.size;
    r = s.based_on;
  }
  return default_size;
}

ParagraphProps Look::paragraph_of(Role role) const {
  // Inheritance of the few fields the estimator reads: the nearest setting wins.
  ParagraphProps merged = spec(role).paragraph;
  for (std::optional<Role> r = spec(role).based_on; r; r = spec(*r).based_on) {
    const ParagraphProps& parent = spec(*r).paragraph;
    if (!merged.line) {
      merged.line = parent.line;
      merged.line_exact = parent.line_exact;
    }
    if (!merged.first_line_chars && !merged.zero_indent) {
      merged.first_line_chars = parent.first_line_chars;
      merged.first_line = parent.first_line;
    }
  }
  return merged;
}

const Look& look_for(const std::string& style) {
  static const Look official = make_official();
  static const Look plain = make_plain();
  if (style == "gbt9704") return official;
  if (style == "plain") return plain;
  throw WriteError("docx: unknown style '" + style + "' (expected gbt9704 or plain)");
}

StyleIds default_style_ids(const Look& look) {
  StyleIds ids;
  for (const StyleSpec& s : look.styles) ids[static_cast<int>(s.role)] = s.id;
  return ids;
}

void append_style(pugi::xml_node styles, const StyleSpec& spec, const StyleIds& ids) {
  const auto id = [&](Role role) { return ids[static_cast<int>(role)]; };
  pugi::xml_node style =
      add(styles, "w:style", "w:type", spec.character ? "character" : "paragraph");
  if (spec.is_default) set(style, "w:default", "1");
  set(style, "w:styleId", id(spec.role));
  add(style, "w:name", "w:val", spec.name);
  if (spec.based_on) add(style, "w:basedOn", "w:val", id(*spec.based_on));
  if (spec.next) add(style, "w:next", "w:val", id(*spec.next));
  if (spec.link) add(style, "w:link", "w:val", id(*spec.link));
  if (spec.ui_priority) add(style, "w:uiPriority", "w:val", std::to_string(spec.ui_priority));
  if (spec.role == Role::Footer || spec.role == Role::DefaultFont) {
    add(style, "w:semiHidden");
    add(style, "w:unhideWhenUsed");
  }
  if (spec.quick) add(style, "w:qFormat");
  if (!spec.character && has_paragraph_props(spec.paragraph)) {
    append_paragraph_props(add(style, "w:pPr"), spec.paragraph);
  }
  if (has_run_props(spec.run)) append_run_props(add(style, "w:rPr"), spec.run);
}

pugi::xml_document build_styles(const Look& look) {
  pugi::xml_document doc;
  pugi::xml_node styles = add(doc, "w:styles", "xmlns:w", kWordNs);
  pugi::xml_node defaults = add(styles, "w:docDefaults");
  pugi::xml_node rpr = add(add(defaults, "w:rPrDefault"), "w:rPr");
  append_run_props(rpr, RunProps{look.default_east_asian_font, look.default_latin_font,
                                 std::nullopt, look.default_size, std::nullopt, std::nullopt});
  pugi::xml_node lang = add(rpr, "w:lang", "w:val", "en-US", "w:eastAsia", "zh-CN");
  set(lang, "w:bidi", "ar-SA");
  add(defaults, "w:pPrDefault");
  const StyleIds ids = default_style_ids(look);
  for (const StyleSpec& spec : look.styles) append_style(styles, spec, ids);
  return doc;
}

void append_font(pugi::xml_node fonts, const FontSpec& font) {
  pugi::xml_node node = add(fonts, "w:font", "w:name", font.name);
  if (font.alt_name) add(node, "w:altName", "w:val", font.alt_name);
  add(node, "w:panose1", "w:val", font.panose);
  add(node, "w:charset", "w:val", font.charset);
  add(node, "w:family", "w:val", font.family);
  add(node, "w:pitch", "w:val", font.pitch);
  pugi::xml_node sig = add(node, "w:sig");
  // Unicode ranges and code pages the font covers: Latin only, or GB2312 Chinese.
  if (font.cjk) {
    set(sig, "w:usb0", "00000003");
    set(sig, "w:usb1", "288F0000");
    set(sig, "w:usb2", "00000016");
    set(sig, "w:usb3", "00000000");
    set(sig, "w:csb0", "00040001");
  } else {
    set(sig, "w:usb0", "E0002AFF");
    set(sig, "w:usb1", "C000247B");
    set(sig, "w:usb2", "00000009");
    set(sig, "w:usb3", "00000000");
    set(sig, "w:csb0", "000001FF");
  }
  set(sig, "w:csb1", "00000000");
}

pugi::xml_document build_font_table(const Look& look) {
  pugi::xml_document doc;
  pugi::xml_node fonts = add(doc, "w:fonts", "xmlns:w", kWordNs);
  for (const FontSpec& font : look.fonts) append_font(fonts, font);
  return doc;
}

pugi::xml_document build_settings(const Look& look) {
  pugi::xml_document doc;
  pugi::xml_node settings = add(doc, "w:settings", "xmlns:w", kWordNs);
  add(settings, "w:zoom", "w:percent", "100");
  add(settings, "w:defaultTabStop", "w:val", look.official ? "640" : "420");
  if (look.official) add(settings, "w:evenAndOddHeaders");
  // Full-width punctuation keeps its full width, so every character is one grid cell.
  add(settings, "w:characterSpacingControl", "w:val",
      look.official ? "doNotCompress" : "compressPunctuation");
  pugi::xml_node compat = add(settings, "w:compat");
  pugi::xml_node mode = add(compat, "w:compatSetting", "w:name", "compatibilityMode");
  set(mode, "w:uri", "http://schemas.microsoft.com/office/word");
  set(mode, "w:val", "15");
  add(settings, "w:themeFontLang", "w:val", "en-US", "w:eastAsia", "zh-CN");
  add(settings, "w:decimalSymbol", "w:val", ".");
  add(settings, "w:listSeparator", "w:val", ",");
  return doc;
}

pugi::xml_document build_footer(const Look& look, bool even_page, const StyleIds& ids) {
  pugi::xml_document doc;
  pugi::xml_node footer = add(doc, "w:ftr", "xmlns:w", kWordNs);
  set(footer, "xmlns:r", kRelNs);
  pugi::xml_node p = add(footer, "w:p");
  pugi::xml_node ppr = add(p, "w:pPr");
  add(ppr, "w:pStyle", "w:val", ids[static_cast<int>(Role::Footer)]);
  if (look.official) {
    // GB/T 9704 7.5: odd pages right, even pages left, one 4号 character (14 pt) in.
    add(ppr, "w:ind", even_page ? "w:left" : "w:right", "280");
    add(ppr, "w:jc", "w:val", even_page ? "left" : "right");
  }
  const auto text_run = [&](const char* text) {
    pugi::xml_node t = add(add(p, "w:r"), "w:t", "xml:space", "preserve");
    t.text().set(text);
  };
  const auto field_char = [&](const char* type) {
    add(add(p, "w:r"), "w:fldChar", "w:fldCharType", type);
  };
  if (look.official) text_run("— ");
  field_char("begin");
  add(add(p, "w:r"), "w:instrText", "xml:space", "preserve").text().set(" PAGE ");
  field_char("separate");
  add(add(p, "w:r"), "w:t").text().set("1");
  field_char("end");
  if (look.official) text_run(" —");
  return doc;
}

void append_section(pugi::xml_node body, const Look& look, const std::string& odd_footer_id,
                    const std::string& even_footer_id) {
  pugi::xml_node sect = add(body, "w:sectPr");
  if (!odd_footer_id.empty()) {
    add(sect, "w:footerReference", "w:type", "default", "r:id", odd_footer_id);
  }
  if (!even_footer_id.empty()) {
    add(sect, "w:footerReference", "w:type", "even", "r:id", even_footer_id);
  }
  const PageSetup& page = look.page;
  add(sect, "w:pgSz", "w:w", std::to_string(page.width), "w:h", std::to_string(page.height));
  pugi::xml_node margins = add(sect, "w:pgMar");
  set(margins, "w:top", std::to_string(page.top));
  set(margins, "w:right", std::to_string(page.right));
  set(margins, "w:bottom", std::to_string(page.bottom));
  set(margins, "w:left", std::to_string(page.left));
  set(margins, "w:header", std::to_string(page.header));
  set(margins, "w:footer", std::to_string(page.footer));
  set(margins, "w:gutter", "0");
  add(sect, "w:cols", "w:space", "425");
  if (page.line_grid) {
    add(sect, "w:docGrid", "w:type", "lines", "w:linePitch", std::to_string(page.line_pitch));
  } else {
    add(sect, "w:docGrid", "w:linePitch", std::to_string(page.line_pitch));
  }
}

}  // namespace docpipe::docx
