// The writer's side of key rotation that Archive::Open needs (key_chain.cc): finishing a
// rotation a crash interrupted, before the writer loads its signing key.
// Thread safety: owned, as the ArchiveState it changes.
#pragma once

#include <tl/expected.hpp>

#include "archive/error.h"
#include "archive/internal/archive_state.h"

namespace holdfast::archive::internal {

// If keys/next exists: installs it when the log's last record is the handover head that names
// it, else removes it. Updates impl.public_pem. REQUIRES: the writer lock is held and the
// records are loaded (impl.last_head_note reflects the last record).
[[nodiscard]] tl::expected<void, Error> FinishKeyRotation(ArchiveState& impl);

}  // namespace holdfast::archive::internal
