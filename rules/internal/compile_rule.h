// Compiling one rule or one policy: the Hyperscan expressions a rule adds to its view's
// database, and the RE2 programs and lookups that confirm and keep its hits.
// Thread safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/internal/rule_set_impl.h"
#include "rules/policy.h"

namespace holdfast::rules {

// A Hyperscan expression and where it came from, for error messages.
struct HsExpression {
  std::string text;
  unsigned int flags = 0;
  ExpressionReach reach;
  const Policy* policy = nullptr;
  const Rule* rule = nullptr;
  const Pattern* pattern = nullptr;
};

using RuleNumbers = std::map<std::string, uint32_t, std::less<>>;

// Compiles `rule` (number `rule_number`, in policy number `policy_index`) and appends its
// triggers to `expressions`. `rule_numbers` maps every loaded rule id to its number.
[[nodiscard]] tl::expected<CompiledRule, Error> CompileRule(const Policy& policy,
                                                            uint32_t policy_index, const Rule& rule,
                                                            uint32_t rule_number,
                                                            const RuleNumbers& rule_numbers,
                                                            std::vector<HsExpression>& expressions);

[[nodiscard]] tl::expected<CompiledPolicy, Error> CompilePolicy(const Policy& policy,
                                                                const RuleNumbers& rule_numbers);

// RE2 options shared by every program of a rule set: UTF-8, leftmost-first, quiet.
re2::RE2::Options Re2Options(bool case_sensitive);

}  // namespace holdfast::rules
