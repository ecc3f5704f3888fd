// The DOCX writer: assembles the package parts in a fixed order so that the
// same model and options always give the same bytes.
#include "stages/write_docx.hpp"

#include <chrono>
#include <cstdio>
#include <map>

#include "stages/docx_blocks.hpp"
#include "stages/docx_document.hpp"
#include "stages/docx_styles.hpp"
#include "stages/docx_template.hpp"
#include "stages/docx_xml.hpp"
#include "stages/docx_zip.hpp"

namespace docpipe {

namespace {

using docx::add;
using docx::set;

constexpr const char* kMainType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
constexpr const char* kWordTypePrefix =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.";
constexpr const char* kRelType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// W3CDTF in UTC, e.g. 2024-05-01T08:00:00Z.
std::string w3c_date(std::int64_t seconds) {
  using namespace std::chrono;
  const sys_seconds time{std::chrono::seconds{seconds}};
  const sys_days day = floor<days>(time);
  const year_month_day ymd{day};
  const hh_mm_ss clock{time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

std::string core_properties(const pugi::xml_document& model, const DocxOptions& options) {
  pugi::xml_document doc;
  pugi::xml_node root =
      add(doc, "cp:coreProperties", "xmlns:cp",
          "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  set(root, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  set(root, "xmlns:dcterms", "http://purl.org/dc/terms/");
  set(root, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
  set(root, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  const std::string title = docx::xml_safe_text(docx::document_title(model));
  if (!title.empty()) add(root, "dc:title").text().set(title.c_str());
  std::string language = model.document_element().attribute("xml:lang").value();
  if (language.empty()) language = "zh-CN";
  add(root, "dc:language").text().set(docx::xml_safe_text(language).c_str());
  if (options.timestamp) {
    const std::string date = w3c_date(*options.timestamp);
    for (const char* name : {"dcterms:created", "dcterms:modified"}) {
      add(root, name, "xsi:type", "dcterms:W3CDTF").text().set(date.c_str());
    }
  }
  return docx::serialize_part(doc);
}

std::string app_properties() {
  pugi::xml_document doc;
  pugi::xml_node root =
      add(doc, "Properties", "xmlns",
          "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  set(root, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
  add(root, "Application").text().set("docpipe");
  add(root, "DocSecurity").text().set("0");
  return docx::serialize_part(doc);
}

// [Content_Types].xml and the relationship parts, collected as parts are added.
class Package {
 public:
  void part(const std::string& name, const std::string& content_type, std::string bytes) {
    if (!content_type.empty()) overrides_.emplace_back(name, content_type);
    parts_.emplace_back(name, std::move(bytes));
  }
  std::string relate(const std::string& type, const std::string& target) {
    const std::string id = "rId" + std::to_string(document_rels_.size() + 1);
    document_rels_.push_back({id, type, target});
    return id;
  }
  void default_type(const std::string& extension, const std::string& content_type) {
    defaults_.emplace(extension, content_type);
  }

  std::string finish(int zip_level) {
    docx::ZipWriter zip(zip_level);
    zip.add("[Content_Types].xml", content_types());
    zip.add("_rels/.rels",
            rels({{"rId1", std::string(kRelType) + "officeDocument", "word/document.xml"},
                  {"rId2",
                   "http://schemas.openxmlformats.org/package/2006/relationships/"
                   "metadata/core-properties",
                   "docProps/core.xml"},
                  {"rId3", std::string(kRelType) + "extended-properties", "docProps/app.xml"}}));
    zip.add("word/_rels/document.xml.rels", rels(document_rels_));
    for (auto& [name, bytes] : parts_) zip.add(name, std::move(bytes));
    return zip.finish();
  }

 private:
  struct Relationship {
    std::string id, type, target;
  };

  std::string content_types() const {
    pugi::xml_document doc;
    pugi::xml_node root =
        add(doc, "Types", "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    add(root, "Default", "Extension", "rels", "ContentType",
        "application/vnd.openxmlformats-package.relationships+xml");
    add(root, "Default", "Extension", "xml", "ContentType", "application/xml");
    for (const auto& [extension, type] : defaults_) {
      if (extension != "rels" && extension != "xml") {
        add(root, "Default", "Extension", extension, "ContentType", type);
      }
    }
    for (const auto& [name, type] : overrides_) {
      add(root, "Override", "PartName", "/" + name, "ContentType", type);
    }
    return docx::serialize_part(doc);
  }

  static std::string rels(const std::vector<Relationship>& relationships) {
    pugi::xml_document doc;
    pugi::xml_node root = add(doc, "Relationships", "xmlns", docx::kPackageRelNs);
    for (const Relationship& r : relationships) {
      pugi::xml_node node = add(root, "Relationship", "Id", r.id, "Type", r.type);
      set(node, "Target", r.target);
    }
    return docx::serialize_part(doc);
  }

  std::vector<std::pair<std::string, std::string>> parts_;
  std::vector<std::pair<std::string, std::string>> overrides_;
  std::map<std::string, std::string> defaults_;  // by extension, each once
  std::vector<Relationship> document_rels_;
};

}  // namespace

std::string write_docx(const pugi::xml_document& model, const DocxOptions& options) {
  if (options.zip_level < -1 || options.zip_level > 9) {
    throw WriteError("docx: zip level must be -1 (default) or 0..9");
  }
  const docx::Look& look = docx::look_for(options.style);
  const DocxTemplate* tpl = options.reference.get();

  const docx::Role title = docx::Role::Title;
  const int title_cell =
      look.size_of(title) * 10 + look.spec(title).run.character_spacing.value_or(0);
  docx::Layout layout =
      docx::layout_blocks(model, {.article_page_break = options.article_page_break,
                                  .line_after_title_block = true,
                                  .title_cells = look.page.text_width() / title_cell});
  docx::estimate_toc_pages(layout.blocks, look);

  Package package;
  docx::DocumentParts parts;
  parts.style_ids = docx::default_style_ids(look);
  parts.article_title_name = look.spec(docx::Role::ArticleTitle).name;
  parts.blank_line = look.page.line_pitch;

  const std::string word = kWordTypePrefix;
  std::string styles = tpl ? docx::merge_styles(*tpl, look, parts.style_ids)
                           : docx::serialize_part(docx::build_styles(look));
  package.relate(std::string(kRelType) + "styles", "styles.xml");
  package.relate(std::string(kRelType) + "settings", "settings.xml");
  package.relate(std::string(kRelType) + "fontTable", "fontTable.xml");

  pugi::xml_document section;
  std::vector<std::pair<std::string, std::string>> footers;  // part name, bytes
  if (tpl && !tpl->section.empty()) {
    if (!section.load_string(tpl->section.c_str())) throw WriteError("template: bad sectPr");
    pugi::xml_node sect = section.document_element();
    std::map<std::string, std::string> new_ids;  // the template's relationship id -> ours
    for (const DocxTemplate::HeaderFooter& hf : tpl->header_footers) {
      if (!new_ids.count(hf.old_id))
        new_ids[hf.old_id] = package.relate(hf.relationship_type, hf.target);
    }
    for (pugi::xml_node ref = sect.first_child(); ref;) {
      const pugi::xml_node next = ref.next_sibling();
      const std::string name = ref.name();
      if (name == "w:headerReference" || name == "w:footerReference") {
        const auto found = new_ids.find(ref.attribute("r:id").value());
        // A reference whose part the template lacks would dangle: drop it.
        if (found == new_ids.end()) {
          sect.remove_child(ref);
        } else {
          set(ref, "r:id", found->second);
        }
      }
      ref = next;
    }
  } else {
    std::string odd_id, even_id;
    if (!tpl) {
      odd_id = package.relate(std::string(kRelType) + "footer", "footer1.xml");
      footers.emplace_back("word/footer1.xml",
                           docx::serialize_part(docx::build_footer(look, false, parts.style_ids)));
      if (look.official) {
        even_id = package.relate(std::string(kRelType) + "footer", "footer2.xml");
        footers.emplace_back("word/footer2.xml",
                             docx::serialize_part(docx::build_footer(look, true, parts.style_ids)));
      }
    }
    docx::append_section(section, look, odd_id, even_id);
  }
  parts.section = section.document_element();

  package.part("word/document.xml", kMainType, docx::write_document(layout.blocks, parts));
  layout = docx::Layout();  // freed before the archive is compressed: peak memory
  package.part("word/styles.xml", word + "styles+xml", std::move(styles));
  package.part(
      "word/settings.xml", word + "settings+xml",
      tpl && tpl->settings ? *tpl->settings : docx::serialize_part(docx::build_settings(look)));
  package.part("word/fontTable.xml", word + "fontTable+xml",
               tpl ? docx::merge_fonts(tpl->font_table, look)
                   : docx::serialize_part(docx::build_font_table(look)));
  for (auto& [name, bytes] : footers) package.part(name, word + "footer+xml", std::move(bytes));
  if (tpl) {
    if (tpl->theme) {
      package.relate(std::string(kRelType) + "theme", "theme/theme1.xml");
      package.part("word/theme/theme1.xml",
                   "application/vnd.openxmlformats-officedocument.theme+xml", *tpl->theme);
    }
    if (tpl->numbering) {
      package.relate(std::string(kRelType) + "numbering", "numbering.xml");
      package.part("word/numbering.xml", word + "numbering+xml", *tpl->numbering);
    }
    for (const DocxTemplate::Part& part : tpl->extra_parts) {
      // Pictures are typed by extension; XML parts by an override.
      const bool by_extension = !part.content_type.empty() && !part.content_type.ends_with("+xml");
      if (by_extension) {
        package.default_type(part.name.substr(part.name.rfind('.') + 1), part.content_type);
      }
      package.part(part.name, by_extension ? "" : part.content_type, part.bytes);
    }
  }
  package.part("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
               core_properties(model, options));
  package.part("docProps/app.xml",
               "application/vnd.openxmlformats-officedocument.extended-properties+xml",
               app_properties());
  return package.finish(options.zip_level);
}

}  // namespace docpipe
