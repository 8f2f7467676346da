// SegmentSet: the log as a folder of segment files, DIR/log/segments/<first sequence>.log (20
// digits), each a run of whole frames (log_file.h) that begins with the record its name gives.
// A record never spans two segments. The rest of the archive sees one logical log: a frame's
// logical offset is its segment's base (the bytes of all segments before it) plus its offset
// in the file, which is what records.idx stores.
//
// A version-1 archive has a single DIR/log/records.log instead; Open reads it as the one
// segment (legacy()), and UpgradeLegacyLog moves it into place as segment 0 for a writer.
// Thread safety: owned. The read descriptor it caches makes even const reads single-threaded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/internal/file_io.h"

namespace holdfast::archive::internal {

inline constexpr uint64_t kDefaultSegmentBytes = uint64_t{256} << 20;

struct Segment {
  uint64_t first_sequence = 0;  // from the file name
  uint64_t base = 0;            // logical offset of its first byte
  uint64_t size = 0;            // bytes when listed (the last segment grows with appends)
  std::filesystem::path path;
};

class SegmentSet {
 public:
  // Lists the segments under `log_dir` (DIR/log) with their sizes as they are now. Fails when
  // there is no segment, or both layouts are present.
  [[nodiscard]] static tl::expected<SegmentSet, Error> Open(const std::filesystem::path& log_dir);

  // DIR/log/segments, and the path of the segment whose first record is `first_sequence`.
  static std::filesystem::path Folder(const std::filesystem::path& log_dir);
  static std::filesystem::path PathFor(const std::filesystem::path& log_dir,
                                       uint64_t first_sequence);
  // Creates the folder with an empty segment 0, for a new archive.
  [[nodiscard]] static tl::expected<void, Error> CreateEmpty(const std::filesystem::path& log_dir);
  // Version 1 to 2: moves DIR/log/records.log to segment 0 (its HFR1 frames stay readable; the
  // offsets in records.idx stay valid, since segment 0's base is 0). Finishes a move a crash
  // interrupted; does nothing when there is no records.log. Returns whether it moved the file.
  [[nodiscard]] static tl::expected<bool, Error> UpgradeLegacyLog(
      const std::filesystem::path& log_dir);

  const std::vector<Segment>& segments() const { return segments_; }
  const Segment& last() const { return segments_.back(); }
  bool legacy() const { return legacy_; }

  // The segment holding logical `offset` (the last one for an offset at or past its start).
  size_t Find(uint64_t offset) const;
  // Reads `size` bytes at logical `offset`, inside one segment; the error names the segment
  // and `sequence`.
  [[nodiscard]] tl::expected<void, Error> ReadAt(uint64_t offset, size_t size, char* out,
                                                 uint64_t sequence) const;

  // Writer: records the size of the last segment, and starts a new empty one for record
  // `first_sequence` after it (created exclusively; with `sync`, the folder is synced).
  void SetLastSize(uint64_t size) { segments_.back().size = size; }
  [[nodiscard]] tl::expected<UniqueFd, Error> Roll(uint64_t first_sequence, bool sync);
  // Writer: removes empty segments at the end (a roll-over cut short by a crash), keeping at
  // least one. Returns how many it removed.
  [[nodiscard]] tl::expected<size_t, Error> DropEmptyTail(bool sync);

 private:
  SegmentSet(std::filesystem::path log_dir, std::vector<Segment> segments, bool legacy)
      : log_dir_(std::move(log_dir)), segments_(std::move(segments)), legacy_(legacy) {}

  std::filesystem::path log_dir_;
  std::vector<Segment> segments_;  // by first_sequence; never empty
  bool legacy_ = false;
  mutable size_t cached_ = 0;  // the segment cached_fd_ reads
  mutable UniqueFd cached_fd_;
};

}  // namespace holdfast::archive::internal
