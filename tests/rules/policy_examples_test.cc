// Every shipped policy's examples, one test per policy, named by policy id, each failure
// naming its rule and example: adding a rule or an example to policies/ needs no C++. (One
// test per example or per rule starts a process each under ctest, each compiling a policy:
// far too slow with a thousand examples under the sanitizers.)
#include <gtest/gtest.h>

#include "rules/examples.h"
#include "rules/policy.h"

namespace holdfast::rules {
namespace {

const std::filesystem::path kPolicies = std::filesystem::path(HOLDFAST_SOURCE_DIR) / "policies";

struct PolicyCase {
  std::string name;  // test name: the policy id with punctuation as '_'
  std::string policy_id;
  std::string error;  // set instead of the rest when the policies did not load
};

std::ostream& operator<<(std::ostream& out, const PolicyCase& policy) { return out << policy.name; }

std::string TestName(std::string_view rule_id) {
  std::string name;
  for (char c : rule_id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name += alnum ? c : '_';
  }
  return name;
}

// Enumerates the policies when the suite is instantiated, which happens in every process
// ctest starts, so it only reads the YAML; compiling waits for the test that needs it.
std::vector<PolicyCase> ShippedPolicies() {
  auto policies = LoadPolicies({kPolicies});
  if (!policies) {
    return {{"policies_load", "", policies.error().ToString()}};
  }
  std::vector<PolicyCase> cases;
  for (const Policy& policy : *policies) {
    cases.push_back({TestName(policy.id), policy.id, ""});
  }
  return cases;
}

// RunExamples over one policy: a rule depends on its own policy (confidence floor,
// allow-list, rules it takes as evidence), never on another policy's rules, so its verdicts
// are those of the full set (ShippedPoliciesTest checks that one too).
tl::expected<std::vector<ExampleResult>, Error> PolicyExamples(const std::string& policy_id) {
  auto policies = LoadPolicies({kPolicies});
  if (!policies) {
    return tl::unexpected(policies.error());
  }
  for (Policy& policy : *policies) {
    if (policy.id == policy_id) {
      auto rules = Compile({std::move(policy)});
      if (!rules) {
        return tl::unexpected(rules.error());
      }
      return RunExamples(*rules);
    }
  }
  return tl::unexpected(Error{"", 0, "", "", "policy " + policy_id + " not found"});
}

class PolicyExampleTest : public ::testing::TestWithParam<PolicyCase> {};

TEST_P(PolicyExampleTest, BehavesAsItsExamplesSay) {
  const PolicyCase& policy = GetParam();
  ASSERT_EQ(policy.error, "");
  auto results = PolicyExamples(policy.policy_id);
  ASSERT_TRUE(results) << results.error().ToString();
  EXPECT_FALSE(results->empty());
  for (const ExampleResult& result : *results) {
    EXPECT_TRUE(result.passed) << result.policy_file << ": rule " << result.rule_id << " should "
                               << (result.should_match ? "match" : "not match") << ": '"
                               << result.example << "'";
  }
}

INSTANTIATE_TEST_SUITE_P(Shipped, PolicyExampleTest, ::testing::ValuesIn(ShippedPolicies()),
                         [](const ::testing::TestParamInfo<PolicyCase>& param) {
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
