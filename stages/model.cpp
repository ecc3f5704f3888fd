#include "stages/model.hpp"

#include <memory>
#include <vector>

#include "stages/writer.hpp"

namespace docpipe {
namespace {

pugi::xml_node add_block(pugi::xml_node parent, const char* name, const std::string& text,
                         int line) {
  pugi::xml_node node = parent.append_child(name);
  node.append_attribute("line").set_value(line);
  node.text().set(text.c_str());
  return node;
}

void add_body(pugi::xml_node article, const std::vector<BodyBlock>& body) {
  // open[k] is the section at level k+1 currently open; the article itself is the root.
  std::vector<pugi::xml_node> open;
  auto container = [&]() { return open.empty() ? article : open.back(); };
  for (const BodyBlock& item : body) {
    if (item.kind == BodyBlock::Kind::paragraph) {
      pugi::xml_node p = add_block(container(), "p", item.text, item.line);
      if (item.runin_rest) p.append_attribute("runin").set_value("true");
      continue;
    }
    while (static_cast<int>(open.size()) >= item.level) open.pop_back();
    pugi::xml_node section = container().append_child("section");
    section.append_attribute("level").set_value(static_cast<int>(open.size()) + 1);
    section.append_attribute("family").set_value(item.family.c_str());
    section.append_attribute("marker").set_value(item.marker.c_str());
    pugi::xml_node heading = add_block(section, "heading", item.text, item.line);
    if (item.runin) heading.append_attribute("runin").set_value("true");
    open.push_back(section);
  }
}

}  // namespace

std::unique_ptr<pugi::xml_document> build_model(const DocumentStructure& structure,
                                                const ModelSource& source) {
  auto document = std::make_unique<pugi::xml_document>();
  pugi::xml_node declaration = document->append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");

  pugi::xml_node root = document->append_child("document");
  root.append_attribute("xmlns").set_value(kModelNamespace);
  root.append_attribute("version").set_value("1");
  root.append_attribute("xml:lang").set_value("zh-CN");
  root.append_attribute("source").set_value(source.name.c_str());
  root.append_attribute("encoding").set_value(source.encoding.c_str());

  if (structure.title) add_block(root, "title", structure.title->text, structure.title->line);
  for (const auto& subtitle : structure.subtitles)
    add_block(root, "subtitle", subtitle.text, subtitle.line);
  if (structure.toc) {
    pugi::xml_node toc = root.append_child("toc");
    toc.append_attribute("label").set_value(structure.toc->label.c_str());
    toc.append_attribute("line").set_value(structure.toc->line);
    for (const auto& entry : structure.toc->entries) {
      if (entry.text.empty()) continue;
      pugi::xml_node node = add_block(toc, "entry", entry.text, entry.line);
      if (entry.page > 0) node.append_attribute("page").set_value(entry.page);
    }
  }
  for (const auto& article : structure.articles) {
    pugi::xml_node node = root.append_child("article");
    if (article.title) add_block(node, "title", article.title->text, article.title->line);
    for (const auto& subtitle : article.subtitles)
      add_block(node, "subtitle", subtitle.text, subtitle.line);
    for (const auto& speaker : article.speakers)
      add_block(node, "speaker", speaker.text, speaker.line);
    if (article.salutation)
      add_block(node, "salutation", article.salutation->text, article.salutation->line);
    add_body(node, article.body);
  }
  return document;
}

}  // namespace docpipe
