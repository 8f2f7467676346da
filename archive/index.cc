#include "archive/index.h"

#include <xapian.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;

// Value slots. The date is "YYYYMMDD" (UTC) because DateRangeProcessor compares that form.
constexpr Xapian::valueno kDateSlot = 0;
constexpr Xapian::valueno kTimeSlot = 1;      // sortable_serialise(time_us)
constexpr Xapian::valueno kSequenceSlot = 2;  // 8 bytes big-endian
constexpr Xapian::valueno kTextSlot = 3;      // the raw text, for snippets
constexpr Xapian::valueno kLanguageSlot = 4;  // the language, to stem snippets alike

constexpr char kLogSizeKey[] = "holdfast:log_size";
constexpr size_t kSnippetBytes = 200;
// A wildcard such as "a*" could expand to every term of a years-long archive; beyond this
// many terms only the most frequent are kept.
constexpr Xapian::termcount kMaxWildcardTerms = 1000;
// Xapian refuses terms over 245 bytes; long filter values are cut, in the index and in queries
// alike, so that they still match.
constexpr size_t kMaxFilterTermBytes = 240;

struct Field {
  std::string_view name;
  std::string_view prefix;
};
constexpr std::array<Field, 10> kFields = {{{"author", "XA"},
                                            {"channel", "XC"},
                                            {"source", "XS"},
                                            {"policy", "XP"},
                                            {"category", "XK"},
                                            {"rule", "XR"},
                                            {"state", "XF"},
                                            {"kind", "XT"},
                                            {"post", "XI"},
                                            {"version", "XV"}}};
// Documents of versions that a later edit or deletion replaced: left out unless asked for.
constexpr std::string_view kSupersededTerm = "XVsuperseded";

std::optional<std::string_view> PrefixOf(std::string_view field) {
  for (const Field& f : kFields) {
    if (f.name == field) {
      return f.prefix;
    }
  }
  return std::nullopt;
}

// Values are matched case-insensitively: "author:Alice" finds what was indexed as "alice".
std::string FilterTerm(std::string_view prefix, const std::string& value) {
  std::string term(prefix);
  term += Xapian::Unicode::tolower(value);
  if (term.size() > kMaxFilterTermBytes) {
    size_t cut = kMaxFilterTermBytes;
    while (cut > prefix.size() && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) {
      --cut;  // never split a UTF-8 sequence
    }
    term.resize(cut);
  }
  return term;
}

class FilterFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterFieldProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(FilterTerm(prefix_, value));
  }

 private:
  const std::string prefix_;
};

Xapian::Stem StemmerFor(std::string_view language) {
  if (language == "en") {
    return Xapian::Stem("english");
  }
  if (language == "nl") {
    return Xapian::Stem("dutch");
  }
  return Xapian::Stem();
}

std::string DateValue(int64_t time_us) {
  using namespace std::chrono;
  const sys_time<microseconds> t{microseconds{time_us}};
  const year_month_day ymd{floor<days>(t)};
  char out[16];
  std::snprintf(out, sizeof out, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

std::string EncodeSequence(uint64_t sequence) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(sequence & 0xFF);
    sequence >>= 8;
  }
  return out;
}

uint64_t DecodeSequence(const std::string& bytes) {
  uint64_t sequence = 0;
  for (char c : bytes) {
    sequence = (sequence << 8) | static_cast<unsigned char>(c);
  }
  return sequence;
}

Xapian::QueryParser MakeParser(const Xapian::Database& db, const Xapian::Stem& stemmer) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_WILDCARD);
  for (const Field& f : kFields) {
    parser.add_boolean_prefix(std::string(f.name), (new FilterFieldProcessor(f.prefix))->release());
  }
  // Understands YYYY-MM-DD (and YYYYMMDD) at either end; an empty end leaves the range open.
  parser.add_rangeprocessor((new Xapian::DateRangeProcessor(kDateSlot))->release());
  return parser;
}

// Entries are indexed with their own language's stemmer, but a query does not say which
// language it means, so it is parsed with both and either reading may match.
Xapian::Query ParseQuery(const Xapian::Database& db, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Xapian::Query::MatchAll;
  }
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                              Xapian::QueryParser::FLAG_BOOLEAN |
                              Xapian::QueryParser::FLAG_LOVEHATE |
                              Xapian::QueryParser::FLAG_WILDCARD;
  Xapian::QueryParser english = MakeParser(db, Xapian::Stem("english"));
  Xapian::QueryParser dutch = MakeParser(db, Xapian::Stem("dutch"));
  return Xapian::Query(Xapian::Query::OP_OR, english.parse_query(text, kFlags),
                       dutch.parse_query(text, kFlags));
}

}  // namespace

