// PolicyReader: turns one policy file's YAML tree into a Policy. yaml-cpp stays behind this
// class: every problem leaves as a rules::Error naming the file, the 1-based line of the
// offending node and the rule being read.
// Thread safety: per-thread (one reader per file).
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/policy.h"

namespace holdfast::rules {

int LineOf(const YAML::Mark& mark);

class PolicyReader {
 public:
  explicit PolicyReader(std::string file) : file_(std::move(file)) {}

  tl::expected<Policy, Error> ReadPolicy(const YAML::Node& root);

 private:
  // Generic reads (policy_reader.cc).
  tl::unexpected<Error> Fail(const YAML::Node& node, std::string message) const {
    return tl::unexpected(Error{file_, LineOf(node.Mark()), rule_id_, "", std::move(message)});
  }
  tl::expected<void, Error> CheckKeys(const YAML::Node& map,
                                      std::span<const std::string_view> keys) const;
  // Empty optional when the key is absent and not required.
  tl::expected<std::optional<std::string>, Error> ReadString(const YAML::Node& map,
                                                             const std::string& key,
                                                             bool required) const;
  tl::expected<std::vector<std::string>, Error> ReadStringList(const YAML::Node& node,
                                                               std::string_view what) const;
  tl::expected<int, Error> ReadPositiveInt(const YAML::Node& node, std::string_view what,
                                           int max) const;
  tl::expected<std::vector<AllowEntry>, Error> ReadAllowList(const YAML::Node& node) const;
  tl::expected<Confidence, Error> ReadConfidence(const YAML::Node& node) const;

  // Policy level (policy_reader.cc).
  tl::expected<Scope, Error> ReadScope(const YAML::Node& node) const;
  tl::expected<Exception, Error> ReadException(const YAML::Node& node) const;
  tl::expected<void, Error> ReadPolicyOptions(const YAML::Node& root, Policy& policy) const;

  // Rule level (rule_reader.cc).
  tl::expected<Rule, Error> ReadRule(const YAML::Node& node);
  tl::expected<void, Error> ReadRuleOptions(const YAML::Node& node, Rule& rule) const;
  tl::expected<void, Error> ReadLength(const YAML::Node& node, Rule& rule) const;
  tl::expected<Pattern, Error> ReadPattern(const YAML::Node& node) const;
  tl::expected<Trigger, Error> ReadTrigger(const YAML::Node& node) const;
  tl::expected<void, Error> ReadPatterns(const YAML::Node& map, Rule& rule) const;
  tl::expected<std::vector<ContextCheck>, Error> ReadContextChecks(const YAML::Node& node,
                                                                   bool evidence) const;
  tl::expected<ContextCheck, Error> ReadContextCheck(const YAML::Node& node, bool evidence) const;
  tl::expected<void, Error> ReadExamples(const YAML::Node& node, Rule& rule) const;

  const std::string file_;
  std::string rule_id_;  // the rule being read; empty at policy level
};

}  // namespace holdfast::rules
