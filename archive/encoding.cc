#include "archive/internal/encoding.h"

#include <openssl/evp.h>

#include <cassert>
#include <chrono>
#include <climits>
#include <cstdio>

namespace holdfast::archive::internal {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Reads `width` decimal digits at `pos`; nullopt if any is not a digit.
std::optional<int> Digits(std::string_view text, size_t pos, size_t width) {
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto byte = static_cast<uint8_t>(c);
    out.push_back(kHexDigits[byte >> 4]);
    out.push_back(kHexDigits[byte & 0x0f]);
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view text) {
  if (text.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    const int high = HexValue(text[i]);
    const int low = HexValue(text[i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>((high << 4) | low));
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  assert(bytes.size() <= INT_MAX / 4);
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // +1: EVP_EncodeBlock adds a NUL
  [[maybe_unused]] const int written = EVP_EncodeBlock(
      reinterpret_cast<unsigned char*>(out.data()),
      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  // EVP_EncodeBlock cannot fail; a different length would be a bug in the size computed above.
  assert(written >= 0 && static_cast<size_t>(written) == out.size() - 1);
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  // EVP_DecodeBlock skips surrounding whitespace, ignores where padding sits and counts padding
  // as zero bytes, so the shape is checked here and the padding subtracted afterwards.
  if (text.size() % 4 != 0 || text.size() > INT_MAX / 4) {
    return std::nullopt;
  }
  size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  for (size_t i = 0; i < text.size() - padding; ++i) {
    if (!IsBase64Char(text[i])) {
      return std::nullopt;
    }
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (decoded < 0 || static_cast<size_t>(decoded) != out.size()) {
    return std::nullopt;
  }
  out.resize(out.size() - padding);
  // Only the canonical encoding is accepted: unused bits in the last character must be zero.
  if (Base64Encode(out) != text) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> FormatRfc3339Micros(int64_t time_us) {
  using namespace std::chrono;
  const sys_time<microseconds> time{microseconds{time_us}};
  const sys_days day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss<microseconds> clock{time - day};
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) {
    return std::nullopt;
  }
  char text[32];
  const int n = std::snprintf(
      text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ", year,
      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
      static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
      static_cast<int>(clock.seconds().count()),
      static_cast<long long>(clock.subseconds().count()));
  if (n != 27) {
    return std::nullopt;
  }
  return std::string(text, static_cast<size_t>(n));
}

std::optional<int64_t> ParseRfc3339Micros(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 27 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[26] != 'Z') {
    return std::nullopt;
  }
  const auto y = Digits(text, 0, 4);
  const auto mo = Digits(text, 5, 2);
  const auto d = Digits(text, 8, 2);
  const auto h = Digits(text, 11, 2);
  const auto mi = Digits(text, 14, 2);
  const auto s = Digits(text, 17, 2);
  const auto us = Digits(text, 20, 6);
  if (!y || !mo || !d || !h || !mi || !s || !us || *h > 23 || *mi > 59 || *s > 59) {
    return std::nullopt;
  }
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  const sys_time<microseconds> time =
      sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s} + microseconds{*us};
  return time.time_since_epoch().count();
}

}  // namespace holdfast::archive::internal
