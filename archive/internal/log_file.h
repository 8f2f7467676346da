// The frames of the log, one per record, append-only, in the segment files of segment_set.h.
//
// Frame (integers big-endian):
//   u32 magic "HFR2" | u32 frame_len (bytes that follow: 4 + payload) | u32 crc32c | payload
//   payload: u8 type | u8 flags (bit 0: content erased) | i64 captured_at_us | u32 len | key |
//     u32 len | meta | 16 bytes salt | 32 bytes content_digest | u32 len | content |
//     32 bytes leaf_hash
// The CRC32C (crc32c.h) covers the four bytes of frame_len, then the payload: every byte of the
// frame but the magic and the CRC itself, as they are on disk (an erased frame's CRC is that of
// its zeroed bytes). Version-1 archives hold "HFR1" frames, which have no CRC field
// (u32 magic | u32 frame_len = payload size | payload); they stay readable, and frames appended
// after them are HFR2. In both, a frame is 8 + frame_len bytes.
// The stored leaf hash is a per-record check; Archive::Verify recomputes it from the fields.
//
// LogReader reads the frames front to back, segment after segment, through a large buffer and
// stops at the first frame it cannot decode, saying whether the log simply ends inside it (an
// interrupted append) or the bytes are wrong. LogWriter buffers appends in memory and writes
// them with write(2) on Flush, so that a commit of many records costs few system calls; it
// starts a new segment when the next frame would take the current one past its size limit.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/internal/file_io.h"
#include "archive/internal/segment_set.h"
#include "archive/record.h"

namespace holdfast::archive::internal {

// The part of every frame that gives its size: magic and frame_len.
inline constexpr size_t kFrameHeaderSize = 8;

// Whether a reader checks each HFR2 frame's CRC32C. Verify skips it: it recomputes every leaf
// hash from the same bytes, a stronger check that the CRC would only slow down.
enum class CrcCheck { kCheck, kSkip };

// The frame of `record` (its sequence is not stored: it is the frame's position). Fails with
// the reason when a field or the whole frame is too large for a u32 length.
tl::expected<std::string, std::string> EncodeFrame(const StoredRecord& record);

// Decodes one whole frame, header included, as record `sequence`.
tl::expected<StoredRecord, std::string> DecodeFrame(std::string_view frame, uint64_t sequence,
                                                    CrcCheck crc = CrcCheck::kCheck);
// The size of the frame that starts with `header` (kFrameHeaderSize bytes).
uint64_t FrameSize(std::string_view header);
// The frame with its content erased where it lies: the erased flag set and every content byte
// zero, the length unchanged, so that no later frame moves. DecodeFrame reads such a frame as
// a record without content; its leaf hash is the same, since the leaf commits to the content's
// digest only. An HFR2 frame gets the CRC of its new bytes.
tl::expected<std::string, std::string> EraseFrameContent(std::string_view frame);

// Why a read of the log stopped before the end of the file.
struct LogDamage {
  Error error;          // the segment's path, the sequence of the bad frame, the reason
  uint64_t offset = 0;  // logical offset where the bad frame starts: the end of the last good one
  // The last segment with any bytes ends inside this frame: an append that was cut short.
  bool torn_tail = false;
};

class LogReader {
 public:
  // Reads the segments as they are now (the last one's size is taken at Open); frames appended
  // later are not seen. Starts at logical `offset`, which must be where frame `sequence` starts.
  [[nodiscard]] static tl::expected<LogReader, Error> Open(const SegmentSet& segments,
                                                           uint64_t offset = 0,
                                                           uint64_t sequence = 0,
                                                           CrcCheck crc = CrcCheck::kCheck);

  // The next record, or nullopt at the end of the log. Do not call again after a LogDamage.
  [[nodiscard]] tl::expected<std::optional<StoredRecord>, LogDamage> Next();

  uint64_t offset() const { return offset_; }  // where the next frame starts
  uint64_t next_sequence() const { return sequence_; }

 private:
  LogReader(std::vector<Segment> segments, uint64_t offset, uint64_t sequence, CrcCheck crc);
  // Opens segment `index` and reads from logical `offset` in it.
  tl::expected<void, Error> Enter(size_t index, uint64_t offset);
  uint64_t segment_end() const { return segments_[segment_].base + segments_[segment_].size; }
  // Whether no segment after the current one holds a byte.
  bool TailIsEmpty() const;
  // Makes at least `size` bytes available at buffer_[pos_]; false at the end of the segment.
  tl::expected<bool, Error> Fill(size_t size);
  LogDamage Damage(std::string reason, bool torn) const;
  // The segment ends inside the frame: a torn tail when it is the last one with any bytes.
  LogDamage Cut(const std::string& where) const;

  std::vector<Segment> segments_;  // the snapshot
  size_t segment_ = 0;             // the one being read
  UniqueFd fd_;
  CrcCheck crc_ = CrcCheck::kCheck;
  uint64_t read_ = 0;  // logical offset up to which the segment was read into buffer_
  std::string buffer_;
  size_t pos_ = 0;  // start of the unread frame in buffer_
  uint64_t offset_ = 0;
  uint64_t sequence_ = 0;
};

// Reads the frame of record `sequence`, `size` bytes at logical `offset` of `segments`.
[[nodiscard]] tl::expected<StoredRecord, Error> ReadFrameAt(const SegmentSet& segments,
                                                            uint64_t offset, uint64_t size,
                                                            uint64_t sequence);

class LogWriter {
 public:
  // Appends after logical offset `end` of `segments`, the end of its last whole frame, which
  // lies in the last segment; a torn frame beyond it (a crash mid-append) is cut off first.
  // With `sync`, the cut is on disk before appending, and a segment is synced before the next
  // one is started. A new segment starts when a frame would take the current one past
  // `segment_bytes` (a frame larger than that gets a segment of its own).
  // REQUIRES: `segments` outlives the writer and changes only through it.
  [[nodiscard]] static tl::expected<LogWriter, Error> Open(SegmentSet& segments, uint64_t end,
                                                           uint64_t segment_bytes, bool sync);

  // Buffers `frame`, the frame of record `sequence`, writing out what was buffered before when
  // the buffer is full or the segment rolls over. After any failed write every later call
  // fails: the segment may hold part of a frame, which reopening the archive cuts off.
  [[nodiscard]] tl::expected<void, Error> Append(std::string_view frame, uint64_t sequence);
  [[nodiscard]] tl::expected<void, Error> Flush();
  // Flush, then fsync of the current segment (the ones before it were synced as they filled).
  [[nodiscard]] tl::expected<void, Error> Sync();

  uint64_t end() const { return end_; }  // logical end of the log, buffered frames included
  bool has_pending() const { return !buffer_.empty(); }
  bool failed() const { return failed_; }

 private:
  LogWriter(SegmentSet& segments, UniqueFd fd, uint64_t end, uint64_t segment_bytes, bool sync);
  tl::expected<void, Error> Fail(std::string message);
  // Flushes and syncs the current segment, then starts the one of record `sequence`.
  tl::expected<void, Error> Roll(uint64_t sequence);

  SegmentSet* segments_;
  UniqueFd fd_;  // the last segment, for appending
  uint64_t end_ = 0;
  const uint64_t segment_bytes_;
  const bool sync_;
  std::string buffer_;
  bool failed_ = false;
};

}  // namespace holdfast::archive::internal
