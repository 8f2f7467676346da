#include "archive/internal/key_store.h"

#include <string>

#include "archive/merkle.h"

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

namespace {

constexpr int kDigestBytes = 16;
// SQLite's page cache, in KiB (a negative cache_size): the store's whole share of memory.
constexpr const char* kPragmas =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;";
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS keys(digest BLOB NOT NULL, sequence INTEGER NOT NULL,"
    " PRIMARY KEY(digest, sequence)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS typed(type INTEGER NOT NULL, sequence INTEGER NOT NULL,"
    " PRIMARY KEY(type, sequence)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS state(name TEXT PRIMARY KEY, value INTEGER NOT NULL);";

Hash Digest(std::string_view key) { return Sha256(key); }

}  // namespace

Error KeyStore::Fail(std::string_view what) const {
  std::string message(what);
  message += ": ";
  message += db_ != nullptr ? sqlite3_errmsg(db_.get()) : "out of memory";
  return Error{path_.string(), std::nullopt, std::move(message)};
}

tl::expected<void, Error> KeyStore::Exec(const char* sql) {
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return tl::unexpected(Fail("key store"));
  }
  return {};
}

tl::expected<KeyStore::Statement, Error> KeyStore::Prepare(const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    return tl::unexpected(Fail("key store"));
  }
  return Statement(statement);
}

tl::expected<KeyStore, Error> KeyStore::Open(const fs::path& path, bool writable) {
  KeyStore store;
  store.path_ = path;
  std::error_code ec;
  if (!writable && !fs::exists(path, ec)) {
    return store;  // nothing indexed yet: every record is beyond covered()
  }
  sqlite3* db = nullptr;
  const int flags = writable ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
  const int opened = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  store.db_.reset(db);
  if (opened != SQLITE_OK) {
    return tl::unexpected(store.Fail("cannot open the key store"));
  }
  sqlite3_busy_timeout(db, 10'000);
  if (writable) {
    if (auto ok = store.Exec(kPragmas); !ok) {
      return tl::unexpected(ok.error());
    }
    if (auto ok = store.Exec(kSchema); !ok) {
      return tl::unexpected(ok.error());
    }
  }
  auto find = store.Prepare("SELECT sequence FROM keys WHERE digest = ?1");
  auto covered = store.Prepare("SELECT value FROM state WHERE name = 'covered'");
  auto listed = store.Prepare("SELECT value FROM state WHERE name = 'listed'");
  if (!find || !covered || !listed) {
    return tl::unexpected(!find ? find.error() : !covered ? covered.error() : listed.error());
  }
  store.find_ = std::move(*find);
  // A store written before records were listed by type has no such table: it lists nothing,
  // and its log holds no record of a listed type either.
  if (auto of_type = store.Prepare(
          "SELECT sequence FROM typed WHERE type = ?1 AND sequence >= ?2 ORDER BY sequence")) {
    store.of_type_ = std::move(*of_type);
  } else if (writable) {
    return tl::unexpected(of_type.error());
  }
  if (sqlite3_step(covered->get()) == SQLITE_ROW) {
    store.covered_ = static_cast<uint64_t>(sqlite3_column_int64(covered->get(), 0));
  }
  if (sqlite3_step(listed->get()) == SQLITE_ROW) {
    store.listed_version_ = static_cast<uint32_t>(sqlite3_column_int64(listed->get(), 0));
  } else if (store.covered_ == 0) {
    store.listed_version_ = kListedTypesVersion;  // a new store lists as this build does
  }
  if (writable) {
    auto insert = store.Prepare("INSERT OR IGNORE INTO keys(digest, sequence) VALUES(?1, ?2)");
    auto set = store.Prepare("INSERT OR REPLACE INTO state(name, value) VALUES('covered', ?1)");
    auto typed = store.Prepare("INSERT OR IGNORE INTO typed(type, sequence) VALUES(?1, ?2)");
    auto set_listed =
        store.Prepare("INSERT OR REPLACE INTO state(name, value) VALUES('listed', ?1)");
    if (!insert || !set || !typed || !set_listed) {
      return tl::unexpected(!insert  ? insert.error()
                            : !set   ? set.error()
                            : !typed ? typed.error()
                                     : set_listed.error());
    }
    store.set_listed_ = std::move(*set_listed);
    store.insert_ = std::move(*insert);
    store.insert_typed_ = std::move(*typed);
    store.set_covered_ = std::move(*set);
  }
  return store;
}

tl::expected<std::vector<uint64_t>, Error> KeyStore::Find(std::string_view key) const {
  std::vector<uint64_t> sequences;
  if (db_ == nullptr) {
    return sequences;
  }
  const Hash digest = Digest(key);
  sqlite3_stmt* find = find_.get();
  sqlite3_reset(find);
  sqlite3_bind_blob(find, 1, digest.data(), kDigestBytes, SQLITE_STATIC);
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(find)) == SQLITE_ROW) {
    sequences.push_back(static_cast<uint64_t>(sqlite3_column_int64(find, 0)));
  }
  sqlite3_reset(find);
  if (step != SQLITE_DONE) {
    return tl::unexpected(Fail("cannot look up a key"));
  }
  return sequences;
}

