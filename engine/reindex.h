// Reindex: rebuilds the Xapian index, a view, from the log, the truth. Each post's document is
// made exactly as the pipeline made it (the post, redacted by the flags that follow it in the
// log), then the review states of flags reviewed later are applied.
//
// CatchUpIndex runs at every writer's open: an ingest killed after its log commit but before
// its index commit left the index behind, and it resumes from the log position the index
// recorded with its last commit. An index in an older schema (Index::kSchemaVersion) is
// rebuilt from the start instead.
// Thread safety: functions; the archive must be opened writable.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

struct ReindexStats {
  uint64_t records = 0;             // log records read
  uint64_t posts = 0;               // documents written
  uint64_t reviewed_posts = 0;      // documents whose review state was set from later reviews
  bool rebuilt_old_schema = false;  // CatchUpIndex: the index was in an older schema
  std::vector<std::string> notes;   // what went wrong that did not stop the rebuild
};

// Indexes records [from, archive.size()) and commits the index at the end of the log.
[[nodiscard]] tl::expected<ReindexStats, Error> Reindex(
    archive::Archive& archive, uint64_t from,
    const std::function<void(uint64_t done, uint64_t total)>& on_progress = {});

// Reindex from the position the index recorded, if it is behind the log, or all of it when the
// index is in an older schema. Returns the stats (records = 0 when nothing was indexed).
// defer_below: when the records since that position hold nothing to index (no post, flag or
// review: audit events, say) and are fewer than this, leave the index as it is, its position
// too: each index commit makes every reader of the index reopen it, and a server commits its
// audit events every second. 0: always bring the position up to the log.
[[nodiscard]] tl::expected<ReindexStats, Error> CatchUpIndex(archive::Archive& archive,
                                                             uint64_t defer_below = 0);

}  // namespace holdfast::engine
