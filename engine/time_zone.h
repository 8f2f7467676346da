// TimeZone: an IANA time zone, used to turn the wall-clock times that some exports write
// without a zone (WhatsApp) into UTC. It is ICU's (icu::BasicTimeZone, with ICU's own copy
// of the tz database): GCC 12's libstdc++ has no std::chrono::locate_zone, and setting TZ
// around mktime would change process-wide state under every other thread. ICU is already
// linked for the rules' Unicode work.
// Thread safety: immutable after Load; copies share one ICU zone, whose const calls are safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <tl/expected.hpp>

#include "engine/error.h"

namespace holdfast::engine {

class TimeZone {
 public:
  // `name` is an IANA name ("Europe/Amsterdam", "UTC"); "" is the machine's zone (the TZ
  // variable when set, else /etc/localtime). An unknown name is an Error naming it.
  [[nodiscard]] static tl::expected<TimeZone, Error> Load(const std::string& name);

  const std::string& name() const { return name_; }

  // Seconds east of UTC in force at `utc_seconds`.
  int32_t OffsetAt(int64_t utc_seconds) const;

  // UTC seconds for a local wall time given as seconds since 1970-01-01T00:00 local. A time
  // that occurs twice (clocks go back) or never (clocks go forward) takes the offset in force
  // before the change: the earlier of the two instants, and for a skipped time the instant
  // the old offset names (02:30 in a skipped hour reads as 03:30 of the new offset).
  int64_t LocalToUtc(int64_t local_seconds) const;

 private:
  struct Zone;  // the ICU zone, in time_zone.cc
  TimeZone(std::string name, std::shared_ptr<const Zone> zone);

  std::string name_;
  std::shared_ptr<const Zone> zone_;
};

// Days since 1970-01-01 for a proleptic Gregorian date.
int64_t DaysFromCivil(int year, unsigned month, unsigned day);

}  // namespace holdfast::engine
