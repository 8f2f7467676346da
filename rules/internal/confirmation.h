// The confirmation step: turns a range that Hyperscan flagged for a rule into exact spans
// (RE2), kept only if the rule's validator, context words and allow-list agree.
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

// Appends to `hits` each confirmed match of `rule` lying within [begin, end) of `text`, left
// to right. REQUIRES: begin <= end <= text.size(), text is valid UTF-8. Returns false if
// `hits` reached `capacity` before the range was done.
bool ConfirmRange(const CompiledRule& rule, uint32_t rule_number, std::string_view text,
                  size_t begin, size_t end, size_t capacity, std::vector<Hit>& hits);

}  // namespace holdfast::rules
