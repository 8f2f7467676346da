// How a verb opens the archive it works on: read-only, or as its one writer.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "archive/archive.h"

namespace holdfast::tools {

// On failure prints why ("holdfast: DIR/...: reason") and returns nullptr. A writer first
// brings the index up to the log (an earlier run may have stopped between the two), saying so.
std::unique_ptr<archive::Archive> OpenArchiveOrReport(const std::string& dir, bool writable,
                                                      bool catch_up_index = true);

// The archive's latest signed head, if its own key vouches for it; otherwise prints why
// (never publish or timestamp a head the archive's key does not sign) and returns nothing.
std::optional<archive::TreeHead> VouchedHeadOrReport(const archive::Archive& archive,
                                                     const std::string& dir);

}  // namespace holdfast::tools
