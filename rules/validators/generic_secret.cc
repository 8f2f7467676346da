// Secrets without a format of their own: the value after "api_key=" or "password:". A
// keyword pattern finds the value; these decide whether it is a secret or filler text.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/internal/utf8.h"
#include "rules/validators.h"
#include "rules/validators/compact_value.h"

namespace holdfast::rules {
namespace {

using validators::IsDigit;
using validators::IsLetter;
using validators::ToLower;

bool IsPrintableAscii(char c) { return c > ' ' && c < 0x7F; }

bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// "abcdef123456" has high entropy but was typed along the keyboard or alphabet, as the
// placeholders people paste are: most neighbours differ by one.
bool MostlySequential(std::string_view text) {
  size_t steps = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    steps += text[i] == text[i - 1] + 1 ? 1 : 0;
  }
  return 2 * steps >= text.size() - 1;
}

// Shannon entropy in bits per character.
double Entropy(const std::array<uint16_t, 128>& counts, size_t size) {
  double entropy = 0;
  for (uint16_t count : counts) {
    if (count != 0) {
      const double p = static_cast<double>(count) / static_cast<double>(size);
      entropy -= p * std::log2(p);
    }
  }
  return entropy;
}

bool EqualsIgnoringCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (ToLower(text[i]) != lower[i]) {
      return false;
    }
  }
  return true;
}

// Words people write where a password would go, in English and Dutch.
constexpr std::array<std::string_view, 24> kFillers = {
    "required",  "expired",  "reset",      "changed",  "verlopen",  "vereist",
    "gewijzigd", "password", "wachtwoord", "secret",   "geheim",    "changeme",
    "unknown",   "onbekend", "hidden",     "redacted", "removed",   "none",
    "null",      "empty",    "undefined",  "notset",   "incorrect", "verplicht",
};

// Filler words (also quoted or followed by punctuation), one character repeated ("******"),
// and references to a value kept elsewhere ("<password>", "${DB_PASS}", "%PASS%").
bool IsPlaceholder(std::string_view value) {
  bool repeated = true;
  for (char c : value) {
    repeated = repeated && c == value[0];
  }
  if (repeated) {
    return true;
  }
  const char first = value.front();
  const char last = value.back();
  if ((first == '<' && last == '>') || (first == '%' && last == '%') || value.starts_with("${") ||
      value.starts_with("{{")) {
    return true;
  }
  constexpr std::string_view kWrapping = "\"'`([{.,;:!?)]}";
  const size_t begin = value.find_first_not_of(kWrapping);
  const size_t end = value.find_last_not_of(kWrapping);
  if (begin == std::string_view::npos) {
    return true;
  }
  const std::string_view word = value.substr(begin, end - begin + 1);
  for (std::string_view filler : kFillers) {
    if (EqualsIgnoringCase(word, filler)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool ValidEntropy(std::string_view text) {
  // 16 characters is where generic-secret rules start (GitGuardian's generic high entropy
  // detector, gitleaks' generic-api-key); past 1024 it is a blob, not a key.
  if (text.size() < 16 || text.size() > 1024) {
    return false;
  }
  std::array<uint16_t, 128> counts{};
  bool letter = false;
  bool digit = false;
  bool hex = true;
  for (char c : text) {
    if (!IsPrintableAscii(c)) {
      return false;
    }
    ++counts[static_cast<size_t>(c)];
    letter = letter || IsLetter(c);
    digit = digit || IsDigit(c);
    hex = hex && (IsHexDigit(c) || c == '-');  // UUID-style keys are hex in groups
  }
  // Generated secrets mix letters and digits; words ("correcthorsebattery") and numbers
  // (order ids) do not.
  if (!letter || !digit || MostlySequential(text)) {
    return false;
  }
  // detect-secrets' defaults are 3.0 bits for hex and 4.5 for base64 (trufflehog v2 used the
  // same). Those assume long strings: n characters carry at most log2(n) bits each, so a
  // random 16-character key cannot reach 4.5. Below the caps the line follows log2(n), with
  // the factors set so about 99% of uniformly random strings of each length pass (simulated
  // for base62 and hex at 16..64 characters), while "Password1234Password1234" (3.4 bits
  // at 24, line 3.9) does not.
  const double log_length = std::log2(static_cast<double>(text.size()));
  const double line = hex ? std::fmin(3.0, 0.67 * log_length) : std::fmin(4.5, 0.85 * log_length);
  return Entropy(counts, text.size()) > line;
}

bool ValidSecretValue(std::string_view text) {
  // Bytes, not characters: a password of 6 accented letters is 12 bytes and still passes.
  if (text.size() < 6 || text.size() > 128 || !IsValidUtf8(text) || IsPlaceholder(text)) {
    return false;
  }
  bool letter = false;
  bool digit_or_symbol = false;
  int inner_capitals = 0;  // capitals after the first character
  int lower = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    inner_capitals += i > 0 && c >= 'A' && c <= 'Z' ? 1 : 0;
    lower += c >= 'a' && c <= 'z' ? 1 : 0;
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte == 0x7F) {  // spaces end a value; control bytes never belong
      return false;
    }
    letter = letter || IsLetter(c);
    // Non-ASCII bytes (é, ß) count as symbols: they widen the alphabet as symbols do.
    digit_or_symbol = digit_or_symbol || !IsLetter(c);
  }
  // Letters alone pass when the case changes inside the word more than a name does
  // ("xuShfhciyK", not "McDonald" or "iPhone"): random, not a word.
  const bool random_case = text.size() >= 8 && inner_capitals >= 2 && lower >= 2;
  return (letter && digit_or_symbol) || random_case || text.size() >= 12;
}

}  // namespace holdfast::rules
