// IBANs (ISO 13616). The country's fixed length and the mod-97 check together make a chance
// pass about one in a hundred among strings that already look like an IBAN.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/validators.h"
#include "rules/validators/compact_value.h"

namespace holdfast::rules {
namespace {

using validators::CompactValue;
using validators::IsDigit;
using validators::IsUpper;

struct IbanCountry {
  char code[3];
  int length;
};

// Every country of the SWIFT IBAN registry and its IBAN length, sorted by code. Territories
// that use another country's code (Åland: FI; French overseas: FR; Jersey, Guernsey, Isle of
// Man: GB) need no row of their own. Written from the registry; extend when SWIFT adds one.
constexpr std::array<IbanCountry, 89> kCountries = {{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HN", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
    {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20},
    {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20},
    {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24},
    {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25},
    {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
    {"YE", 30},
}};

// A short row (an array longer than its initializers) or a row out of order is a typo.
constexpr bool CountriesSortedAndFilled() {
  for (size_t i = 0; i < kCountries.size(); ++i) {
    const IbanCountry& row = kCountries[i];
    if (!IsUpper(row.code[0]) || !IsUpper(row.code[1]) || row.length < 15 || row.length > 34) {
      return false;
    }
    if (i > 0 && std::string_view(kCountries[i - 1].code) >= std::string_view(row.code)) {
      return false;
    }
  }
  return true;
}
static_assert(CountriesSortedAndFilled());

// The registry's IBAN length for `code`, or 0 for a country without IBANs.
int CountryLength(char first, char second) {
  for (const IbanCountry& country : kCountries) {
    if (country.code[0] == first && country.code[1] == second) {
      return country.length;
    }
  }
  return 0;
}

}  // namespace

bool ValidIban(std::string_view text) {
  // 34 characters in groups of four with single spaces: 42.
  if (text.size() > 48) {
    return false;
  }
  CompactValue<34> iban;
  if (!iban.Parse(text, validators::kSpaceOnly) || iban.size() < 15) {
    return false;
  }
  if (!IsUpper(iban[0]) || !IsUpper(iban[1]) || !IsDigit(iban[2]) || !IsDigit(iban[3])) {
    return false;
  }
  if (static_cast<int>(iban.size()) != CountryLength(iban[0], iban[1])) {
    return false;
  }
  // ISO 7064 MOD 97-10 check digits are always 02..98.
  const long long check = iban.Number(2, 4);
  if (check < 2 || check > 98) {
    return false;
  }
  // Move the first four characters to the end, read letters as 10..35, and reduce mod 97
  // digit by digit so the 30+ digit number never needs big integers.
  uint32_t remainder = 0;
  for (size_t k = 0; k < iban.size(); ++k) {
    const char c = iban[(k + 4) % iban.size()];
    if (IsDigit(c)) {
      remainder = (remainder * 10 + static_cast<uint32_t>(c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + static_cast<uint32_t>(c - 'A' + 10)) % 97;
    }
  }
  return remainder == 1;
}

}  // namespace holdfast::rules
