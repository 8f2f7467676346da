// Small helpers shared by the archive tests: whole-file reads and writes, a test clock, and
// archives opened for writing with it. Thread safety: per-thread.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/log_file.h"
#include "archive/internal/segment_set.h"
#include "archive/merkle.h"

namespace holdfast::archive {

inline constexpr int64_t kMay1Noon = 1714564800000000;  // 2024-05-01T12:00:00Z

inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline void Spit(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A clock that starts at kMay1Noon and moves one second per reading.
class TestClock {
 public:
  std::function<int64_t()> Source() {
    return [this] { return now_ += 1000000; };
  }
  int64_t last() const { return now_; }

 private:
  int64_t now_ = kMay1Noon - 1000000;
};

inline Options Writable(TestClock& clock) {
  Options options;
  options.read_only = false;
  options.sync = false;  // throwaway archives: keep the tests fast on a shared machine
  options.now_us = clock.Source();
  return options;
}

inline std::unique_ptr<Archive> OpenOrDie(const std::filesystem::path& dir, Options options) {
  auto archive = Archive::Open(dir, std::move(options));
  EXPECT_TRUE(archive.has_value()) << archive.error().ToString();
  return archive.has_value() ? std::move(*archive) : nullptr;
}

// The first segment of the archive at `dir`, where the whole log lies unless it rolled over.
inline std::filesystem::path FirstSegment(const std::filesystem::path& dir) {
  return internal::SegmentSet::PathFor(dir / "log", 0);
}

// The archive's segments as they are on disk now.
inline internal::SegmentSet LogSegments(const std::filesystem::path& dir) {
  auto segments = internal::SegmentSet::Open(dir / "log");
  EXPECT_TRUE(segments.has_value()) << segments.error().ToString();
  return std::move(segments.value());
}

// The whole log of the archive at `dir`: its segments' bytes, one after the other.
inline std::string SlurpLog(const std::filesystem::path& dir) {
  std::string bytes;
  const internal::SegmentSet segments = LogSegments(dir);
  for (const internal::Segment& segment : segments.segments()) {
    bytes += Slurp(segment.path);
  }
  return bytes;
}

// Rewrites the log of the archive at `dir`, letting `edit` change records, with their stored
// digests and leaf hashes recomputed: what someone who can write the files but holds no key
// would do. Each record stays in its segment.
inline void RewriteLog(const std::filesystem::path& dir,
                       const std::function<void(StoredRecord&)>& edit) {
  const internal::SegmentSet segments = LogSegments(dir);
  auto reader = internal::LogReader::Open(segments);
  ASSERT_TRUE(reader.has_value());
  std::vector<std::string> bytes(segments.segments().size());
  while (true) {
    const size_t segment = segments.Find(reader->offset());
    auto next = reader->Next();
    ASSERT_TRUE(next.has_value());
    if (!next->has_value()) {
      break;
    }
    StoredRecord stored = **next;
    edit(stored);
    stored.content_digest = ContentDigest(stored.salt, stored.record.content);
    stored.leaf_hash = LeafHash(stored.LeafInput());
    bytes[segment] += internal::EncodeFrame(stored).value();
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    Spit(segments.segments()[i].path, bytes[i]);
  }
}

inline Record Post(std::string key, std::string meta, std::string content) {
  return Record{RecordType::kPost, std::move(key), std::move(meta), std::move(content)};
}

}  // namespace holdfast::archive
