// What an RSMF file (rsmf.h) says of a slice's authors and posts, worked out once so that the
// manifest, the text body and the headers agree: the participants, each post's event id, the
// event it answers and the earlier version an edit or deletion replaces.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/export/export_items.h"

namespace holdfast::engine::rsmf {

inline constexpr std::string_view kVersion = "2.0.0";

// "Slack", "Microsoft Teams", ... for a source tool; the tool's own name when it is not known,
// "Holdfast" when there is none.
std::string ApplicationName(std::string_view source);

// The conversation's event collection id: the same for every slice of one conversation.
std::string EventCollectionId(const ConversationSlice& slice);

struct Participant {
  std::string id;
  std::string display;
  std::string account_id;
  std::set<std::string> other_names;  // names it also went by in the slice
};

// The participant id of a post's author: its account id, else its name, else a stand-in.
std::string ParticipantId(const ExportPost& item);

// The slice's authors, in order of their first post.
std::vector<Participant> Participants(const ConversationSlice& slice);

// What the manifest says of each post besides its own fields, worked out once for the manifest
// and the text body alike. Each vector has one entry per post of the slice.
struct EventLinks {
  std::vector<std::string> ids;
  std::vector<std::string> parent;        // event id of the post it answers, when in the slice
  std::vector<std::string> parent_named;  // the native id it answers, when not in the slice
  std::vector<std::string> thread_named;  // its thread root, when not resolved and not the parent
  std::vector<int64_t> previous;          // index of the version an edit or deletion replaces
};

EventLinks Links(const ConversationSlice& slice);

// "credential-sharing (security) open": a flag in a line of text.
std::string FlagSummary(const ExportFlag& flag);

}  // namespace holdfast::engine::rsmf
