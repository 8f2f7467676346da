// RuleSet: every rule of every loaded policy, compiled once into a Hyperscan database per
// view (the first stage) plus the RE2 programs, validator and context checks of each rule
// (the second stage). See rules/policy.h for what a rule means.
// Compile is slow; scanning is done by Scanner objects, one per thread.
// Thread safety: immutable once compiled; share the shared_ptr freely.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/policy.h"

namespace holdfast::rules {

// What a hit reports about the rule that made it.
struct RuleInfo {
  std::string policy_id;
  std::string policy_name;
  std::string rule_id;
  std::string category;
  Severity severity = Severity::kMedium;
  Action action = Action::kFlag;
  double review_sample = 100;  // the policy's, in percent
};

// An expression one of the two stages runs, for benchmarks and diagnostics.
struct StageExpression {
  std::string regex;  // as handed to Hyperscan or RE2
  bool case_insensitive = true;
  bool utf8 = true;           // HS_FLAG_UTF8; rules/internal/trigger_mode.h says when not
  bool own_database = false;  // in the view's database of plain literals (codename lists)
  View view = View::kText;
  uint32_t rule = 0;
};

class RuleSet {
 public:
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // Rules are numbered 0..size()-1 in policy order, then rule order.
  uint32_t size() const;
  const RuleInfo& info(uint32_t rule) const;
  const Rule& rule(uint32_t rule) const;
  const std::vector<Policy>& policies() const;

  // The first stage: every Hyperscan expression, view by view, in expression id order. They
  // are compiled with HS_FLAG_MULTILINE, plus HS_FLAG_UTF8 and HS_FLAG_CASELESS when so marked.
  std::vector<StageExpression> TriggerExpressions() const;
  // The second stage: every pattern of every rule as RE2 confirms it (literals with their
  // word boundaries), in rule order.
  std::vector<StageExpression> PatternExpressions() const;

  struct Impl;  // defined in rules/internal/
  const Impl& impl() const { return *impl_; }

 private:
  explicit RuleSet(std::unique_ptr<Impl> impl);
  friend tl::expected<std::shared_ptr<const RuleSet>, Error> Compile(std::vector<Policy> policies);
  std::unique_ptr<Impl> impl_;
};

// Compiles all patterns of all policies. Errors name the policy file, the line, the rule and
// the pattern: a regex Hyperscan or RE2 cannot compile or that matches the empty string, an
// unknown validator, evidence naming an unknown rule, a weak validator without evidence.
[[nodiscard]] tl::expected<std::shared_ptr<const RuleSet>, Error> Compile(
    std::vector<Policy> policies);

}  // namespace holdfast::rules
