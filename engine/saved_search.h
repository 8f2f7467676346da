// SavedSearch: a named query kept as a log record (RecordType::kSavedSearch), committed and
// signed like posts and reviews, so that what was searched for, by whom and when is itself on
// the record. Saving a name again appends a new record: the latest wins, the earlier ones stay.
//
// Record: key empty (never deduplicated); meta {"sort","time"}; content {"name","query","by"},
// since names, queries and people can identify or quote a person and must stay erasable.
// Thread safety: functions; SaveSearch needs the archive opened writable.
#pragma once

#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

struct SavedSearch {
  std::string name{};
  std::string query{};
  std::string sort = "relevance";  // relevance | newest | oldest
  std::string by{};
  int64_t time_us = 0;
  uint64_t sequence = 0;  // the record's, when read from the log
};

archive::Record SavedSearchRecord(const SavedSearch& search);
[[nodiscard]] tl::expected<SavedSearch, Error> DecodeSavedSearch(
    const archive::StoredRecord& record);

// Appends the search (time_us set from the archive's clock when 0) and commits. An empty name,
// or a sort other than relevance, newest or oldest, is an Error naming it.
[[nodiscard]] tl::expected<uint64_t, Error> SaveSearch(archive::Archive& archive,
                                                       SavedSearch search);

// The latest version of every saved name, by name. Erased ones (no name left) are skipped.
// Reads the whole log.
[[nodiscard]] tl::expected<std::vector<SavedSearch>, Error> LoadSavedSearches(
    const archive::Archive& archive);

}  // namespace holdfast::engine