struct Index::Impl {
  fs::path dir;
  std::unique_ptr<Xapian::Database> db;
  Xapian::WritableDatabase* writer = nullptr;  // db itself when opened writable
  Xapian::TermGenerator generator;             // reused across Put calls

  // Set when a write to the index failed (a full disk): Xapian's destructor would commit what
  // is pending, and a failing commit there ends the process, so the database object is then
  // left unfreed instead (its lock held until the process ends). Nothing is lost: the index is
  // a view, and the next writer catches it up from the log.
  bool write_failed = false;
  ~Impl() {
    if (write_failed) {
      // Kept reachable, not destroyed: a deliberate, bounded leak of one handle per failure.
      static auto* const kAbandoned = new std::vector<std::unique_ptr<Xapian::Database>>();
      kAbandoned->push_back(std::move(db));
    }
  }
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  Error Fail(std::string what, std::optional<uint64_t> sequence = std::nullopt) const {
    return Error{dir.string(), sequence, std::move(what)};
  }
  Error Fail(std::string_view what, const Xapian::Error& e,
             std::optional<uint64_t> sequence = std::nullopt) const {
    std::string message(what);
    message += ": ";
    message += e.get_type();
    message += ": ";
    message += e.get_msg();
    return Fail(std::move(message), sequence);
  }

  tl::expected<Xapian::Document, Error> MakeDocument(const IndexEntry& entry);
  SearchResults SearchOnce(const std::string& query, uint32_t offset, uint32_t limit,
                           bool history) const;
};

tl::expected<Xapian::Document, Error> Index::Impl::MakeDocument(const IndexEntry& entry) {
  Xapian::Document doc;
  generator.set_stemmer(StemmerFor(entry.language));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_document(doc);
  generator.index_text(entry.text);  // with positions, so that phrases match
  doc.add_boolean_term("Q" + entry.key);
  for (const auto& [field, value] : entry.filters) {
    const std::optional<std::string_view> prefix = PrefixOf(field);
    if (!prefix.has_value()) {
      return tl::unexpected(Fail(
          "document " + entry.key + ": unknown filter field \"" + field + "\"", entry.sequence));
    }
    if (!value.empty()) {
      doc.add_boolean_term(FilterTerm(*prefix, value));
    }
  }
  doc.add_value(kDateSlot, DateValue(entry.time_us));
  doc.add_value(kTimeSlot, Xapian::sortable_serialise(static_cast<double>(entry.time_us)));
  doc.add_value(kSequenceSlot, EncodeSequence(entry.sequence));
  doc.add_value(kTextSlot, entry.text);
  doc.add_value(kLanguageSlot, entry.language);
  doc.set_data(entry.data);
  return doc;
}

Index::Index(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::~Index() = default;

tl::expected<std::unique_ptr<Index>, Error> Index::Open(const fs::path& dir, bool writable,
                                                        bool overwrite) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  std::error_code ec;
  if (!writable && !fs::is_directory(dir, ec)) {
    return tl::unexpected(impl->Fail("no index at this path"));
  }
  if (writable) {
    fs::create_directories(dir.parent_path().empty() ? fs::path(".") : dir.parent_path(), ec);
  }
  try {
    if (writable) {
      auto db = std::make_unique<Xapian::WritableDatabase>(
          dir.string(), (overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) |
                            Xapian::DB_BACKEND_GLASS);
      impl->writer = db.get();
      impl->db = std::move(db);
    } else {
      impl->db = std::make_unique<Xapian::Database>(dir.string());
    }
  } catch (const Xapian::Error& e) {
    return tl::unexpected(impl->Fail("cannot open the index", e));
  }
  return std::unique_ptr<Index>(new Index(std::move(impl)));
}