tl::expected<void, Error> KeyStore::Begin() {
  if (in_transaction_) {
    return {};
  }
  if (auto ok = Exec("BEGIN"); !ok) {
    return ok;
  }
  in_transaction_ = true;
  return {};
}

tl::expected<std::vector<uint64_t>, Error> KeyStore::OfType(RecordType type, uint64_t from) const {
  std::vector<uint64_t> sequences;
  if (db_ == nullptr || of_type_ == nullptr) {
    return sequences;
  }
  sqlite3_stmt* of_type = of_type_.get();
  sqlite3_reset(of_type);
  sqlite3_bind_int(of_type, 1, static_cast<int>(type));
  sqlite3_bind_int64(of_type, 2, static_cast<sqlite3_int64>(from));
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(of_type)) == SQLITE_ROW) {
    sequences.push_back(static_cast<uint64_t>(sqlite3_column_int64(of_type, 0)));
  }
  sqlite3_reset(of_type);
  if (step != SQLITE_DONE) {
    return tl::unexpected(Fail("cannot list records by type"));
  }
  return sequences;
}

tl::expected<void, Error> KeyStore::Insert(std::string_view key, uint64_t sequence,
                                           RecordType type) {
  if (auto begun = Begin(); !begun) {
    return begun;
  }
  if (!key.empty()) {
    const Hash digest = Digest(key);
    sqlite3_stmt* insert = insert_.get();
    sqlite3_reset(insert);
    sqlite3_bind_blob(insert, 1, digest.data(), kDigestBytes, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 2, static_cast<sqlite3_int64>(sequence));
    const int step = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (step != SQLITE_DONE) {
      return tl::unexpected(Fail("cannot add a key"));
    }
  }
  if (!IsListedType(type)) {
    return {};
  }
  sqlite3_stmt* typed = insert_typed_.get();
  sqlite3_reset(typed);
  sqlite3_bind_int(typed, 1, static_cast<int>(type));
  sqlite3_bind_int64(typed, 2, static_cast<sqlite3_int64>(sequence));
  const int typed_step = sqlite3_step(typed);
  sqlite3_reset(typed);
  if (typed_step != SQLITE_DONE) {
    return tl::unexpected(Fail("cannot list a record by type"));
  }
  return {};
}

tl::expected<void, Error> KeyStore::Commit(uint64_t covered) {
  if (auto begun = Begin(); !begun) {
    return begun;
  }
  sqlite3_stmt* set = set_covered_.get();
  sqlite3_reset(set);
  sqlite3_bind_int64(set, 1, static_cast<sqlite3_int64>(covered));
  const int step = sqlite3_step(set);
  sqlite3_reset(set);
  if (step != SQLITE_DONE) {
    return tl::unexpected(Fail("cannot record the keys' log position"));
  }
  sqlite3_stmt* set_listed = set_listed_.get();
  sqlite3_reset(set_listed);
  sqlite3_bind_int64(set_listed, 1, kListedTypesVersion);
  const int listed_step = sqlite3_step(set_listed);
  sqlite3_reset(set_listed);
  if (listed_step != SQLITE_DONE) {
    return tl::unexpected(Fail("cannot record the listed types' version"));
  }
  if (auto ok = Exec("COMMIT"); !ok) {
    return ok;
  }
  in_transaction_ = false;
  covered_ = covered;
  listed_version_ = kListedTypesVersion;
  return {};
}

tl::expected<void, Error> KeyStore::Clear() {
  if (auto begun = Begin(); !begun) {
    return begun;
  }
  if (auto ok = Exec("DELETE FROM keys; DELETE FROM typed;"); !ok) {
    return ok;
  }
  return Commit(0);
}

}  // namespace holdfast::archive::internal
