// Archive: one folder holding the signed append-only log (the truth), the keys and the
// Xapian index (a view derived from the log).
//
//   DIR/archive.json      id, format version (2) and segment size limit
//   DIR/keys/private.pem  Ed25519 signing key in force (0600); DIR/keys/public.pem
//   DIR/keys/retired/     public keys that signed earlier heads (key_chain.h)
//   DIR/log/segments/<first sequence, 20 digits>.log
//                         the log: framed records with a CRC32C each (log_file.h), append-only,
//                         in segments of at most segment_bytes (segment_set.h); a version-1
//                         archive holds one DIR/log/records.log, moved to segment 0 when a
//                         writer first opens it
//   DIR/log/records.idx   derived: each record's logical frame offset (its segment's base plus
//                         its offset in the segment) and leaf hash (record_index.h)
//   DIR/log/keys.db       derived: SQLite table of record keys (key_store.h)
//   DIR/head.note         the latest signed tree head, written at each Commit
//   DIR/index/            Xapian database
//
// Appends become durable and signed at Commit(): the log is flushed and synced (a segment that
// filled up was synced when the next one started, and the folder with it), a tree head over
// every record so far is signed and appended as a record and synced, head.note is replaced
// atomically, and the index is committed with the log position it has reached. A writer's Open
// cuts off a torn frame at the end of the last segment when head.note does not sign it, and
// says so in repair_note(); damage anywhere else refuses the writer.
// A writer also appends the records other processes spooled in DIR/pending
// (archive/pending_records.h) when it opens and at each Commit, and signs them with its own.
// Thread safety: owned. One thread appends and commits; readers open their own Archive.
// Opening for writing takes an exclusive lock on the folder, waiting at most
// Options::writer_wait_ms: when another writer holds it, Open fails with the message kWriterBusy.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/index.h"
#include "archive/record.h"
#include "archive/tree_head.h"

namespace holdfast::archive {

// Error::message of a writer's Open while another writer holds the archive.
inline constexpr std::string_view kWriterBusy = "another writer has the archive open";

// Merkle subtree roots that an Archive passes on to the next one this process opens of the
// same folder (Options::merkle_cache), so that its first commit need not rehash the whole log:
// without it a commit of one record took 235 ms at 1,000,000 records, which the API server,
// opening the archive to commit its audit events every second, paid each time.
class MerkleCache;
std::shared_ptr<MerkleCache> NewMerkleCache();

struct Options {
  bool read_only = true;  // false: take the writer lock, allow Append/Commit
  bool sync = true;       // fsync log and head at Commit; off only for throwaway archives
  // How long a writer's Open waits for another writer's lock (polling every 50 ms) before it
  // fails with kWriterBusy. 0, the default, fails at once: the API server's background commit
  // tries again later. A few seconds lets a command outwait that commit.
  uint32_t writer_wait_ms = 0;
  // Source of capture times (UTC microseconds). Defaults to the system clock.
  std::function<int64_t()> now_us;
  // A writer's commits that index nothing new leave the index's recorded log position as it is
  // while it lags by fewer records than this (Index::set_position_slack). 0: never.
  uint64_t index_position_slack = 0;
  // Shared by the Archive objects a process opens of one folder, one after another or at once.
  std::shared_ptr<MerkleCache> merkle_cache{};
};

// Chosen when an archive is created, kept in archive.json.
struct CreateOptions {
  // A new segment file starts when the next record would take the current one past this many
  // bytes (a larger record gets a segment of its own). Fewer, larger files by default; small
  // values (at least 1024) exercise roll-over in tests.
  uint64_t segment_bytes = uint64_t{256} << 20;
  // Shards of the search index (Index::Open): one writer thread each. 0: Index::kDefaultShards.
  uint32_t index_shards = 0;
};

// The result of Verify(): ok, or the first bad record and why.
struct VerifyReport {
  bool ok = false;
  uint64_t records = 0;
  uint64_t heads_checked = 0;
  uint64_t timestamps = 0;  // RFC 3161 token records whose imprint matches their head
  // Fingerprints of the keys that signed heads, first to last: more than one after rotate-key.
  std::vector<std::string> key_chain;
  std::optional<uint64_t> first_bad;  // sequence of the first bad record, when one is named
  std::string message;
  std::string note;  // what an ok log still holds that is not signed (an append cut short)
};

class Archive {
 public:
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // Creates DIR (which must be absent or empty) with a fresh key pair.
  [[nodiscard]] static tl::expected<void, Error> Create(const std::filesystem::path& dir,
                                                        CreateOptions options = {});
  [[nodiscard]] static tl::expected<std::unique_ptr<Archive>, Error> Open(
      const std::filesystem::path& dir, Options options = {});

