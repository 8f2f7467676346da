// rules::Error: why a policy could not be loaded or compiled, or a text could not be scanned.
// Names the policy file, the line, the rule and the pattern where they are known.
// Thread safety: immutable value.
#pragma once

#include <string>

namespace holdfast::rules {

struct Error {
  std::string file;     // policy file; empty when the error is not tied to a file
  int line = 0;         // 1-based line in `file`; 0 when unknown
  std::string rule_id;  // empty for file-level errors
  std::string pattern;  // the offending pattern; empty when not pattern-specific
  std::string message;  // the reason, e.g. "unknown validator 'lunh'"

  // "policies/pii.yaml:12: rule pii.card: pattern '4[0-9': missing ]"
  std::string ToString() const;
};

}  // namespace holdfast::rules
