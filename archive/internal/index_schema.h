// The layout of an index document (terms, value slots, metadata) and the Index's private state,
// shared by index.cc (writing) and index_query.cc (searching). Bump kSchemaVersion in index.h
// whenever a document gains or changes a slot or term; older indexes then rebuild.
// Thread safety: constants, and Impl is owned by its Index.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/error.h"
#include "archive/index.h"

namespace holdfast::archive::internal {

// Value slots. The date is "YYYYMMDD" (UTC) because DateRangeProcessor compares that form.
constexpr Xapian::valueno kDateSlot = 0;
constexpr Xapian::valueno kTimeSlot = 1;      // sortable_serialise(time_us)
constexpr Xapian::valueno kSequenceSlot = 2;  // 8 bytes big-endian
constexpr Xapian::valueno kTextSlot = 3;      // the raw text, for snippets
constexpr Xapian::valueno kLanguageSlot = 4;  // the language, to stem snippets alike
// Schema 2: time then sequence, each 8 bytes big-endian (time with its sign bit flipped), so
// that byte order is time order with ties broken by log order (context, chats with minute-only
// times).
constexpr Xapian::valueno kOrderSlot = 5;

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
// Filter fields and their term prefixes. Holds are an extension point: `hold` is parsed and
// can be set with Index::SetFilter (as review states are), but nothing sets it yet.
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
std::string FilterTerm(std::string_view prefix, const std::string& value);
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
  std::filesystem::path dir;
  std::unique_ptr<Xapian::Database> db;
  Xapian::WritableDatabase* writer = nullptr;  // db itself when opened writable
  Xapian::TermGenerator generator;             // reused across Put calls
  // A writer that started from an empty index writes every document in the current schema,
  // and stamps kSchemaVersion at its commits; an older index keeps its version until rebuilt.
  bool stamp_schema = false;

  // Set when a write to the index failed (a full disk): Xapian's destructor would commit what
  // is pending, and a failing commit there ends the process, so the database object is then
  // left unfreed instead (its lock held until the process ends). Nothing is lost: the index is
  // a view, and the next writer catches it up from the log.
  bool write_failed = false;
  ~Impl();
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  Error Fail(std::string what, std::optional<uint64_t> sequence = std::nullopt) const;
  Error Fail(std::string_view what, const Xapian::Error& e,
             std::optional<uint64_t> sequence = std::nullopt) const;

  uint32_t SchemaVersion() const;  // may throw Xapian::Error
  tl::expected<Xapian::Document, Error> MakeDocument(const IndexEntry& entry);
  SearchResults SearchOnce(const std::string& query, const SearchOptions& options) const;
  tl::expected<SearchContext, Error> ContextOnce(const std::string& key,
                                                 const std::vector<std::string>& scopes,
                                                 uint32_t before, uint32_t after) const;
};

}  // namespace holdfast::archive
