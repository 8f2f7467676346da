// RecordIndex: DIR/log/records.idx, where each record's frame starts and its leaf hash, one
// 40-byte entry per record in sequence order (u64 big-endian offset, then the 32-byte hash).
// It is derived from the log: Archive::Open checks its last entry against the log and rebuilds
// what is missing, so that opening a large archive reads the index, not every frame, and the
// writer's memory does not grow with the log.
//
// Appends are held in memory until Flush, which writes them after the log's own frames are out
// (the index never points at bytes the log does not hold). A read-only index never writes: the
// records a writer appended after its last flush stay in memory.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/internal/file_io.h"
#include "archive/record.h"

namespace holdfast::archive::internal {

struct RecordEntry {
  uint64_t offset = 0;  // where the record's frame starts in records.log
  Hash leaf{};
};

class RecordIndex {
 public:
  static constexpr size_t kEntrySize = 8 + 32;

  // Opens (a writer creates) the file; a trailing partial entry is not counted.
  [[nodiscard]] static tl::expected<RecordIndex, Error> Open(const std::filesystem::path& path,
                                                             bool writable);

  uint64_t size() const { return stored_ + pending_.size(); }

  [[nodiscard]] tl::expected<RecordEntry, Error> Get(uint64_t sequence) const;
  // The leaf hashes of records [begin, begin + out.size()).
  [[nodiscard]] tl::expected<void, Error> ReadLeaves(uint64_t begin, std::span<Hash> out) const;

  void Append(uint64_t offset, const Hash& leaf) { pending_.push_back({offset, leaf}); }
  // Forgets entries from `size` on, in memory and (writable) in the file.
  [[nodiscard]] tl::expected<void, Error> Truncate(uint64_t size);
  // Writes the held entries (writable), or keeps them (read-only).
  [[nodiscard]] tl::expected<void, Error> Flush();

 private:
  RecordIndex(std::filesystem::path path, UniqueFd fd, uint64_t stored, bool writable)
      : path_(std::move(path)), fd_(std::move(fd)), stored_(stored), writable_(writable) {}
  tl::expected<void, Error> ReadStored(uint64_t begin, uint64_t count, std::string& out) const;

  std::filesystem::path path_;
  UniqueFd fd_;
  uint64_t stored_ = 0;  // entries in the file
  bool writable_ = false;
  std::vector<RecordEntry> pending_;
};

}  // namespace holdfast::archive::internal
