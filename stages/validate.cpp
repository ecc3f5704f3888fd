#include "stages/validate.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "stages/resources.hpp"

namespace docpipe {
namespace {

// RAII owners for the libxml2 handles used here.
template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* handle) const { Free(handle); }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using SchemaParserContext = Owned<xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt>;
using SchemaValidationContext = Owned<xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt>;
using SchemaHandle = Owned<xmlSchema, xmlSchemaFree>;
using XmlDocument = Owned<xmlDoc, xmlFreeDoc>;

// libxml2 reports through callbacks; this one appends to the vector it is handed.
void collect_error(void* context, xmlErrorPtr error) {
  auto* errors = static_cast<std::vector<std::string>*>(context);
  if (error == nullptr || error->message == nullptr) return;
  std::string message = error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  errors->push_back("line " + std::to_string(error->line) + ": " + message);
}

}  // namespace

struct ModelValidator::Schema {
  SchemaHandle handle;
};

ModelValidator::ModelValidator() : ModelValidator(std::string(resources::document_schema())) {}

ModelValidator::ModelValidator(const std::string& schema_text) : schema_(std::make_unique<Schema>()) {
  xmlInitParser();  // idempotent; must run before libxml2 is used from several threads
  SchemaParserContext parser(xmlSchemaNewMemParserCtxt(schema_text.data(),
                                                       static_cast<int>(schema_text.size())));
  if (!parser) throw std::runtime_error("cannot create the schema parser");
  std::vector<std::string> errors;
  xmlSchemaSetParserStructuredErrors(parser.get(), collect_error, &errors);
  schema_->handle.reset(xmlSchemaParse(parser.get()));
  if (!schema_->handle) {
    std::string message = "the model schema does not compile";
    for (const auto& error : errors) message += "\n  " + error;
    throw std::runtime_error(message);
  }
}

ModelValidator::~ModelValidator() = default;

namespace {

// Collects what pugixml writes in one string (an ostringstream would double its buffer and
// copy it once more on the way out).
class StringWriter : public pugi::xml_writer {
 public:
  void write(const void* data, std::size_t size) override { text.append(static_cast<const char*>(data), size); }
  std::string text;
};

// Hands the serialised model to libxml2 a chunk at a time, so that the parser keeps no copy
// of the whole text beside its tree.
struct ChunkReader {
  const std::string& text;
  std::size_t at = 0;
  static int read(void* context, char* buffer, int length) {
    auto* reader = static_cast<ChunkReader*>(context);
    const std::size_t n = std::min(static_cast<std::size_t>(std::max(length, 0)), reader->text.size() - reader->at);
    std::memcpy(buffer, reader->text.data() + reader->at, n);
    reader->at += n;
    return static_cast<int>(n);
  }
};

}  // namespace

ValidationResult ModelValidator::validate(const pugi::xml_document& model) const {
  StringWriter xml;
  model.save(xml, "", pugi::format_raw, pugi::encoding_utf8);
  return validate(xml.text);
}

ValidationResult ModelValidator::validate(const std::string& model_xml) const {
  ValidationResult result;
  // XML_PARSE_HUGE: a paragraph may be longer than libxml2's default 10 MB text limit (a
  // long input line is one paragraph); the model is ours, with no DTD or entities to expand.
  // No encoding named: the text is UTF-8 (the model declares it), and naming it would make
  // libxml2 run it through a converter into one more copy.
  ChunkReader reader{model_xml};
  XmlDocument document(xmlReadIO(ChunkReader::read, nullptr, &reader, "model.xml", nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE));
  if (!document) {
    result.errors.push_back("the model is not well-formed XML");
    return result;
  }
  SchemaValidationContext context(xmlSchemaNewValidCtxt(schema_->handle.get()));
  if (!context) {
    result.errors.push_back("cannot create a validation context");
    return result;
  }
  xmlSchemaSetValidStructuredErrors(context.get(), collect_error, &result.errors);
  result.valid = xmlSchemaValidateDoc(context.get(), document.get()) == 0;
  if (!result.valid && result.errors.empty()) result.errors.push_back("the model is not valid");
  return result;
}

}  // namespace docpipe
