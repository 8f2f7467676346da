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

Error FromArchive(const archive::Error& error) {
  return Error{error.path, error.sequence ? *error.sequence + 1 : 0, error.message};
}

}  // namespace holdfast::engine
