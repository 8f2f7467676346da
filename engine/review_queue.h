// The review queue: every flag in the archive with the state its reviews give it, derived
// from the log (open until a person dismisses, escalates or resolves it), and the one way a
// review is recorded.
// Thread safety: functions; ApplyReview needs the archive opened writable.
#pragma once

#include <cstdint>
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
  std::string state = "open";   // open | escalated | dismissed | resolved, or unsampled: left
                                // out of the queue by its policy's review_sample
  std::vector<Review> reviews;  // oldest first
};

// Every flag in log order.
[[nodiscard]] tl::expected<std::vector<FlagStatus>, Error> LoadFlags(
    const archive::Archive& archive);

// Appends the review, updates the post's review state in the index and commits (signs a new
// head). Fails if no flag has review.flag_id.
[[nodiscard]] tl::expected<FlagStatus, Error> ApplyReview(archive::Archive& archive, Review review);

// Reads the post a flag points at.
[[nodiscard]] tl::expected<Post, Error> ReadPost(const archive::Archive& archive,
                                                 uint64_t sequence);

}  // namespace holdfast::engine
