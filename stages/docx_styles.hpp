// The two built-in looks (GB/T 9704 official layout and a plain Word look):
// paragraph and character styles, fonts, page setup and page-number footers.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace docpipe::docx {

// What a paragraph or run is, independent of the style id a template may use.
enum class Role {
  Normal,
  DefaultFont,  // Word's "Default Paragraph Font" character style
  Body,
  BodyChar,  // body font inside a run-in heading paragraph
  Title,
  Subtitle,
  ArticleTitle,
  ArticleSubtitle,
  Speaker,
  Salutation,
  Heading1,
  Heading2,
  Heading3,
  Heading4,
  Heading5,
  Heading6,
  TocHeading,
  Toc1,
  Footer,
};
inline constexpr int kRoleCount = static_cast<int>(Role::Footer) + 1;
Role heading_role(int level);  // level 1..6 (clamped)

struct ParagraphProps {
  bool keep_next = false;
  std::optional<bool> widow_control;
  bool no_auto_space = false;  // no extra space between CJK and Latin text (keeps the grid)
  bool off_grid = false;       // exact spacing wins over the grid (LibreOffice snaps otherwise)
  int space_before = 0;        // twips
  int space_after = 0;
  int line = 0;  // twips when exact, 240ths of a line when auto; 0: inherit
  bool line_exact = false;
  int first_line_chars = 0;  // hundredths of a character
  int first_line = 0;        // twips, for applications that ignore the character unit
  bool zero_indent = false;  // explicitly no indent
  const char* jc = nullptr;  // "both", "center", "left", "right"
  int outline_level = -1;    // 0-based, -1: body text
  int right_tab = 0;         // a right tab with dot leader at this position (TOC)
};

struct RunProps {
  const char* east_asian_font = nullptr;
  const char* latin_font = nullptr;
  std::optional<bool> bold;
  int size = 0;                          // half-points; 0: inherit
  std::optional<int> character_spacing;  // twentieths of a point (negative condenses)
  std::optional<int> kern;
};

struct StyleSpec {
  Role role;
  bool character = false;  // a character style rather than a paragraph style
  const char* id;
  const char* name;  // Word's own name for built-in styles, so templates match by name
  std::optional<Role> based_on;
  std::optional<Role> next;
  std::optional<Role> link;
  int ui_priority = 0;  // 0: none
  bool quick = false;   // shown in the style gallery
  bool is_default = false;
  ParagraphProps paragraph;
  RunProps run;
};

struct PageSetup {
  int width = 11906, height = 16838;  // A4 in twips
  int top = 0, bottom = 0, left = 0, right = 0, header = 0, footer = 0;
  int line_pitch = 0;     // document grid line; a single line where there is no grid
  bool line_grid = true;  // a grid of type "lines" that paragraphs snap to
  int text_width() const { return width - left - right; }
  int text_height() const { return height - top - bottom; }
};

struct FontSpec {
  const char* name;
  const char* alt_name;  // what Word substitutes when `name` is missing
  const char* panose;
  const char* charset;  // "86" GB2312, "00" ANSI
  const char* family;
  const char* pitch;
  bool cjk;
};

struct Look {
  bool official = false;  // GB/T 9704: odd/even page numbers "— N —"
  PageSetup page;
  std::vector<StyleSpec> styles;
  std::vector<FontSpec> fonts;
  const char* default_latin_font;
  const char* default_east_asian_font;
  int default_size;  // half-points

  const StyleSpec& spec(Role role) const;
  // Resolved through basedOn: what the page estimator needs.
  int size_of(Role role) const;
  ParagraphProps paragraph_of(Role role) const;
};

const Look& look_for(const std::string& style);  // "gbt9704" or "plain"; throws WriteError

// Style ids by role, as used in document.xml (a template may rename them).
using StyleIds = std::array<std::string, kRoleCount>;
StyleIds default_style_ids(const Look& look);

pugi::xml_document build_styles(const Look& look);
void append_style(pugi::xml_node styles, const StyleSpec& spec, const StyleIds& ids);
pugi::xml_document build_font_table(const Look& look);
void append_font(pugi::xml_node fonts, const FontSpec& font);
pugi::xml_document build_settings(const Look& look);
// Footers holding a PAGE field: odd ("default") and, for the official look, even.
pugi::xml_document build_footer(const Look& look, bool even_page, const StyleIds& ids);
// The section properties; footer_ids are relationship ids (odd, even) or empty.
void append_section(pugi::xml_node body, const Look& look, const std::string& odd_footer_id,
                    const std::string& even_footer_id);

}  // namespace docpipe::docx
