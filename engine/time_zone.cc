#include "engine/time_zone.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <chrono>
#include <utility>

namespace holdfast::engine {

struct TimeZone::Zone {
  std::unique_ptr<icu::BasicTimeZone> icu;
};

TimeZone::TimeZone(std::string name, std::shared_ptr<const Zone> zone)
    : name_(std::move(name)), zone_(std::move(zone)) {}

tl::expected<TimeZone, Error> TimeZone::Load(const std::string& name) {
  std::unique_ptr<icu::TimeZone> zone(
      name.empty() ? icu::TimeZone::detectHostTimeZone()
                   : icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
  icu::UnicodeString id;
  if (zone != nullptr) {
    zone->getID(id);
  }
  // ICU answers a name it does not know with the "Etc/Unknown" zone, which is UTC.
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(zone.get());
  if (basic == nullptr || id == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID)) {
    return tl::unexpected(Error{name, 0,
                                name.empty()
                                    ? "cannot tell this machine's time zone; give one with --tz"
                                    : "unknown time zone '" + name +
                                          "' (an IANA name such as "
                                          "Europe/Amsterdam)"});
  }
  std::string resolved;
  id.toUTF8String(resolved);
  zone.release();
  auto shared = std::make_shared<Zone>();
  shared->icu.reset(basic);
  return TimeZone(name.empty() ? resolved : name, std::move(shared));
}

int32_t TimeZone::OffsetAt(int64_t utc_seconds) const {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0;
  int32_t dst = 0;
  zone_->icu->getOffset(static_cast<UDate>(utc_seconds) * 1000.0, /*local=*/false, raw, dst,
                        status);
  return U_SUCCESS(status) ? (raw + dst) / 1000 : 0;
}

int64_t TimeZone::LocalToUtc(int64_t local_seconds) const {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0;
  int32_t dst = 0;
  // UCAL_TZ_LOCAL_FORMER: the offset before the change, for repeated and skipped times alike.
  zone_->icu->getOffsetFromLocal(static_cast<UDate>(local_seconds) * 1000.0, UCAL_TZ_LOCAL_FORMER,
                                 UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  return local_seconds - (U_SUCCESS(status) ? (raw + dst) / 1000 : 0);
}

int64_t DaysFromCivil(int year, unsigned month, unsigned day) {
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} /
                                   std::chrono::day{day}};
  return days.time_since_epoch().count();
}

}  // namespace holdfast::engine
