// Relativity Short Message Format 2.0: one RFC 5322 message per conversation slice, 7-bit,
// with the X-RSMF-* headers, a plain-text body of the slice's messages (what reviewers' text
// search reads) and exactly one attachment, rsmf.zip, holding rsmf_manifest.json (version,
// participants, conversations, events; threads as `parent`, edits and deletions marked).
// Thread safety: functions.
#pragma once

#include <string>
#include <tl/expected.hpp>

#include "engine/error.h"
#include "engine/export/export_items.h"

namespace holdfast::engine {

// The bundle path of a slice's RSMF file: "rsmf/<slug>.rsmf".
std::string RsmfPath(const ConversationSlice& slice);

// The bytes of the slice's RSMF file; the same slice and context give the same bytes.
[[nodiscard]] tl::expected<std::string, Error> RsmfFile(const ConversationSlice& slice,
                                                        const ExportContext& context);

// rsmf_manifest.json of the slice, as RsmfFile puts it in rsmf.zip.
std::string RsmfManifest(const ConversationSlice& slice);

}  // namespace holdfast::engine
