// The second stage: turns a range that a trigger flagged for a rule into exact spans (RE2),
// kept only if the rule's validator, the placeholder filter, the allow-lists and the `unless`
// checks agree, with the confidence that the rule's text evidence gives.
// Thread safety: pure function over immutable rules; allocates nothing once `hits` has its
// capacity and RE2's lazily built DFA states are warm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/internal/rule_set_impl.h"
#include "rules/scanner.h"

namespace holdfast::rules {

// Appends to `hits` each confirmed match of rule `rule_number` lying within [begin, end) of
// `text` (one post's view), left to right, as Hit{rule_number, begin, end, confidence, item}
// in `text`'s offsets. REQUIRES: begin <= end <= text.size(), text is valid UTF-8. Returns
// false if `hits` reached `capacity` before the range was done.
bool ConfirmRange(const RuleSet::Impl& rules, uint32_t rule_number, uint32_t item,
                  std::string_view text, size_t begin, size_t end, size_t capacity,
                  std::vector<Hit>& hits);

// For an exact rule (CompiledRule::exact): appends a Hit for the literal match [begin, end) of
// `text` if the rule's allow-lists, placeholders and `unless` keep it, with the confidence its
// evidence gives. Returns false if `hits` was already at `capacity`.
bool ConfirmSpan(const RuleSet::Impl& rules, uint32_t rule_number, uint32_t item,
                 std::string_view text, size_t begin, size_t end, size_t capacity,
                 std::vector<Hit>& hits);

// True if a hit of `check.rule` among `hits` (spans in `text`) lies within the check's window
// of [begin, end).
bool RuleEvidenceHolds(const CompiledCheck& check, std::string_view text, uint32_t begin,
                       uint32_t end, std::span<const Hit> hits);

}  // namespace holdfast::rules
