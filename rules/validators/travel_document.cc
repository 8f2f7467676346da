// Travel document numbers and the ICAO 9303 check digit the machine-readable zone puts after
// them. Document numbers are printed as one run; people retyping one group it with spaces.
#include <string_view>

#include "rules/validators.h"
#include "rules/validators/compact_value.h"

namespace holdfast::rules {
namespace {

using validators::DigitValue;
using validators::IsDigit;
using validators::IsLetter;
using validators::ToUpper;

// ICAO 9303 part 3 character values: digits as themselves, A..Z as 10..35, filler as 0.
int IcaoValue(char c) {
  if (IsDigit(c)) {
    return DigitValue(c);
  }
  if (IsLetter(c)) {
    return ToUpper(c) - 'A' + 10;
  }
  if (c == '<') {
    return 0;
  }
  return -1;
}

bool CheckCharacterMatches(std::string_view number, char check) {
  return IsDigit(check) && IcaoCheckDigit(number) == DigitValue(check);
}

}  // namespace

int IcaoCheckDigit(std::string_view text) {
  if (text.empty()) {
    return -1;
  }
  constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const int value = IcaoValue(text[i]);
    if (value < 0) {
      return -1;
    }
    // Reduce as we go so no input length can overflow the sum.
    sum = (sum + value * kWeights[i % 3]) % 10;
  }
  return sum;
}

bool ValidNlIdDocument(std::string_view spaced) {
  validators::CompactValue<10> compact;
  if (spaced.size() > 20 || !compact.Parse(spaced, validators::kSpaceOnly)) {
    return false;
  }
  const std::string_view text = compact.view();
  if (text.size() != 9 && text.size() != 10) {
    return false;
  }
  const std::string_view number = text.substr(0, 9);
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    // The Dutch issuer leaves out the letter O so it is never read as the digit 0.
    if (c == 'O' || c == 'o') {
      return false;
    }
    const bool ok = i < 2 ? IsLetter(c) : i < 8 ? IsLetter(c) || IsDigit(c) : IsDigit(c);
    if (!ok) {
      return false;
    }
  }
  return text.size() == 9 || CheckCharacterMatches(number, text[9]);
}

bool ValidIcaoMrzNumber(std::string_view text) {
  if (text.size() != 10) {
    return false;
  }
  const std::string_view number = text.substr(0, 9);
  bool filler = false;  // the MRZ pads a short number with '<' on the right only
  bool digit = false;
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (c == '<') {
      if (i == 0) {
        return false;
      }
      filler = true;
      continue;
    }
    if (filler || !(IsLetter(c) || IsDigit(c))) {
      return false;
    }
    digit = digit || IsDigit(c);
  }
  // Issued numbers carry digits; a word followed by a digit ("PASSPORTS1") passes the check
  // one time in ten and is not worth a hit.
  return digit && CheckCharacterMatches(number, text[9]);
}

}  // namespace holdfast::rules
