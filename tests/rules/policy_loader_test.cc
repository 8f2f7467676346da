#include <gtest/gtest.h>

#include "rules/policy.h"
#include "temp_policies.h"

namespace holdfast::rules {
namespace {

using testing::TempPolicies;

constexpr char kGoodPolicy[] = R"(id: pii
name: Personal data
severity: high
rules:
  - id: pii.card
    category: pii.credit_card
    patterns:
      - regex: '\b4\d{15}\b'
      - literal: 'CARD'
        case_insensitive: false
    validator: luhn
    context: {words: [card, kaart], window: 30}
    allow: ['4111111111111111']
    examples: {match: ['card 4000000000000002'], no_match: ['nothing here']}
)";

class PolicyLoaderTest : public ::testing::Test {
 protected:
  // Loads `yaml` as one file and returns the error it must produce.
  Error LoadError(const std::string& yaml) {
    file_ = temp_.Write("bad.yaml", yaml).string();
    auto policy = LoadPolicyFile(file_);
    EXPECT_FALSE(policy.has_value()) << "expected an error";
    return policy ? Error{} : policy.error();
  }

  TempPolicies temp_;
  std::string file_;
};

TEST_F(PolicyLoaderTest, ReadsEveryDocumentedField) {
  auto policy = LoadPolicyFile(temp_.Write("pii.yaml", kGoodPolicy));
  ASSERT_TRUE(policy) << policy.error().ToString();
  EXPECT_EQ(policy->id, "pii");
  EXPECT_EQ(policy->name, "Personal data");
  EXPECT_EQ(policy->severity, Severity::kHigh);
  EXPECT_EQ(policy->file, (temp_.dir() / "pii.yaml").string());
  ASSERT_EQ(policy->rules.size(), 1u);
  const Rule& rule = policy->rules[0];
  EXPECT_EQ(rule.id, "pii.card");
  EXPECT_EQ(rule.category, "pii.credit_card");
  EXPECT_EQ(rule.line, 5);
  ASSERT_EQ(rule.patterns.size(), 2u);
  EXPECT_EQ(rule.patterns[0].text, "\\b4\\d{15}\\b");
  EXPECT_TRUE(rule.patterns[0].regex);
  EXPECT_TRUE(rule.patterns[0].case_insensitive);
  EXPECT_EQ(rule.patterns[1].text, "CARD");
  EXPECT_FALSE(rule.patterns[1].regex);
  EXPECT_FALSE(rule.patterns[1].case_insensitive);
  EXPECT_EQ(rule.validator, "luhn");
  EXPECT_EQ(rule.context_words, (std::vector<std::string>{"card", "kaart"}));
  EXPECT_EQ(rule.context_window, 30);
  EXPECT_EQ(rule.allow, (std::vector<std::string>{"4111111111111111"}));
  EXPECT_EQ(rule.examples_match, (std::vector<std::string>{"card 4000000000000002"}));
  EXPECT_EQ(rule.examples_no_match, (std::vector<std::string>{"nothing here"}));
}

TEST_F(PolicyLoaderTest, DefaultsNameToIdAndSeverityToMedium) {
  auto policy = LoadPolicyFile(temp_.Write("p.yaml", R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns: [{literal: bluebird}]
)"));
  ASSERT_TRUE(policy) << policy.error().ToString();
  EXPECT_EQ(policy->name, "p");
  EXPECT_EQ(policy->severity, Severity::kMedium);
}

TEST_F(PolicyLoaderTest, RejectsAnUnknownKeyInARule) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns: [{literal: bluebird}]
    validater: luhn
)");
  EXPECT_EQ(error.file, file_);
  EXPECT_EQ(error.line, 6);
  EXPECT_EQ(error.rule_id, "p.r");
  EXPECT_EQ(error.message,
            "unknown key 'validater' (expected one of id, category, patterns, validator, "
            "context, allow, examples)");
}

TEST_F(PolicyLoaderTest, RejectsAnUnknownValidator) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.card
    category: pii.credit_card
    patterns: [{regex: '\d{16}'}]
    validator: lunh
)");
  EXPECT_EQ(error.line, 6);
  EXPECT_EQ(error.rule_id, "p.card");
  EXPECT_EQ(error.message, "unknown validator 'lunh'");
  EXPECT_EQ(error.ToString(), file_ + ":6: rule p.card: unknown validator 'lunh'");
}

TEST_F(PolicyLoaderTest, RejectsACategoryOutsideTheTaxonomy) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: pii.shoe_size
    patterns: [{literal: bluebird}]
)");
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.rule_id, "p.r");
  EXPECT_EQ(error.message, "unknown category 'pii.shoe_size'");
}

TEST_F(PolicyLoaderTest, RejectsAnUnknownSeverity) {
  const Error error = LoadError(R"(id: p
severity: urgent
rules:
  - id: p.r
    category: ip.codename
    patterns: [{literal: bluebird}]
)");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.rule_id, "");
  EXPECT_EQ(error.message, "unknown severity 'urgent' (expected low, medium, high or critical)");
}

TEST_F(PolicyLoaderTest, RejectsAnEmptyPattern) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns:
      - literal: bluebird
      - literal: ''
)");
  EXPECT_EQ(error.line, 7);
  EXPECT_EQ(error.rule_id, "p.r");
  EXPECT_EQ(error.message, "empty pattern");
}