  const std::filesystem::path& dir() const;
  const std::string& origin() const;  // "holdfast/<archive id>"
  uint64_t size() const;              // records in the log
  // A reading of Options::now_us, the archive's clock, for other times it writes (bundles).
  int64_t NowUs() const;

  bool Contains(std::string_view key) const;

  // Appends a record; returns its sequence number, or nullopt if its key is present already.
  // REQUIRES: opened with read_only = false.
  [[nodiscard]] tl::expected<std::optional<uint64_t>, Error> Append(Record record);

  // Appends the records waiting in DIR/pending, then makes every append so far durable and
  // signed, and deletes the pending files the new head signs. Returns the new head.
  // REQUIRES: opened with read_only = false.
  [[nodiscard]] tl::expected<TreeHead, Error> Commit();

  // Hands signing over to a fresh key (key_chain.h): commits a last head with the old key,
  // appends a handover head signed by the new key and cosigned by the old one, then makes the
  // new key the key in force. Returns the handover head.
  // REQUIRES: opened with read_only = false.
  [[nodiscard]] tl::expected<TreeHead, Error> RotateKey();

  [[nodiscard]] tl::expected<StoredRecord, Error> Read(uint64_t sequence) const;
  // Calls fn for every record from sequence `from` on, in order; stops early when fn returns
  // false.
  [[nodiscard]] tl::expected<void, Error> ForEach(
      const std::function<bool(const StoredRecord&)>& fn, uint64_t from = 0) const;

  // Sequences of the records of a listed type (holds, retention rules, tombstones; see
  // IsListedType) from `from` on, ascending, without reading the log.
  [[nodiscard]] tl::expected<std::vector<uint64_t>, Error> SequencesOfType(RecordType type,
                                                                           uint64_t from = 0) const;

  // Erases the content of record `sequence` where it lies in the log (archive/erasure.cc): its
  // bytes become zeros and the record reads as content_erased. Its leaf, and so every head and
  // proof, stays valid: the leaf commits to the content's salted digest only. Returns false if
  // it was erased already. Only a signed post, flag, review or dead letter can be erased; the
  // caller appends and commits the tombstone that says who erased it and why first.
  // REQUIRES: opened with read_only = false.
  [[nodiscard]] tl::expected<bool, Error> EraseContent(uint64_t sequence);

  // The latest signed head (head.note), and the public key that signed it (the key in force).
  [[nodiscard]] tl::expected<TreeHead, Error> LatestHead() const;
  const std::string& public_pem() const;
  // What a writer's Open repaired at the end of the log (a torn append cut off, with its size;
  // empty segments removed), for the caller to report; empty when nothing was.
  const std::string& repair_note() const;

  // Audit path of record `sequence` in the tree of the first `tree_size` records.
  [[nodiscard]] tl::expected<std::vector<Hash>, Error> InclusionProof(uint64_t sequence,
                                                                      uint64_t tree_size) const;
  // PROOF(old_size, D[new_size]): the hashes that prove the first `old_size` records are the
  // start of the tree of `new_size` (RFC 9162 section 2.1.4); empty when old_size is 0 or equal
  // to new_size. Sizes out of order or beyond the log are an error naming them.
  [[nodiscard]] tl::expected<std::vector<Hash>, Error> ConsistencyProof(uint64_t old_size,
                                                                        uint64_t new_size) const;

  // Re-reads the whole log: framing and segment names, content digests, leaf hashes (which
  // cover what the frames' CRCs do, so the CRCs are not recomputed), every erased record named
  // by an erasure tombstone, every head record's root
  // and signature along the key chain (key_chain.h), each timestamp token's imprint against
  // its head (timestamp.h), and head.note against the log (a truncated log fails).
  [[nodiscard]] VerifyReport Verify() const;

  Index& index();
  const Index& index() const;
  // Replaces the index with an empty one that takes the old one's place at its first commit
  // (holdfast reindex), of `shards` shards (0: as many as the old one). REQUIRES: opened with
  // read_only = false.
  [[nodiscard]] tl::expected<void, Error> ResetIndex(uint32_t shards = 0);

 private:
  struct Impl;
  explicit Archive(std::unique_ptr<Impl> impl);
  // Appends the spooled records not yet appended (commit.cc).
  [[nodiscard]] tl::expected<void, Error> AppendPending();
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast::archive
