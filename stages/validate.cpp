#include "stages/validate.hpp"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
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

ModelValidator::ModelValidator(const std::string& schema_text)
    : schema_(std::make_unique<Schema>()) {
  xmlInitParser();  // idempotent; must run before libxml2 is used from several threads
  SchemaParserContext parser(
      xmlSchemaNewMemParserCtxt(schema_text.data(), static_cast<int>(schema_text.size())));
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

using ParserContext = Owned<xmlParserCtxt, xmlFreeParserCtxt>;

// Validation streams: libxml2's push parser reads the serialised model as pugixml writes it,
// and its SAX events go through the schema (xmlSchemaSAXPlug) with no libxml2 tree and no
// copy of the text, so validating takes memory that does not grow with the model. The parser
// hands text on in pieces of a few hundred bytes, which the schema layer would join one at a
// time (quadratic in a long paragraph); they are joined here and handed on whole.
class StreamingValidation {
 public:
  StreamingValidation(xmlSchemaPtr schema, ValidationResult& result) : result_(result) {
    context_.reset(xmlSchemaNewValidCtxt(schema));
    if (!context_) return;
    xmlSchemaSetValidStructuredErrors(context_.get(), collect_error, &result_.errors);
    plug_ = xmlSchemaSAXPlug(context_.get(), &schema_sax_, &schema_user_);
    if (plug_ == nullptr || schema_sax_ == nullptr) return;

    own_sax_.initialized = XML_SAX2_MAGIC;
    own_sax_.startDocument = [](void* self) {
      auto* v = static_cast<StreamingValidation*>(self);
      if (v->schema_sax_->startDocument != nullptr) v->schema_sax_->startDocument(v->schema_user_);
    };
    own_sax_.endDocument = [](void* self) {
      auto* v = static_cast<StreamingValidation*>(self);
      v->flush();
      if (v->schema_sax_->endDocument != nullptr) v->schema_sax_->endDocument(v->schema_user_);
    };
    own_sax_.startElementNs = [](void* self, const xmlChar* name, const xmlChar* prefix,
                                 const xmlChar* uri, int namespaces_count,
                                 const xmlChar** namespaces, int attributes_count, int defaulted,
                                 const xmlChar** attributes) {
      auto* v = static_cast<StreamingValidation*>(self);
      v->flush();
      if (v->schema_sax_->startElementNs != nullptr) {
        v->schema_sax_->startElementNs(v->schema_user_, name, prefix, uri, namespaces_count,
                                       namespaces, attributes_count, defaulted, attributes);
      }
    };
    own_sax_.endElementNs = [](void* self, const xmlChar* name, const xmlChar* prefix,
                               const xmlChar* uri) {
      auto* v = static_cast<StreamingValidation*>(self);
      v->flush();
      if (v->schema_sax_->endElementNs != nullptr)
        v->schema_sax_->endElementNs(v->schema_user_, name, prefix, uri);
    };
    own_sax_.characters = [](void* self, const xmlChar* text, int length) {
      static_cast<StreamingValidation*>(self)->pending_.append(
          reinterpret_cast<const char*>(text), static_cast<std::size_t>(std::max(length, 0)));
    };
    own_sax_.ignorableWhitespace = own_sax_.characters;
    own_sax_.cdataBlock = [](void* self, const xmlChar* text, int length) {
      auto* v = static_cast<StreamingValidation*>(self);
      v->flush();
      if (v->schema_sax_->cdataBlock != nullptr)
        v->schema_sax_->cdataBlock(v->schema_user_, text, length);
    };

    parser_.reset(xmlCreatePushParserCtxt(&own_sax_, this, nullptr, 0, "model.xml"));
    if (!parser_) return;
    // XML_PARSE_HUGE: a paragraph may be longer than libxml2's default 10 MB text limit (a
    // long input line is one paragraph); the model is ours, with no DTD or entities to expand.
    xmlCtxtUseOptions(parser_.get(),
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    xmlSchemaValidateSetLocator(context_.get(), locate, parser_.get());
  }
  ~StreamingValidation() {
    parser_.reset();
    if (plug_ != nullptr) xmlSchemaSAXUnplug(plug_);
  }
  StreamingValidation(const StreamingValidation&) = delete;
  StreamingValidation& operator=(const StreamingValidation&) = delete;

  bool ready() const { return parser_ != nullptr; }

  void feed(const char* data, std::size_t size) {
    while (size > 0) {
      const auto chunk = static_cast<int>(std::min<std::size_t>(size, 1 << 20));
      xmlParseChunk(parser_.get(), data, chunk, 0);
      data += chunk;
      size -= static_cast<std::size_t>(chunk);
    }
  }

  // Ends the input; whether the model is well-formed and valid.
  bool finish() {
    xmlParseChunk(parser_.get(), nullptr, 0, 1);
    const bool well_formed = parser_->wellFormed != 0;
    if (!well_formed) result_.errors.push_back("the model is not well-formed XML");
    return well_formed && xmlSchemaIsValid(context_.get()) == 1;
  }

 private:
  void flush() {
    if (pending_.empty()) return;
    if (schema_sax_->characters != nullptr) {
      schema_sax_->characters(schema_user_, reinterpret_cast<const xmlChar*>(pending_.data()),
                              static_cast<int>(pending_.size()));
    }
    pending_.clear();
  }

  static int locate(void* parser, const char** file, unsigned long* line) {
    if (file != nullptr) *file = nullptr;
    if (line != nullptr) *line = static_cast<unsigned long>(xmlSAX2GetLineNumber(parser));
    return 0;
  }

  ValidationResult& result_;
  SchemaValidationContext context_;
  xmlSchemaSAXPlugPtr plug_ = nullptr;
  xmlSAXHandlerPtr schema_sax_ = nullptr;  // the schema layer's handlers
  void* schema_user_ = nullptr;
  xmlSAXHandler own_sax_{};  // ours, which the parser calls
  std::string pending_;      // text not yet handed on
  ParserContext parser_;
};

// Hands what pugixml serialises straight to the validation.
class ValidationWriter : public pugi::xml_writer {
 public:
  explicit ValidationWriter(StreamingValidation& validation) : validation_(validation) {}
  void write(const void* data, std::size_t size) override {
    validation_.feed(static_cast<const char*>(data), size);
  }

 private:
  StreamingValidation& validation_;
};

void conclude(StreamingValidation& validation, ValidationResult& result) {
  result.valid = validation.finish();
  if (!result.valid && result.errors.empty()) result.errors.push_back("the model is not valid");
}

}  // namespace

ValidationResult ModelValidator::validate(const pugi::xml_document& model) const {
  ValidationResult result;
  {
    StreamingValidation validation(schema_->handle.get(), result);
    if (!validation.ready()) {
      result.errors.push_back("cannot create a validation context");
      return result;
    }
    ValidationWriter writer(validation);
    model.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
    conclude(validation, result);
  }
  return result;
}

ValidationResult ModelValidator::validate(const std::string& model_xml) const {
  ValidationResult result;
  {
    StreamingValidation validation(schema_->handle.get(), result);
    if (!validation.ready()) {
      result.errors.push_back("cannot create a validation context");
      return result;
    }
    validation.feed(model_xml.data(), model_xml.size());
    conclude(validation, result);
  }
  return result;
}

}  // namespace docpipe
