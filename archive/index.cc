// Index: opening, writing and committing documents. Searching is in index_query.cc.
#include "archive/index.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "archive/internal/index_schema.h"

namespace holdfast::archive {

namespace internal {

// Xapian refuses terms over 245 bytes; long filter values are cut, in the index and in queries
// alike, so that they still match.
constexpr size_t kMaxFilterTermBytes = 240;
// Documents waiting for the index's thread: enough to ride out one flush of Xapian's buffers
// without stalling the log, little enough to bound memory.
constexpr size_t kFeederCapacity = 4096;

std::optional<std::string_view> PrefixOf(std::string_view field) {
  for (const Field& f : kFields) {
    if (f.name == field) {
      return f.prefix;
    }
  }
  return std::nullopt;
}

namespace {

// Ids written as lower-case hex (SHA-256 digests) are stored as their bytes behind a zero
// byte, which no text value starts with: each such term is unique or nearly so, and a unique
// term costs the index its length twice (posting list key and term list).
constexpr size_t kMinPackedHex = 32;

bool IsPackableHex(std::string_view value) {
  return value.size() >= kMinPackedHex && value.size() % 2 == 0 &&
         std::all_of(value.begin(), value.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

int HexDigit(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

void AppendPacked(std::string& out, std::string_view hex) {
  out += '\0';
  for (size_t i = 0; i < hex.size(); i += 2) {
    out += static_cast<char>(HexDigit(hex[i]) * 16 + HexDigit(hex[i + 1]));
  }
}

bool IsPackedPrefix(std::string_view prefix) {
  return prefix == "XI" || prefix == "XM" || prefix == "XD";
}

}  // namespace

std::string KeyTerm(std::string_view key) {
  std::string term("Q");
  if (IsPackableHex(key)) {
    AppendPacked(term, key);
  } else {
    term += key;
  }
  return term;
}

std::string Unpacked(std::string_view stored) {
  if (stored.empty() || stored.front() != '\0') {
    return std::string(stored);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * (stored.size() - 1));
  for (char c : stored.substr(1)) {
    hex += kHex[static_cast<unsigned char>(c) >> 4];
    hex += kHex[static_cast<unsigned char>(c) & 0xF];
  }
  return hex;
}

std::string DocumentData(const IndexEntry& entry) {
  std::string stored;
  stored.reserve(entry.data.size() + entry.language.size() + entry.text.size() + 2);
  stored.append(entry.data).append(1, '\0').append(entry.language).append(1, '\0');
  stored.append(entry.text);
  return stored;
}

DocumentParts SplitDocumentData(std::string_view stored) {
  const size_t data_end = stored.find('\0');
  if (data_end == std::string_view::npos) {
    return {.data = stored};
  }
  const size_t language_end = stored.find('\0', data_end + 1);
  if (language_end == std::string_view::npos) {
    return {.data = stored.substr(0, data_end)};
  }
  return {.data = stored.substr(0, data_end),
          .language = stored.substr(data_end + 1, language_end - data_end - 1),
          .text = stored.substr(language_end + 1),
          .has_text = true};
}

std::string ThreadValue(const std::string& thread) {
  const std::string term = FilterTerm(*PrefixOf("thread"), thread);
  return term.substr(PrefixOf("thread")->size());
}

std::string FilterTerm(std::string_view prefix, const std::string& value) {
  std::string term(prefix);
  const std::string lower = Xapian::Unicode::tolower(value);
  if (IsPackedPrefix(prefix) && IsPackableHex(lower)) {
    AppendPacked(term, lower);
    return term;
  }
  term += lower;
  if (term.size() > kMaxFilterTermBytes) {
    size_t cut = kMaxFilterTermBytes;
    while (cut > prefix.size() && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) {
      --cut;  // never split a UTF-8 sequence
    }
    term.resize(cut);
  }
  return term;
}

std::string EncodeBigEndian(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(value & 0xFF);
    value >>= 8;
  }
  return out;
}

uint64_t DecodeBigEndian(std::string_view bytes) {
  uint64_t value = 0;
  for (char c : bytes) {
    value = (value << 8) | static_cast<unsigned char>(c);
  }
  return value;
}

std::string OrderValue(int64_t time_us, uint64_t sequence) {
  // Flipping the sign bit makes negative times (before 1970) sort before positive ones.
  return EncodeBigEndian(static_cast<uint64_t>(time_us) ^ (uint64_t{1} << 63)) +
         EncodeBigEndian(sequence);
}

Xapian::Stem StemmerFor(std::string_view language) {
  if (language == "en") {
    return Xapian::Stem("english");
  }
  if (language == "nl") {
    return Xapian::Stem("dutch");
  }
  return Xapian::Stem();
}

}  // namespace internal

namespace {

namespace fs = std::filesystem;
using namespace internal;

// The facet slots' values: the first value of a single-valued field, every distinct value of a
// multi-valued one.
void AddFacetValues(const IndexEntry& entry, Xapian::Document& doc) {
  for (const FacetField& facet : kFacetFields) {
    std::string slot;
    std::vector<std::string_view> seen;
    for (const auto& [field, value] : entry.facets) {
      if (field != facet.name || value.empty()) {
        continue;
      }
      if (!facet.multi) {
        slot = value;
        break;
      }
      if (std::find(seen.begin(), seen.end(), value) != seen.end()) {
        continue;
      }
      seen.push_back(value);
      slot += EncodeBigEndian(value.size()).substr(4);
      slot += value;
    }
    if (!slot.empty()) {
      doc.add_value(facet.slot, slot);
    }
  }
}

}  // namespace

Index::Impl::~Impl() {
  // Applies what is queued (the databases' destructors commit it); after a failure, or after
  // Abandon, the feeders drop it instead. Only then is write_failed, which the feeders' threads
  // may set, read here.
  for (auto& shard : shards) {
    shard->feeder.reset();
  }
  if (write_failed) {
    // Kept reachable, not destroyed: a deliberate, bounded leak of the handles per failure.
    static auto* const kAbandoned = new std::vector<std::unique_ptr<Xapian::Database>>();
    kAbandoned->push_back(std::move(db));
    for (auto& shard : shards) {
      kAbandoned->push_back(std::move(shard->db));
    }
  }
}

Index::Impl::Shard& Index::Impl::ShardOf(std::string_view key) const {
  // FNV-1a: fixed for all time, since a document must be found in the shard it was put in.
  uint64_t hash = 0xcbf29ce484222325;
  for (char c : key) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3;
  }
  return *shards[hash % shards.size()];
}

const Xapian::Database& Index::Impl::First() const {
  // A database of several shards reads metadata from its first.
  return writable() ? *shards.front()->db : *db;
}

void Index::Impl::JoinShards() {
  auto all = std::make_unique<Xapian::Database>();
  for (const auto& shard : shards) {
    all->add_database(*shard->db);
  }
  db = std::move(all);
}

Error Index::Impl::Fail(std::string what, std::optional<uint64_t> sequence) const {
  return Error{dir.string(), sequence, std::move(what)};
}

Error Index::Impl::Fail(std::string_view what, const Xapian::Error& e,
                        std::optional<uint64_t> sequence) const {
  std::string message(what);
  message += ": ";
  message += e.get_type();
  message += ": ";
  message += e.get_msg();
  return Fail(std::move(message), sequence);
}

uint32_t Index::Impl::SchemaVersion() const {
  const std::string text = First().get_metadata(kSchemaKey);
  if (text.empty()) {
    // Unstamped: an index from before schemas were recorded, unless it holds nothing yet.
    return db->get_doccount() == 0 ? kSchemaVersion : 1;
  }
  uint32_t version = 1;
  std::from_chars(text.data(), text.data() + text.size(), version);
  return version;
}

tl::expected<void, Error> Index::Impl::CheckFields(const IndexEntry& entry) const {
  for (const auto& filter : entry.filters) {
    if (!PrefixOf(filter.first).has_value()) {
      return tl::unexpected(Fail(
          std::string("document ") + entry.key + ": unknown filter field \"" + filter.first + "\"",
          entry.sequence));
    }
  }
  if (entry.data.find('\0') != std::string::npos ||
      entry.language.find('\0') != std::string::npos) {
    return tl::unexpected(
        Fail(std::string("document ") + entry.key + ": its data or language holds a zero byte",
             entry.sequence));
  }
  for (const auto& facet : entry.facets) {
    const std::string& field = facet.first;  // a named variable: lambdas cannot capture bindings
    if (std::none_of(kFacetFields.begin(), kFacetFields.end(),
                     [&](const FacetField& f) { return f.name == field; })) {
      return tl::unexpected(
          Fail(std::string("document ") + entry.key + ": unknown facet field \"" + field + "\"",
               entry.sequence));
    }
  }
  return {};
}

Xapian::Document Index::Impl::MakeDocument(Shard& shard, const IndexEntry& entry) {
  Xapian::Document doc;
  Xapian::TermGenerator& generator = shard.generator;
  generator.set_stemmer(StemmerFor(entry.language));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_document(doc);
  generator.index_text(entry.text);  // with positions, so that phrases match
  doc.add_boolean_term(KeyTerm(entry.key));
  for (const auto& [field, value] : entry.filters) {
    if (!value.empty()) {
      doc.add_boolean_term(FilterTerm(*PrefixOf(field), value));  // CheckFields passed
    }
  }
  doc.add_value(kOrderSlot, OrderValue(entry.time_us, entry.sequence));
  AddFacetValues(entry, doc);
  if (!entry.thread_root.empty()) {
    doc.add_value(kThreadRootSlot, ThreadValue(entry.thread_root));
  }
  doc.set_data(DocumentData(entry));
  return doc;
}

tl::expected<void, Error> Index::Impl::Apply(Shard& shard, const IndexEntry& entry) {
  try {
    shard.db->replace_document(KeyTerm(entry.key), MakeDocument(shard, entry));
  } catch (const Xapian::Error& e) {
    write_failed = true;
    return tl::unexpected(Fail("cannot index document " + entry.key, e, entry.sequence));
  }
  return {};
}

tl::expected<void, Error> Index::Impl::Settle() const {
  tl::expected<void, Error> settled;
  for (const auto& shard : shards) {
    if (shard->feeder != nullptr) {
      if (auto drained = shard->feeder->Drain(); !drained && settled) {
        settled = std::move(drained);
      }
    }
  }
  return settled;
}

Index::Index(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::~Index() = default;

tl::expected<void, Error> Index::Put(const IndexEntry& entry) { return Put(IndexEntry(entry)); }

tl::expected<void, Error> Index::Put(IndexEntry&& entry) {
  if (!impl_->writable()) {
    return tl::unexpected(impl_->Fail("the index is open read-only", entry.sequence));
  }
  if (auto known = impl_->CheckFields(entry); !known) {
    return known;
  }
  impl_->changed = true;
  Impl::Shard& shard = impl_->ShardOf(entry.key);
  if (shard.feeder == nullptr) {
    Impl* impl = impl_.get();
    Impl::Shard* target = &shard;
    shard.feeder = std::make_unique<internal::IndexFeeder>(
        [impl, target](const IndexEntry& queued) { return impl->Apply(*target, queued); },
        kFeederCapacity);
  }
  return shard.feeder->Push(std::move(entry));
}

tl::expected<void, Error> Index::SetFilter(const std::string& key, const std::string& field,
                                           const std::vector<std::string>& values) {
  if (!impl_->writable()) {
    return tl::unexpected(impl_->Fail("the index is open read-only"));
  }
  const std::optional<std::string_view> prefix = PrefixOf(field);
  if (!prefix.has_value()) {
    return tl::unexpected(impl_->Fail("unknown filter field \"" + field + "\""));
  }
  impl_->changed = true;
  if (auto settled = impl_->Settle(); !settled) {
    return settled;
  }
  Xapian::WritableDatabase& db = *impl_->ShardOf(key).db;
  try {
    const std::string id = KeyTerm(key);
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
  (void)impl_->Settle();  // a failed write shows at the writer's next Put or Commit
  try {
    const Xapian::Database& db = *impl_->db;
    const std::string id = KeyTerm(key);
    Xapian::PostingIterator posting = db.postlist_begin(id);
    if (posting == db.postlist_end(id)) {
      return values;
    }
    const Xapian::Document doc = db.get_document(*posting);
    Xapian::TermIterator term = doc.termlist_begin();
    for (term.skip_to(std::string(*prefix));
         term != doc.termlist_end() && (*term).compare(0, prefix->size(), *prefix) == 0; ++term) {
      values.push_back(Unpacked((*term).substr(prefix->size())));
    }
  } catch (const Xapian::Error& e) {
    return tl::unexpected(impl_->Fail("cannot read " + field + " of document " + key, e));
  }
  return values;
}

tl::expected<void, Error> Index::Commit(uint64_t log_size) {
  if (!impl_->writable()) {
    return tl::unexpected(impl_->Fail("the index is open read-only"));
  }
  if (auto settled = impl_->Settle(); !settled) {
    impl_->write_failed = true;
    return settled;
  }
  if (!impl_->changed && (!impl_->stamp_schema || impl_->stamped) && impl_->position_slack > 0) {
    const uint64_t recorded = this->log_size();
    if (log_size >= recorded && log_size - recorded < impl_->position_slack) {
      return {};  // nothing new to commit but the position, which may lag this far
    }
  }
  try {
    for (auto shard = impl_->shards.rbegin(); shard != impl_->shards.rend(); ++shard) {
      // In the same commit as the documents, so the recorded position never runs ahead of them.
      Xapian::WritableDatabase& db = *(*shard)->db;
      db.set_metadata(kLogSizeKey, std::to_string(log_size));
      if (impl_->stamp_schema) {
        db.set_metadata(kSchemaKey, std::to_string(kSchemaVersion));
      }
      db.commit();
    }
  } catch (const Xapian::Error& e) {
    impl_->write_failed = true;
    return tl::unexpected(impl_->Fail("cannot commit the index", e));
  }
  impl_->changed = false;
  impl_->stamped = impl_->stamp_schema;
  return {};
}

void Index::set_position_slack(uint64_t records) { impl_->position_slack = records; }

void Index::Abandon() {
  for (auto& shard : impl_->shards) {
    if (shard->feeder != nullptr) {
      shard->feeder->Discard();
    }
  }
  if (impl_->writable()) {
    impl_->write_failed = true;
  }
}

uint64_t Index::log_size() const {
  // Unreadable counts as 0: the caller then replays the log from the start, which is slow but
  // exact, since documents are replaced by key.
  // Of several shards, the least: one that lost its last commits, or a new empty one in place
  // of one gone missing, holds the others back, so that the replay reaches every shard.
  (void)impl_->Settle();
  const auto position = [](const Xapian::Database& db) {
    uint64_t size = 0;
    const std::string text = db.get_metadata(kLogSizeKey);
    std::from_chars(text.data(), text.data() + text.size(), size);
    return size;
  };
  uint64_t least = std::numeric_limits<uint64_t>::max();
  try {
    if (impl_->writable()) {
      for (const auto& shard : impl_->shards) {
        least = std::min(least, position(*shard->db));
      }
    } else if (impl_->shard_dirs.size() <= 1) {
      least = position(*impl_->db);
    } else {
      for (const auto& dir : impl_->shard_dirs) {
        least = std::min(least, position(Xapian::Database(dir.string())));
      }
    }
  } catch (const Xapian::Error&) {
    return 0;
  }
  return least;
}

uint64_t Index::document_count() const {
  (void)impl_->Settle();
  try {
    return impl_->db->get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

uint32_t Index::shard_count() const {
  return impl_->writable() ? static_cast<uint32_t>(impl_->shards.size())
                           : static_cast<uint32_t>(impl_->db->size());
}

uint32_t Index::schema_version() const {
  // Unreadable counts as old: the caller then rebuilds, which is slow but exact.
  (void)impl_->Settle();
  try {
    return impl_->SchemaVersion();
  } catch (const Xapian::Error&) {
    return 1;
  }
}

}  // namespace holdfast::archive
