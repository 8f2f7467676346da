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
    confidence: low
    evidence: [{words: [card, kaart], window: 30}, {rule: pii.mail, window: 50, confidence: medium}]
    unless: [{regex: 'test card', window: 10}]
    allow: ['4111111111111111', {regex: '^4000'}]
    examples: {match: ['card 4000000000000002'], no_match: ['nothing here']}
  - id: pii.mail
    category: pii.email
    view: lexicon
    patterns:
      - regex: '[a-z]+@[a-z]+\.nl'
        trigger: {regex: '@', before: 30, after: 40}
action: redact-in-index
min_confidence: high
review_sample: 12.5
scope: {sources: [slack], communities: [C1, C2]}
exceptions:
  - {community: payroll, rules: [pii.card]}
  - {author: U1}
allow: [{regex: 'x'}, 'y']
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
  ASSERT_EQ(policy->rules.size(), 2u);
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
  EXPECT_EQ(rule.confidence, Confidence::kLow);
  ASSERT_EQ(rule.evidence.size(), 2u);
  EXPECT_EQ(rule.evidence[0].words, (std::vector<std::string>{"card", "kaart"}));
  EXPECT_EQ(rule.evidence[0].window, 30);
  EXPECT_EQ(rule.evidence[0].confidence, Confidence::kHigh);  // the default
  EXPECT_EQ(rule.evidence[1].rule, "pii.mail");
  EXPECT_EQ(rule.evidence[1].confidence, Confidence::kMedium);
  ASSERT_EQ(rule.unless.size(), 1u);
  EXPECT_EQ(rule.unless[0].regex, "test card");
  EXPECT_EQ(rule.unless[0].window, 10);
  ASSERT_EQ(rule.allow.size(), 2u);
  EXPECT_EQ(rule.allow[0].text, "4111111111111111");
  EXPECT_FALSE(rule.allow[0].regex);
  EXPECT_EQ(rule.allow[1].text, "^4000");
  EXPECT_TRUE(rule.allow[1].regex);
  EXPECT_EQ(rule.view, View::kText);
  EXPECT_EQ(rule.examples_match, (std::vector<std::string>{"card 4000000000000002"}));
  EXPECT_EQ(rule.examples_no_match, (std::vector<std::string>{"nothing here"}));
  const Rule& mail = policy->rules[1];
  EXPECT_EQ(mail.view, View::kLexicon);
  ASSERT_TRUE(mail.patterns[0].trigger.has_value());
  EXPECT_EQ(mail.patterns[0].trigger->regex, "@");
  EXPECT_EQ(mail.patterns[0].trigger->before, 30);
  EXPECT_EQ(mail.patterns[0].trigger->after, 40);
  EXPECT_EQ(policy->action, Action::kRedactInIndex);
  EXPECT_EQ(policy->min_confidence, Confidence::kHigh);
  EXPECT_EQ(policy->review_sample, 12.5);
  EXPECT_EQ(policy->scope.sources, (std::vector<std::string>{"slack"}));
  EXPECT_EQ(policy->scope.communities, (std::vector<std::string>{"C1", "C2"}));
  ASSERT_EQ(policy->exceptions.size(), 2u);
  EXPECT_EQ(policy->exceptions[0].community, "payroll");
  EXPECT_EQ(policy->exceptions[0].rules, (std::vector<std::string>{"pii.card"}));
  EXPECT_EQ(policy->exceptions[1].author, "U1");
  EXPECT_TRUE(policy->exceptions[1].rules.empty());
  ASSERT_EQ(policy->allow.size(), 2u);
  EXPECT_TRUE(policy->allow[0].regex);
  EXPECT_EQ(policy->allow[1].text, "y");
  // And it compiles: the rule evidence and the exception resolve.
  std::vector<Policy> policies = {*policy};
  auto rules = Compile(policies);
  EXPECT_TRUE(rules) << rules.error().ToString();
}

