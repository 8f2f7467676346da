// A rule's `length`: the characters its value must have, checked after RE2 took the value, so
// that a pattern can say `+` where a counted repeat would make RE2's DFA slow on new values.
#include <gtest/gtest.h>

#include "rules/policy.h"
#include "rules/rule_set.h"
#include "scan_helpers.h"
#include "temp_policies.h"

namespace holdfast::rules {
namespace {

using testing::Find;
using testing::FoundHit;
using testing::MakeScanner;
using testing::TempPolicies;

// The value is the group after "code:"; 5 to 8 characters of it flag.
constexpr char kCodes[] = R"(id: p
rules:
  - id: p.code
    category: ip.codename
    patterns:
      - regex: 'code:\s?([\pL\d]+)'
    length: {min: 5, max: 8}
)";

TEST(ValueLengthTest, AValueOutsideTheBoundsIsNoHit) {
  Scanner scanner = MakeScanner(kCodes);
  EXPECT_TRUE(Find(scanner, "code: Qz4k").empty());
  EXPECT_EQ(Find(scanner, "code: Qz4kR"), (std::vector<FoundHit>{{"p.code", 6, "Qz4kR"}}));
  EXPECT_EQ(Find(scanner, "code: Qz4kR9vW"), (std::vector<FoundHit>{{"p.code", 6, "Qz4kR9vW"}}));
  EXPECT_TRUE(Find(scanner, "code: Qz4kR9vWq").empty());
  // Each value on its own: a long one does not hide a good one after it.
  EXPECT_EQ(Find(scanner, "code: Qz4kR9vWq2Lm and code: Lm7tB"),
            (std::vector<FoundHit>{{"p.code", 29, "Lm7tB"}}));
}

TEST(ValueLengthTest, LengthCountsCharactersNotBytes) {
  Scanner scanner = MakeScanner(kCodes);
  // Eight characters in sixteen bytes.
  EXPECT_EQ(
      Find(scanner, "code: \xC3\xA9\xC3\xA0\xC3\xBC\xC3\xB6\xC3\x9F\xC3\xA7\xC3\xB1\xC3\xB8"),
      (std::vector<FoundHit>{
          {"p.code", 6, "\xC3\xA9\xC3\xA0\xC3\xBC\xC3\xB6\xC3\x9F\xC3\xA7\xC3\xB1\xC3\xB8"}}));
  // Four characters in eight bytes.
  EXPECT_TRUE(Find(scanner, "code: \xC3\xA9\xC3\xA0\xC3\xBC\xC3\xB6").empty());
}

TEST(ValueLengthTest, OneBoundAloneAndAWholeMatchValue) {
  Scanner scanner = MakeScanner(R"(id: p
rules:
  - id: p.min
    category: ip.codename
    patterns: [{regex: '\bPRJ-[A-Z0-9]+'}]
    length: {min: 8}
  - id: p.max
    category: ip.codename
    patterns: [{regex: '\bTKT-\d+'}]
    length: {max: 7}
)");
  EXPECT_TRUE(Find(scanner, "see PRJ-A1").empty());
  EXPECT_EQ(Find(scanner, "see PRJ-A1B2C3D4E5F6G7"),
            (std::vector<FoundHit>{{"p.min", 4, "PRJ-A1B2C3D4E5F6G7"}}));
  EXPECT_EQ(Find(scanner, "TKT-123"), (std::vector<FoundHit>{{"p.max", 0, "TKT-123"}}));
  EXPECT_TRUE(Find(scanner, "TKT-1234").empty());
}

class ValueLengthLoadTest : public ::testing::Test {
 protected:
  Error LoadError(const std::string& length) {
    const std::string file = temp_
                                 .Write("bad.yaml", R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns: [{regex: 'x+'}]
    length: )" + length + "\n")
                                 .string();
    auto policy = LoadPolicyFile(file);
    EXPECT_FALSE(policy.has_value()) << length;
    return policy ? Error{} : policy.error();
  }

  TempPolicies temp_;
};

TEST_F(ValueLengthLoadTest, BadBoundsFailWithTheFileLineAndRule) {
  const std::pair<const char*, const char*> cases[] = {
      {"20", "'length' must be a map with min, max or both"},
      {"{}", "'length' must be a map with min, max or both"},
      {"{min: 0}", "length min must be a whole number from 1 to 4096"},
      {"{max: 5000}", "length max must be a whole number from 1 to 4096"},
      {"{min: many}", "length min must be a whole number from 1 to 4096"},
      {"{min: 30, max: 20}", "length min 30 is over max 20"},
      {"{least: 3}", "unknown key 'least' (expected one of min, max)"},
  };
  for (const auto& [length, message] : cases) {
    const Error error = LoadError(length);
    EXPECT_EQ(error.line, 6) << length;
    EXPECT_EQ(error.rule_id, "p.r") << length;
    EXPECT_EQ(error.message, message) << length;
  }
}

TEST(ValueLengthCompileTest, APolicyBuiltInCodeNeedsARange) {
  Policy policy;
  policy.id = "p";
  policy.file = "p.yaml";
  Rule rule;
  rule.id = "p.r";
  rule.category = "ip.codename";
  rule.patterns.push_back(Pattern{"bluebird", false, true, {}});
  rule.line = 3;
  rule.min_length = 9;
  rule.max_length = 4;
  policy.rules.push_back(rule);
  auto rules = Compile({policy});
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().line, 3);
  EXPECT_EQ(rules.error().message, "length min 9 and max 4 are no range (0 = no bound)");
  policy.rules[0].max_length = 0;  // no upper bound
  EXPECT_TRUE(Compile({policy})) << "min alone is a range";
}

}  // namespace
}  // namespace holdfast::rules
