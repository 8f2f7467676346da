// The state behind an Archive, shared by archive.cc (open, read), commit.cc (append, commit)
// and verify.cc. Everything here is derived from the files at Open and kept in step by Append
// and Commit. Archive::Impl is this state; the free functions of those files take it by its
// internal name because Impl itself is private to Archive.
// Thread safety: owned, as the Archive that holds it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/file_io.h"
#include "archive/internal/key_store.h"
#include "archive/internal/leaf_tree.h"
#include "archive/internal/log_file.h"
#include "archive/internal/segment_set.h"
#include "archive/signer.h"

namespace holdfast::archive {

namespace internal {

struct ArchiveState {
  ArchiveState() = default;
  ArchiveState(const ArchiveState&) = delete;
  ArchiveState& operator=(const ArchiveState&) = delete;
  // A log that could not be written (a full disk) leaves the index's pending changes behind.
  ~ArchiveState() {
    if (writer.has_value() && writer->failed() && index != nullptr) {
      index->Abandon();
    }
  }

  std::filesystem::path dir;
  Options options;
  std::string id;
  std::string origin;      // "holdfast/<id>"
  std::string public_pem;  // keys/public.pem as read at Open

  std::optional<Signer> signer;     // writable only
  UniqueFd lock;                    // writable only: flock held on DIR/lock
  std::optional<LogWriter> writer;  // writable only
  // The segment files; the writer adds to it as it rolls over. Read() reads through it.
  std::optional<SegmentSet> segments;
  uint64_t segment_bytes = kDefaultSegmentBytes;  // from archive.json
  // What Open repaired, for the caller to tell a person: a torn tail cut off, an empty segment
  // removed. Empty when nothing was.
  std::string repair_note;

  // One entry per record, in sequence order: where its frame starts, and its leaf hash.
  std::optional<RecordIndex> records;
  mutable LeafTree tree;  // a cache over `records`, filled in by const readers too
  uint64_t log_end = 0;   // end of the last whole frame, buffered appends included
  // Writer: every key, pending ones included. Reader: the keys a writer committed, opened at
  // the first Contains; tail_keys holds the keys of the records beyond keys->covered().
  std::optional<KeyStore> keys;
  std::optional<std::unordered_set<std::string>> tail_keys;
  std::vector<std::pair<RecordType, uint64_t>> tail_listed;  // reader: listed types in the tail
  // The note of the last record when that record is a tree head: nothing was appended since.
  std::string last_head_note;
  // Writer: pending files (pending_records.h) appended since the last head, deleted once the
  // next head is durable.
  std::vector<std::filesystem::path> drained;

  std::unique_ptr<Index> index;

  std::filesystem::path log_dir() const { return dir / "log"; }
  // What errors about the log as a whole name: the folder of segments.
  std::filesystem::path log_path() const { return SegmentSet::Folder(log_dir()); }
  std::filesystem::path head_path() const { return dir / "head.note"; }
  std::filesystem::path record_index_path() const { return dir / "log" / "records.idx"; }
  std::filesystem::path key_store_path() const { return dir / "log" / "keys.db"; }
  uint64_t size() const { return records->size(); }

  // Writes out buffered appends so that reads through the file see them.
  [[nodiscard]] tl::expected<void, Error> FlushPending() {
    return writer.has_value() ? writer->Flush() : tl::expected<void, Error>{};
  }
  // Where the frame of record `sequence` starts and ends.
  [[nodiscard]] tl::expected<std::pair<uint64_t, uint64_t>, Error> FrameExtent(
      uint64_t sequence) const;
  // The root of the first `tree_size` records.
  [[nodiscard]] tl::expected<Hash, Error> Root(uint64_t tree_size) const;
  [[nodiscard]] tl::expected<StoredRecord, Error> ReadRecord(uint64_t sequence) const;
  // Whether a record with `key` is in the log, appended ones included.
  [[nodiscard]] tl::expected<bool, Error> HasKey(std::string_view key);
  // Sequences of the records of a listed type (IsListedType), ascending.
  [[nodiscard]] tl::expected<std::vector<uint64_t>, Error> SequencesOfType(RecordType type);

  // At Open (log_state.cc): lists the segments, takes records.idx as far as its last entry
  // matches the log, then reads the frames after it. Stops at the first frame it cannot read and
  // returns why; Verify reports it, a writer repairs it.
  [[nodiscard]] tl::expected<std::optional<LogDamage>, Error> LoadRecords(bool writable);
  // Writer, after the log is repaired: brings keys.db up to the whole log.
  [[nodiscard]] tl::expected<void, Error> CatchUpKeys();

 private:
  // The key of every record in [from, size()), read from the log in order.
  [[nodiscard]] tl::expected<void, Error> ForEachKey(
      uint64_t from,
      const std::function<tl::expected<void, Error>(std::string&, uint64_t, RecordType)>& fn) const;
  // A reader opens keys.db at its first lookup, and reads the keys of the records beyond it.
  [[nodiscard]] tl::expected<void, Error> OpenKeys();
};

}  // namespace internal

struct Archive::Impl : internal::ArchiveState {};

}  // namespace holdfast::archive
