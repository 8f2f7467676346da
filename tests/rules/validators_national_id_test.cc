// National identification numbers. Check digits of the valid values, and of the negatives
// whose checksum is right but whose fields are not, were computed with a throwaway script
// implementing each published algorithm; "RSSMRA85T10A562S", "44051401359", "12345678Z" and
// "1 84 12 76 451 089 46" are the usual published examples.
#include <gtest/gtest.h>

#include "rules/validators.h"

namespace holdfast::rules {
namespace {

TEST(NlBsnTest, AcceptsNumbersThatPassTheElevenCheck) {
  EXPECT_TRUE(ValidNlBsn("111222333"));
  EXPECT_TRUE(ValidNlBsn("123456782"));
  EXPECT_TRUE(ValidNlBsn("1234.56.782"));
  EXPECT_TRUE(ValidNlBsn("123 456 782"));
  EXPECT_TRUE(ValidNlBsn("123-456-782"));
}

TEST(NlBsnTest, RejectsFailedChecksWrongLengthsAndZeros) {
  EXPECT_FALSE(ValidNlBsn("111222334"));
  EXPECT_FALSE(ValidNlBsn("123456789"));
  EXPECT_FALSE(ValidNlBsn("12345678"));  // a leading zero left out: rejected on purpose
  EXPECT_FALSE(ValidNlBsn("1234567820"));
  EXPECT_FALSE(ValidNlBsn("000000000"));
  EXPECT_FALSE(ValidNlBsn("12345678x"));
  EXPECT_FALSE(ValidNlBsn("123..456.782"));
  EXPECT_FALSE(ValidNlBsn("123456782."));
  EXPECT_FALSE(
      ValidNlBsn("\xEF\xBC\x91"
                 "23456782"));
}

TEST(BeNationalNumberTest, AcceptsBothCenturyRules) {
  EXPECT_TRUE(ValidBeNationalNumber("85073003328"));
  EXPECT_TRUE(ValidBeNationalNumber("85.07.30-033.28"));
  EXPECT_TRUE(ValidBeNationalNumber("850730 033 28"));
  EXPECT_TRUE(ValidBeNationalNumber("01020345603"));  // born 2001: 2 put in front
  EXPECT_TRUE(ValidBeNationalNumber("01020345671"));  // the same digits born 1901
}

TEST(BeNationalNumberTest, RejectsBadChecksAndImpossibleDates) {
  EXPECT_FALSE(ValidBeNationalNumber("85073003329"));
  EXPECT_FALSE(ValidBeNationalNumber("85073003327"));
  EXPECT_FALSE(ValidBeNationalNumber("85133003370"));  // month 13, check right
  EXPECT_FALSE(ValidBeNationalNumber("85073000061"));  // serial 000, check right
  EXPECT_FALSE(ValidBeNationalNumber("8507300332"));
  EXPECT_FALSE(ValidBeNationalNumber("85.07.30--033.28"));
}

TEST(DeTaxIdTest, AcceptsElevenDigitsWithTheMod1110Check) {
  EXPECT_TRUE(ValidDeTaxId("86095742719"));
  EXPECT_TRUE(ValidDeTaxId("47036892816"));
  EXPECT_TRUE(ValidDeTaxId("65929970489"));  // one digit three times, never three in a row
  EXPECT_TRUE(ValidDeTaxId("11234567890"));
  EXPECT_TRUE(ValidDeTaxId("86 095 742 719"));
}

TEST(DeTaxIdTest, RejectsBadChecksAndTheDigitRepeatRule) {
  EXPECT_FALSE(ValidDeTaxId("86095742718"));
  EXPECT_FALSE(ValidDeTaxId("86095742710"));
  EXPECT_FALSE(ValidDeTaxId("12345678903"));  // check right, no digit repeated
  EXPECT_FALSE(ValidDeTaxId("11134567891"));  // check right, three 1s in a row
  EXPECT_FALSE(ValidDeTaxId("06095742715"));  // check right, leading 0
  EXPECT_FALSE(ValidDeTaxId("8609574271"));
}

TEST(EsDniTest, AcceptsDniAndNieWithTheirControlLetter) {
  EXPECT_TRUE(ValidEsDni("12345678Z"));
  EXPECT_TRUE(ValidEsDni("12345678-z"));
  EXPECT_TRUE(ValidEsDni("12.345.678-Z"));
  EXPECT_TRUE(ValidEsDni("87654321X"));
  EXPECT_TRUE(ValidEsDni("X1234567L"));
  EXPECT_TRUE(ValidEsDni("Y-1234567-X"));
  EXPECT_TRUE(ValidEsDni("Z7654321H"));
}

TEST(EsDniTest, RejectsWrongLettersAndShapes) {
  EXPECT_FALSE(ValidEsDni("12345678A"));
  EXPECT_FALSE(ValidEsDni("X1234567X"));
  EXPECT_FALSE(ValidEsDni("W1234567L"));
  EXPECT_FALSE(ValidEsDni("1234567Z"));
  EXPECT_FALSE(ValidEsDni("123456789"));
  EXPECT_FALSE(ValidEsDni("12345678\xC3\x91"));  // Ñ is not a control letter
}

TEST(ItCodiceFiscaleTest, AcceptsCodesWithTheirCheckLetter) {
  EXPECT_TRUE(ValidItCodiceFiscale("RSSMRA85T10A562S"));
  EXPECT_TRUE(ValidItCodiceFiscale("rssmra85t10a562s"));
  EXPECT_TRUE(ValidItCodiceFiscale("BNCGLI90A41H501E"));  // a woman: day + 40
  EXPECT_TRUE(ValidItCodiceFiscale("VRDLCU80E52F205B"));
  EXPECT_TRUE(ValidItCodiceFiscale("RSSMRA85T10A56NH"));  // omocodia: the last 2 as N
}

TEST(ItCodiceFiscaleTest, RejectsWrongCheckLettersAndFields) {
  EXPECT_FALSE(ValidItCodiceFiscale("RSSMRA85T10A562T"));
  EXPECT_FALSE(ValidItCodiceFiscale("RSSMRA85Z10A562B"));  // Z is no month, check right
  EXPECT_FALSE(ValidItCodiceFiscale("RSSMRA85T32A562Y"));  // day 32, check right
  EXPECT_FALSE(ValidItCodiceFiscale("RSSMRA85T10A562"));
  EXPECT_FALSE(ValidItCodiceFiscale("R5SMRA85T10A562S"));
}

TEST(FrNirTest, AcceptsNumbersWithTheirKey) {
  EXPECT_TRUE(ValidFrNir("184127645108946"));
  EXPECT_TRUE(ValidFrNir("1 84 12 76 451 089 46"));
  EXPECT_TRUE(ValidFrNir("269057512345631"));
  EXPECT_TRUE(ValidFrNir("185022A12345682"));  // Corsica: 2A read as 19
  EXPECT_TRUE(ValidFrNir("185022b12345612"));  // 2B read as 18
}

TEST(FrNirTest, RejectsWrongKeysAndFields) {
  EXPECT_FALSE(ValidFrNir("184127645108947"));
  EXPECT_FALSE(ValidFrNir("185022A12345612"));  // the 2B key on a 2A number
  EXPECT_FALSE(ValidFrNir("584127645108940"));  // sex digit 5, key right
  EXPECT_FALSE(ValidFrNir("184137645108962"));  // month 13, key right
  EXPECT_FALSE(ValidFrNir("185022C12345682"));
  EXPECT_FALSE(ValidFrNir("18412764510894"));
}

TEST(PlPeselTest, AcceptsNumbersWithTheirCheckDigit) {
  EXPECT_TRUE(ValidPlPesel("44051401359"));
  EXPECT_TRUE(ValidPlPesel("02070803628"));
  EXPECT_TRUE(ValidPlPesel("02213100029"));  // month 21: January 2002
}

TEST(PlPeselTest, RejectsBadChecksAndImpossibleDates) {
  EXPECT_FALSE(ValidPlPesel("44051401358"));
  EXPECT_FALSE(ValidPlPesel("44131401350"));  // month 13, check right
  EXPECT_FALSE(ValidPlPesel("44053201353"));  // day 32, check right
  EXPECT_FALSE(ValidPlPesel("4405140135"));
}

TEST(BeNationalNumberTest, AcceptsSeparatorsPaddedWithSpaces) {
  EXPECT_TRUE(ValidBeNationalNumber("85 . 07 . 30 - 033 . 28"));
  EXPECT_FALSE(ValidBeNationalNumber("85 .. 07.30-033.28"));
}

}  // namespace
}  // namespace holdfast::rules
