// `luhn`. Test card numbers are the brands' published test numbers; the rest were completed
// with a throwaway script that appends the Luhn check digit to a chosen prefix, and the
// negatives were made the same way so that only the named property is wrong.
#include <gtest/gtest.h>

#include <string>

#include "rules/validators.h"

namespace holdfast::rules {
namespace {

TEST(LuhnTest, AcceptsEachBrandAtEachLengthItIssues) {
  EXPECT_TRUE(ValidLuhn("4222222222222"));        // Visa 13
  EXPECT_TRUE(ValidLuhn("4111111111111111"));     // Visa 16
  EXPECT_TRUE(ValidLuhn("4111111111111111110"));  // Visa 19
  EXPECT_TRUE(ValidLuhn("5555555555554444"));     // Mastercard 55
  EXPECT_TRUE(ValidLuhn("5105105105105100"));     // Mastercard 51
  EXPECT_TRUE(ValidLuhn("2221000000000009"));     // Mastercard 2-series, low end
  EXPECT_TRUE(ValidLuhn("2720990000000007"));     // Mastercard 2-series, high end
  EXPECT_TRUE(ValidLuhn("378282246310005"));      // Amex 37
  EXPECT_TRUE(ValidLuhn("340000000000009"));      // Amex 34
  EXPECT_TRUE(ValidLuhn("6011111111111117"));     // Discover 6011
  EXPECT_TRUE(ValidLuhn("6445644564456445"));     // Discover 644-649
  EXPECT_TRUE(ValidLuhn("6500000000000002"));     // Discover 65
  EXPECT_TRUE(ValidLuhn("501800000009"));         // Maestro 12
  EXPECT_TRUE(ValidLuhn("6759649826438453"));     // Maestro 67
  EXPECT_TRUE(ValidLuhn("6200000000000005"));     // UnionPay 16
  EXPECT_TRUE(ValidLuhn("6212345678901234569"));  // UnionPay 19
  EXPECT_TRUE(ValidLuhn("3530111333300000"));     // JCB 3530
  EXPECT_TRUE(ValidLuhn("3589000000000003"));     // JCB 3589
  EXPECT_TRUE(ValidLuhn("30569309025904"));       // Diners 305, 14
  EXPECT_TRUE(ValidLuhn("38520000023237"));       // Diners 38
  EXPECT_TRUE(ValidLuhn("36227206271667"));       // Diners 36
  EXPECT_TRUE(ValidLuhn("3600000000000000004"));  // Diners 36, 19
}

TEST(LuhnTest, AcceptsTheGroupingsCardsArePrintedIn) {
  EXPECT_TRUE(ValidLuhn("4111 1111 1111 1111"));
  EXPECT_TRUE(ValidLuhn("5500-0000-0000-0004"));
  EXPECT_TRUE(ValidLuhn("3782.822463.10005"));  // Amex 4-6-5
  EXPECT_TRUE(ValidLuhn("3782 822463 10005"));
  EXPECT_TRUE(ValidLuhn("3056 930902 5904"));  // Diners 4-6-4
  EXPECT_TRUE(ValidLuhn("4111 1111 1111 1111 110"));
}

TEST(LuhnTest, RejectsAnOffByOneCheckDigit) {
  EXPECT_FALSE(ValidLuhn("4111 1111 1111 1112"));
  EXPECT_FALSE(ValidLuhn("4111111111111110"));
  EXPECT_FALSE(ValidLuhn("5500000000000005"));
  EXPECT_FALSE(ValidLuhn("378282246310006"));
  EXPECT_FALSE(ValidLuhn("6011111111111118"));
}

TEST(LuhnTest, RejectsARightChecksumWithoutABrandPrefix) {
  EXPECT_FALSE(ValidLuhn("1234567812345670"));  // no brand starts with 1
  EXPECT_FALSE(ValidLuhn("7111111111111114"));
  EXPECT_FALSE(ValidLuhn("2721000000000004"));  // one past Mastercard's 2720
  EXPECT_FALSE(ValidLuhn("3527000000000008"));  // one before JCB's 3528
  EXPECT_FALSE(ValidLuhn("306000000000001"));   // Diners stops at 305
  EXPECT_FALSE(ValidLuhn("0000 0000 0000 0000"));
}

TEST(LuhnTest, RejectsARightChecksumAtALengthTheBrandDoesNotIssue) {
  EXPECT_FALSE(ValidLuhn("411111111117"));          // Visa 12
  EXPECT_FALSE(ValidLuhn("411111111111116"));       // Visa 15
  EXPECT_FALSE(ValidLuhn("41111111111111111115"));  // 20 digits
  EXPECT_FALSE(ValidLuhn("3782822463100052"));      // Amex 16
  EXPECT_FALSE(ValidLuhn("52222222222222229"));     // Mastercard 17
  EXPECT_FALSE(ValidLuhn("3000000000007"));         // Diners 13
  EXPECT_FALSE(ValidLuhn("42"));
  EXPECT_FALSE(ValidLuhn("41111111112"));
}

TEST(LuhnTest, RejectsSeparatorsInOddPlaces) {
  EXPECT_FALSE(ValidLuhn("4111 1111 1111 111 1"));  // a one-digit group
  EXPECT_FALSE(ValidLuhn("41 11 11 11 11 11 11 11"));
  EXPECT_FALSE(ValidLuhn("4111  1111 1111 1111"));  // two separators in a row
  EXPECT_FALSE(ValidLuhn(" 4111 1111 1111 1111"));
  EXPECT_FALSE(ValidLuhn("4111 1111 1111 1111-"));
  EXPECT_FALSE(ValidLuhn("4111 1111-1111 1111"));  // mixed separators
  EXPECT_FALSE(ValidLuhn("4111111 111111111"));    // a group longer than six
}

TEST(LuhnTest, RejectsLettersAndNonAsciiDigits) {
  EXPECT_FALSE(ValidLuhn("4111 1111 1111 111a"));
  EXPECT_FALSE(
      ValidLuhn("4111\xC2\xA0"
                "1111\xC2\xA0"
                "1111\xC2\xA0"
                "1111"));  // NBSP
  // Fullwidth digits look the same in chat but are not ASCII.
  EXPECT_FALSE(
      ValidLuhn("\xEF\xBC\x94\xEF\xBC\x91\xEF\xBC\x91\xEF\xBC\x91"
                "111111111111"));
}

TEST(LuhnTest, AcceptsSlashesAndSeparatorsPaddedWithSpaces) {
  EXPECT_TRUE(ValidLuhn("4111/1111/1111/1111"));
  EXPECT_TRUE(ValidLuhn("4111 / 1111 / 1111 / 1111"));
  EXPECT_TRUE(ValidLuhn("4111 - 1111 - 1111 - 1111"));
  EXPECT_FALSE(ValidLuhn("4111  1111  1111  1111"));        // two spaces: a gap, not a group
  EXPECT_FALSE(ValidLuhn("4111 // 1111 // 1111 // 1111"));  // two marks
  EXPECT_FALSE(ValidLuhn("4111 / 1111 - 1111 / 1111"));     // a change of separator
  EXPECT_FALSE(ValidLuhn("4111 / 1111 / 1111 / 1112"));     // the checksum still counts
}

}  // namespace
}  // namespace holdfast::rules
