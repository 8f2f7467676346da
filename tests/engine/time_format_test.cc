#include "engine/time_format.h"

#include <gtest/gtest.h>

namespace holdfast::engine {
namespace {

TEST(TimeFormatTest, ParsesUtcAndOffsetsToTheSameInstant) {
  const auto utc = ParseRfc3339("2024-03-01T09:30:00Z");
  ASSERT_TRUE(utc.has_value());
  EXPECT_EQ(*utc, int64_t{1709285400} * 1'000'000);
  EXPECT_EQ(ParseRfc3339("2024-03-01T10:30:00+01:00"), utc);
  EXPECT_EQ(ParseRfc3339("2024-03-01T04:00:00-05:30"), utc);
}

TEST(TimeFormatTest, KeepsMicrosecondsAndTruncatesNanoseconds) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:01.123456789Z"), 1'123'456);
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00.5Z"), 500'000);
}

TEST(TimeFormatTest, RejectsMalformedTimes) {
  for (const char* bad : {"", "2024-03-01", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z",
                          "2024-03-01T25:00:00Z", "2024-03-01T00:00:00", "2024-03-01T00:00:00Zx",
                          "2024-03-01T00:00:00.Z", "24-03-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
}

TEST(TimeFormatTest, FormatsWhatItParses) {
  for (const char* text :
       {"2024-03-01T09:30:00Z", "1999-12-31T23:59:59.000001Z", "1969-07-20T20:17:40.5Z"}) {
    const auto parsed = ParseRfc3339(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(*parsed)), parsed) << text;
  }
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999999Z");
}

TEST(TimeFormatTest, ReadsSlackTimestampsExactly) {
  EXPECT_EQ(ParseEpochSeconds("1459189040.000002"), int64_t{1459189040} * 1'000'000 + 2);
  EXPECT_EQ(ParseEpochSeconds("1459189040"), int64_t{1459189040} * 1'000'000);
  EXPECT_FALSE(ParseEpochSeconds("14591x9040.1").has_value());
  EXPECT_FALSE(ParseEpochSeconds("").has_value());
  EXPECT_FALSE(ParseEpochSeconds("1.").has_value());
}

// Found by fuzz_slack_day: a ts of 14 digits overflowed the multiplication to microseconds.
TEST(TimeFormatTest, EpochSecondsBeyondInt64MicrosecondsAreRefused) {
  EXPECT_FALSE(ParseEpochSeconds("17092800000200").has_value());
  EXPECT_FALSE(ParseEpochSeconds("9223372036854.775807").has_value());
  EXPECT_FALSE(ParseEpochSeconds("-9223372036855").has_value());
  EXPECT_EQ(ParseEpochSeconds("9223372036853.999999"), int64_t{9223372036853999999});
}

}  // namespace
}  // namespace holdfast::engine
