// Every shipped policy's examples, one test per example, named by rule id: adding a rule or an
// example to policies/ needs no C++.
#include <gtest/gtest.h>

#include "rules/examples.h"
#include "rules/policy.h"

namespace holdfast::rules {
namespace {

const std::filesystem::path kPolicies = std::filesystem::path(HOLDFAST_SOURCE_DIR) / "policies";

struct ExampleCase {
  std::string name;  // test name: rule id, match or no_match, index
  std::string policy_file;
  std::string rule_id;
  bool should_match = true;
  size_t index = 0;  // among the rule's examples of the same kind
  std::string example;
  std::string error;  // set instead of the rest when the policies did not load
};

std::ostream& operator<<(std::ostream& out, const ExampleCase& example) {
  return out << example.name;
}

std::string TestName(std::string_view rule_id, bool should_match, size_t index) {
  std::string name;
  for (char c : rule_id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name += alnum ? c : '_';
  }
  return name + (should_match ? "_match_" : "_no_match_") + std::to_string(index);
}

// Enumerates the examples when the suite is instantiated, which happens in every process
// ctest starts, so it only reads the YAML; compiling waits for the test that needs it.
std::vector<ExampleCase> ShippedExamples() {
  auto policies = LoadPolicies({kPolicies});
  if (!policies) {
    return {{"policies_load", "", "", true, 0, "", policies.error().ToString()}};
  }
  std::vector<ExampleCase> cases;
  for (const Policy& policy : *policies) {
    for (const Rule& rule : policy.rules) {
      for (bool should_match : {true, false}) {
        const auto& examples = should_match ? rule.examples_match : rule.examples_no_match;
        for (size_t i = 0; i < examples.size(); ++i) {
          cases.push_back({TestName(rule.id, should_match, i), policy.file, rule.id, should_match,
                           i, examples[i], ""});
        }
      }
    }
  }
  return cases;
}

// RunExamples over a rule set holding only `rule_id`'s rule: a rule is confirmed on its own,
// so its verdicts are those of the full set (ShippedPoliciesTest checks that one too), and a
// test process compiles one rule's patterns instead of every policy's.
tl::expected<std::vector<ExampleResult>, Error> RuleExamples(const std::string& rule_id) {
  auto policies = LoadPolicies({kPolicies});
  if (!policies) {
    return tl::unexpected(policies.error());
  }
  for (Policy& policy : *policies) {
    for (const Rule& rule : policy.rules) {
      if (rule.id == rule_id) {
        const Rule only = rule;
        policy.rules = {only};
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

class PolicyExampleTest : public ::testing::TestWithParam<ExampleCase> {};

TEST_P(PolicyExampleTest, BehavesAsItsRuleSays) {
  const ExampleCase& example = GetParam();
  ASSERT_EQ(example.error, "");
  auto results = RuleExamples(example.rule_id);
  ASSERT_TRUE(results) << results.error().ToString();
  size_t seen = 0;
  for (const ExampleResult& result : *results) {
    if (result.should_match != example.should_match || seen++ != example.index) {
      continue;
    }
    ASSERT_EQ(result.example, example.example);
    EXPECT_TRUE(result.passed) << example.policy_file << ": rule " << example.rule_id << " should "
                               << (example.should_match ? "match" : "not match") << ": '"
                               << example.example << "'";
    return;
  }
  FAIL() << "RunExamples gave no result for " << example.name;
}

INSTANTIATE_TEST_SUITE_P(Shipped, PolicyExampleTest, ::testing::ValuesIn(ShippedExamples()),
                         [](const ::testing::TestParamInfo<ExampleCase>& param) {
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
