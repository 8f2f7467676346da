// What an evidence export selects, as the archive stood at the export head: the post versions
// a query, an active hold or a review state finds, and every flag raised by then with its state
// and reviews as of the head. Records after the head are left out, so that the same selection
// at the same head finds the same records however the archive has grown since.
// Thread safety: functions; the archive is only read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/export/export_items.h"

namespace holdfast::engine {

enum class EvidenceSelection { kQuery, kHold, kFlags };

// The states a flags selection takes: a review state, or any flag at all.
inline constexpr std::string_view kExportFlagStates[] = {"open",     "escalated", "dismissed",
                                                         "resolved", "unsampled", "any"};
std::string_view EvidenceSelectionName(EvidenceSelection selection);  // "query", "hold", "flags"

// Every flag whose record the head covers; state and reviews from the reviews it covers.
[[nodiscard]] tl::expected<std::vector<ExportFlag>, Error> FlagsAtHead(
    const archive::Archive& archive, uint64_t head_size);

struct SelectedPosts {
  std::vector<uint64_t> sequences;  // ascending, each once
  std::string query;                // the query run; "" for a flags selection
};

// kQuery: `value` is a search query (every version it finds); kHold: the name of a hold
// active at the head (its query and custodians); kFlags: a flag state ("open", "escalated",
// "dismissed", "resolved", "unsampled" or "any"), the versions flagged in that state.
// `progress` is called after each page of hits with the number found; false stops.
[[nodiscard]] tl::expected<SelectedPosts, Error> SelectPosts(
    const archive::Archive& archive, uint64_t head_size, EvidenceSelection selection,
    const std::string& value, const std::vector<ExportFlag>& flags,
    const std::function<bool(uint64_t)>& progress);

}  // namespace holdfast::engine
