// RFC 3339 times <-> UTC microseconds since the Unix epoch.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace holdfast::engine {

// Accepts "2024-03-01T09:30:00Z", with optional fraction (up to 9 digits, truncated to
// microseconds), 't'/' ' as separator, and "+01:00"-style offsets. nullopt when malformed.
std::optional<int64_t> ParseRfc3339(std::string_view text);

// "2024-03-01T09:30:00Z", or with ".123456" when the time has microseconds.
std::string FormatRfc3339(int64_t time_us);

// Parses a decimal seconds string exactly ("1459189040.000002"), without floating point, to
// microseconds; nullopt when it is not one or its microseconds do not fit in int64_t.
std::optional<int64_t> ParseEpochSeconds(std::string_view text);

}  // namespace holdfast::engine
