// A small JSON reader and writer: reports (--report, report merge) and the tests' expected
// structures.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace docpipe {

struct Json {
  enum class Type { null, boolean, number, string, array, object };
  Type type = Type::null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  bool is_null() const { return type == Type::null; }
  const Json& operator[](const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end()) throw std::runtime_error("no key " + key);
    return found->second;
  }
};

// Throws std::runtime_error naming the offset of the first problem.
Json parse_json(std::string_view text);

// `text` as a JSON string literal, quotes included.
std::string json_string(std::string_view text);

}  // namespace docpipe
