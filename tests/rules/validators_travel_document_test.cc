// `nl_id_document`, `icao_mrz_number` and IcaoCheckDigit. "L898902C3" / 6, "740812" / 2 and
// "120415" / 9 are the worked examples of ICAO Doc 9303; "SPECI2014" / 2 is the Dutch
// specimen passport. Other check digits were computed with a throwaway script.
#include <gtest/gtest.h>

#include "rules/validators.h"

namespace holdfast::rules {
namespace {

TEST(IcaoCheckDigitTest, MatchesTheWorkedExamplesOfDoc9303) {
  EXPECT_EQ(IcaoCheckDigit("L898902C3"), 6);
  EXPECT_EQ(IcaoCheckDigit("740812"), 2);
  EXPECT_EQ(IcaoCheckDigit("120415"), 9);
  EXPECT_EQ(IcaoCheckDigit("SPECI2014"), 2);
}

TEST(IcaoCheckDigitTest, CountsFillerAsZeroAndLettersInEitherCase) {
  EXPECT_EQ(IcaoCheckDigit("AB1234<<<"), 1);
  EXPECT_EQ(IcaoCheckDigit("AB1234<<<"), IcaoCheckDigit("AB1234000"));
  EXPECT_EQ(IcaoCheckDigit("l898902c3"), 6);
}

TEST(IcaoCheckDigitTest, RefusesCharactersOutsideTheMrzAlphabet) {
  EXPECT_EQ(IcaoCheckDigit(""), -1);
  EXPECT_EQ(IcaoCheckDigit("L898-902C3"), -1);
  EXPECT_EQ(IcaoCheckDigit("L898 902C3"), -1);
  EXPECT_EQ(IcaoCheckDigit("\xC3\x89"
                           "1234"),
            -1);
  EXPECT_EQ(IcaoCheckDigit("\xFF"), -1);
}

TEST(NlIdDocumentTest, AcceptsNineCharactersAndAnOptionalCheckDigit) {
  EXPECT_TRUE(ValidNlIdDocument("SPECI2014"));
  EXPECT_TRUE(ValidNlIdDocument("SPECI20142"));
  EXPECT_TRUE(ValidNlIdDocument("NWK2H9F13"));
  EXPECT_TRUE(ValidNlIdDocument("NWK2H9F132"));
  EXPECT_TRUE(ValidNlIdDocument("XR12345A7"));
  EXPECT_TRUE(ValidNlIdDocument("speci2014"));
}

TEST(NlIdDocumentTest, RejectsAWrongCheckDigit) {
  EXPECT_FALSE(ValidNlIdDocument("SPECI20143"));
  EXPECT_FALSE(ValidNlIdDocument("SPECI20141"));
  EXPECT_FALSE(ValidNlIdDocument("SPECI2014X"));
  EXPECT_FALSE(ValidNlIdDocument("SPECI2014<"));
}

TEST(NlIdDocumentTest, RejectsTheWrongShape) {
  EXPECT_FALSE(ValidNlIdDocument("SPECO2014"));  // the letter O is never issued
  EXPECT_FALSE(ValidNlIdDocument("1PECI2014"));  // starts with two letters
  EXPECT_FALSE(ValidNlIdDocument("S1ECI2014"));
  EXPECT_FALSE(ValidNlIdDocument("SPECI201A"));  // ends with a digit
  EXPECT_FALSE(ValidNlIdDocument("SPECI201"));
  EXPECT_FALSE(ValidNlIdDocument("SPECI201421"));
  EXPECT_FALSE(ValidNlIdDocument("SPEC-2014"));
  EXPECT_FALSE(ValidNlIdDocument("SPECI  2014"));  // two spaces: two numbers
  EXPECT_FALSE(
      ValidNlIdDocument("SP\xC3\x89"
                        "CI2014"));
}

TEST(IcaoMrzNumberTest, AcceptsANumberFollowedByItsCheckDigit) {
  EXPECT_TRUE(ValidIcaoMrzNumber("L898902C36"));
  EXPECT_TRUE(ValidIcaoMrzNumber("SPECI20142"));
  EXPECT_TRUE(ValidIcaoMrzNumber("AB1234<<<1"));
  EXPECT_TRUE(ValidIcaoMrzNumber("IDNL123458"));
}

TEST(IcaoMrzNumberTest, RejectsAWrongOrMissingCheckDigit) {
  EXPECT_FALSE(ValidIcaoMrzNumber("L898902C37"));
  EXPECT_FALSE(ValidIcaoMrzNumber("L898902C35"));
  EXPECT_FALSE(ValidIcaoMrzNumber("L898902C3"));
  EXPECT_FALSE(ValidIcaoMrzNumber("L898902C3<"));
}

TEST(IcaoMrzNumberTest, RejectsWordsFillerInTheMiddleAndOtherCharacters) {
  EXPECT_FALSE(ValidIcaoMrzNumber("PASSPORTS2"));  // check digit right, but no digits
  EXPECT_FALSE(ValidIcaoMrzNumber("AB12<34<<X"));
  EXPECT_FALSE(ValidIcaoMrzNumber("<AB1234<<1"));
  EXPECT_FALSE(ValidIcaoMrzNumber("L898-02C36"));
  EXPECT_FALSE(ValidIcaoMrzNumber("L898902C366"));
}

TEST(NlIdDocumentTest, AcceptsTheNumberRetypedInSpacedGroups) {
  EXPECT_TRUE(ValidNlIdDocument("NWK 2H9 F13"));
  EXPECT_TRUE(ValidNlIdDocument("NWK2 H9F1 32"));
  EXPECT_FALSE(ValidNlIdDocument("NWK 2H9 F13 22"));  // one character too many
  EXPECT_FALSE(ValidNlIdDocument("NWK-2H9-F13"));     // only spaces
  EXPECT_FALSE(ValidNlIdDocument(" NWK2H9F13"));
}

}  // namespace
}  // namespace holdfast::rules
