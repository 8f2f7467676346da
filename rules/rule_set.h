// RuleSet: every rule of every loaded policy, compiled once into one Hyperscan database
// (the prefilter) plus one RE2 and validator per rule (the confirmation).
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

  struct Impl;  // defined in rules/internal/
  const Impl& impl() const { return *impl_; }

 private:
  explicit RuleSet(std::unique_ptr<Impl> impl);
  friend tl::expected<std::shared_ptr<const RuleSet>, Error> Compile(std::vector<Policy> policies);
  std::unique_ptr<Impl> impl_;
};

// Compiles all patterns of all policies into one database. Errors name the policy file, the
// rule and the pattern (e.g. a regex Hyperscan or RE2 cannot compile, an unknown validator).
[[nodiscard]] tl::expected<std::shared_ptr<const RuleSet>, Error> Compile(
    std::vector<Policy> policies);

}  // namespace holdfast::rules
