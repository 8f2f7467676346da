// National identification numbers of EU countries that carry a check digit. Each strips the
// separators people type (space, dash, dot, slash), checks the fixed fields that make the
// number what it is (a plausible month, a sex digit) and then the checksum.
#include <array>
#include <string_view>

#include "rules/validators.h"
#include "rules/validators/compact_value.h"

namespace holdfast::rules {
namespace {

using validators::CompactValue;
using validators::DigitValue;
using validators::IsDigit;
using validators::IsUpper;
using validators::kSpaceDashDotSlash;

// Room for the digits and a separator run of up to three (" / ") after each: anything longer
// is not one number.
constexpr size_t MaxText(size_t characters) { return 4 * characters; }

template <size_t kSize>
bool ParseDigits(std::string_view text, CompactValue<kSize>& digits) {
  return text.size() <= MaxText(kSize) && digits.Parse(text, kSpaceDashDotSlash) &&
         digits.size() == kSize && digits.AllDigits();
}

bool InRange(long long value, long long low, long long high) {
  return value >= low && value <= high;
}

// Italian codice fiscale: the digits of the date and place may be replaced by these letters
// (omocodia) when two people would get the same code.
constexpr std::string_view kOmocodeLetters = "LMNPQRSTUV";

int CodiceFiscaleDigit(char c) {
  if (IsDigit(c)) {
    return DigitValue(c);
  }
  const size_t at = kOmocodeLetters.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

bool ValidNlBsn(std::string_view text) {
  CompactValue<9> digits;
  if (!ParseDigits(text, digits) || digits.Number(0, 9) == 0) {
    return false;
  }
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    sum += DigitValue(digits[i]) * static_cast<int>(9 - i);
  }
  sum -= DigitValue(digits[8]);
  return sum % 11 == 0;
}

bool ValidBeNationalNumber(std::string_view text) {
  CompactValue<11> digits;
  if (!ParseDigits(text, digits)) {
    return false;
  }
  // YYMMDD with 00 for an unknown month or day; bis numbers (people not in the national
  // register) add 20 or 40 to the month.
  const long long month = digits.Number(2, 4);
  const long long day = digits.Number(4, 6);
  const long long serial = digits.Number(6, 9);
  if (!(InRange(month, 0, 12) || InRange(month, 20, 32) || InRange(month, 40, 52)) || day > 31 ||
      !InRange(serial, 1, 998)) {
    return false;
  }
  // The check is 97 - (first nine digits mod 97); for people born from 2000 on, a 2 is put
  // in front of the nine digits first. The year alone cannot tell which, so accept either.
  const long long first9 = digits.Number(0, 9);
  const long long check = digits.Number(9, 11);
  return 97 - first9 % 97 == check || 97 - (2'000'000'000LL + first9) % 97 == check;
}

bool ValidDeTaxId(std::string_view text) {
  CompactValue<11> digits;
  if (!ParseDigits(text, digits) || digits[0] == '0') {
    return false;
  }
  // Of the first ten digits exactly one occurs twice or three times and the rest at most
  // once; no digit stands more than twice in a row.
  std::array<int, 10> count{};
  for (size_t i = 0; i < 10; ++i) {
    ++count[DigitValue(digits[i])];
    if (i >= 2 && digits[i] == digits[i - 1] && digits[i] == digits[i - 2]) {
      return false;
    }
  }
  int repeated = 0;
  for (int c : count) {
    if (c > 3) {
      return false;
    }
    repeated += c >= 2 ? 1 : 0;
  }
  if (repeated != 1) {
    return false;
  }
  // ISO 7064 MOD 11,10.
  int product = 10;
  for (size_t i = 0; i < 10; ++i) {
    int sum = (DigitValue(digits[i]) + product) % 10;
    if (sum == 0) {
      sum = 10;
    }
    product = (2 * sum) % 11;
  }
  const int check = (11 - product) % 10;  // 11 - 1 = 10 is written as 0
  return DigitValue(digits[10]) == check;
}

bool ValidEsDni(std::string_view text) {
  CompactValue<9> value;
  if (text.size() > MaxText(9) || !value.Parse(text, kSpaceDashDotSlash) || value.size() != 9) {
    return false;
  }
  // A NIE (foreigners) starts with X, Y or Z, read as 0, 1, 2 in front of seven digits.
  long long number = 0;
  const size_t nie = std::string_view("XYZ").find(value[0]);
  if (nie != std::string_view::npos) {
    if (!value.AllDigits(1, 8)) {
      return false;
    }
    number = static_cast<long long>(nie) * 10'000'000 + value.Number(1, 8);
  } else {
    if (!value.AllDigits(0, 8)) {
      return false;
    }
    number = value.Number(0, 8);
  }
  constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  return value[8] == kLetters[static_cast<size_t>(number % 23)];
}

bool ValidItCodiceFiscale(std::string_view text) {
  CompactValue<16> code;
  if (text.size() > MaxText(16) || !code.Parse(text, kSpaceDashDotSlash) || code.size() != 16) {
    return false;
  }
  // SSSNNN YY M DD LDDD C: surname and name letters, year, month letter, day (+40 for
  // women), place (a letter and three digits), check letter.
  for (size_t i : {0, 1, 2, 3, 4, 5, 11, 15}) {
    if (!IsUpper(code[i])) {
      return false;
    }
  }
  for (size_t i : {6, 7, 9, 10, 12, 13, 14}) {
    if (CodiceFiscaleDigit(code[i]) < 0) {
      return false;
    }
  }
  if (std::string_view("ABCDEHLMPRST").find(code[8]) == std::string_view::npos) {
    return false;
  }
  const int day = CodiceFiscaleDigit(code[9]) * 10 + CodiceFiscaleDigit(code[10]);
  if (!(InRange(day, 1, 31) || InRange(day, 41, 71))) {
    return false;
  }
  // Characters in odd positions (1st, 3rd, ...) count by this table, indexed by digit value
  // or letter A..Z; even positions count as the digit or the letter's place in the alphabet.
  constexpr std::array<int, 26> kOdd = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                        20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  int sum = 0;
  for (size_t i = 0; i < 15; ++i) {
    const int index = IsDigit(code[i]) ? DigitValue(code[i]) : code[i] - 'A';
    sum += i % 2 == 0 ? kOdd[static_cast<size_t>(index)] : index;
  }
  return code[15] == 'A' + sum % 26;
}

bool ValidFrNir(std::string_view text) {
  CompactValue<15> nir;
  if (text.size() > MaxText(15) || !nir.Parse(text, kSpaceDashDotSlash) || nir.size() != 15) {
    return false;
  }
  // Sex (1, 2; 3, 4, 7, 8 for provisional numbers), YY, MM (20-42 and 50-99 stand for an
  // unknown month), department (2A and 2B for Corsica), commune, order, key.
  const bool corsica = nir[5] == '2' && (nir[6] == 'A' || nir[6] == 'B');
  if (!nir.AllDigits(0, 5) || !(corsica || nir.AllDigits(5, 7)) || !nir.AllDigits(7, 15)) {
    return false;
  }
  if (std::string_view("123478").find(nir[0]) == std::string_view::npos) {
    return false;
  }
  const long long month = nir.Number(3, 5);
  if (!(InRange(month, 1, 12) || InRange(month, 20, 42) || InRange(month, 50, 99))) {
    return false;
  }
  // The key is 97 - (the 13 characters mod 97), reading 2A as 19 and 2B as 18.
  long long number = nir.Number(0, 5) * 100;
  number += corsica ? (nir[6] == 'A' ? 19 : 18) : nir.Number(5, 7);
  number = number * 1'000'000 + nir.Number(7, 13);
  return 97 - number % 97 == nir.Number(13, 15);
}

bool ValidPlPesel(std::string_view text) {
  CompactValue<11> digits;
  if (!ParseDigits(text, digits)) {
    return false;
  }
  // YYMMDD, the century in the month: +80 for 1800s, +0, +20, +40, +60 for 1900s to 2200s.
  const long long month = digits.Number(2, 4) % 20;
  const long long day = digits.Number(4, 6);
  if (!InRange(month, 1, 12) || !InRange(day, 1, 31)) {
    return false;
  }
  constexpr std::array<int, 10> kWeights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    sum += kWeights[i] * DigitValue(digits[i]);
  }
  return DigitValue(digits[10]) == (10 - sum % 10) % 10;
}

}  // namespace holdfast::rules
