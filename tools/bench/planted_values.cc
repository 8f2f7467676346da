#include "tools/bench/planted_values.h"

#include <array>
#include <span>

namespace holdfast::tools::bench {
namespace {

constexpr std::string_view kDigits = "0123456789";
// Base62 in the digit order GitHub's token checksum uses.
constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// AWS access key ids are base32.
constexpr std::string_view kAwsAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

constexpr std::string_view kFirstNames[] = {"anna",  "bram",  "chen", "daan",  "emma",
                                            "joost", "lotte", "noor", "priya", "sanne"};
constexpr std::string_view kLastNames[] = {"jansen", "devries", "bakker", "visser",
                                           "smit",   "meijer",  "mulder", "bos"};
constexpr std::string_view kDomains[] = {"rijnlandlogistiek.nl", "globex.com",
                                         "northwind.co.uk",      "gmail.com",
                                         "outlook.com",          "devriesbouw.nl"};
constexpr std::string_view kDutchBanks[] = {"ABNA", "RABO", "INGB", "TRIO",
                                            "SNSB", "ASNB", "KNAB", "BUNQ"};

std::string_view Pick(std::span<const std::string_view> items, std::mt19937_64& random) {
  return items[RandomBelow(random, items.size())];
}

std::string RandomText(std::string_view alphabet, int count, std::mt19937_64& random) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += alphabet[RandomBelow(random, alphabet.size())];
  }
  return out;
}

// `digits` in groups of four separated by spaces, as people type long numbers, or solid.
void AppendMaybeGrouped(std::string& out, std::string_view digits, std::mt19937_64& random) {
  if (RandomBelow(random, 2) == 0) {
    out += digits;
    return;
  }
  for (size_t i = 0; i < digits.size(); i += 4) {
    if (i > 0) {
      out += ' ';
    }
    out += digits.substr(i, 4);
  }
}

void AppendCard(std::string& out, std::mt19937_64& random) {
  // Visa (4) or Mastercard (51-55), 16 digits with the check digit.
  std::string number(1, RandomBelow(random, 2) == 0 ? '4' : '5');
  if (number[0] == '5') {
    number += static_cast<char>('1' + RandomBelow(random, 5));
  }
  number += RandomText(kDigits, 15 - static_cast<int>(number.size()), random);
  // Luhn: from the right, every second digit of the payload is doubled.
  int sum = 0;
  for (size_t i = 0; i < number.size(); ++i) {
    int digit = number[number.size() - 1 - i] - '0';
    if (i % 2 == 0) {
      digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    }
    sum += digit;
  }
  number += static_cast<char>('0' + (10 - sum % 10) % 10);
  AppendMaybeGrouped(out, number, random);
}

void AppendIban(std::string& out, std::mt19937_64& random) {
  const bool dutch = RandomBelow(random, 4) != 0;
  const std::string country = dutch ? "NL" : "DE";
  const std::string bban =
      dutch ? std::string(Pick(kDutchBanks, random)) + RandomText(kDigits, 10, random)
            : RandomText(kDigits, 18, random);
  // ISO 13616: BBAN, then the country and "00", letters as 10..35, mod 97; 98 minus that.
  int remainder = 0;
  for (char c : bban + country + "00") {
    const int value = c >= 'A' ? c - 'A' + 10 : c - '0';
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  const int check = 98 - remainder;
  std::string iban = country;
  iban += static_cast<char>('0' + check / 10);
  iban += static_cast<char>('0' + check % 10);
  iban += bban;
  AppendMaybeGrouped(out, iban, random);
}

void AppendBsn(std::string& out, std::mt19937_64& random) {
  while (true) {
    std::string bsn(1, static_cast<char>('1' + RandomBelow(random, 6)));
    bsn += RandomText(kDigits, 7, random);
    // The 11-check: weights 9..2 on the first eight digits, -1 on the last.
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
      sum += (bsn[static_cast<size_t>(i)] - '0') * (9 - i);
    }
    if (sum % 11 < 10) {
      out += bsn;
      out += static_cast<char>('0' + sum % 11);
      return;
    }
  }
}

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return ~crc;
}

void AppendGithubToken(std::string& out, std::mt19937_64& random) {
  const std::string body = RandomText(kBase62, 30, random);
  std::array<char, 6> checksum;
  checksum.fill('0');
  uint32_t crc = Crc32(body);
  for (size_t i = checksum.size(); i > 0 && crc > 0; --i, crc /= 62) {
    checksum[i - 1] = kBase62[crc % 62];
  }
  out += "ghp_" + body + std::string(checksum.data(), checksum.size());
}

}  // namespace

bool AppendPlantedValue(std::string_view slot, std::string& out, std::mt19937_64& random) {
  if (slot == "card") {
    AppendCard(out, random);
  } else if (slot == "iban") {
    AppendIban(out, random);
  } else if (slot == "bsn") {
    AppendBsn(out, random);
  } else if (slot == "email") {
    out += Pick(kFirstNames, random);
    out += '.';
    out += Pick(kLastNames, random);
    out += '@';
    out += Pick(kDomains, random);
  } else if (slot == "aws") {
    out += "AKIA" + RandomText(kAwsAlphabet, 16, random);
  } else if (slot == "ghp") {
    AppendGithubToken(out, random);
  } else if (slot == "phone") {
    out += "+31 6 " + RandomText(kDigits, 4, random) + " " + RandomText(kDigits, 4, random);
  } else if (slot == "key") {
    out += RandomText(kBase64, 64, random);
  } else {
    return false;
  }
  return true;
}

}  // namespace holdfast::tools::bench
