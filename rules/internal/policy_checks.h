// Checks on policies as values, whether they came from YAML or were built in code: every
// name resolves, nothing is empty that must not be, and no policy or rule id is used twice.
// Thread safety: pure functions.
#pragma once

#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/policy.h"

namespace holdfast::rules {

// The first problem in `rule`, reported at the rule's line.
[[nodiscard]] tl::expected<void, Error> CheckRule(const Policy& policy, const Rule& rule);

// Every rule of every policy, then ids across all of them. A duplicate is reported at its
// second use, naming the first.
[[nodiscard]] tl::expected<void, Error> CheckPolicies(const std::vector<Policy>& policies);

}  // namespace holdfast::rules
