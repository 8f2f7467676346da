#include "rules/error.h"

namespace holdfast::rules {

std::string Error::ToString() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':';
      out += std::to_string(line);
    }
    out += ": ";
  }
  if (!rule_id.empty()) {
    out += "rule " + rule_id + ": ";
  }
  if (!pattern.empty()) {
    out += "pattern '" + pattern + "': ";
  }
  out += message;
  return out;
}

}  // namespace holdfast::rules
