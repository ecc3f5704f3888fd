#include "stages/docx_template.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "stages/docx_xml.hpp"
#include "stages/docx_zip.hpp"
#include "stages/write_docx.hpp"

namespace docpipe {

namespace {

constexpr const char* kOfficeRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

pugi::xml_document parse_part(const std::map<std::string, std::string>& entries,
                              const std::string& name, const std::string& path) {
  const auto found = entries.find(name);
  if (found == entries.end()) throw WriteError(path + ": no " + name + " in the template");
  pugi::xml_document doc;
  if (!doc.load_buffer(found->second.data(), found->second.size())) {
    throw WriteError(path + ": " + name + " is not well-formed XML");
  }
  return doc;
}

// "word/_rels/document.xml.rels" for "word/document.xml".
std::string rels_name(const std::string& part) {
  const auto slash = part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  return dir + "_rels/" + part.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
}

// A relationship target resolved against the directory of the part that has it.
std::string resolve(const std::string& base_dir, const std::string& target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  std::vector<std::string> segments;
  std::string path = base_dir + target;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const std::string segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string joined;
  for (const std::string& s : segments) joined += (joined.empty() ? "" : "/") + s;
  return joined;
}

struct ContentTypes {
  std::map<std::string, std::string> defaults;   // extension (lower case) -> type
  std::map<std::string, std::string> overrides;  // part name without leading / -> type

