// Small helpers for building the WordprocessingML parts with pugixml.
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace docpipe::docx {

inline constexpr const char* kWordNs =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";

// Text as XML 1.0 allows it: invalid UTF-8 becomes U+FFFD, and characters XML
// forbids (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, surrogates) are
// dropped. pugixml would otherwise write them as &#01; which no parser accepts.
std::string xml_safe_text(std::string_view utf8);
// The same without a copy when nothing changes, as for nearly all text: `utf8`
// itself, or else the safe text, written into `scratch`.
std::string_view xml_safe_view(std::string_view utf8, std::string& scratch);

// What every part starts with: an XML declaration with standalone="yes", as Word writes it.
inline constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

// The part's bytes: the declaration and the tree without indentation, so text
// nodes keep their exact spaces.
std::string serialize_part(const pugi::xml_document& part);

// Text and attribute values escaped as serialize_part escapes them (pugixml),
// for parts written straight into a string: the same bytes as through a tree.
// Text: & < > and control characters other than tab, LF and CR; attribute
// values: & < " and all control characters. A control character becomes &#NN;
// and a NUL ends the value, as it ends a C string in a tree.
void append_escaped_text(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view value);

// Appends a child element and returns it; attributes follow as name/value pairs.
pugi::xml_node add(pugi::xml_node parent, const char* name);
pugi::xml_node add(pugi::xml_node parent, const char* name, const char* attribute,
                   std::string_view value);
pugi::xml_node add(pugi::xml_node parent, const char* name, const char* attribute1,
                   std::string_view value1, const char* attribute2, std::string_view value2);
void set(pugi::xml_node node, const char* attribute, std::string_view value);

// The value of attribute `name` in the namespace bound to prefix of the
// element's own name (e.g. w:val on <w:pStyle>), or "" when absent.
std::string word_attribute(pugi::xml_node node, const char* local_name);

}  // namespace docpipe::docx
