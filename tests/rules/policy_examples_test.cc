// Every shipped rule's examples, one test per rule, named by rule id: adding a rule or an
// example to policies/ needs no C++. (One test per example would start a process per example
// under ctest, each reading the packs: too slow with hundreds of examples.)
#include <gtest/gtest.h>

#include "rules/examples.h"
#include "rules/policy.h"

namespace holdfast::rules {
namespace {

const std::filesystem::path kPolicies = std::filesystem::path(HOLDFAST_SOURCE_DIR) / "policies";

struct RuleCase {
  std::string name;  // test name: the rule id with punctuation as '_'
  std::string rule_id;
  std::string error;  // set instead of the rest when the policies did not load
};

std::ostream& operator<<(std::ostream& out, const RuleCase& rule) { return out << rule.name; }

std::string TestName(std::string_view rule_id) {
  std::string name;
  for (char c : rule_id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name += alnum ? c : '_';
  }
  return name;
}

// Enumerates the rules when the suite is instantiated, which happens in every process ctest
// starts, so it only reads the YAML; compiling waits for the test that needs it.
std::vector<RuleCase> ShippedRules() {
  auto policies = LoadPolicies({kPolicies});
  if (!policies) {
    return {{"policies_load", "", policies.error().ToString()}};
  }
  std::vector<RuleCase> cases;
  for (const Policy& policy : *policies) {
    for (const Rule& rule : policy.rules) {
      cases.push_back({TestName(rule.id), rule.id, ""});
    }
  }
  return cases;
}

// RunExamples over the policy holding `rule_id`: a rule depends on its own policy (confidence
// floor, allow-list, rules it takes as evidence), never on another policy's rules, so its
// verdicts are those of the full set (ShippedPoliciesTest checks that one too), and a test
// process compiles one policy instead of all of them.
tl::expected<std::vector<ExampleResult>, Error> RuleExamples(const std::string& rule_id) {
  auto policies = LoadPolicies({kPolicies});
  if (!policies) {
    return tl::unexpected(policies.error());
  }
  for (Policy& policy : *policies) {
    for (const Rule& rule : policy.rules) {
      if (rule.id == rule_id) {
        auto rules = Compile({std::move(policy)});
        if (!rules) {
          return tl::unexpected(rules.error());
        }
        return RunExamples(*rules);
      }
    }
  }
  return tl::unexpected(Error{"", 0, rule_id, "", "rule not found"});
}

class PolicyExampleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(PolicyExampleTest, BehavesAsItsExamplesSay) {
  const RuleCase& rule = GetParam();
  ASSERT_EQ(rule.error, "");
  auto results = RuleExamples(rule.rule_id);
  ASSERT_TRUE(results) << results.error().ToString();
  size_t seen = 0;
  for (const ExampleResult& result : *results) {
    if (result.rule_id != rule.rule_id) {
      continue;
    }
    ++seen;
    EXPECT_TRUE(result.passed) << result.policy_file << ": rule " << rule.rule_id << " should "
                               << (result.should_match ? "match" : "not match") << ": '"
                               << result.example << "'";
  }
  EXPECT_GE(seen, 6u) << rule.rule_id << " has fewer than 3 + 3 examples";
}

INSTANTIATE_TEST_SUITE_P(Shipped, PolicyExampleTest, ::testing::ValuesIn(ShippedRules()),
                         [](const ::testing::TestParamInfo<RuleCase>& param) {
                           return param.param.name;
                         });

TEST(ShippedPoliciesTest, CompileIntoOneRuleSetThatPassesEveryExample) {
  auto policies = LoadPolicies({kPolicies});
  ASSERT_TRUE(policies) << policies.error().ToString();
  auto rules = Compile(std::move(*policies));
  ASSERT_TRUE(rules) << rules.error().ToString();
  auto results = RunExamples(*rules);
  ASSERT_TRUE(results) << results.error().ToString();
  EXPECT_GE(results->size(), 90u);
  for (const ExampleResult& result : *results) {
    EXPECT_TRUE(result.passed) << result.rule_id
                               << (result.should_match ? " match: '" : " no_match: '")
                               << result.example << "'";
  }
}

TEST(ShippedPoliciesTest, GiveEveryRuleThreeMatchAndThreeNoMatchExamples) {
  auto policies = LoadPolicies({kPolicies});
  ASSERT_TRUE(policies) << policies.error().ToString();
  for (const std::string file :
       {"pii-eu.yaml", "pii-nl.yaml", "secrets.yaml", "ip.yaml", "conduct-en.yaml",
        "conduct-nl.yaml", "off-channel.yaml", "market-abuse.yaml"}) {
    EXPECT_TRUE(std::filesystem::exists(kPolicies / file)) << file;
  }
  for (const Policy& policy : *policies) {
    for (const Rule& rule : policy.rules) {
      EXPECT_GE(rule.examples_match.size(), 3u) << rule.id;
      EXPECT_GE(rule.examples_no_match.size(), 3u) << rule.id;
    }
  }
}

}  // namespace
}  // namespace holdfast::rules