TEST_F(PolicyLoaderTest, RejectsARuleWithoutIdCategoryOrPatterns) {
  Error error =
      LoadError("id: p\nrules:\n  - category: ip.codename\n    patterns: [{literal: x}]\n");
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.message, "missing 'id'");
  error = LoadError("id: p\nrules:\n  - id: p.r\n    patterns: [{literal: x}]\n");
  EXPECT_EQ(error.rule_id, "p.r");
  EXPECT_EQ(error.message, "missing 'category'");
  error = LoadError("id: p\nrules:\n  - id: p.r\n    category: ip.codename\n");
  EXPECT_EQ(error.rule_id, "p.r");
  EXPECT_EQ(error.message, "missing 'patterns'");
  error = LoadError("id: p\nrules:\n  - id: p.r\n    category: ip.codename\n    patterns: []\n");
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.message, "'patterns' must be a non-empty list");
}

TEST_F(PolicyLoaderTest, RejectsAPatternWithBothRegexAndLiteral) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns: [{regex: 'a+', literal: 'a'}]
)");
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.message, "a pattern needs exactly one of 'regex' or 'literal'");
}

TEST_F(PolicyLoaderTest, RejectsADuplicateRuleIdWithinAFile) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns: [{literal: bluebird}]
  - id: p.r
    category: ip.codename
    patterns: [{literal: redwing}]
)");
  EXPECT_EQ(error.line, 6);
  EXPECT_EQ(error.rule_id, "p.r");
  EXPECT_EQ(error.message, "rule id 'p.r' is already used in " + file_ + ":3");
}

TEST_F(PolicyLoaderTest, RejectsARepeatedKey) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: ip.codename
    category: ip.source_code
    patterns: [{literal: bluebird}]
)");
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.message, "key 'category' appears twice");
}

TEST_F(PolicyLoaderTest, RejectsContextWithoutAPositiveWindow) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: pii.nl_bsn
    patterns: [{regex: '\d{9}'}]
    context: {words: [bsn], window: -3}
)");
  EXPECT_EQ(error.line, 6);
  EXPECT_EQ(error.message, "context window must be a positive number of characters");
}

TEST_F(PolicyLoaderTest, ReportsYamlSyntaxErrorsWithTheirLine) {
  const Error error = LoadError("id: p\nrules:\n  - id: [unclosed\n");
  EXPECT_EQ(error.file, file_);
  EXPECT_GT(error.line, 0);
  EXPECT_EQ(error.message.rfind("YAML: ", 0), 0u) << error.message;
}

TEST_F(PolicyLoaderTest, ReportsAnEmptyFileAndAMissingFile) {
  EXPECT_EQ(LoadError("").message, "policy file is empty");
  auto missing = LoadPolicyFile(temp_.dir() / "absent.yaml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "cannot open: No such file or directory");
}

TEST_F(PolicyLoaderTest, LoadsFolderFilesInNameOrderAndSkipsOtherFiles) {
  const auto policy = [](const std::string& id) {
    return "id: " + id + "\nrules:\n  - id: " + id +
           ".r\n    category: ip.codename\n    patterns: [{literal: x}]\n";
  };
  temp_.Write("b.yml", policy("b"));
  temp_.Write("a.yaml", policy("a"));
  temp_.Write("c.txt", "not a policy");
  auto policies = LoadPolicies({temp_.dir()});
  ASSERT_TRUE(policies) << policies.error().ToString();
  ASSERT_EQ(policies->size(), 2u);
  EXPECT_EQ((*policies)[0].id, "a");
  EXPECT_EQ((*policies)[1].id, "b");
}

TEST_F(PolicyLoaderTest, RejectsAPolicyIdUsedInTwoFiles) {
  const auto policy = [](const std::string& rule_id) {
    return "id: same\nrules:\n  - id: " + rule_id +
           "\n    category: ip.codename\n    patterns: [{literal: x}]\n";
  };
  const auto first = temp_.Write("a.yaml", policy("r1"));
  const auto second = temp_.Write("b.yaml", policy("r2"));
  auto policies = LoadPolicies({first, second});
  ASSERT_FALSE(policies);
  EXPECT_EQ(policies.error().file, second.string());
  EXPECT_EQ(policies.error().message, "policy id 'same' is already used in " + first.string());
}

TEST_F(PolicyLoaderTest, RejectsARuleIdUsedInTwoFiles) {
  const std::string rule =
      "rules:\n  - id: shared.rule\n    category: ip.codename\n"
      "    patterns: [{literal: x}]\n";
  const auto first = temp_.Write("a.yaml", "id: a\n" + rule);
  const auto second = temp_.Write("b.yaml", "id: b\n" + rule);
  auto policies = LoadPolicies({temp_.dir()});
  ASSERT_FALSE(policies);
  EXPECT_EQ(policies.error().file, second.string());
  EXPECT_EQ(policies.error().line, 3);
  EXPECT_EQ(policies.error().rule_id, "shared.rule");
  EXPECT_EQ(policies.error().message,
            "rule id 'shared.rule' is already used in " + first.string() + ":3");
}

TEST(ErrorTest, FormatsOnlyTheFieldsThatAreKnown) {
  EXPECT_EQ((Error{"p.yaml", 12, "pii.card", "4[0-9", "missing ]"}).ToString(),
            "p.yaml:12: rule pii.card: pattern '4[0-9': missing ]");
  EXPECT_EQ((Error{"p.yaml", 0, "", "", "policy file is empty"}).ToString(),
            "p.yaml: policy file is empty");
  EXPECT_EQ((Error{"", 0, "", "", "no rule set"}).ToString(), "no rule set");
}

TEST(CategoriesTest, IsTheFixedTaxonomy) {
  EXPECT_EQ(Categories().size(), 20u);
  EXPECT_EQ(Categories().front(), "pii.credit_card");
  EXPECT_EQ(Categories().back(), "compliance.insider_info");
}

}  // namespace
}  // namespace holdfast::rules
