// The validator registry: one row per name, in name order. Adding a validator is a function
// in its family's file, its declaration in rules/validators.h, a row here and a test.
#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "rules/internal/names.h"
#include "rules/validators.h"

namespace holdfast::rules {
namespace {

constexpr ValidatorStrength kStrong = ValidatorStrength::kStrong;
constexpr ValidatorStrength kWeak = ValidatorStrength::kWeak;

// Strength says how often a random value of the right shape passes. Strong: a two-digit
// check (mod 97), a brand or country table, a CRC, or a rigid structure plus a check
// character. Weak: one check digit (one pass in ten or eleven, or 23) on a common shape.
constexpr std::array<ValidatorInfo, 20> kValidators = {{
    {"be_national_number", &ValidBeNationalNumber, kStrong,
     "Belgian national register number: YYMMDD-XXX-CC, mod 97 (with the 2000+ rule)"},
    {"de_tax_id", &ValidDeTaxId, kWeak,
     "German tax id (Steuer-IdNr): 11 digits, ISO 7064 MOD 11,10, one digit repeated"},
    {"email", &ValidEmail, kStrong,
     "e-mail address: RFC 5321 lengths and a top-level domain from the Public Suffix List"},
    {"entropy", &ValidEntropy, kStrong,
     "generic secret: 16+ characters, letters and digits, high Shannon entropy"},
    {"es_dni", &ValidEsDni, kWeak, "Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 + letter)"},
    {"fr_nir", &ValidFrNir, kStrong, "French social security number (NIR): 13 + 2-digit key"},
    {"github_token", &ValidGithubToken, kStrong,
     "GitHub token: ghp_/gho_/ghu_/ghr_ with CRC32 checksum, ghs_ and github_pat_ by shape"},
    {"iban", &ValidIban, kStrong, "IBAN: registry country and length, mod-97 == 1"},
    {"icao_mrz_number", &ValidIcaoMrzNumber, kStrong,
     "travel document number as in the MRZ: 9 characters and their ICAO 9303 check digit"},
    {"it_codice_fiscale", &ValidItCodiceFiscale, kStrong,
     "Italian codice fiscale: 16 characters, date and place fields, check letter"},
    {"luhn", &ValidLuhn, kStrong, "payment card: brand prefix and length, Luhn mod 10"},
    {"nl_bsn", &ValidNlBsn, kWeak, "Dutch citizen service number (BSN): 9 digits, 11-check"},
    {"nl_id_document", &ValidNlIdDocument, kWeak,
     "Dutch passport or ID card number: 9 characters, no letter O, optional check digit"},
    {"phone", &ValidPhone, kWeak, "NL, BE, DE or UK phone number"},
    {"phone_be", &ValidPhoneBe, kWeak, "Belgian phone number: 8 digits after 0, mobiles 9"},
    {"phone_de", &ValidPhoneDe, kWeak, "German phone number: 6..11 digits after 0, mobiles 10..11"},
    {"phone_nl", &ValidPhoneNl, kWeak, "Dutch phone number: 9 digits after 0"},
    {"phone_uk", &ValidPhoneUk, kWeak, "UK phone number: 10 digits after 0"},
    {"pl_pesel", &ValidPlPesel, kWeak, "Polish PESEL: 11 digits with birth date, weights 1-3-7-9"},
    {"secret_value", &ValidSecretValue, kWeak,
     "value after \"password:\": 6..128 characters, no spaces, not a placeholder word"},
}};

// Names only: comparing function addresses is not a constant expression under the
// sanitizers; the registry test checks every row has a function.
constexpr bool SortedByName() {
  for (size_t i = 1; i < kValidators.size(); ++i) {
    if (kValidators[i - 1].name >= kValidators[i].name) {
      return false;
    }
  }
  return true;
}
static_assert(SortedByName(), "keep kValidators in name order, one row per name");

}  // namespace

const std::vector<ValidatorInfo>& Validators() {
  static const std::vector<ValidatorInfo> kRegistry(kValidators.begin(), kValidators.end());
  return kRegistry;
}

const ValidatorInfo* FindValidatorInfo(std::string_view name) {
  const std::vector<ValidatorInfo>& registry = Validators();
  const auto it = std::lower_bound(
      registry.begin(), registry.end(), name,
      [](const ValidatorInfo& info, std::string_view key) { return info.name < key; });
  return it != registry.end() && it->name == name ? &*it : nullptr;
}

ValidatorFn FindValidator(std::string_view name) {
  const ValidatorInfo* info = FindValidatorInfo(name);
  return info == nullptr ? nullptr : info->fn;
}

bool RunValidator(std::string_view name, std::string_view text) {
  const ValidatorFn validator = FindValidator(name);
  return validator != nullptr && validator(text);
}

const std::vector<std::string_view>& ValidatorNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const ValidatorInfo& info : Validators()) {
      names.push_back(info.name);
    }
    return names;
  }();
  return kNames;
}

}  // namespace holdfast::rules
