// `iban`. Valid values are the SWIFT IBAN registry's examples; negatives change one thing.
#include <gtest/gtest.h>

#include "rules/validators.h"

namespace holdfast::rules {
namespace {

TEST(IbanTest, AcceptsRegistryExamplesInPrintAndElectronicForm) {
  EXPECT_TRUE(ValidIban("NL91ABNA0417164300"));
  EXPECT_TRUE(ValidIban("NL91 ABNA 0417 1643 00"));
  EXPECT_TRUE(ValidIban("NL20INGB0001234567"));
  EXPECT_TRUE(ValidIban("DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(ValidIban("BE68 5390 0754 7034"));
  EXPECT_TRUE(ValidIban("GB29NWBK60161331926819"));
  EXPECT_TRUE(ValidIban("FR14 2004 1010 0505 0001 3M02 606"));
  EXPECT_TRUE(ValidIban("NO9386011117947"));                          // 15, the shortest
  EXPECT_TRUE(ValidIban("LC55 HEMM 0001 0001 0012 0012 0002 3015"));  // 32, the longest here
  EXPECT_TRUE(ValidIban("MT84 MALT 0110 0001 2345 MTLC AST0 01S"));
  EXPECT_TRUE(ValidIban("nl91abna0417164300"));  // chat writes them in lower case too
}

TEST(IbanTest, RejectsAnOffByOneChecksum) {
  EXPECT_FALSE(ValidIban("NL91ABNA0417164301"));
  EXPECT_FALSE(ValidIban("NL20 INGB 0001 2345 68"));
  EXPECT_FALSE(ValidIban("NL19INGB0001234567"));
  EXPECT_FALSE(ValidIban("DE89 3704 0044 0532 0130 01"));
}

TEST(IbanTest, RejectsAValidChecksumAtTheWrongLengthForItsCountry) {
  // Both pass mod 97 (the check digits were recomputed for these lengths).
  EXPECT_FALSE(ValidIban("NL06ABNA04171643001"));      // NL is 18, this is 19
  EXPECT_FALSE(ValidIban("DE865121080012451261999"));  // DE is 22, this is 23
  EXPECT_FALSE(ValidIban("NL91ABNA04171643"));
  EXPECT_FALSE(ValidIban("NO938601111794"));  // 14
}

TEST(IbanTest, RejectsCountriesWithoutIbans) {
  EXPECT_FALSE(ValidIban("US64SVBKUS6S3300958879"));  // mod 97 holds; the US has no IBAN
  EXPECT_FALSE(ValidIban("XX91ABNA0417164300"));
}

TEST(IbanTest, RejectsMalformedText) {
  EXPECT_FALSE(ValidIban("9L91ABNA0417164300"));
  EXPECT_FALSE(ValidIban("NLX1ABNA0417164300"));
  EXPECT_FALSE(ValidIban("NL00ABNA0417164300"));      // check digits are 02..98
  EXPECT_FALSE(ValidIban("NL91-ABNA-0417-1643-00"));  // only spaces separate groups
  EXPECT_FALSE(ValidIban("NL91  ABNA 0417 1643 00"));
  EXPECT_FALSE(ValidIban(" NL91 ABNA 0417 1643 00"));
  EXPECT_FALSE(ValidIban("NL91ABNA0417164300NL91ABNA0417164300"));
  EXPECT_FALSE(
      ValidIban("NL91\xC2\xA0"
                "ABNA0417164300"));
  EXPECT_FALSE(
      ValidIban("NL91ABNA04171643\xC3\x98"
                "0"));
}

}  // namespace
}  // namespace holdfast::rules
