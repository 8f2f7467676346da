// The plain-text body of an RSMF file (rsmf.h), what reviewers' text search reads: a heading
// naming the conversation, its day and who exported it from which archive, then one line (or an
// indented block) per post in the slice's order, with its event id and what the manifest marks
// of it (replies, edits, deletions, erasure, flags). Lines end in '\n'.
// Thread safety: pure functions.
#pragma once

#include <string>

#include "engine/export/export_items.h"

namespace holdfast::engine::rsmf {

std::string TextBody(const ConversationSlice& slice, const ExportContext& context);

}  // namespace holdfast::engine::rsmf
