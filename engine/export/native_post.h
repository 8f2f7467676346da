// The native files of an exported post besides its logged record: native/<seq>/post.json,
// Holdfast's Post with its flags and their review history as of the export head, and the
// source record as captured (original.json when it is JSON, original.txt otherwise).
// Thread safety: pure functions.
#pragma once

#include <string>

#include "engine/export/export_items.h"

namespace holdfast::engine {

inline constexpr char kNativePostFile[] = "post.json";

// "native/<seq>/original.json" or ".txt"; "" when the post keeps no source record (erased).
std::string OriginalFileName(const ExportPost& post);

std::string NativePostJson(const ExportPost& post);

}  // namespace holdfast::engine
