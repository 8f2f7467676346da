// TimeZone: an IANA time zone read from the system's compiled zone files (tzdata's TZif files
// under /usr/share/zoneinfo, RFC 8536), used to turn the wall-clock times that some exports
// write without a zone (WhatsApp) into UTC.
// Why our own reader: GCC 12's libstdc++ has no std::chrono::locate_zone; setting TZ and
// calling mktime changes process-wide state under every other thread; ICU is wrapped by rules.
// A TZif file is a sorted list of transitions plus a POSIX TZ rule for the years after the
// last one, which this reads and applies, so a loaded zone needs no global state.
// Thread safety: immutable after Load.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "engine/error.h"

namespace holdfast::engine {

class TimeZone {
 public:
  // `name` is an IANA name ("Europe/Amsterdam", "UTC"); "" is the machine's zone: the TZ
  // variable when set, else /etc/localtime. An unknown name is an Error naming it.
  [[nodiscard]] static tl::expected<TimeZone, Error> Load(const std::string& name);
  // A zone from the bytes of a TZif file (for tests and for zones read from an export).
  [[nodiscard]] static tl::expected<TimeZone, Error> FromTzif(std::string_view bytes,
                                                              const std::string& name);

  const std::string& name() const { return name_; }

  // Seconds east of UTC in force at `utc_seconds`.
  int32_t OffsetAt(int64_t utc_seconds) const;

  // UTC seconds for a local wall time given as seconds since 1970-01-01T00:00 local. A time
  // that occurs twice (clocks go back) or never (clocks go forward) takes the offset in force
  // before the change: the earlier of the two instants, and for a skipped time the instant
  // the old offset names (02:30 in a skipped hour reads as 03:30 of the new offset).
  int64_t LocalToUtc(int64_t local_seconds) const;

 private:
  TimeZone() = default;

  std::string name_;
  std::vector<int64_t> transitions_;  // UTC seconds, ascending
  std::vector<int32_t> offsets_;      // offset that starts at each transition
  int32_t initial_offset_ = 0;        // before the first transition
  // The POSIX TZ footer, for instants after the last transition; has_rule_ false when the file has
  // none (the last offset then holds).
  bool has_rule_ = false;
  int32_t std_offset_ = 0;
  int32_t dst_offset_ = 0;
  bool has_dst_ = false;
  struct RuleDate {
    char kind = 'M';  // 'M' (month.week.day), 'J' (1..365, no Feb 29), 'N' (0..365)
    int month = 0, week = 0, day = 0;
    int32_t time = 7200;  // seconds after local midnight
  };
  RuleDate dst_start_;
  RuleDate dst_end_;

  bool ParseRule(std::string_view rule);
  int32_t RuleOffsetAt(int64_t utc_seconds) const;
};

// Days since 1970-01-01 for a proleptic Gregorian date.
int64_t DaysFromCivil(int year, unsigned month, unsigned day);

}  // namespace holdfast::engine
