// Index: the Xapian database of an archive, a view derived from the log. Documents are keyed
// by a unique term on the record key (replace_document), so re-adding is idempotent.
//
// Free text is indexed with the stemmer of the entry's language ("en" or "nl"); queries are
// parsed with both and OR-ed. Words, "phrases", AND/OR/NOT, +/-, `a NEAR b` and `a NEAR/n b`
// (within n words, default 10, any order), `a ADJ b` / `a ADJ/n b` (in that order), and
// wildcards (`invoi*`, unstemmed). Boolean filter fields, usable in queries as `field:value`:
//   author, channel, source, policy, category, rule, severity, state, kind, post (one post's
//   id across its versions), version (latest or superseded), has (e.g. attachment), thread,
//   chat (opaque conversation ids, for context), hold (no document carries it: the engine
//   expands `hold:NAME` to the hold's own query before it searches, see engine/hold_query.h)
// Dates: `YYYY-MM-DD..YYYY-MM-DD` (either end may be left open) on the entry's time.
// Filter values match case-insensitively and may be quoted (`channel:"team lunch"`); an empty
// query matches every document. Hits are best first, equal relevance newest first, unless
// sorted by time. Facets count the values of an entry's facet fields over the whole match set.
// Snippets are HTML: the text is escaped and the matching words are wrapped in <mark></mark>.
// Thread safety: owned by its Archive.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "archive/error.h"

namespace holdfast::archive {

struct IndexEntry {
  std::string key;        // unique per document
  uint64_t sequence = 0;  // log record this document was built from
  std::string text;       // free text
  std::string language;   // "en" or "nl"; anything else is indexed unstemmed
  int64_t time_us = 0;    // UTC microseconds
  std::vector<std::pair<std::string, std::string>> filters;  // (field, value), see above
  // (field, value) shown in facet counts: channel, author, policy, source, kind. A field may
  // repeat (a post flagged by two policies counts under both).
  std::vector<std::pair<std::string, std::string>> facets{};
  std::string data;  // returned with each hit (JSON by convention)
  // For a document outside any thread: the `thread` value its replies would carry. Stored as a
  // value, not a term (a term of its own per document is the index's costliest kind), it lets
  // context find a thread's root: the thread scope of a reply takes the document of the same
  // chat whose thread_root is the reply's thread.
  std::string thread_root{};
};

enum class SearchSort {
  kRelevance,  // best first, equal relevance newest first
  kNewest,     // by the entry's time, newest first
  kOldest,     // by the entry's time, oldest first
};

struct SearchOptions {
  uint32_t offset = 0;
  uint32_t limit = 20;
  // Also versions a later edit or deletion superseded (implied when the query names version:).
  bool history = false;
  SearchSort sort = SearchSort::kRelevance;
  // Count facet values over every match, not only the page: costs a pass over all matches.
  bool facets = false;
};

struct FacetCount {
  std::string value;
  uint64_t count = 0;
};

struct Facet {
  std::string field;               // channel, author, policy, source, kind
  std::vector<FacetCount> counts;  // most frequent first, then by value
};

struct SearchHit {
  std::string key;
  std::string post;  // the document's `post` filter value (hex ids as written), if any
  uint64_t sequence = 0;
  int64_t time_us = 0;
  std::string data;
  std::string snippet;  // a short extract of the text around the matching words
};

struct SearchResults {
  uint64_t estimated_total = 0;
  std::vector<SearchHit> hits;  // in the order asked for
  std::vector<Facet> facets;    // with SearchOptions::facets: one per facet field, in the order
                                // channel, author, policy, source, kind
};

// A document and its neighbours in time among the documents sharing its scope (a thread, a
// chat). Superseded versions are left out, the document itself is kept.
struct SearchContext {
  std::string field;              // the scope chosen, e.g. "thread"; empty when none matched
  std::vector<SearchHit> before;  // oldest first, ending just before `hit`
  SearchHit hit;
  std::vector<SearchHit> after;  // oldest first, starting just after `hit`
};

class Index {
 public:
  // Version of the documents' layout (value slots). An index written before the current one
  // still opens and searches, but has no facets and no context: rebuild it (holdfast reindex).
  static constexpr uint32_t kSchemaVersion = 3;

  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // A new index's number of shards: Xapian databases written in parallel, each by a writer
  // and a thread of its own, and searched as one.
  static constexpr uint32_t kDefaultShards = 2;
  static constexpr uint32_t kMaxShards = 16;

