// Runs every rule's own examples: each `match` example must make that rule hit, each
// `no_match` example must not. This is what `holdfast rules test` and the policy tests run.
// Thread safety: a function; safe to call from any thread.
#pragma once

#include <memory>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/rule_set.h"

namespace holdfast::rules {

struct ExampleResult {
  std::string policy_file;
  std::string rule_id;
  std::string example;
  bool should_match = true;
  bool passed = false;
};

// One result per example of every rule, in policy and rule order.
[[nodiscard]] tl::expected<std::vector<ExampleResult>, Error> RunExamples(
    const std::shared_ptr<const RuleSet>& rules);

}  // namespace holdfast::rules
