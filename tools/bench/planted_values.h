// Values planted in the scan benchmark's corpus that pass the checks a real one passes: card
// numbers with a Luhn check digit and a brand's prefix, IBANs with their mod-97 check digits,
// BSNs that pass the 11-check, GitHub tokens with their CRC32, AWS key ids of the right
// alphabet. Random values of the right shape would mostly be rejected by the validators, and
// the corpus would then show fewer hits than it claims.
// Only mt19937_64's raw output is used, so the same seed gives the same values everywhere.
// Thread safety: pure functions of the generator passed in.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace holdfast::tools::bench {

// A number in [0, n). The modulo bias is below 2^-50 for the small n used here, which does not
// matter for a benchmark corpus. REQUIRES: n > 0.
inline uint64_t RandomBelow(std::mt19937_64& random, uint64_t n) { return random() % n; }

// Appends a value for `slot` and returns true, or returns false if `slot` names no value:
//   card  Visa or Mastercard number, 16 digits, solid or in groups of four
//   iban  Dutch or German IBAN, solid or in groups of four
//   bsn   Dutch citizen service number, nine digits
//   email a personal or company address
//   aws   AWS access key id (AKIA...)
//   ghp   GitHub personal access token
//   phone Dutch mobile number in international form
//   key   base64 text as in a pasted private key
bool AppendPlantedValue(std::string_view slot, std::string& out, std::mt19937_64& random);

}  // namespace holdfast::tools::bench
