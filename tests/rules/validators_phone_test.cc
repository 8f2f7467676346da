// Phone numbers. Values are built to each country's numbering plan; UK ones are in Ofcom's
// ranges reserved for drama (020 7946 0xxx, 07700 900xxx, 0113 496 0xxx).
#include <gtest/gtest.h>

#include "rules/validators.h"

namespace holdfast::rules {
namespace {

TEST(PhoneTest, AcceptsDutchNumbersInTheWaysPeopleWriteThem) {
  for (const char* number :
       {"+31 20 123 4567", "+31 (0)20 123 4567", "0031 6 12345678", "+31612345678", "06-12345678",
        "06 1234 5678", "020-1234567", "(020) 123 4567", "020.123.45.67"}) {
    EXPECT_TRUE(ValidPhoneNl(number)) << number;
    EXPECT_TRUE(ValidPhone(number)) << number;
  }
}

TEST(PhoneTest, AcceptsBelgianNumbers) {
  for (const char* number : {"+32 2 123 45 67", "02 123 45 67", "04 123 45 67", "0470 12 34 56",
                             "+32 470 12 34 56", "0032 (0)470 12 34 56"}) {
    EXPECT_TRUE(ValidPhoneBe(number)) << number;
    EXPECT_TRUE(ValidPhone(number)) << number;
  }
}

TEST(PhoneTest, AcceptsGermanNumbers) {
  for (const char* number : {"+49 30 12345678", "030/12345678", "+49 (0)30 1234567",
                             "0151 12345678", "0171 1234567", "089 123456", "0049 89 123456"}) {
    EXPECT_TRUE(ValidPhoneDe(number)) << number;
    EXPECT_TRUE(ValidPhone(number)) << number;
  }
}

TEST(PhoneTest, AcceptsUkNumbers) {
  for (const char* number : {"+44 20 7946 0958", "020 7946 0958", "+44 (0)7700 900123",
                             "07700 900123", "0113 496 0000", "0044 113 496 0000"}) {
    EXPECT_TRUE(ValidPhoneUk(number)) << number;
    EXPECT_TRUE(ValidPhone(number)) << number;
  }
}

TEST(PhoneTest, CountryValidatorsKeepToTheirCountry) {
  EXPECT_FALSE(ValidPhoneNl("+49 30 12345678"));
  EXPECT_FALSE(ValidPhoneDe("+31 20 123 4567"));
  EXPECT_FALSE(ValidPhoneBe("+44 20 7946 0958"));
  EXPECT_FALSE(ValidPhoneUk("+32 2 123 45 67"));
  EXPECT_FALSE(ValidPhoneUk("06-12345678"));  // nine digits after the 0: not a UK length
  EXPECT_FALSE(ValidPhoneBe("06-12345678"));  // nine digits, but not a 045x-049x mobile
}

TEST(PhoneTest, RejectsDigitCountsTheCountryDoesNotUse) {
  EXPECT_FALSE(ValidPhoneNl("+31 6 1234567"));
  EXPECT_FALSE(ValidPhoneNl("+31 6 123456789"));
  EXPECT_FALSE(ValidPhoneNl("06-1234567"));
  EXPECT_FALSE(ValidPhoneBe("+32 470 12 34 567"));
  EXPECT_FALSE(ValidPhoneBe("+32 412 34 56 78"));  // nine digits but no mobile range
  EXPECT_FALSE(ValidPhoneDe("+49 151 123456"));    // mobile prefix, too short
  EXPECT_FALSE(ValidPhoneDe("+49 180 1234567"));   // 0180 is a service range
  EXPECT_FALSE(ValidPhoneDe("+49 3 12"));
  EXPECT_FALSE(ValidPhoneDe("+49 30 123456789012"));
  EXPECT_FALSE(ValidPhoneUk("+44 20 7946 095"));
  EXPECT_FALSE(ValidPhoneUk("020 7946 09581"));
  EXPECT_FALSE(ValidPhoneUk("+44 4123 456789"));  // no UK number starts 04
  EXPECT_FALSE(ValidPhone("+33 1 23 45 67 89"));  // France is not covered
}

TEST(PhoneTest, RejectsDatesAmountsAndPlaceholders) {
  EXPECT_FALSE(ValidPhone("2024-03-04"));
  EXPECT_FALSE(ValidPhone("04-03-2024"));
  EXPECT_FALSE(ValidPhone("04.03.2024"));
  EXPECT_FALSE(ValidPhone("04/03/2024"));
  EXPECT_FALSE(ValidPhone("2024/03/04"));
  EXPECT_FALSE(ValidPhone("0201234567.50"));  // an amount with cents
  EXPECT_FALSE(ValidPhone("06123456.78"));
  EXPECT_FALSE(ValidPhone("0666666666"));
  EXPECT_FALSE(ValidPhone("+31 666 666 666"));
  EXPECT_FALSE(ValidPhone("0123456789"));
  EXPECT_FALSE(ValidPhone("1234567890"));  // no trunk 0 and no country code
}

TEST(PhoneTest, RejectsMalformedWriting) {
  EXPECT_FALSE(ValidPhone("+31 020 123 4567"));  // trunk 0 dialled after the country code
  EXPECT_FALSE(ValidPhone("(+31) 20 1234567"));
  EXPECT_FALSE(ValidPhone("+(31) 20 1234567"));
  EXPECT_FALSE(ValidPhone("0(20)1234567"));
  EXPECT_FALSE(ValidPhone("(020) (123) 4567"));
  EXPECT_FALSE(ValidPhone("(020 123 4567"));
  EXPECT_FALSE(ValidPhone("020) 123 4567"));
  EXPECT_FALSE(ValidPhone("(0201234) 567"));  // more than an area code in parentheses
  EXPECT_FALSE(ValidPhone("06--12345678"));
  EXPECT_FALSE(ValidPhone("-0612345678"));
  EXPECT_FALSE(ValidPhone("0612345678-"));
  EXPECT_FALSE(ValidPhone("+ 31 6 12345678"));
  EXPECT_FALSE(ValidPhone("++31 6 12345678"));
  EXPECT_FALSE(ValidPhone("06 1234 5678 x"));
  EXPECT_FALSE(ValidPhone("0612345678, 0612345679"));
  EXPECT_FALSE(
      ValidPhone("+31 6 1234\xC2\xA0"
                 "5678"));  // NBSP
  EXPECT_FALSE(
      ValidPhone("\xEF\xBC\x90\xEF\xBC\x96"
                 "12345678"));  // fullwidth 0 6
}

}  // namespace
}  // namespace holdfast::rules
