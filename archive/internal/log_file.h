// The log file DIR/log/records.log: a sequence of frames, one per record, append-only.
//
// Frame (integers big-endian):
//   u32 magic "HFR1" | u32 frame_len (bytes that follow) | u8 type | u8 flags (bit 0: content
//   erased) | i64 captured_at_us | u32 len | key | u32 len | meta | 16 bytes salt |
//   32 bytes content_digest | u32 len | content | 32 bytes leaf_hash
// The stored leaf hash is a per-record check; Archive::Verify recomputes it from the fields.
//
// LogReader reads the frames front to back through a large buffer and stops at the first frame
// it cannot decode, saying whether the file simply ends inside it (an interrupted append) or
// the bytes are wrong. LogWriter buffers appends in memory and writes them with write(2) on
// Flush, so that a commit of many records costs few system calls.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/error.h"
#include "archive/internal/file_io.h"
#include "archive/record.h"

namespace holdfast::archive::internal {

inline constexpr size_t kFrameHeaderSize = 8;

// The frame of `record` (its sequence is not stored: it is the frame's position). Fails with
// the reason when a field or the whole frame is too large for a u32 length.
tl::expected<std::string, std::string> EncodeFrame(const StoredRecord& record);

// Decodes one whole frame, header included, as record `sequence`.
tl::expected<StoredRecord, std::string> DecodeFrame(std::string_view frame, uint64_t sequence);
// The frame with its content erased where it lies: the erased flag set and every content byte
// zero, the length unchanged, so that no later frame moves. DecodeFrame reads such a frame as
// a record without content; its leaf hash is the same, since the leaf commits to the content's
// digest only.
tl::expected<std::string, std::string> EraseFrameContent(std::string_view frame);

// Why a read of the log stopped before the end of the file.
struct LogDamage {
  Error error;             // the log's path, the sequence of the bad frame, the reason
  uint64_t offset = 0;     // where the bad frame starts: the end of the last good one
  bool torn_tail = false;  // the file ends inside this frame: an append that was cut short
};

class LogReader {
 public:
  // Reads the file as it is now; frames appended later are not seen. Starts at byte `offset`,
  // which must be where frame `sequence` starts.
  [[nodiscard]] static tl::expected<LogReader, Error> Open(const std::filesystem::path& path,
                                                           uint64_t offset = 0,
                                                           uint64_t sequence = 0);

  // The next record, or nullopt at the end of the file. Do not call again after a LogDamage.
  [[nodiscard]] tl::expected<std::optional<StoredRecord>, LogDamage> Next();

  uint64_t offset() const { return offset_; }  // where the next frame starts
  uint64_t next_sequence() const { return sequence_; }

 private:
  LogReader(std::filesystem::path path, UniqueFd fd, uint64_t file_size, uint64_t offset,
            uint64_t sequence);
  // Makes at least `size` bytes available at buffer_[pos_]; false at the end of the snapshot.
  tl::expected<bool, Error> Fill(size_t size);
  LogDamage Damage(std::string reason, bool torn) const;

  std::filesystem::path path_;
  UniqueFd fd_;
  uint64_t file_size_ = 0;  // the snapshot: bytes beyond it are not read
  uint64_t read_ = 0;       // bytes read from the file into buffer_ so far
  std::string buffer_;
  size_t pos_ = 0;  // start of the unread frame in buffer_
  uint64_t offset_ = 0;
  uint64_t sequence_ = 0;
};

// Reads the frame of record `sequence`, `size` bytes at `offset` of the open log `fd`.
[[nodiscard]] tl::expected<StoredRecord, Error> ReadFrameAt(int fd,
                                                            const std::filesystem::path& path,
                                                            uint64_t offset, uint64_t size,
                                                            uint64_t sequence);

class LogWriter {
 public:
  // Appends after byte `end` of the log, the end of its last whole frame; a torn frame beyond
  // it (a crash mid-append) is cut off first. With `sync`, the cut is on disk before appending.
  [[nodiscard]] static tl::expected<LogWriter, Error> Open(const std::filesystem::path& path,
                                                           uint64_t end, bool sync);

  // Buffers `frame`, writing out what was buffered before when the buffer is full. After any
  // failed write every later call fails: the file may hold part of a frame, which reopening
  // the archive cuts off.
  [[nodiscard]] tl::expected<void, Error> Append(std::string_view frame);
  [[nodiscard]] tl::expected<void, Error> Flush();
  [[nodiscard]] tl::expected<void, Error> Sync();  // Flush, then fsync

  uint64_t end() const { return end_; }  // the end of the log, buffered frames included
  bool has_pending() const { return !buffer_.empty(); }
  bool failed() const { return failed_; }

 private:
  LogWriter(std::filesystem::path path, UniqueFd fd, uint64_t end);
  tl::expected<void, Error> Fail(std::string message);

  std::filesystem::path path_;
  UniqueFd fd_;
  uint64_t end_ = 0;
  std::string buffer_;
  bool failed_ = false;
};

}  // namespace holdfast::archive::internal
