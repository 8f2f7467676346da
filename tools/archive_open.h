// How a verb opens the archive it works on: read-only, or as its one writer.
#pragma once

#include <memory>
#include <string>

#include "archive/archive.h"

namespace holdfast::tools {

// On failure prints why ("holdfast: DIR/...: reason") and returns nullptr. A writer first
// brings the index up to the log (an earlier run may have stopped between the two), saying so.
std::unique_ptr<archive::Archive> OpenArchiveOrReport(const std::string& dir, bool writable,
                                                      bool catch_up_index = true);

}  // namespace holdfast::tools
