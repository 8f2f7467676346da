// Policies as data: the in-memory form of one policy file, and the loader that reads it.
//
// A policy file is YAML:
//   id: pii                      # unique over all loaded policies
//   name: Personal data
//   severity: high               # low | medium | high | critical
//   rules:
//     - id: pii.credit_card      # unique over all loaded policies
//       category: pii.credit_card  # one of Categories()
//       patterns:
//         - regex: '\b(?:\d[ -]?){13,19}\b'
//         - literal: 'CONFIDENTIAL'
//           case_insensitive: false   # default true
//       validator: luhn          # optional: luhn | iban | nl_bsn
//       context: {words: [bsn, sofinummer], window: 40}   # optional, chars either side
//       allow: ['4111 1111 1111 1111']                    # optional exact hits to ignore
//       examples: {match: [...], no_match: [...]}
// Thread safety: immutable values.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"

namespace holdfast::rules {

enum class Severity { kLow, kMedium, kHigh, kCritical };
std::string_view SeverityName(Severity severity);

struct Pattern {
  std::string text;
  bool regex = false;            // false: a literal string
  bool case_insensitive = true;  // default on: chat is written in every case
};

struct Rule {
  std::string id;
  std::string category;  // one of Categories()
  std::vector<Pattern> patterns;
  std::string validator;                   // "" or a name from ValidatorNames()
  std::vector<std::string> context_words;  // if set, one must occur within context_window
  int context_window = 0;                  // characters before the hit start / after its end
  std::vector<std::string> allow;          // hits whose text equals one of these are dropped
  std::vector<std::string> examples_match;
  std::vector<std::string> examples_no_match;
  int line = 0;  // line of the rule in its policy file
};

struct Policy {
  std::string id;
  std::string name;
  Severity severity = Severity::kMedium;
  std::string file;  // where it was loaded from
  std::vector<Rule> rules;
};

// The fixed category taxonomy every rule reports under (see README).
const std::vector<std::string_view>& Categories();

// Reads one policy file. Errors name the file, the line and the rule.
[[nodiscard]] tl::expected<Policy, Error> LoadPolicyFile(const std::filesystem::path& file);

// Reads policy files and folders (every *.yaml / *.yml in a folder, in name order).
// Fails on the first bad file, or on a policy or rule id used twice.
[[nodiscard]] tl::expected<std::vector<Policy>, Error> LoadPolicies(
    const std::vector<std::filesystem::path>& paths);

}  // namespace holdfast::rules
