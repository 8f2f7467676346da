// Index: the Xapian database of an archive, a view derived from the log. Documents are keyed
// by a unique term on the record key (replace_document), so re-adding is idempotent.
//
// Free text is indexed with the stemmer of the entry's language ("en" or "nl"); queries are
// parsed with both and OR-ed. Boolean filter fields, usable in queries as `field:value`:
//   author, channel, source, policy, category, rule, state, kind, post (one post's id across
//   its versions), version (latest or superseded)
// Dates: `YYYY-MM-DD..YYYY-MM-DD` (either end may be left open) on the entry's time.
// Filter values match case-insensitively and may be quoted (`channel:"team lunch"`); an empty
// query matches every document. Hits are best first, equal relevance newest first.
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
  std::string data;  // returned with each hit (JSON by convention)
};

struct SearchHit {
  std::string key;
  uint64_t sequence = 0;
  int64_t time_us = 0;
  std::string data;
  std::string snippet;  // a short extract of the text around the matching words
};

struct SearchResults {
  uint64_t estimated_total = 0;
  std::vector<SearchHit> hits;  // best first
};

class Index {
 public:
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // With `overwrite` (writable only), starts an empty index that replaces the old one at its
  // first Commit; until then readers see the old one.
  [[nodiscard]] static tl::expected<std::unique_ptr<Index>, Error> Open(
      const std::filesystem::path& dir, bool writable, bool overwrite = false);

  // Adds or replaces the document of entry.key.
  [[nodiscard]] tl::expected<void, Error> Put(const IndexEntry& entry);
  // Replaces every value of `field` on the document of `key` (e.g. state after a review).
  [[nodiscard]] tl::expected<void, Error> SetFilter(const std::string& key,
                                                    const std::string& field,
                                                    const std::vector<std::string>& values);
  // The values of `field` on the document of `key`, as stored (lower case); empty when there is
  // no such document.
  [[nodiscard]] tl::expected<std::vector<std::string>, Error> FilterValues(
      const std::string& key, const std::string& field) const;
  // Commits pending changes together with the log position they reach.
  [[nodiscard]] tl::expected<void, Error> Commit(uint64_t log_size);
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
  // The log position recorded by the last commit (0 for a new index).
  uint64_t log_size() const;
  uint64_t document_count() const;

  // Parses `query` (words, "phrases", AND/OR/NOT, field:value, date range) and returns hits
  // [offset, offset + limit). A query Xapian cannot parse is an Error naming the reason.
  // Versions a later edit or deletion superseded (version:superseded) are left out unless
  // `history` is set or the query names a version itself.
  [[nodiscard]] tl::expected<SearchResults, Error> Search(const std::string& query, uint32_t offset,
                                                          uint32_t limit,
                                                          bool history = false) const;

 private:
  struct Impl;
  explicit Index(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast::archive
