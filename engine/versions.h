// Versions of a post: an edit or deletion in the source tool is a new record whose meta names
// the key of the version it supersedes, and the superseded version's index document is marked
// `version:superseded`, so search shows the latest version and the history on request. Nothing
// earlier is overwritten: every version stays in the log.
// Thread safety: functions; MarkSuperseded needs the archive opened writable.
#pragma once

#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/post.h"

namespace holdfast::engine {

// The key of the latest version of `post` (same PostId, another key) the archive holds, if any.
[[nodiscard]] tl::expected<std::optional<std::string>, Error> LatestOtherVersion(
    const archive::Archive& archive, const Post& post);

// Marks the index document of `key` as superseded.
[[nodiscard]] tl::expected<void, Error> MarkSuperseded(archive::Archive& archive,
                                                       const std::string& key);

}  // namespace holdfast::engine
