#include "archive/error.h"

namespace holdfast::archive {

std::string Error::ToString() const {
  std::string out;
  if (!path.empty()) {
    out += path;
    out += ": ";
  }
  if (sequence.has_value()) {
    out += "record " + std::to_string(*sequence) + ": ";
  }
  out += message;
  return out;
}

}  // namespace holdfast::archive
