// Erasure: removes the content of posts from the archive, for retention expiry or a
// data-subject request, and leaves a signed tombstone for each (archive::RecordType::kErasure).
//
// A run finds its posts through the index (every version of each), leaves out those under an
// active legal hold (engine/retention.h), then, for each post version:
//   1. appends a tombstone naming the version, the records whose content goes (the post and its
//      flags), the reason and who asked, and commits it under a signed head;
//   2. erases those records' content where it lies in the log (Archive::EraseContent);
//   3. rewrites the version's index document without its text, author or channel name, as
//      `holdfast reindex` would rebuild it from the erased log; the run ends by rewriting the
//      index (Index::Rewrite), so that no free page or value bound of it keeps the old text.
// A run cut short between 1 and 2 is finished by the next one (FinishErasures). Reviews are
// kept: they record what a reviewer did, not what the author wrote.
// Thread safety: functions; the archive must be opened writable.
#pragma once

#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

enum class EraseReason { kRetention, kSubjectRequest };

struct EraseRequest {
  EraseReason reason = EraseReason::kRetention;
  std::string author;     // kSubjectRequest: the data subject's author id or name
  std::string reference;  // kSubjectRequest: the request's reference (a ticket); kept as is
  std::string actor;      // who runs the erasure; required
  std::string note;       // free text kept in each tombstone
  int64_t now_us = 0;     // kRetention: ages are measured from this time
  bool dry_run = false;   // count what would be erased and held; change nothing
};

struct EraseReport {
  uint64_t posts_erased = 0;       // post versions whose content is gone (would go, in a dry run)
  uint64_t records_erased = 0;     // their records: posts and flags
  uint64_t posts_held = 0;         // post versions kept because a hold covers them
  uint64_t already_erased = 0;     // found again, erased by an earlier run
  std::vector<std::string> holds;  // names of the holds that kept posts
};

[[nodiscard]] tl::expected<EraseReport, Error> Erase(archive::Archive& archive,
                                                     const EraseRequest& request);

// Erases the content that committed tombstones name but which is still in the log (a run cut
// short). Returns the number of records erased.
[[nodiscard]] tl::expected<uint64_t, Error> FinishErasures(archive::Archive& archive);

}  // namespace holdfast::engine
