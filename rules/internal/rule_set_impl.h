// The compiled form of a RuleSet: one Hyperscan database over every pattern (the prefilter)
// and, per rule, the RE2 programs and validator that confirm a candidate and give its span.
// Thread safety: immutable after Compile; RE2 objects are safe to share between threads.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "rules/internal/hyperscan_handles.h"
#include "rules/internal/names.h"
#include "rules/policy.h"
#include "rules/rule_set.h"

namespace holdfast::rules {

// A rule whose patterns have no maximum match length: its candidates are confirmed from the
// start of the text.
inline constexpr uint32_t kUnboundedWindow = std::numeric_limits<uint32_t>::max();

struct CompiledRule {
  std::unique_ptr<re2::RE2> match;    // the rule's patterns as one alternation
  std::unique_ptr<re2::RE2> context;  // any context word, whole-word; null without words
  std::unique_ptr<re2::RE2> allow;    // any allow entry, whole text; null without entries
  ValidatorFn validator = nullptr;    // null without a validator
  // Longest match in bytes over the rule's patterns, or kUnboundedWindow. A match ending at a
  // Hyperscan end offset `e` starts no earlier than `e - window`.
  uint32_t window = 0;
  uint32_t context_window = 0;  // code points either side of a hit
};

struct RuleSet::Impl {
  std::vector<Policy> policies;
  std::vector<const Rule*> rules;  // points into `policies`, in rule number order
  std::vector<RuleInfo> infos;     // by rule number
  std::vector<CompiledRule> compiled;
  std::vector<uint32_t> pattern_rule;  // Hyperscan expression id -> rule number
  HsDatabase database;                 // null when no rule has a pattern
};

}  // namespace holdfast::rules