  // On disk, DIR holds a shard list in Xapian's format (a file DIR/XAPIANDB naming DIR/shard-0
  // ...), which Xapian's own tools open as one database; an index from before shards (a single
  // database at DIR) is used as one shard until it is rebuilt. `shards` (1..kMaxShards) is the
  // count of a new index, and of a rebuilt one; 0 keeps the count an index has (kDefaultShards for
  // a new one or one from before shards). With `overwrite` (writable only), an empty index replaces
  // the old one at its first Commit (until then readers see the old one), or at once when the
  // old one has another number of shards.
  [[nodiscard]] static tl::expected<std::unique_ptr<Index>, Error> Open(
      const std::filesystem::path& dir, bool writable, bool overwrite = false, uint32_t shards = 0);

  // Adds or replaces the document of entry.key. The document is built and added on a thread of
  // the index's own while the caller goes on; every other method waits for it first. An unknown
  // field fails here; a failure to add (a full disk) fails the next Put, SetFilter or Commit.
  [[nodiscard]] tl::expected<void, Error> Put(const IndexEntry& entry);
  [[nodiscard]] tl::expected<void, Error> Put(IndexEntry&& entry);
  // Replaces every value of `field` on the document of `key` (e.g. state after a review).
  [[nodiscard]] tl::expected<void, Error> SetFilter(const std::string& key,
                                                    const std::string& field,
                                                    const std::vector<std::string>& values);
  // The values of `field` on the document of `key`, as stored (lower case); empty when there is
  // no such document.
  [[nodiscard]] tl::expected<std::vector<std::string>, Error> FilterValues(
      const std::string& key, const std::string& field) const;
  // Commits pending changes together with the log position they reach, in each shard (last to
  // first, so that shard 0, whose schema stamp is read, commits last).
  [[nodiscard]] tl::expected<void, Error> Commit(uint64_t log_size);
  // Lets Commit skip a commit that would only move the recorded log position, while it lags by
  // fewer than `records`: every commit makes each reader of the index reopen it, and a server
  // commits its audit events every second. The next writer's catch-up (engine/reindex.h) then
  // reads at most that many records, none of which it indexes. 0 (the default): never skip.
  void set_position_slack(uint64_t records);
  // After a failed write elsewhere (the log on a full disk): the pending changes are dropped
  // at destruction instead of committed, since a commit that fails in Xapian's destructor ends
  // the process. The index is a view; the next writer catches it up from the log.
  void Abandon();
  // Commits, then copies every document into a new database that takes this one's place:
  // replaced documents leave their old terms and data in free pages, and each value slot keeps
  // the lowest and highest value it ever held (which can be a deleted document's text), so
  // after an erasure only a new database is sure to hold nothing of the erased text. Takes a
  // copy's worth of disk and time.
  [[nodiscard]] tl::expected<void, Error> Rewrite();
  // Commits, then writes a compacted copy (full B-tree blocks, each posting list in one run)
  // that takes this one's place: about half the size of an index grown by many commits, and
  // faster to search. Takes a copy's worth of disk for the time it runs. Not a substitute for
  // Rewrite after an erasure.
  [[nodiscard]] tl::expected<void, Error> Compact();
  // The log position recorded by the last commit (0 for a new index); of several shards, the
  // least any of them recorded.
  uint64_t log_size() const;
  uint64_t document_count() const;
  uint32_t shard_count() const;
  // The schema of the documents (1 for an index from before versions were recorded); a new,
  // empty index is kSchemaVersion.
  uint32_t schema_version() const;

  // Parses `query` (words, "phrases", AND/OR/NOT, field:value, date range) and returns hits
  // [offset, offset + limit). A query Xapian cannot parse is an Error naming the reason.
  // Versions a later edit or deletion superseded (version:superseded) are left out unless
  // `history` is set or the query names a version itself.
  [[nodiscard]] tl::expected<SearchResults, Error> Search(const std::string& query,
                                                          const SearchOptions& options) const;
  [[nodiscard]] tl::expected<SearchResults, Error> Search(const std::string& query, uint32_t offset,
                                                          uint32_t limit,
                                                          bool history = false) const {
    return Search(query, SearchOptions{.offset = offset, .limit = limit, .history = history});
  }

  // The document of `key` with up to `before` and `after` neighbours in time order, within the
  // first of `scopes` (filter fields, e.g. {"thread", "chat"}) whose value the document shares
  // with another current document; with none, just the document. An unknown key, or an index
  // older than kSchemaVersion, is an Error naming it.
  [[nodiscard]] tl::expected<SearchContext, Error> Context(const std::string& key,
                                                           const std::vector<std::string>& scopes,
                                                           uint32_t before, uint32_t after) const;

 private:
  struct Impl;
  explicit Index(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast::archive
