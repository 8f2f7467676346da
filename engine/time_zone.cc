#include "engine/time_zone.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace holdfast::engine {

namespace {

constexpr std::string_view kZoneDir = "/usr/share/zoneinfo/";
constexpr size_t kMaxTzifBytes = size_t{1} << 20;

int64_t ReadBigEndian(std::string_view bytes, size_t pos, size_t width) {
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[pos + i]);
  }
  if (width == 4) {
    return static_cast<int32_t>(static_cast<uint32_t>(value));
  }
  return static_cast<int64_t>(value);
}

// An IANA name is a relative path of letters, digits and "/_+-"; nothing else reaches the disk.
bool IsZoneName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '+' || c == '-';
  });
}

bool ReadFile(const std::string& path, std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad() && bytes.size() <= kMaxTzifBytes;
}

// "[+-]hh[:mm[:ss]]" in seconds; false when malformed.
bool ParseClock(std::string_view text, size_t& pos, int32_t& seconds) {
  int sign = 1;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    sign = text[pos] == '-' ? -1 : 1;
    ++pos;
  }
  int32_t parts[3] = {0, 0, 0};
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (pos >= text.size() || text[pos] != ':') {
        break;
      }
      ++pos;
    }
    const size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 3) {
      parts[part] = parts[part] * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start) {
      return false;
    }
  }
  seconds = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}

bool ParseAbbreviation(std::string_view text, size_t& pos) {
  if (pos < text.size() && text[pos] == '<') {
    const size_t close = text.find('>', pos);
    if (close == std::string_view::npos) {
      return false;
    }
    pos = close + 1;
    return true;
  }
  const size_t start = pos;
  while (pos < text.size() &&
         ((text[pos] >= 'A' && text[pos] <= 'Z') || (text[pos] >= 'a' && text[pos] <= 'z'))) {
    ++pos;
  }
  return pos - start >= 3;
}

bool ParseNumber(std::string_view text, size_t& pos, int& value) {
  const size_t start = pos;
  value = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 4) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  return pos > start;
}

int WeekdayOf(int64_t days) {  // 0 = Sunday; 1970-01-01 was a Thursday
  return static_cast<int>(((days + 4) % 7 + 7) % 7);
}

int CivilYear(int64_t days) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  return static_cast<int>(date.year());
}

}  // namespace

int64_t DaysFromCivil(int year, unsigned month, unsigned day) {
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} /
                                   std::chrono::day{day}};
  return days.time_since_epoch().count();
}

tl::expected<TimeZone, Error> TimeZone::Load(const std::string& name) {
  std::string path;
  std::string shown = name;
  if (name.empty()) {
    // The machine's zone, as the C library finds it.
    const char* env = std::getenv("TZ");
    std::string tz = env != nullptr ? env : "";
    if (!tz.empty() && tz.front() == ':') {
      tz.erase(0, 1);
    }
    if (tz.empty()) {
      path = "/etc/localtime";
      shown = "the machine's zone (/etc/localtime)";
    } else if (tz.front() == '/') {
      path = tz;
      shown = tz;
    } else {
      return Load(tz);
    }
  } else if (!IsZoneName(name)) {
    return tl::unexpected(Error{name, 0, "unknown time zone '" + name + "'"});
  } else {
    path = std::string(kZoneDir) + name;
  }
  std::string bytes;
  if (!ReadFile(path, bytes)) {
    if (name == "UTC" || name == "Etc/UTC" || (name.empty() && path == "/etc/localtime")) {
      TimeZone utc;  // no tzdata installed: UTC needs none, and glibc reads a missing
      utc.name_ = name.empty() ? "UTC" : name;  // /etc/localtime as UTC too
      return utc;
    }
    return tl::unexpected(
        Error{path, 0, "unknown time zone '" + shown + "' (no zone file at " + path + ")"});
  }
  return FromTzif(bytes, shown);
}

tl::expected<TimeZone, Error> TimeZone::FromTzif(std::string_view bytes, const std::string& name) {
  auto bad = [&](const std::string& why) {
    return tl::unexpected(Error{name, 0, "not a zone file (TZif): " + why});
  };
  constexpr size_t kHeader = 44;
  if (bytes.size() < kHeader || bytes.substr(0, 4) != "TZif") {
    return bad("no TZif header");
  }
  size_t pos = 0;
  size_t width = 4;
  // Version 2 and later repeat the data with 64-bit times after the 32-bit block; skip to it.
  for (int block = 0; block < 2; ++block) {
    if (bytes.size() < pos + kHeader || bytes.substr(pos, 4) != "TZif") {
      return bad("truncated header");
    }
    const char version = bytes[pos + 4];
    const uint64_t isutcnt = ReadBigEndian(bytes, pos + 20, 4);
    const uint64_t isstdcnt = ReadBigEndian(bytes, pos + 24, 4);
    const uint64_t leapcnt = ReadBigEndian(bytes, pos + 28, 4);
    const uint64_t timecnt = ReadBigEndian(bytes, pos + 32, 4);
    const uint64_t typecnt = ReadBigEndian(bytes, pos + 36, 4);
    const uint64_t charcnt = ReadBigEndian(bytes, pos + 40, 4);
    const uint64_t data = timecnt * width + timecnt + typecnt * 6 + charcnt +
                          leapcnt * (width + 4) + isstdcnt + isutcnt;
    if (typecnt == 0 || timecnt > 100000 || typecnt > 256 || bytes.size() < pos + kHeader + data) {
      return bad("counts do not fit the file");
    }
    if (block == 0 && version >= '2') {
      pos += kHeader + data;
      width = 8;
      continue;
    }
    TimeZone zone;
    zone.name_ = name;
    const size_t times = pos + kHeader;
    const size_t indices = times + timecnt * width;
    const size_t types = indices + timecnt;
    for (uint64_t i = 0; i < timecnt; ++i) {
      const uint64_t type = static_cast<unsigned char>(bytes[indices + i]);
      if (type >= typecnt) {
        return bad("transition names a missing type");
      }
      zone.transitions_.push_back(ReadBigEndian(bytes, times + i * width, width));
      zone.offsets_.push_back(static_cast<int32_t>(ReadBigEndian(bytes, types + type * 6, 4)));
    }
    zone.initial_offset_ = static_cast<int32_t>(ReadBigEndian(bytes, types, 4));
    if (width == 8) {
      const size_t footer = pos + kHeader + data;
      if (footer < bytes.size() && bytes[footer] == '\n') {
        const size_t end = bytes.find('\n', footer + 1);
        if (end != std::string_view::npos && end > footer + 1 &&
            !zone.ParseRule(bytes.substr(footer + 1, end - footer - 1))) {
          return bad("unreadable POSIX TZ rule");
        }
      }
    }
    return zone;
  }
  return bad("no data block");
}

