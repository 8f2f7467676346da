// Payment card numbers. The Luhn sum alone passes one random digit run in ten; requiring a
// prefix some brand issues, at a length that brand uses, is what lets `luhn` stand alone.
#include <array>
#include <cstddef>
#include <string_view>

#include "rules/validators.h"
#include "rules/validators/compact_value.h"

namespace holdfast::rules {
namespace {

using validators::CompactValue;

// A range of issuer prefixes of one width (the first `digits` digits lie in [low, high]) and
// the lengths cards with those prefixes have.
struct BrandRange {
  int digits;
  int low;
  int high;
  int min_length;
  int max_length;
  bool only_13_16_19;  // Visa issues 13, 16 and 19 digits, not the lengths between
};

// From the brands' published issuer ranges. Ranges overlap (Maestro's 56-69 covers Discover
// and UnionPay prefixes); a number passes if any range takes it.
constexpr std::array<BrandRange, 15> kBrands = {{
    {1, 4, 4, 13, 19, true},         // Visa
    {2, 51, 55, 16, 16, false},      // Mastercard
    {4, 2221, 2720, 16, 16, false},  // Mastercard 2-series
    {2, 34, 34, 15, 15, false},      // American Express
    {2, 37, 37, 15, 15, false},      // American Express
    {4, 6011, 6011, 16, 19, false},  // Discover
    {3, 644, 649, 16, 19, false},    // Discover
    {2, 65, 65, 16, 19, false},      // Discover
    {2, 50, 50, 12, 19, false},      // Maestro
    {2, 56, 69, 12, 19, false},      // Maestro
    {2, 62, 62, 16, 19, false},      // UnionPay
    {4, 3528, 3589, 16, 19, false},  // JCB
    {2, 36, 36, 14, 19, false},      // Diners Club
    {2, 38, 38, 14, 19, false},      // Diners Club
    {3, 300, 305, 14, 19, false},    // Diners Club
}};

bool KnownBrand(const CompactValue<19>& digits) {
  const int length = static_cast<int>(digits.size());
  for (const BrandRange& brand : kBrands) {
    const int prefix = static_cast<int>(digits.Number(0, static_cast<size_t>(brand.digits)));
    if (prefix < brand.low || prefix > brand.high || length < brand.min_length ||
        length > brand.max_length) {
      continue;
    }
    if (brand.only_13_16_19 && length != 13 && length != 16 && length != 19) {
      continue;
    }
    return true;
  }
  return false;
}

bool LuhnSumIsZero(const CompactValue<19>& digits) {
  int sum = 0;
  bool double_it = false;  // every second digit from the right, the check digit excluded
  for (size_t i = digits.size(); i-- > 0;) {
    int d = validators::DigitValue(digits[i]);
    if (double_it) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

}  // namespace

bool ValidLuhn(std::string_view text) {
  // 19 digits in groups of at least 3 never need more than 25 characters.
  if (text.size() > 32) {
    return false;
  }
  CompactValue<19> digits;
  if (!digits.Parse(text, validators::kSpaceDashDotSlash) || !digits.AllDigits() ||
      digits.size() < 12) {
    return false;
  }
  // Cards are printed in groups of four (Amex and Diners 4-6-5 and 4-6-4); a group shorter
  // than three digits, or a change of separator, means the span ran into other numbers.
  if (digits.groups() > 1 &&
      (digits.shortest_group() < 3 || digits.longest_group() > 6 || digits.separator_kinds() > 1)) {
    return false;
  }
  return KnownBrand(digits) && LuhnSumIsZero(digits);
}

}  // namespace holdfast::rules
