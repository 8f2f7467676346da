#include "engine/time_format.h"

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace holdfast::engine {

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;

// Reads exactly `digits` decimal digits at text[pos]; advances pos.
std::optional<int> ReadNumber(std::string_view text, size_t& pos, size_t digits) {
  if (pos + digits > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + digits, value);
  if (ec != std::errc() || end != text.data() + pos + digits) {
    return std::nullopt;
  }
  pos += digits;
  return value;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// Microseconds from a fraction "123456789" (up to 9 digits, truncated to microseconds).
std::optional<int64_t> ReadFraction(std::string_view text, size_t& pos) {
  int64_t micros = 0;
  int digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (digits < 6) {
      micros = micros * 10 + (text[pos] - '0');
    }
    ++digits;
    ++pos;
  }
  if (digits == 0 || digits > 9) {
    return std::nullopt;
  }
  for (int i = digits; i < 6; ++i) {
    micros *= 10;
  }
  return micros;
}

}  // namespace

std::optional<int64_t> ParseRfc3339(std::string_view text) {
  size_t pos = 0;
  auto year = ReadNumber(text, pos, 4);
  if (!year || !Expect(text, pos, '-'))
    return std::nullopt;
  auto month = ReadNumber(text, pos, 2);
  if (!month || !Expect(text, pos, '-'))
    return std::nullopt;
  auto day = ReadNumber(text, pos, 2);
  if (!day)
    return std::nullopt;
  if (!(Expect(text, pos, 'T') || Expect(text, pos, 't') || Expect(text, pos, ' '))) {
    return std::nullopt;
  }
  auto hour = ReadNumber(text, pos, 2);
  if (!hour || !Expect(text, pos, ':'))
    return std::nullopt;
  auto minute = ReadNumber(text, pos, 2);
  if (!minute || !Expect(text, pos, ':'))
    return std::nullopt;
  auto second = ReadNumber(text, pos, 2);
  if (!second)
    return std::nullopt;
  int64_t micros = 0;
  if (Expect(text, pos, '.')) {
    auto fraction = ReadFraction(text, pos);
    if (!fraction)
      return std::nullopt;
    micros = *fraction;
  }
  int64_t offset_minutes = 0;
  if (Expect(text, pos, 'Z') || Expect(text, pos, 'z')) {
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto off_hour = ReadNumber(text, pos, 2);
    if (!off_hour || !Expect(text, pos, ':'))
      return std::nullopt;
    auto off_minute = ReadNumber(text, pos, 2);
    if (!off_minute || *off_hour > 23 || *off_minute > 59)
      return std::nullopt;
    offset_minutes = sign * (*off_hour * 60 + *off_minute);
  } else {
    return std::nullopt;
  }
  if (pos != text.size())
    return std::nullopt;

  using namespace std::chrono;
  const year_month_day date{std::chrono::year{*year}, std::chrono::month{unsigned(*month)},
                            std::chrono::day{unsigned(*day)}};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const int64_t days = sys_days{date}.time_since_epoch().count();
  const int64_t seconds =
      days * 86400 + *hour * 3600 + *minute * 60 + *second - offset_minutes * 60;
  return seconds * kMicrosPerSecond + micros;
}

std::string FormatRfc3339(int64_t time_us) {
  using namespace std::chrono;
  int64_t seconds = time_us / kMicrosPerSecond;
  int64_t micros = time_us % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    seconds -= 1;
  }
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  const year_month_day date{sys_days{std::chrono::days{days}}};
  char buffer[48];
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month());
  const unsigned day = static_cast<unsigned>(date.day());
  const int hour = static_cast<int>(rest / 3600);
  const int minute = static_cast<int>(rest / 60 % 60);
  const int second = static_cast<int>(rest % 60);
  if (micros == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, month, day, hour,
                  minute, second);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ", year, month, day,
                  hour, minute, second, static_cast<long long>(micros));
  }
  return buffer;
}

std::optional<int64_t> ParseEpochSeconds(std::string_view text) {
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
  if (whole.empty() || ec != std::errc() || end != whole.data() + whole.size()) {
    return std::nullopt;
  }
  // Beyond about 292,000 years the microseconds would overflow int64_t.
  constexpr int64_t kMaxSeconds = (INT64_MAX - (kMicrosPerSecond - 1)) / kMicrosPerSecond;
  if (seconds > kMaxSeconds || seconds < INT64_MIN / kMicrosPerSecond) {
    return std::nullopt;
  }
  int64_t micros = 0;
  if (dot != std::string_view::npos) {
    size_t pos = dot + 1;
    auto fraction = ReadFraction(text, pos);
    if (!fraction || pos != text.size()) {
      return std::nullopt;
    }
    micros = *fraction;
  }
  return seconds * kMicrosPerSecond + micros;
}

}  // namespace holdfast::engine
