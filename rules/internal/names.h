// The names a policy file may use for a category, a severity or a validator, and what they
// resolve to. Shared by the loader (which reports the YAML line) and Compile (which checks
// policies built in code).
#pragma once

#include <optional>
#include <string_view>

#include "rules/policy.h"
#include "rules/validators.h"

namespace holdfast::rules {

bool IsCategory(std::string_view name);
std::optional<Severity> ParseSeverity(std::string_view name);
std::optional<Action> ParseAction(std::string_view name);

// Null for a name not in ValidatorNames(); ValidatorFn is declared in rules/validators.h.
ValidatorFn FindValidator(std::string_view name);

}  // namespace holdfast::rules
