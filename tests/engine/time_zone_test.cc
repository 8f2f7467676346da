#include "engine/time_zone.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace holdfast::engine {
namespace {

int64_t Local(int year, unsigned month, unsigned day, int hour, int minute) {
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60;
}

// ICU's own copy of the tz database: no zone is missing on any machine.
TimeZone Zone(const std::string& name) {
  auto zone = TimeZone::Load(name);
  EXPECT_TRUE(zone.has_value()) << (zone ? "" : zone.error().ToString());
  return zone ? *zone : *TimeZone::Load("UTC");
}

TEST(TimeZoneTest, DaysFromCivilCountsFromTheUnixEpoch) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
}

TEST(TimeZoneTest, UtcLeavesWallTimeUnchanged) {
  const TimeZone utc = Zone("UTC");
  EXPECT_EQ(utc.LocalToUtc(Local(2024, 7, 1, 12, 0)), Local(2024, 7, 1, 12, 0));
  EXPECT_EQ(utc.OffsetAt(0), 0);
}

TEST(TimeZoneTest, AmsterdamIsOneHourAheadInWinterAndTwoInSummer) {
  const TimeZone zone = Zone("Europe/Amsterdam");
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 1, 15, 12, 0)), Local(2024, 1, 15, 11, 0));
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 7, 1, 12, 0)), Local(2024, 7, 1, 10, 0));
}

TEST(TimeZoneTest, YearsFarAheadFollowTheZonesRule) {
  const TimeZone zone = Zone("Europe/Amsterdam");
  EXPECT_EQ(zone.LocalToUtc(Local(2050, 1, 15, 12, 0)), Local(2050, 1, 15, 11, 0));
  EXPECT_EQ(zone.LocalToUtc(Local(2050, 7, 1, 12, 0)), Local(2050, 7, 1, 10, 0));
  // 2050's summer time starts on the last Sunday of March, 27 March, at 01:00 UTC.
  EXPECT_EQ(zone.OffsetAt(Local(2050, 3, 27, 0, 59)), 3600);
  EXPECT_EQ(zone.OffsetAt(Local(2050, 3, 27, 1, 0)), 7200);
}

TEST(TimeZoneTest, RepeatedHourTakesTheEarlierOffset) {
  const TimeZone zone = Zone("Europe/Amsterdam");
  // 27 October 2024: 03:00 CEST became 02:00 CET, so 02:30 happened twice.
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 10, 27, 2, 30)), Local(2024, 10, 27, 0, 30));
}

TEST(TimeZoneTest, SkippedHourTakesTheOffsetBeforeTheGap) {
  const TimeZone zone = Zone("Europe/Amsterdam");
  // 31 March 2024: 02:00 CET became 03:00 CEST; 02:30 never happened.
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 3, 31, 2, 30)), Local(2024, 3, 31, 1, 30));
}

TEST(TimeZoneTest, SouthernSummerSpansTheNewYear) {
  const TimeZone zone = Zone("Australia/Sydney");
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 1, 15, 12, 0)), Local(2024, 1, 15, 1, 0));
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 7, 15, 12, 0)), Local(2024, 7, 15, 2, 0));
  EXPECT_EQ(zone.LocalToUtc(Local(2060, 1, 15, 12, 0)), Local(2060, 1, 15, 1, 0));
  EXPECT_EQ(zone.LocalToUtc(Local(2060, 7, 15, 12, 0)), Local(2060, 7, 15, 2, 0));
}

TEST(TimeZoneTest, WesternZonesAreBehindUtc) {
  const TimeZone zone = Zone("America/New_York");
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 7, 1, 12, 0)), Local(2024, 7, 1, 16, 0));
  EXPECT_EQ(zone.LocalToUtc(Local(2024, 12, 1, 12, 0)), Local(2024, 12, 1, 17, 0));
}

TEST(TimeZoneTest, UnknownZoneIsAnErrorNamingIt) {
  auto zone = TimeZone::Load("Mars/Olympus_Mons");
  ASSERT_FALSE(zone.has_value());
  EXPECT_NE(zone.error().message.find("Mars/Olympus_Mons"), std::string::npos);
  auto escape = TimeZone::Load("../../etc/passwd");
  ASSERT_FALSE(escape.has_value());
  EXPECT_NE(escape.error().message.find("unknown time zone"), std::string::npos);
}

TEST(TimeZoneTest, TheMachinesZoneIsNamedByItsIanaId) {
  setenv("TZ", "Asia/Tokyo", 1);
  auto zone = TimeZone::Load("");
  unsetenv("TZ");
  ASSERT_TRUE(zone.has_value()) << zone.error().ToString();
  EXPECT_EQ(zone->name(), "Asia/Tokyo");
  EXPECT_EQ(zone->OffsetAt(0), 9 * 3600);
}

}  // namespace
}  // namespace holdfast::engine
