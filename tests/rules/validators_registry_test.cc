// The validator registry, and what every registered validator must do with hostile input.
// Each validator's own accept/reject cases live in the validators_<family>_test.cc files.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rules/internal/names.h"
#include "rules/validators.h"

namespace holdfast::rules {
namespace {

// One value each validator accepts. The registry test below fails for a registered validator
// missing here, so a new validator cannot land without at least one example.
struct Example {
  std::string_view validator;
  std::string_view valid;
};
constexpr Example kOneValidEach[] = {
    {"be_national_number", "85.07.30-033.28"},
    {"de_tax_id", "86095742719"},
    {"email", "jan.jansen@example.nl"},
    {"entropy", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
    {"es_dni", "12345678Z"},
    {"fr_nir", "1 84 12 76 451 089 46"},
    {"github_token", "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"},
    {"iban", "NL91 ABNA 0417 1643 00"},
    {"icao_mrz_number", "L898902C36"},
    {"it_codice_fiscale", "RSSMRA85T10A562S"},
    {"luhn", "4111 1111 1111 1111"},
    {"nl_bsn", "123456782"},
    {"nl_id_document", "SPECI2014"},
    {"phone", "+31 20 123 4567"},
    {"phone_be", "+32 2 123 45 67"},
    {"phone_de", "030/12345678"},
    {"phone_nl", "06-12345678"},
    {"phone_uk", "020 7946 0958"},
    {"pl_pesel", "44051401359"},
    {"secret_value", "Welkom01!"},
};

std::string_view ExampleFor(std::string_view name) {
  for (const Example& example : kOneValidEach) {
    if (example.validator == name) {
      return example.valid;
    }
  }
  return {};
}

TEST(ValidatorRegistryTest, NamesAreSortedAndUnique) {
  const std::vector<ValidatorInfo>& registry = Validators();
  ASSERT_FALSE(registry.empty());
  for (size_t i = 1; i < registry.size(); ++i) {
    EXPECT_LT(registry[i - 1].name, registry[i].name);
  }
}

TEST(ValidatorRegistryTest, EveryNameResolvesToItsOwnRow) {
  for (const ValidatorInfo& info : Validators()) {
    const ValidatorInfo* found = FindValidatorInfo(info.name);
    ASSERT_NE(found, nullptr) << info.name;
    EXPECT_EQ(found->name, info.name);
    EXPECT_EQ(FindValidator(info.name), info.fn) << info.name;
    EXPECT_NE(info.fn, nullptr) << info.name;
    EXPECT_FALSE(info.what.empty()) << info.name;
  }
}

TEST(ValidatorRegistryTest, UnknownNamesResolveToNothing) {
  for (std::string_view name : {"", "lunh", "LUHN", "luhn ", " luhn", "phone_fr", "zz", "a"}) {
    EXPECT_EQ(FindValidatorInfo(name), nullptr) << name;
    EXPECT_EQ(FindValidator(name), nullptr) << name;
    EXPECT_FALSE(RunValidator(name, "4111111111111111")) << name;
  }
}

TEST(ValidatorRegistryTest, ValidatorNamesListsTheRegistryInOrder) {
  std::vector<std::string_view> names;
  for (const ValidatorInfo& info : Validators()) {
    names.push_back(info.name);
  }
  EXPECT_EQ(ValidatorNames(), names);
  EXPECT_EQ(std::set<std::string_view>(names.begin(), names.end()).size(), names.size());
}

TEST(ValidatorRegistryTest, KeepsTheNamesPoliciesAlreadyUse) {
  for (std::string_view name : {"luhn", "iban", "nl_bsn"}) {
    EXPECT_NE(FindValidator(name), nullptr) << name;
  }
}

// Policies must pair these with context words; a change of strength changes what a rule
// needs, so it should be a deliberate edit here too.
TEST(ValidatorRegistryTest, MarksChanceProneValidatorsWeak) {
  const std::set<std::string_view> weak = {"de_tax_id", "es_dni",   "nl_bsn",      "nl_id_document",
                                           "phone",     "phone_be", "phone_de",    "phone_nl",
                                           "phone_uk",  "pl_pesel", "secret_value"};
  for (const ValidatorInfo& info : Validators()) {
    const bool is_weak = info.strength == ValidatorStrength::kWeak;
    EXPECT_EQ(is_weak, weak.count(info.name) == 1) << info.name;
  }
}

TEST(ValidatorRegistryTest, DispatchesByName) {
  EXPECT_TRUE(RunValidator("luhn", "4111111111111111"));
  EXPECT_TRUE(RunValidator("iban", "NL91ABNA0417164300"));
  EXPECT_TRUE(RunValidator("nl_bsn", "111222333"));
  EXPECT_FALSE(RunValidator("nl_bsn", "4111111111111111"));
  EXPECT_FALSE(RunValidator("iban", "4111111111111111"));
}

TEST(ValidatorRegistryTest, EveryValidatorHasAnAcceptedExampleHere) {
  for (const ValidatorInfo& info : Validators()) {
    const std::string_view example = ExampleFor(info.name);
    ASSERT_FALSE(example.empty()) << "add an example for " << info.name;
    EXPECT_TRUE(info.fn(example)) << info.name << ": " << example;
  }
  for (const Example& example : kOneValidEach) {
    EXPECT_NE(FindValidatorInfo(example.validator), nullptr) << example.validator;
  }
}

// Hostile input, run against every registered validator. Each case starts from a value the
// validator accepts, so a rejection is caused by the damage and not by the value.
class EveryValidatorTest : public testing::TestWithParam<ValidatorInfo> {
 protected:
  std::string Valid() const { return std::string(ExampleFor(GetParam().name)); }
  bool Run(std::string_view text) const { return GetParam().fn(text); }
};

TEST_P(EveryValidatorTest, AcceptsItsExample) { EXPECT_TRUE(Run(Valid())); }

TEST_P(EveryValidatorTest, RejectsEmptyText) {
  EXPECT_FALSE(Run(""));
  EXPECT_FALSE(Run(std::string_view()));
}

TEST_P(EveryValidatorTest, RejectsTenKilobytes) {
  std::string repeated;
  while (repeated.size() < 10 * 1024) {
    repeated += Valid();
  }
  EXPECT_FALSE(Run(repeated));
  EXPECT_FALSE(Run(std::string(10 * 1024, '1')));
  EXPECT_FALSE(Run(std::string(10 * 1024, 'a')));
  EXPECT_FALSE(Run(std::string(10 * 1024, ' ')));
  EXPECT_FALSE(Run(Valid() + std::string(10 * 1024, ' ')));
}

TEST_P(EveryValidatorTest, RejectsInvalidUtf8) {
  const std::string valid = Valid();
  const std::string middle =
      valid.substr(0, valid.size() / 2) + "\xFF" + valid.substr(valid.size() / 2);
  EXPECT_FALSE(Run(middle));
  EXPECT_FALSE(Run(valid + "\xC3"));      // truncated two-byte sequence
  EXPECT_FALSE(Run("\xC0\xAF" + valid));  // overlong '/'
  EXPECT_FALSE(Run("\xFF\xFE\xFD"));
}

TEST_P(EveryValidatorTest, RejectsControlCharacters) {
  const std::string valid = Valid();
  EXPECT_FALSE(Run(valid + std::string(1, '\0')));
  EXPECT_FALSE(Run(valid.substr(0, 3) + "\t" + valid.substr(3)));
  EXPECT_FALSE(Run(valid + "\n"));
}

INSTANTIATE_TEST_SUITE_P(Registry, EveryValidatorTest, testing::ValuesIn(Validators()),
                         [](const testing::TestParamInfo<ValidatorInfo>& param) {
                           return std::string(param.param.name);
                         });

}  // namespace
}  // namespace holdfast::rules