tl::expected<void, Error> Index::Put(const IndexEntry& entry) {
  if (impl_->writer == nullptr) {
    return tl::unexpected(impl_->Fail("the index is open read-only", entry.sequence));
  }
  try {
    auto doc = impl_->MakeDocument(entry);
    if (!doc) {
      return tl::unexpected(doc.error());
    }
    impl_->writer->replace_document("Q" + entry.key, *doc);
  } catch (const Xapian::Error& e) {
    impl_->write_failed = true;
    return tl::unexpected(impl_->Fail("cannot index document " + entry.key, e, entry.sequence));
  }
  return {};
}

tl::expected<void, Error> Index::SetFilter(const std::string& key, const std::string& field,
                                           const std::vector<std::string>& values) {
  if (impl_->writer == nullptr) {
    return tl::unexpected(impl_->Fail("the index is open read-only"));
  }
  const std::optional<std::string_view> prefix = PrefixOf(field);
  if (!prefix.has_value()) {
    return tl::unexpected(impl_->Fail("unknown filter field \"" + field + "\""));
  }
  Xapian::WritableDatabase& db = *impl_->writer;
  try {
    const std::string id = "Q" + key;
    Xapian::PostingIterator posting = db.postlist_begin(id);
    if (posting == db.postlist_end(id)) {
      return tl::unexpected(impl_->Fail("no document " + key + " to set " + field + " on"));
    }
    const Xapian::docid docid = *posting;
    Xapian::Document doc = db.get_document(docid);
    std::vector<std::string> old_terms;
    Xapian::TermIterator term = doc.termlist_begin();
    for (term.skip_to(std::string(*prefix));
         term != doc.termlist_end() && (*term).compare(0, prefix->size(), *prefix) == 0; ++term) {
      old_terms.push_back(*term);
    }
    for (const std::string& old_term : old_terms) {
      doc.remove_term(old_term);
    }
    for (const std::string& value : values) {
      if (!value.empty()) {
        doc.add_boolean_term(FilterTerm(*prefix, value));
      }
    }
    db.replace_document(docid, doc);
  } catch (const Xapian::Error& e) {
    impl_->write_failed = true;
    return tl::unexpected(impl_->Fail("cannot set " + field + " on document " + key, e));
  }
  return {};
}

tl::expected<std::vector<std::string>, Error> Index::FilterValues(const std::string& key,
                                                                  const std::string& field) const {
  const std::optional<std::string_view> prefix = PrefixOf(field);
  if (!prefix.has_value()) {
    return tl::unexpected(impl_->Fail("unknown filter field \"" + field + "\""));
  }
  std::vector<std::string> values;
  try {
    const Xapian::Database& db = *impl_->db;
    const std::string id = "Q" + key;
    Xapian::PostingIterator posting = db.postlist_begin(id);
    if (posting == db.postlist_end(id)) {
      return values;
    }
    const Xapian::Document doc = db.get_document(*posting);
    Xapian::TermIterator term = doc.termlist_begin();
    for (term.skip_to(std::string(*prefix));
         term != doc.termlist_end() && (*term).compare(0, prefix->size(), *prefix) == 0; ++term) {
      values.push_back((*term).substr(prefix->size()));
    }
  } catch (const Xapian::Error& e) {
    return tl::unexpected(impl_->Fail("cannot read " + field + " of document " + key, e));
  }
  return values;
}

tl::expected<void, Error> Index::Commit(uint64_t log_size) {
  if (impl_->writer == nullptr) {
    return tl::unexpected(impl_->Fail("the index is open read-only"));
  }
  try {
    // In the same commit as the documents, so the recorded position never runs ahead of them.
    impl_->writer->set_metadata(kLogSizeKey, std::to_string(log_size));
    impl_->writer->commit();
  } catch (const Xapian::Error& e) {
    impl_->write_failed = true;
    return tl::unexpected(impl_->Fail("cannot commit the index", e));
  }
  return {};
}

void Index::Abandon() {
  if (impl_->writer != nullptr) {
    impl_->write_failed = true;
  }
}

