#include "rules/internal/policy_checks.h"

#include <map>
#include <string>

#include "rules/internal/names.h"

namespace holdfast::rules {
namespace {

tl::unexpected<Error> RuleError(const Policy& policy, const Rule& rule, std::string message) {
  return tl::unexpected(Error{policy.file, rule.line, rule.id, "", std::move(message)});
}

std::string Where(const std::string& file, int line) {
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

}  // namespace

tl::expected<void, Error> CheckRule(const Policy& policy, const Rule& rule) {
  if (rule.id.empty()) {
    return RuleError(policy, rule, "rule has no id");
  }
  if (!IsCategory(rule.category)) {
    return RuleError(policy, rule, "unknown category '" + rule.category + "'");
  }
  if (!rule.validator.empty() && FindValidator(rule.validator) == nullptr) {
    return RuleError(policy, rule, "unknown validator '" + rule.validator + "'");
  }
  if (rule.min_length < 0 || rule.max_length < 0 ||
      (rule.max_length > 0 && rule.min_length > rule.max_length)) {
    return RuleError(policy, rule,
                     "length min " + std::to_string(rule.min_length) + " and max " +
                         std::to_string(rule.max_length) + " are no range (0 = no bound)");
  }
  if (rule.patterns.empty()) {
    return RuleError(policy, rule, "rule has no patterns");
  }
  for (const Pattern& pattern : rule.patterns) {
    if (pattern.text.empty()) {
      return RuleError(policy, rule, "empty pattern");
    }
  }
  for (const auto* checks : {&rule.evidence, &rule.unless}) {
    for (const ContextCheck& check : *checks) {
      const int kinds = static_cast<int>(!check.words.empty()) +
                        static_cast<int>(!check.regex.empty()) +
                        static_cast<int>(!check.rule.empty());
      if (kinds != 1) {
        return RuleError(policy, rule, "a context check needs exactly one of words, regex, rule");
      }
      for (const std::string& word : check.words) {
        if (word.empty()) {
          return RuleError(policy, rule, "empty context word");
        }
      }
      if (check.window <= 0) {
        return RuleError(policy, rule, "context window must be a positive number of characters");
      }
    }
  }
  for (const AllowEntry& entry : rule.allow) {
    if (entry.text.empty()) {
      return RuleError(policy, rule, "empty allow entry");
    }
  }
  return {};
}

tl::expected<void, Error> CheckPolicies(const std::vector<Policy>& policies) {
  std::map<std::string, const Policy*> policy_ids;
  std::map<std::string, std::pair<const Policy*, const Rule*>> rule_ids;
  for (const Policy& policy : policies) {
    if (policy.id.empty()) {
      return tl::unexpected(Error{policy.file, 0, "", "", "policy has no id"});
    }
    auto [policy_it, policy_new] = policy_ids.emplace(policy.id, &policy);
    if (!policy_new) {
      return tl::unexpected(
          Error{policy.file, 0, "", "",
                "policy id '" + policy.id + "' is already used in " + policy_it->second->file});
    }
    for (const Rule& rule : policy.rules) {
      if (auto checked = CheckRule(policy, rule); !checked) {
        return checked;
      }
      auto [rule_it, rule_new] = rule_ids.emplace(rule.id, std::make_pair(&policy, &rule));
      if (!rule_new) {
        const auto& [first_policy, first_rule] = rule_it->second;
        return RuleError(policy, rule,
                         "rule id '" + rule.id + "' is already used in " +
                             Where(first_policy->file, first_rule->line));
      }
    }
  }
  return {};
}

}  // namespace holdfast::rules
