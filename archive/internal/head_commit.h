// Signing a tree head over every record so far and appending it to the log: the step that
// Archive::Commit and Archive::RotateKey share (commit.cc).
// Thread safety: owned, as the ArchiveState it writes to.
#pragma once

#include <optional>
#include <tl/expected.hpp>

#include "archive/error.h"
#include "archive/internal/archive_state.h"
#include "archive/signer.h"
#include "archive/tree_head.h"

namespace holdfast::archive::internal {

// Signs a head over the whole log with `signer` (and `cosigner` on a second signature line when
// it is not null), appends it as a record, makes it durable and publishes it as head.note.
// REQUIRES: impl is writable.
[[nodiscard]] tl::expected<TreeHead, Error> AppendSignedHead(ArchiveState& impl,
                                                             const Signer& signer,
                                                             const Signer* cosigner,
                                                             std::optional<Handover> handover);

}  // namespace holdfast::archive::internal
