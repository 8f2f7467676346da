// Small accessors over simdjson DOM objects that read an optional field the way every source
// needs it: absent or of another type gives the fallback.
// Thread safety: pure functions.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace holdfast::engine {

inline std::string_view StringField(simdjson::dom::object object, std::string_view key,
                                    std::string_view fallback = {}) {
  std::string_view value;
  if (object[key].get_string().get(value) == simdjson::SUCCESS) {
    return value;
  }
  return fallback;
}

// A field that tools write as a string or a number ("id": 17 or "id": "17").
inline std::string IdField(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element element;
  if (object[key].get(element) != simdjson::SUCCESS) {
    return {};
  }
  std::string_view text;
  if (element.get_string().get(text) == simdjson::SUCCESS) {
    return std::string(text);
  }
  int64_t number = 0;
  if (element.get_int64().get(number) == simdjson::SUCCESS) {
    return std::to_string(number);
  }
  uint64_t unsigned_number = 0;
  if (element.get_uint64().get(unsigned_number) == simdjson::SUCCESS) {
    return std::to_string(unsigned_number);
  }
  return {};
}

inline uint64_t UintField(simdjson::dom::object object, std::string_view key) {
  uint64_t value = 0;
  if (object[key].get_uint64().get(value) == simdjson::SUCCESS) {
    return value;
  }
  return 0;
}

}  // namespace holdfast::engine
