// archive.json, the archive's description: format, layout version, id and segment size.
//
// Version 2: the log is a folder of segments of HFR2 frames with a CRC32C (segment_set.h,
// log_file.h), and it may hold record types 9 (timestamp) and 10 (saved search) and
// key-rotation handover heads, which version-1 builds misread; those builds refuse version 2
// ("unsupported archive version"). Version 1: one log/records.log of HFR1 frames; it is read
// as it is, and upgraded by the first writer to open it.
// Thread safety: the functions are safe to call from any thread; writes need the writer lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <tl/expected.hpp>

#include "archive/error.h"
#include "archive/internal/segment_set.h"

namespace holdfast::archive::internal {

inline constexpr int kArchiveVersion = 2;
inline constexpr int kVersionLegacyLog = 1;
inline constexpr size_t kIdBytes = 16;
inline constexpr uint64_t kMinSegmentBytes = 1024;

struct Description {
  std::string id;  // 32 hex digits
  int version = kArchiveVersion;
  uint64_t segment_bytes = kDefaultSegmentBytes;  // version 1 has none: the default
};

[[nodiscard]] tl::expected<void, Error> WriteDescription(const std::filesystem::path& dir,
                                                         const Description& description);
// Refuses a version this build does not read, naming it, and a malformed field.
[[nodiscard]] tl::expected<Description, Error> ReadDescription(const std::filesystem::path& dir);
// Version 1 to 2: the log moves into segments/ first, then archive.json says version 2, so that
// a crash in between is finished by the next writer. REQUIRES: the writer lock is held.
[[nodiscard]] tl::expected<void, Error> UpgradeFromVersion1(const std::filesystem::path& dir,
                                                            Description& description);

}  // namespace holdfast::archive::internal
