#include "rules/validators.h"

#include <gtest/gtest.h>

namespace holdfast::rules {
namespace {

TEST(LuhnTest, AcceptsTestCardNumbersWithOrWithoutSeparators) {
  EXPECT_TRUE(ValidLuhn("4111111111111111"));
  EXPECT_TRUE(ValidLuhn("4111 1111 1111 1111"));
  EXPECT_TRUE(ValidLuhn("5500-0000-0000-0004"));
  EXPECT_TRUE(ValidLuhn("3782.822463.10005"));
  EXPECT_TRUE(ValidLuhn("6011111111111117"));
}

TEST(LuhnTest, RejectsAWrongCheckDigit) {
  EXPECT_FALSE(ValidLuhn("4111 1111 1111 1112"));
  EXPECT_FALSE(ValidLuhn("5500000000000005"));
}

TEST(LuhnTest, RejectsLengthsOutsideTwelveToNineteenDigits) {
  EXPECT_FALSE(ValidLuhn("42"));                    // passes the checksum, far too short
  EXPECT_FALSE(ValidLuhn("41111111112"));           // 11 digits, checksum fine
  EXPECT_TRUE(ValidLuhn("411111111117"));           // 12 digits
  EXPECT_FALSE(ValidLuhn("41111111111111111115"));  // 20 digits, checksum fine
}

TEST(LuhnTest, RejectsLettersAllZerosAndEmptyText) {
  EXPECT_FALSE(ValidLuhn("4111 1111 1111 111a"));
  EXPECT_FALSE(ValidLuhn("0000 0000 0000 0000"));
  EXPECT_FALSE(ValidLuhn(""));
}

TEST(IbanTest, AcceptsValidIbansInPrintAndElectronicForm) {
  EXPECT_TRUE(ValidIban("NL91ABNA0417164300"));
  EXPECT_TRUE(ValidIban("NL20INGB0001234567"));
  EXPECT_TRUE(ValidIban("NL20 INGB 0001 2345 67"));
  EXPECT_TRUE(ValidIban("DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(ValidIban("GB29NWBK60161331926819"));
  EXPECT_TRUE(ValidIban("NO9386011117947"));  // 15, the shortest
  EXPECT_TRUE(ValidIban("nl91abna0417164300"));
}

TEST(IbanTest, RejectsABadChecksum) {
  EXPECT_FALSE(ValidIban("NL91ABNA0417164301"));
  EXPECT_FALSE(ValidIban("NL20 INGB 0001 2345 68"));
  EXPECT_FALSE(ValidIban("NL19INGB0001234567"));
}

TEST(IbanTest, RejectsMalformedText) {
  EXPECT_FALSE(ValidIban("9L91ABNA0417164300"));      // country must be letters
  EXPECT_FALSE(ValidIban("NLX1ABNA0417164300"));      // check digits must be digits
  EXPECT_FALSE(ValidIban("NL91ABNA04171643"));        // 16 is fine, checksum not
  EXPECT_FALSE(ValidIban("NO938601111794"));          // 14, too short
  EXPECT_FALSE(ValidIban("NL91-ABNA-0417-1643-00"));  // only spaces separate groups
  EXPECT_FALSE(ValidIban(""));
  EXPECT_FALSE(ValidIban("NL91ABNA0417164300NL91ABNA0417164300"));  // over 34
}

TEST(NlBsnTest, AcceptsNumbersThatPassTheElevenCheck) {
  EXPECT_TRUE(ValidNlBsn("111222333"));
  EXPECT_TRUE(ValidNlBsn("123456782"));
  EXPECT_TRUE(ValidNlBsn("1234.56.782"));
  EXPECT_TRUE(ValidNlBsn("123 456 782"));
}

TEST(NlBsnTest, RejectsFailedChecksWrongLengthsAndZeros) {
  EXPECT_FALSE(ValidNlBsn("111222334"));
  EXPECT_FALSE(ValidNlBsn("123456789"));
  EXPECT_FALSE(ValidNlBsn("12345678"));
  EXPECT_FALSE(ValidNlBsn("1234567820"));
  EXPECT_FALSE(ValidNlBsn("000000000"));
  EXPECT_FALSE(ValidNlBsn("12345678x"));
}

TEST(RunValidatorTest, DispatchesByNameAndRefusesUnknownNames) {
  EXPECT_TRUE(RunValidator("luhn", "4111111111111111"));
  EXPECT_TRUE(RunValidator("iban", "NL91ABNA0417164300"));
  EXPECT_TRUE(RunValidator("nl_bsn", "111222333"));
  EXPECT_FALSE(RunValidator("nl_bsn", "4111111111111111"));
  EXPECT_FALSE(RunValidator("lunh", "4111111111111111"));
  EXPECT_EQ(ValidatorNames(), (std::vector<std::string_view>{"luhn", "iban", "nl_bsn"}));
}

}  // namespace
}  // namespace holdfast::rules