  std::string of(const std::string& part) const {
    if (const auto o = overrides.find(part); o != overrides.end()) return o->second;
    std::string extension = part.substr(part.rfind('.') + 1);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (const auto d = defaults.find(extension); d != defaults.end()) return d->second;
    return "application/octet-stream";
  }
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Removes the children named `name` (elements of settings or fonts that point
// at parts docpipe does not copy).
void remove_children(pugi::xml_node parent, const char* name) {
  for (pugi::xml_node c = parent.child(name); c; c = parent.child(name)) parent.remove_child(c);
}

}  // namespace

std::shared_ptr<const DocxTemplate> load_docx_template(const std::string& path) {
  const std::map<std::string, std::string> entries = docx::read_zip(path);
  auto tpl = std::make_shared<DocxTemplate>();

  ContentTypes types;
  {
    const pugi::xml_document doc = parse_part(entries, "[Content_Types].xml", path);
    for (pugi::xml_node n : doc.document_element().children()) {
      if (std::string_view(n.name()) == "Default") {
        types.defaults[lower(n.attribute("Extension").value())] =
            n.attribute("ContentType").value();
      } else if (std::string_view(n.name()) == "Override") {
        std::string part = n.attribute("PartName").value();
        if (!part.empty() && part.front() == '/') part.erase(0, 1);
        types.overrides[part] = n.attribute("ContentType").value();
      }
    }
  }

  std::string main_part = "word/document.xml";
  {
    const pugi::xml_document rels = parse_part(entries, "_rels/.rels", path);
    for (pugi::xml_node r : rels.document_element().children("Relationship")) {
      if (std::string(r.attribute("Type").value()) == std::string(kOfficeRel) + "officeDocument") {
        main_part = resolve("", r.attribute("Target").value());
      }
    }
  }
  const std::string main_dir = main_part.substr(0, main_part.rfind('/') + 1);

  // The document's relationships: which part is the style sheet, the theme, …
  std::map<std::string, std::string> part_by_type;                       // short type -> part name
  std::map<std::string, std::pair<std::string, std::string>> rel_by_id;  // id -> (type, part)
  if (entries.count(rels_name(main_part))) {
    const pugi::xml_document rels = parse_part(entries, rels_name(main_part), path);
    for (pugi::xml_node r : rels.document_element().children("Relationship")) {
      const std::string type = r.attribute("Type").value();
      const std::string short_type =
          type.rfind(kOfficeRel, 0) == 0 ? type.substr(std::string(kOfficeRel).size()) : type;
      const bool external = std::string_view(r.attribute("TargetMode").value()) == "External";
      const std::string part = external ? "" : resolve(main_dir, r.attribute("Target").value());
      part_by_type.emplace(short_type, part);
      rel_by_id[r.attribute("Id").value()] = {type, part};
    }
  }
  const auto part_text = [&](const std::string& type) -> std::optional<std::string> {
    const auto found = part_by_type.find(type);
    if (found == part_by_type.end() || !entries.count(found->second)) return std::nullopt;
    return entries.at(found->second);
  };

  tpl->styles = part_text("styles").value_or("");
  if (tpl->styles.empty()) throw WriteError(path + ": the template has no styles part");
  // Parts whose own relationships docpipe does not carry over are left out.
  const auto without_rels = [&](const std::string& type) -> std::optional<std::string> {
    const auto found = part_by_type.find(type);
    if (found == part_by_type.end() || entries.count(rels_name(found->second))) return std::nullopt;
    return part_text(type);
  };
  tpl->theme = without_rels("theme");
  tpl->numbering = without_rels("numbering");
  if (const auto fonts = part_text("fontTable")) {
    pugi::xml_document doc;
    if (doc.load_string(fonts->c_str())) {
      for (pugi::xml_node font : doc.document_element().children()) {
        for (const char* embed :
             {"w:embedRegular", "w:embedBold", "w:embedItalic", "w:embedBoldItalic"}) {
          remove_children(font, embed);
        }
      }
      tpl->font_table = docx::serialize_part(doc);
    }
  }
  if (const auto settings = part_text("settings")) {
    pugi::xml_document doc;
    if (doc.load_string(settings->c_str())) {
      pugi::xml_node root = doc.document_element();
      for (const char* name : {"w:attachedTemplate", "w:mailMerge", "w:documentProtection",
                               "w:writeProtection", "w:updateFields"}) {
        remove_children(root, name);
      }
      // Separator notes live in footnotes.xml, which docpipe does not copy.
      remove_children(root.child("w:footnotePr"), "w:footnote");
      remove_children(root.child("w:endnotePr"), "w:endnote");
      tpl->settings = docx::serialize_part(doc);
    }
  }

  // Page setup: the body's final section properties, with headers and footers.
  const pugi::xml_document document = parse_part(entries, main_part, path);
  const pugi::xml_node section = document.document_element().child("w:body").child("w:sectPr");
  if (section) {
    pugi::xml_document copy;
    pugi::xml_node sect = copy.append_copy(section);
    // The namespaces the template declared, so the copy stands on its own.
    for (pugi::xml_attribute a : document.document_element().attributes()) {
      const std::string_view name = a.name();
      if (name.rfind("xmlns", 0) == 0) docx::set(sect, a.name(), a.value());
    }
    std::set<std::string> copied;
    for (pugi::xml_node ref : sect.children()) {
      const std::string name = ref.name();
      if (name != "w:headerReference" && name != "w:footerReference") continue;
      const std::string id = ref.attribute("r:id").value();
      const auto rel = rel_by_id.find(id);
      if (rel == rel_by_id.end() || !entries.count(rel->second.second)) continue;
      const std::string& part = rel->second.second;
      tpl->header_footers.push_back({rel->second.first, part.substr(main_dir.size()), id});
      if (!copied.insert(part).second) continue;
      tpl->extra_parts.push_back({part, types.of(part), entries.at(part)});
      // The header's own relationships (a letterhead's logo) and their targets.
      if (!entries.count(rels_name(part))) continue;
      tpl->extra_parts.push_back({rels_name(part), "", entries.at(rels_name(part))});
      const pugi::xml_document rels = parse_part(entries, rels_name(part), path);
      const std::string dir = part.substr(0, part.rfind('/') + 1);
      for (pugi::xml_node r : rels.document_element().children("Relationship")) {
        if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
        const std::string target = resolve(dir, r.attribute("Target").value());
        if (entries.count(target) && copied.insert(target).second) {
          tpl->extra_parts.push_back({target, types.of(target), entries.at(target)});
        }
      }
    }
    std::ostringstream out;
    sect.print(out, "", pugi::format_raw);
    tpl->section = out.str();
  }
  return tpl;
}

namespace docx {

std::string merge_styles(const DocxTemplate& tpl, const Look& look, StyleIds& ids) {
  pugi::xml_document doc;
  if (!doc.load_string(tpl.styles.c_str())) throw WriteError("template: styles.xml is not XML");
  pugi::xml_node root = doc.document_element();
  std::map<std::string, std::string> id_by_name;  // "paragraph:heading 1" -> id
  std::set<std::string> taken_ids;
  for (pugi::xml_node style : root.children("w:style")) {
    const std::string type = style.attribute("w:type").value();
    const std::string id = style.attribute("w:styleId").value();
    id_by_name[type + ":" + lower(style.child("w:name").attribute("w:val").value())] = id;
    taken_ids.insert(id);
  }
  std::vector<const StyleSpec*> missing;
  for (const StyleSpec& spec : look.styles) {
    const std::string key =
        std::string(spec.character ? "character:" : "paragraph:") + lower(spec.name);
    std::string& id = ids[static_cast<int>(spec.role)];
    if (const auto found = id_by_name.find(key); found != id_by_name.end()) {
      id = found->second;
      continue;
    }
    id = spec.id;
    while (taken_ids.count(id)) id += "Docpipe";
    taken_ids.insert(id);
    missing.push_back(&spec);
  }
  for (const StyleSpec* spec : missing) append_style(root, *spec, ids);
  return serialize_part(doc);
}

std::string merge_fonts(const std::optional<std::string>& font_table, const Look& look) {
  pugi::xml_document doc;
  if (!font_table || !doc.load_string(font_table->c_str())) doc = build_font_table(look);
  pugi::xml_node root = doc.document_element();
  std::set<std::string> names;
  for (pugi::xml_node font : root.children("w:font"))
    names.insert(font.attribute("w:name").value());
  for (const FontSpec& font : look.fonts) {
    if (!names.count(font.name)) append_font(root, font);
  }
  return serialize_part(doc);
}

}  // namespace docx
}  // namespace docpipe