bool TimeZone::ParseRule(std::string_view rule) {
  size_t pos = 0;
  int32_t posix = 0;
  if (!ParseAbbreviation(rule, pos) || !ParseClock(rule, pos, posix)) {
    return false;
  }
  std_offset_ = -posix;  // POSIX counts hours west of Greenwich
  dst_offset_ = std_offset_ + 3600;
  has_rule_ = true;
  if (pos == rule.size()) {
    return true;
  }
  if (!ParseAbbreviation(rule, pos)) {
    return false;
  }
  has_dst_ = true;
  if (pos < rule.size() && rule[pos] != ',') {
    if (!ParseClock(rule, pos, posix)) {
      return false;
    }
    dst_offset_ = -posix;
  }
  auto at = [&](size_t i) { return i < rule.size() ? rule[i] : '\0'; };
  for (RuleDate* date : {&dst_start_, &dst_end_}) {
    if (at(pos) != ',') {
      return false;  // zic always writes the dates; the POSIX default is US rules of 1987
    }
    ++pos;
    if (at(pos) == 'M') {
      ++pos;
      date->kind = 'M';
      if (!ParseNumber(rule, pos, date->month) || at(pos++) != '.' ||
          !ParseNumber(rule, pos, date->week) || at(pos++) != '.' ||
          !ParseNumber(rule, pos, date->day) || date->month < 1 || date->month > 12 ||
          date->week < 1 || date->week > 5 || date->day > 6) {
        return false;
      }
    } else {
      date->kind = at(pos) == 'J' ? 'J' : 'N';
      pos += date->kind == 'J' ? 1 : 0;
      if (!ParseNumber(rule, pos, date->day)) {
        return false;
      }
    }
    if (at(pos) == '/') {
      ++pos;
      if (!ParseClock(rule, pos, date->time)) {
        return false;
      }
    }
  }
  return pos == rule.size();
}

int32_t TimeZone::RuleOffsetAt(int64_t utc_seconds) const {
  if (!has_dst_) {
    return std_offset_;
  }
  const int64_t local = utc_seconds + std_offset_;
  const int year = CivilYear(local / 86400 - (local % 86400 < 0 ? 1 : 0));
  auto local_seconds = [&](const RuleDate& date) -> int64_t {
    int64_t days = DaysFromCivil(year, 1, 1);
    if (date.kind == 'M') {
      const int64_t first = DaysFromCivil(year, static_cast<unsigned>(date.month), 1);
      const int64_t next = date.month == 12
                               ? DaysFromCivil(year + 1, 1, 1)
                               : DaysFromCivil(year, static_cast<unsigned>(date.month + 1), 1);
      days = first + (date.day - WeekdayOf(first) + 7) % 7 + 7 * (date.week - 1);
      while (days >= next) {
        days -= 7;  // week 5 is "the last"
      }
    } else if (date.kind == 'J') {
      const bool leap = DaysFromCivil(year, 3, 1) - DaysFromCivil(year, 2, 1) == 29;
      days += date.day - 1 + (leap && date.day >= 60 ? 1 : 0);
    } else {
      days += date.day;
    }
    return days * 86400 + date.time;
  };
  const int64_t start = local_seconds(dst_start_) - std_offset_;  // written in standard time
  const int64_t end = local_seconds(dst_end_) - dst_offset_;      // written in daylight time
  const bool dst = start < end ? (utc_seconds >= start && utc_seconds < end)
                               : !(utc_seconds >= end && utc_seconds < start);
  return dst ? dst_offset_ : std_offset_;
}

int32_t TimeZone::OffsetAt(int64_t utc_seconds) const {
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds);
  if (after == transitions_.end() && has_rule_) {
    return RuleOffsetAt(utc_seconds);
  }
  if (after == transitions_.begin()) {
    return initial_offset_;
  }
  return offsets_[static_cast<size_t>(after - transitions_.begin()) - 1];
}

int64_t TimeZone::LocalToUtc(int64_t local_seconds) const {
  // Offsets change at most once within a day, so the offsets a day either side are the only
  // candidates; one is right when the instant it gives has that offset.
  const int32_t before = OffsetAt(local_seconds - 86400);
  const int32_t after = OffsetAt(local_seconds + 86400);
  if (OffsetAt(local_seconds - before) == before) {
    return local_seconds - before;  // also the earlier instant when both fit
  }
  if (OffsetAt(local_seconds - after) == after) {
    return local_seconds - after;
  }
  return local_seconds - before;  // a skipped time: read with the offset before the gap
}

}  // namespace holdfast::engine
