// A diagnostic for policy authors (--profile-triggers): each of the Scanner's trigger
// expressions compiled alone, as rules::Compile compiles it, and timed by Hyperscan over the
// same text. A prefilter runs at the pace of its slowest expressions, so the list shows which
// triggers to make cheaper. An expression's rate alone is not its share of the whole database's
// time (Hyperscan shares work between expressions), but a slow one alone stays slow together.
// Thread safety: pure function.
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

}  // namespace holdfast::tools::bench