tl::expected<void, Error> Index::Rewrite() {
  if (impl_->writer == nullptr) {
    return tl::unexpected(impl_->Fail("the index is open read-only"));
  }
  const fs::path fresh = impl_->dir.string() + ".rewrite";
  const fs::path old = impl_->dir.string() + ".old";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  fs::remove_all(old, ec);
  try {
    impl_->writer->commit();
    // Documents are copied one by one, not compacted: compaction keeps each value slot's
    // bounds, which can be the text of a document long gone; a new database has exact ones.
    Xapian::WritableDatabase copy(fresh.string(),
                                  Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    const Xapian::Database& db = *impl_->db;
    uint64_t copied = 0;
    for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      copy.replace_document(*it, db.get_document(*it));
      if (++copied % 10'000 == 0) {
        copy.commit();
      }
    }
    for (Xapian::TermIterator key = db.metadata_keys_begin(); key != db.metadata_keys_end();
         ++key) {
      copy.set_metadata(*key, db.get_metadata(*key));
    }
    copy.commit();
    copy.close();
    impl_->db->close();
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    return tl::unexpected(impl_->Fail("cannot rewrite the index", e));
  }
  // Swapped by two renames: a crash between them leaves no index, which the next writer
  // rebuilds from the log (a view).
  fs::rename(impl_->dir, old, ec);
  if (!ec) {
    fs::rename(fresh, impl_->dir, ec);
  }
  const std::string swap_error = ec ? ec.message() : std::string();
  fs::remove_all(old, ec);
  try {
    auto db = std::make_unique<Xapian::WritableDatabase>(
        impl_->dir.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    impl_->writer = db.get();
    impl_->db = std::move(db);
  } catch (const Xapian::Error& e) {
    return tl::unexpected(impl_->Fail("cannot reopen the rewritten index", e));
  }
  if (!swap_error.empty()) {
    return tl::unexpected(impl_->Fail("cannot put the rewritten index in place: " + swap_error));
  }
  return {};
}

uint64_t Index::log_size() const {
  // Unreadable counts as 0: the caller then replays the log from the start, which is slow but
  // exact, since documents are replaced by key.
  uint64_t size = 0;
  try {
    const std::string text = impl_->db->get_metadata(kLogSizeKey);
    std::from_chars(text.data(), text.data() + text.size(), size);
  } catch (const Xapian::Error&) {
    return 0;
  }
  return size;
}

uint64_t Index::document_count() const {
  try {
    return impl_->db->get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

SearchResults Index::Impl::SearchOnce(const std::string& query, uint32_t offset, uint32_t limit,
                                      bool history) const {
  Xapian::Enquire enquire(*db);
  Xapian::Query parsed = ParseQuery(*db, query);
  if (!history && query.find("version:") == std::string::npos) {
    parsed = Xapian::Query(Xapian::Query::OP_AND_NOT, parsed,
                           Xapian::Query(std::string(kSupersededTerm)));
  }
  enquire.set_query(parsed);
  // Equal relevance (always so for filter-only queries): newest first.
  enquire.set_sort_by_relevance_then_value(kTimeSlot, true);
  const Xapian::MSet mset = enquire.get_mset(offset, limit);
  SearchResults results;
  results.estimated_total = mset.get_matches_estimated();
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    SearchHit hit;
    Xapian::TermIterator id = doc.termlist_begin();
    id.skip_to("Q");
    if (id != doc.termlist_end() && (*id).front() == 'Q') {
      hit.key = (*id).substr(1);
    }
    hit.sequence = DecodeSequence(doc.get_value(kSequenceSlot));
    hit.time_us = std::llround(Xapian::sortable_unserialise(doc.get_value(kTimeSlot)));
    hit.data = doc.get_data();
    hit.snippet = mset.snippet(
        doc.get_value(kTextSlot), kSnippetBytes, StemmerFor(doc.get_value(kLanguageSlot)),
        Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>",
        "</mark>", "…");
    results.hits.push_back(std::move(hit));
  }
  return results;
}

tl::expected<SearchResults, Error> Index::Search(const std::string& query, uint32_t offset,
                                                 uint32_t limit, bool history) const {
  // A reader sees commits made since it opened; a writer sees its own pending changes. A
  // commit landing mid-search can invalidate what a reader holds: reopen and try once more.
  for (int attempt = 0;; ++attempt) {
    try {
      if (impl_->writer == nullptr) {
        impl_->db->reopen();
      }
      return impl_->SearchOnce(query, offset, limit, history);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt > 0) {
        return tl::unexpected(impl_->Fail("the index changed during the search", e));
      }
    } catch (const Xapian::QueryParserError& e) {
      return tl::unexpected(impl_->Fail("cannot parse the query: " + e.get_msg()));
    } catch (const Xapian::Error& e) {
      return tl::unexpected(impl_->Fail("cannot search the index", e));
    }
  }
}

}  // namespace holdfast::archive
