// The review queue: every flag in the archive with the state its reviews give it, derived
// from the log (open until a person dismisses, escalates or resolves it; assign and tag leave
// the state and set the assignee or add tags), and the ways a review is recorded: ApplyReview
// by the archive's writer, SpoolReview by a process without the writer lock (the API server).
// Thread safety: functions; ApplyReview needs the archive opened writable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/records.h"

namespace holdfast::engine {

struct FlagStatus {
  Flag flag;
  uint64_t flag_sequence = 0;
  std::string state = "open";       // open | escalated | dismissed | resolved, or unsampled:
                                    // left out of the queue by its policy's review_sample
  std::vector<Review> reviews;      // oldest first
  std::string assignee{};           // the latest assign or escalate that named one
  std::vector<std::string> tags{};  // every tag added, first use first, without repeats
};

// What `review` does to the flag's status: its state, assignee and tags, and its list of reviews.
void TakeReview(FlagStatus& status, Review review);

// Sets the `state` filter of each post in `post_keys` in the index to the states of all its
// flags in `flags`, for `state:` searches.
[[nodiscard]] tl::expected<void, Error> IndexFlagStates(archive::Archive& archive,
                                                        const std::vector<FlagStatus>& flags,
                                                        const std::set<std::string>& post_keys);

// Every flag in log order.
[[nodiscard]] tl::expected<std::vector<FlagStatus>, Error> LoadFlags(
    const archive::Archive& archive);

// Appends the review, updates the post's review state in the index and commits (signs a new
// head). Fails if no flag has review.flag_id.
[[nodiscard]] tl::expected<FlagStatus, Error> ApplyReview(archive::Archive& archive, Review review);

// Commits the archive, which appends the records spooled in DIR/pending (reviews the API took
// while this writer held the lock among them), and brings the index's state: filter up to the
// reviews it appended, committing the index again when there were any. Writers that may run
// while the API server takes reviews (ingest, review) commit through this.
[[nodiscard]] tl::expected<archive::TreeHead, Error> CommitWithSpooledReviews(
    archive::Archive& archive);

// Spools `review` (archive/pending_records.h) for the archive's writer to append and sign,
// giving it an id (32 hex digits) when it has none; returns it as it will be recorded. The
// caller checks that the flag exists first.
[[nodiscard]] tl::expected<Review, Error> SpoolReview(const std::filesystem::path& dir,
                                                      Review review);

// Reads the post a flag points at.
[[nodiscard]] tl::expected<Post, Error> ReadPost(const archive::Archive& archive,
                                                 uint64_t sequence);

}  // namespace holdfast::engine
