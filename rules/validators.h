// Checksum validators that confirm a pattern hit: a digit run is only a card number if its
// Luhn sum is right. Each takes the hit text as matched (it may hold spaces, dots or dashes)
// and ignores separators. Thread safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

namespace holdfast::rules {

bool ValidLuhn(std::string_view text);   // payment cards: 12..19 digits, Luhn mod 10
bool ValidIban(std::string_view text);   // ISO 13616: country, check digits, mod-97 == 1
bool ValidNlBsn(std::string_view text);  // Dutch BSN: 9 digits, 11-check (last weight -1)

// Names usable as a rule's `validator`; false for an unknown name.
bool RunValidator(std::string_view name, std::string_view text);
const std::vector<std::string_view>& ValidatorNames();

}  // namespace holdfast::rules
