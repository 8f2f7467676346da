// KeyStore: DIR/log/keys.db, an SQLite table from each record key to the sequences of the
// records that carry it, so that Append can refuse a key the log holds already without keeping
// every key in memory (a large export has tens of millions). SQLite is the standard embedded
// on-disk B-tree; its page cache is capped, so memory stays bounded however large the log.
//
// Keys are stored as the first 16 bytes of their SHA-256 (short, and evenly spread whatever the
// keys look like); a match is confirmed by the caller against the record itself, so that two
// keys sharing a digest can never hide one another.
//
// It is derived from the log: the store records how many of the log's records it covers, in the
// same transaction as their keys, and Archive::Open adds the keys of any later records (or
// rebuilds the store when it claims more records than the log holds).
// Records of the listed types (IsListedType; keyed or not) are also kept by type, so that their
// few records are found without reading the log. The store records which version of that list
// it keeps (kListedTypesVersion; 1 when it does not say).
// Inserts join one transaction that Commit ends; readers (WAL mode) see committed keys only.
// Thread safety: owned.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/record.h"

namespace holdfast::archive::internal {

class KeyStore {
 public:
  // A writer creates the file; a reader of an archive without one gets an empty store.
  [[nodiscard]] static tl::expected<KeyStore, Error> Open(const std::filesystem::path& path,
                                                          bool writable);

  uint64_t covered() const { return covered_; }  // records [0, covered) are in, as committed
  uint32_t listed_version() const { return listed_version_; }

  // Sequences of the records whose key may be `key` (same digest), committed or pending.
  [[nodiscard]] tl::expected<std::vector<uint64_t>, Error> Find(std::string_view key) const;
  // Adds a record: its key (unless empty) and, of a listed type, its sequence by type.
  // Idempotent. Commit records kListedTypesVersion.
  [[nodiscard]] tl::expected<void, Error> Insert(std::string_view key, uint64_t sequence,
                                                 RecordType type);
  // Sequences of the committed or pending records of a listed type, ascending.
  [[nodiscard]] tl::expected<std::vector<uint64_t>, Error> OfType(RecordType type,
                                                                  uint64_t from = 0) const;
  // Makes the inserts durable together with the count of records they cover.
  [[nodiscard]] tl::expected<void, Error> Commit(uint64_t covered);
  // Forgets every key (the log it was built from is gone).
  [[nodiscard]] tl::expected<void, Error> Clear();

 private:
  struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using Db = std::unique_ptr<sqlite3, DbCloser>;
  using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

  KeyStore() = default;
  Error Fail(std::string_view what) const;
  tl::expected<void, Error> Exec(const char* sql);
  tl::expected<Statement, Error> Prepare(const char* sql);
  tl::expected<void, Error> Begin();

  std::filesystem::path path_;
  Db db_;
  Statement find_;
  Statement insert_;
  Statement insert_typed_;
  Statement of_type_;
  Statement set_covered_;
  uint64_t covered_ = 0;
  uint32_t listed_version_ = 1;
  Statement set_listed_;
  bool in_transaction_ = false;
};

}  // namespace holdfast::archive::internal