TEST_F(PolicyLoaderTest, DefaultsActionConfidenceAndView) {
  auto policy = LoadPolicyFile(temp_.Write("p.yaml", R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns: [{literal: bluebird}]
)"));
  ASSERT_TRUE(policy) << policy.error().ToString();
  EXPECT_EQ(policy->action, Action::kFlag);
  EXPECT_EQ(policy->min_confidence, Confidence::kMedium);
  EXPECT_EQ(policy->review_sample, 100);  // every flag goes to the queue
  EXPECT_TRUE(policy->scope.sources.empty());
  EXPECT_EQ(policy->rules[0].confidence, Confidence::kMedium);
  EXPECT_EQ(policy->rules[0].view, View::kText);
}

TEST_F(PolicyLoaderTest, RejectsTheOldContextKeyWithTheReplacement) {
  const Error error = LoadError(R"(id: p
rules:
  - id: p.r
    category: pii.nl_bsn
    patterns: [{regex: '\d{9}'}]
    context: {words: [bsn], window: 3}
)");
  EXPECT_EQ(error.line, 6);
  EXPECT_NE(error.message.find("'context' is replaced by"), std::string::npos) << error.message;
}

TEST_F(PolicyLoaderTest, RejectsBadConfidenceActionAndEvidence) {
  struct Case {
    const char* yaml;
    int line;
    const char* message;
  };
  const Case cases[] = {
      {"id: p\nmin_confidence: certain\nrules: [{id: p.r, category: ip.codename, patterns: "
       "[{literal: x}]}]\n",
       2, "confidence must be low, medium or high"},
      {"id: p\naction: shout\nrules: [{id: p.r, category: ip.codename, patterns: "
       "[{literal: x}]}]\n",
       2, "action must be flag, flag+notify or redact-in-index"},
      {"id: p\nreview_sample: 101\nrules: [{id: p.r, category: ip.codename, patterns: "
       "[{literal: x}]}]\n",
       2, "review_sample must be a percentage from 0 to 100"},
      {"id: p\nreview_sample: half\nrules: [{id: p.r, category: ip.codename, patterns: "
       "[{literal: x}]}]\n",
       2, "review_sample must be a percentage from 0 to 100"},
      {"id: p\nrules:\n  - id: p.r\n    category: ip.codename\n    patterns: [{literal: x}]\n"
       "    evidence: [{words: [a], regex: b, window: 3}]\n",
       6, "an evidence entry needs exactly one of words, regex or rule"},
      {"id: p\nrules:\n  - id: p.r\n    category: ip.codename\n    patterns: [{literal: x}]\n"
       "    unless: [{rule: p.q, window: 3}]\n",
       6, "unknown key 'rule' (expected one of words, regex, window)"},
      {"id: p\nrules:\n  - id: p.r\n    category: ip.codename\n    patterns: [{literal: x}]\n"
       "    evidence: [{words: [a], window: 0}]\n",
       6, "evidence window must be a whole number from 1 to 1000"},
      {"id: p\nrules:\n  - id: p.r\n    category: ip.codename\n    patterns:\n"
       "      - {regex: 'a@b', trigger: {regex: '@', before: 3}}\n",
       6, "trigger needs 'after'"},
      {"id: p\nexceptions: [{rules: [p.r]}]\nrules: [{id: p.r, category: ip.codename, "
       "patterns: [{literal: x}]}]\n",
       2, "an exception needs a source, a community or an author"},
      {"id: p\nrules:\n  - id: p.r\n    category: ip.codename\n    view: rendered\n"
       "    patterns: [{literal: x}]\n",
       5, "view must be text or lexicon"},
  };
  for (const Case& c : cases) {
    const Error error = LoadError(c.yaml);
    EXPECT_EQ(error.line, c.line) << c.yaml;
    EXPECT_EQ(error.message, c.message) << c.yaml;
  }
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
            "unknown key 'validater' (expected one of id, category, view, patterns, validator, "
            "length, confidence, evidence, unless, allow, examples, context)");
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
  EXPECT_EQ(Categories().size(), 28u);
  EXPECT_EQ(Categories().front(), "pii.credit_card");
  EXPECT_EQ(Categories().back(), "compliance.front_running");
}

}  // namespace
}  // namespace holdfast::rules
