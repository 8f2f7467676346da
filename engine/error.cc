#include "engine/error.h"

namespace holdfast::engine {

std::string Error::ToString() const {
  std::string out = source_file.empty() ? std::string("input") : source_file;
  if (record != 0) {
    out += ": record " + std::to_string(record);
  }
  out += ": " + message;
  return out;
}

}  // namespace holdfast::engine
