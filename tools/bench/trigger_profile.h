// Diagnostics for policy authors.
// --profile-triggers: each of the Scanner's trigger expressions compiled alone, as
// rules::Compile compiles it, and timed by Hyperscan over the same text. An expression's rate
// alone is not its share of the whole database's time (Hyperscan shares work between
// expressions), but a slow one alone stays slow together.
// --profile-rules: each rule's share of the whole database's time, measured by leaving the
// rule's triggers out of the database and timing the rest; the rules that cost the most are the
// ones whose triggers to anchor on a rarer literal. Each time is the best of three scans;
// differences under about 0.1 ns per byte are noise on a shared machine.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"
#include "tools/bench/bench_table.h"

namespace holdfast::tools::bench {

// Prints the `count` slowest of `triggers`, each scanned alone over `text` (its lexicon-view
// triggers over `lowered`, the text with ASCII letters in lower case), slowest first.
[[nodiscard]] Status PrintSlowestTriggers(const rules::RuleSet& rules,
                                          const std::vector<rules::StageExpression>& triggers,
                                          std::string_view text, std::string_view lowered,
                                          size_t count);

// Prints the `count` rules whose triggers cost the whole database most, in ns per byte of
// `text`, costliest first.
[[nodiscard]] Status PrintCostliestRules(const rules::RuleSet& rules,
                                         const std::vector<rules::StageExpression>& triggers,
                                         std::string_view text, std::string_view lowered,
                                         size_t count);

}  // namespace holdfast::tools::bench
