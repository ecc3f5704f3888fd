// Validate: checks a model against schemas/document.xsd with libxml2 before any writer
// runs. A model that fails is an internal error (detect or model built something the
// contract does not allow), reported for that file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace docpipe {

struct ValidationResult {
  bool valid = false;
  std::vector<std::string> errors;  // "line N: message" from libxml2
};

// The compiled schema, loaded once per run. Validation itself is thread-safe: each call
// uses its own libxml2 validation context.
class ModelValidator {
 public:
  ModelValidator();  // the schema compiled into the binary
  explicit ModelValidator(const std::string& schema_text);
  ~ModelValidator();
  ModelValidator(const ModelValidator&) = delete;
  ModelValidator& operator=(const ModelValidator&) = delete;

  ValidationResult validate(const pugi::xml_document& model) const;
  ValidationResult validate(const std::string& model_xml) const;

 private:
  struct Schema;
  std::unique_ptr<Schema> schema_;
};

}  // namespace docpipe
