#include "rules/rule_set.h"

#include <gtest/gtest.h>

#include "rules/scanner.h"
#include "temp_policies.h"

namespace holdfast::rules {
namespace {

using testing::TempPolicies;

// A policy file whose second rule (at line 7) has `pattern_line` as its only pattern.
std::string PolicyWithPattern(const std::string& pattern_line) {
  return "id: p\n"
         "rules:\n"
         "  - id: p.good\n"
         "    category: ip.codename\n"
         "    patterns: [{literal: bluebird}]\n"
         "\n"
         "  - id: p.bad\n"
         "    category: ip.codename\n"
         "    patterns:\n"
         "      - literal: redwing\n" +
         pattern_line;
}

class CompileTest : public ::testing::Test {
 protected:
  Error CompileError(const std::string& yaml) {
    file_ = temp_.Write("bad.yaml", yaml).string();
    auto policy = LoadPolicyFile(file_);
    if (!policy) {
      ADD_FAILURE() << "the loader already failed: " << policy.error().ToString();
      return {};
    }
    std::vector<Policy> policies;
    policies.push_back(std::move(*policy));
    auto rules = Compile(std::move(policies));
    EXPECT_FALSE(rules.has_value()) << "expected a compile error";
    return rules ? Error{} : rules.error();
  }

  TempPolicies temp_;
  std::string file_;
};

TEST_F(CompileTest, NamesFileLineRuleAndPatternForARegexHyperscanRejects) {
  const Error error = CompileError(PolicyWithPattern("      - regex: '4[0-9'\n"));
  EXPECT_EQ(error.file, file_);
  EXPECT_EQ(error.line, 7);
  EXPECT_EQ(error.rule_id, "p.bad");
  EXPECT_EQ(error.pattern, "4[0-9");
  EXPECT_EQ(error.message.rfind("Hyperscan: ", 0), 0u) << error.message;
  EXPECT_EQ(error.ToString(), file_ + ":7: rule p.bad: pattern '4[0-9': " + error.message);
}

TEST_F(CompileTest, NamesThePatternForARegexOnlyRe2Rejects) {
  // \Z (end or before a final newline) is PCRE syntax Hyperscan accepts and RE2 does not.
  const Error error = CompileError(PolicyWithPattern("      - regex: 'done\\Z'\n"));
  EXPECT_EQ(error.line, 7);
  EXPECT_EQ(error.rule_id, "p.bad");
  EXPECT_EQ(error.pattern, "done\\Z");
  EXPECT_EQ(error.message, "RE2: invalid escape sequence: \\Z");
}

TEST_F(CompileTest, RejectsAPatternThatCanMatchTheEmptyString) {
  const Error error = CompileError(PolicyWithPattern("      - regex: '(?:abc)?'\n"));
  EXPECT_EQ(error.rule_id, "p.bad");
  EXPECT_EQ(error.pattern, "(?:abc)?");
  EXPECT_EQ(error.message, "pattern can match the empty string");
}

TEST_F(CompileTest, RejectsLookaroundsThatNeitherEngineRunsInLinearTime) {
  const Error error = CompileError(PolicyWithPattern("      - regex: 'pass(?=word)'\n"));
  EXPECT_EQ(error.pattern, "pass(?=word)");
  EXPECT_EQ(error.message.rfind("Hyperscan: ", 0), 0u) << error.message;
}

Policy CodePolicy(const std::string& id, const std::string& rule_id) {
  Policy policy;
  policy.id = id;
  policy.file = id + ".yaml";
  Rule rule;
  rule.id = rule_id;
  rule.category = "ip.codename";
  rule.patterns.push_back(Pattern{"bluebird", false, true, {}});
  rule.line = 3;
  policy.rules.push_back(rule);
  return policy;
}

TEST(CompileCodePoliciesTest, RejectsAnUnknownValidatorInAPolicyBuiltInCode) {
  std::vector<Policy> policies = {CodePolicy("p", "p.r")};
  policies[0].rules[0].validator = "mod11";
  auto rules = Compile(policies);
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().file, "p.yaml");
  EXPECT_EQ(rules.error().line, 3);
  EXPECT_EQ(rules.error().rule_id, "p.r");
  EXPECT_EQ(rules.error().message, "unknown validator 'mod11'");
}

TEST(CompileCodePoliciesTest, RejectsAnUnknownCategoryAndAnEmptyPattern) {
  std::vector<Policy> policies = {CodePolicy("p", "p.r")};
  policies[0].rules[0].category = "pii.shoe_size";
  auto rules = Compile(policies);
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().message, "unknown category 'pii.shoe_size'");
  policies = {CodePolicy("p", "p.r")};
  policies[0].rules[0].patterns.push_back(Pattern{"", true, true, {}});
  rules = Compile(policies);
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().message, "empty pattern");
}

TEST(CompileCodePoliciesTest, RejectsARuleIdUsedByTwoPolicies) {
  auto rules = Compile({CodePolicy("a", "shared"), CodePolicy("b", "shared")});
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().file, "b.yaml");
  EXPECT_EQ(rules.error().rule_id, "shared");
  EXPECT_EQ(rules.error().message, "rule id 'shared' is already used in a.yaml:3");
}

TEST(CompileCodePoliciesTest, NumbersRulesInPolicyThenRuleOrder) {
  std::vector<Policy> policies = {CodePolicy("a", "a.one"), CodePolicy("b", "b.one")};
  policies[0].name = "Policy A";
  policies[0].severity = Severity::kCritical;
  policies[0].rules.push_back(policies[0].rules[0]);
  policies[0].rules[1].id = "a.two";
  auto rules = Compile(policies);
  ASSERT_TRUE(rules) << rules.error().ToString();
  const RuleSet& set = **rules;
  ASSERT_EQ(set.size(), 3u);
  EXPECT_EQ(set.info(0).rule_id, "a.one");
  EXPECT_EQ(set.info(1).rule_id, "a.two");
  EXPECT_EQ(set.info(2).rule_id, "b.one");
  EXPECT_EQ(set.info(1).policy_id, "a");
  EXPECT_EQ(set.info(1).policy_name, "Policy A");
  EXPECT_EQ(set.info(1).category, "ip.codename");
  EXPECT_EQ(set.info(1).severity, Severity::kCritical);
  EXPECT_EQ(&set.rule(2), &set.policies()[1].rules[0]);
}

TEST(CompileCodePoliciesTest, CompilesNoPoliciesIntoARuleSetThatFindsNothing) {
  auto rules = Compile({});
  ASSERT_TRUE(rules) << rules.error().ToString();
  EXPECT_EQ((*rules)->size(), 0u);
  auto scanner = Scanner::Create(*rules);
  ASSERT_TRUE(scanner) << scanner.error().ToString();
  auto hits = scanner->Scan("CONFIDENTIAL 4111 1111 1111 1111");
  ASSERT_TRUE(hits) << hits.error().ToString();
  EXPECT_TRUE(hits->empty());
}

}  // namespace
}  // namespace holdfast::rules
