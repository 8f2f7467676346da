// The layout of an index document (terms, value slots, metadata) and the Index's private state,
// shared by index.cc (writing) and index_query.cc (searching). Bump kSchemaVersion in index.h
// whenever a document gains or changes a slot or term; older indexes then rebuild.
// Thread safety: constants, and Impl is owned by its Index.
#pragma once

#include <xapian.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/error.h"
#include "archive/index.h"
#include "archive/internal/index_feeder.h"

namespace holdfast::archive::internal {

// Value slots. Schema 3 dropped slots 0-2 (date, time, sequence): the order slot holds both
// time and sequence, and date ranges are ranges of it. Schema 1 had only those: an index that
// old is still read (time and sequence of hits, sorting) until it is rebuilt.
constexpr Xapian::valueno kSchema1TimeSlot = 1;      // sortable_serialise(time_us)
constexpr Xapian::valueno kSchema1SequenceSlot = 2;  // 8 bytes big-endian
// Schema 2 and older: the raw text and its language, for snippets (now in the data).
constexpr Xapian::valueno kSchema2TextSlot = 3;
constexpr Xapian::valueno kSchema2LanguageSlot = 4;
// Schema 2: time then sequence, each 8 bytes big-endian (time with its sign bit flipped), so
// that byte order is time order with ties broken by log order (sorting, date ranges, context,
// chats with minute-only times).
constexpr Xapian::valueno kOrderSlot = 5;
// Schema 3: IndexEntry::thread_root as the thread filter stores it (packed when hex).
constexpr Xapian::valueno kThreadRootSlot = 11;

// Schema 2: facet slots. A single-valued facet holds the value itself (ValueCountMatchSpy); a
// multi-valued one holds each value length-prefixed (u32 big-endian), counted by a MatchSpy of
// our own.
struct FacetField {
  std::string_view name;
  Xapian::valueno slot;
  bool multi;
};
constexpr std::array<FacetField, 5> kFacetFields = {{{"channel", 6, false},
                                                     {"author", 7, false},
                                                     {"policy", 8, true},
                                                     {"source", 9, false},
                                                     {"kind", 10, false}}};

constexpr char kLogSizeKey[] = "holdfast:log_size";
constexpr char kSchemaKey[] = "holdfast:schema";

struct Field {
  std::string_view name;
  std::string_view prefix;
};
// Filter fields and their term prefixes. `hold` is parsed but set on no document: the engine
// expands it to the hold's query (engine/hold_query.h); a name it does not know stays here and
// matches nothing.
constexpr std::array<Field, 15> kFields = {{{"author", "XA"},
                                            {"channel", "XC"},
                                            {"source", "XS"},
                                            {"policy", "XP"},
                                            {"category", "XK"},
                                            {"rule", "XR"},
                                            {"state", "XF"},
                                            {"kind", "XT"},
                                            {"post", "XI"},
                                            {"version", "XV"},
                                            {"severity", "XE"},
                                            {"has", "XH"},
                                            {"thread", "XD"},
                                            {"chat", "XM"},
                                            {"hold", "XL"}}};
// Documents of versions that a later edit or deletion replaced: left out unless asked for.
constexpr std::string_view kSupersededTerm = "XVsuperseded";

std::optional<std::string_view> PrefixOf(std::string_view field);
// Values are matched case-insensitively: "author:Alice" finds what was indexed as "alice".
// Schema 3: 64-hex keys and the hex ids of post, chat and thread are stored packed (a zero
// byte, then the bytes the hex spells); Unpacked turns a stored value back into its text.
std::string FilterTerm(std::string_view prefix, const std::string& value);
std::string KeyTerm(std::string_view key);           // the unique term of a document's key
std::string ThreadValue(const std::string& thread);  // a thread id as its term holds it
std::string Unpacked(std::string_view stored);

// Schema 3: a document's data is the entry's data, a zero byte, its language, a zero byte and
// its text (for snippets), so that Xapian's docdata table compresses them together. JSON never
// holds a raw zero byte; an entry whose data does is refused.
std::string DocumentData(const IndexEntry& entry);
struct DocumentParts {
  std::string_view data{};
  std::string_view language{};
  std::string_view text{};
  bool has_text = false;  // false: a document of schema 2 or older, data only
};
DocumentParts SplitDocumentData(std::string_view stored);
std::string EncodeBigEndian(uint64_t value);
uint64_t DecodeBigEndian(std::string_view bytes);
// The kOrderSlot value.
std::string OrderValue(int64_t time_us, uint64_t sequence);
Xapian::Stem StemmerFor(std::string_view language);
// The query for `text` (index_parse.cc); MatchAll when blank. Throws Xapian::QueryParserError.
Xapian::Query ParseQuery(const Xapian::Database& db, const std::string& text);

}  // namespace holdfast::archive::internal

