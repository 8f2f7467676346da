// Checksum validators. Each strips the separators people type inside numbers (spaces, dots,
// dashes) and rejects any other character, so a hit that ran into a word never validates.
#include "rules/validators.h"

#include <array>
#include <cstdint>

#include "rules/internal/names.h"

namespace holdfast::rules {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsNumberSeparator(char c) { return c == ' ' || c == '-' || c == '.'; }

// Collects the digits of `text` into `digits`; false on any other non-separator character or
// when there are more than digits.size() digits.
template <size_t kMax>
bool CollectDigits(std::string_view text, std::array<int, kMax>& digits, size_t& count) {
  count = 0;
  for (char c : text) {
    if (IsNumberSeparator(c)) {
      continue;
    }
    if (!IsDigit(c) || count == kMax) {
      return false;
    }
    digits[count++] = c - '0';
  }
  return true;
}

bool AllZero(const int* digits, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (digits[i] != 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool ValidLuhn(std::string_view text) {
  std::array<int, 19> digits{};
  size_t count = 0;
  if (!CollectDigits(text, digits, count) || count < 12) {
    return false;
  }
  // An all-zero run passes the checksum but is never an issued card number.
  if (AllZero(digits.data(), count)) {
    return false;
  }
  int sum = 0;
  bool double_it = false;  // every second digit from the right, the check digit excluded
  for (size_t i = count; i-- > 0;) {
    int d = digits[i];
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

bool ValidIban(std::string_view text) {
  std::array<char, 34> iban{};
  size_t length = 0;
  for (char c : text) {
    if (c == ' ') {
      continue;
    }
    if (length == iban.size()) {
      return false;
    }
    // Chat writes IBANs in lower case too; ISO 13616 letters are case-insensitive.
    iban[length++] = IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (length < 15 || !IsUpper(iban[0]) || !IsUpper(iban[1]) || !IsDigit(iban[2]) ||
      !IsDigit(iban[3])) {
    return false;
  }
  // ISO 7064 MOD 97-10 check digits are always 02..98.
  const int check = (iban[2] - '0') * 10 + (iban[3] - '0');
  if (check < 2 || check > 98) {
    return false;
  }
  // Move the first four characters to the end, read letters as 10..35, and reduce mod 97
  // digit by digit so the 30+ digit number never needs big integers.
  uint32_t remainder = 0;
  for (size_t k = 0; k < length; ++k) {
    const char c = iban[(k + 4) % length];
    if (IsDigit(c)) {
      remainder = (remainder * 10 + static_cast<uint32_t>(c - '0')) % 97;
    } else if (IsUpper(c)) {
      remainder = (remainder * 100 + static_cast<uint32_t>(c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool ValidNlBsn(std::string_view text) {
  std::array<int, 9> digits{};
  size_t count = 0;
  if (!CollectDigits(text, digits, count) || count != 9) {
    return false;
  }
  if (AllZero(digits.data(), count)) {
    return false;
  }
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    sum += digits[i] * static_cast<int>(9 - i);
  }
  sum -= digits[8];
  return sum % 11 == 0;
}

const std::vector<std::string_view>& ValidatorNames() {
  static const std::vector<std::string_view> kNames = {"luhn", "iban", "nl_bsn"};
  return kNames;
}

ValidatorFn FindValidator(std::string_view name) {
  if (name == "luhn") {
    return &ValidLuhn;
  }
  if (name == "iban") {
    return &ValidIban;
  }
  if (name == "nl_bsn") {
    return &ValidNlBsn;
  }
  return nullptr;
}

bool RunValidator(std::string_view name, std::string_view text) {
  ValidatorFn validator = FindValidator(name);
  return validator != nullptr && validator(text);
}

}  // namespace holdfast::rules
