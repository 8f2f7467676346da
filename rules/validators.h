// Validators confirm a pattern hit: a digit run is only a card number if its brand prefix,
// length and Luhn sum agree. A rule names one in its `validator` field; the registry below
// maps those names to functions and says how much a pass is worth.
//
// Every validator takes the hit text as matched: it may hold the separators people type
// inside numbers (which ones each accepts is said below) and letters in either case. It
// returns false for anything else, including empty, over-long, non-ASCII or invalid UTF-8
// text; it never asserts on its input, allocates nothing and keeps no state.
// Thread safety: immutable (pure functions over a registry built once).
#pragma once

#include <string_view>
#include <vector>

namespace holdfast::rules {

using ValidatorFn = bool (*)(std::string_view text);

// How much a pass is worth on its own. A weak validator passes often by chance (a nine-digit
// number passes the BSN 11-check one time in eleven), so its rule needs a keyword nearby.
enum class ValidatorStrength { kStrong, kWeak };

struct ValidatorInfo {
  std::string_view name;  // the name a policy file uses
  ValidatorFn fn;
  ValidatorStrength strength;
  std::string_view what;  // one line for people choosing a validator
};

// The registry, in name order, built on first use.
const std::vector<ValidatorInfo>& Validators();
// Null for an unknown name.
const ValidatorInfo* FindValidatorInfo(std::string_view name);
// False for an unknown name.
bool RunValidator(std::string_view name, std::string_view text);
// The names of Validators(), in the same order.
const std::vector<std::string_view>& ValidatorNames();

// Payment cards. Separators: space, dash, dot, between groups of 3 to 6 digits.
// `luhn`: a known brand prefix with a length that brand issues, and Luhn mod 10.
bool ValidLuhn(std::string_view text);

// Bank accounts. Separators: spaces only (ISO 13616's print form).
// `iban`: a country in the SWIFT IBAN registry, that country's length, mod-97 == 1.
bool ValidIban(std::string_view text);

// Travel documents. No separators: these numbers are written as one run.
// The ICAO 9303 check digit (weights 7-3-1; digits as values, A..Z as 10..35, filler '<' as
// 0, letters in either case) of `text`, or -1 if `text` holds any other character.
int IcaoCheckDigit(std::string_view text);
// `nl_id_document`: a Dutch passport or identity card number: two letters, six letters or
// digits, a digit, never the letter O; a tenth character, if present, is the check digit.
bool ValidNlIdDocument(std::string_view text);
// `icao_mrz_number`: a document number as the MRZ writes it: nine characters (letters,
// digits, trailing '<' filler, at least one digit) followed by their check digit.
bool ValidIcaoMrzNumber(std::string_view text);

// National identification numbers. Separators: space, dash, dot, slash.
bool ValidNlBsn(std::string_view text);             // 9 digits, 11-check, last weight -1
bool ValidBeNationalNumber(std::string_view text);  // YYMMDD-XXX-CC, mod 97, 2000+ rule
bool ValidDeTaxId(std::string_view text);           // 11 digits, ISO 7064 MOD 11,10
bool ValidEsDni(std::string_view text);             // DNI 8 digits + letter; NIE X/Y/Z
bool ValidItCodiceFiscale(std::string_view text);   // 16 characters, check letter
bool ValidFrNir(std::string_view text);             // 13 characters + key, 2A/2B
bool ValidPlPesel(std::string_view text);           // 11 digits, weights 1-3-7-9

// Phone numbers of the Netherlands, Belgium, Germany and the United Kingdom, written with
// +CC or 00CC or a national trunk 0. Separators: space, dash, dot, slash; parentheses
// around the area code; "(0)" after the country code. Dates and amounts are rejected.
bool ValidPhone(std::string_view text);  // any of the four
bool ValidPhoneNl(std::string_view text);
bool ValidPhoneBe(std::string_view text);
bool ValidPhoneDe(std::string_view text);
bool ValidPhoneUk(std::string_view text);

// `email`: RFC 5321 shape (local part <= 64, domain <= 253, labels 1..63) and a top-level
// domain the Public Suffix List knows. ASCII only. The list is loaded on first use.
bool ValidEmail(std::string_view text);

// Secrets.
// `github_token`: ghp_/gho_/ghu_/ghr_ tokens with their CRC32 checksum; ghs_ and
// github_pat_ tokens by shape alone (no public checksum to check).
bool ValidGithubToken(std::string_view text);
// `entropy`: a generic secret: 16+ printable characters, a letter and a digit, and Shannon
// entropy above a line that depends on the alphabet (hex or not) and the length.
bool ValidEntropy(std::string_view text);
// `secret_value`: the value after "password:": 6..128 characters, no spaces, not a
// placeholder, and a letter with a digit or symbol, or 12+ characters.
bool ValidSecretValue(std::string_view text);

}  // namespace holdfast::rules