namespace holdfast::archive {

struct Index::Impl {
  // One Xapian database of the index, with its own writer and thread. A document lives in the
  // shard its key hashes to (ShardOf), so that replacing it by key finds it again.
  struct Shard {
    std::filesystem::path dir;
    std::unique_ptr<Xapian::WritableDatabase> db;
    Xapian::TermGenerator generator;  // reused across the shard's documents
    // Applies Put's documents on a thread of its own, started at the shard's first Put.
    std::unique_ptr<internal::IndexFeeder> feeder;
  };

  std::filesystem::path dir;
  // Every shard as one database, for reading. A writer's sees the shards' pending changes.
  std::unique_ptr<Xapian::Database> db;
  std::vector<std::unique_ptr<Shard>> shards;     // opened writable: one per shard, else none
  std::vector<std::filesystem::path> shard_dirs;  // as DIR/XAPIANDB names them (DIR: no such file)
  // A writer that started from an empty index writes every document in the current schema,
  // and stamps kSchemaVersion at its commits; an older index keeps its version until rebuilt.
  bool stamp_schema = false;
  // Whether a Put or SetFilter came since the last commit, and the slack Index::Commit may
  // leave in the recorded log position when none did (Index::set_position_slack).
  bool changed = false;
  bool stamped = false;  // a commit of this writer stamped the schema
  uint64_t position_slack = 0;
  // Set when a write to the index failed (a full disk): Xapian's destructor would commit what
  // is pending, and a failing commit there ends the process, so the database objects are then
  // left unfreed instead (their locks held until the process ends). Nothing is lost: the index
  // is a view, and the next writer catches it up from the log. Set by the feeders' threads.
  std::atomic<bool> write_failed{false};

  ~Impl();
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  bool writable() const { return !shards.empty(); }
  Shard& ShardOf(std::string_view key) const;
  // The database to read the index's own state (schema) from: shard 0, which commits last.
  const Xapian::Database& First() const;
  // Rebuilds `db` from the shards' writers (after opening or swapping one).
  void JoinShards();

  Error Fail(std::string what, std::optional<uint64_t> sequence = std::nullopt) const;
  Error Fail(std::string_view what, const Xapian::Error& e,
             std::optional<uint64_t> sequence = std::nullopt) const;
  uint32_t SchemaVersion() const;  // may throw Xapian::Error
  // Waits until every document put so far is in its shard; the first failure to add one.
  tl::expected<void, Error> Settle() const;
  // Fails on a filter or facet field the schema does not know.
  tl::expected<void, Error> CheckFields(const IndexEntry& entry) const;
  static Xapian::Document MakeDocument(Shard& shard,
                                       const IndexEntry& entry);  // may throw Xapian::Error
  tl::expected<void, Error> Apply(Shard& shard, const IndexEntry& entry);
  // Puts the database at `fresh` in place of the shard's and reopens it writable.
  tl::expected<void, Error> SwapIn(Shard& shard, const std::filesystem::path& fresh);
  // Commits, has `write_copy` write a new database at each shard's DIR + suffix (one thread per
  // shard; it may throw Xapian::Error), and swaps them in; `what` names the work in an error
  // ("compact the index").
  tl::expected<void, Error> ReplaceWithCopy(
      std::string_view suffix, std::string_view what,
      const std::function<void(Shard& shard, const std::filesystem::path& fresh)>& write_copy);
  SearchResults SearchOnce(const std::string& query, const SearchOptions& options) const;
  tl::expected<SearchContext, Error> ContextOnce(const std::string& key,
                                                 const std::vector<std::string>& scopes,
                                                 uint32_t before, uint32_t after) const;
};

}  // namespace holdfast::archive
