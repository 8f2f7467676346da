// rsmf_manifest.json, as RsmfFile (rsmf.h) puts it in rsmf.zip.
//
// RSMF 2.0 as Relativity defines it: the manifest follows rsmf_schema_2_0_0.json (JSON Schema
// draft-07, relativitydev/rsmf-validator-samples): top-level `version`, `participants` (`id`
// required; `display`, `account_id`, `custom`), `conversations` (`id`, `platform` and
// `participants` required; `type` is `direct` or `channel`), `events` (`type` required, one of
// message, disclaimer, join, leave, history, unknown; `id`, `parent`, `body`, `participant`,
// `conversation`, `timestamp`, `deleted`, `importance` normal|high, `edits` of {participant,
// timestamp, previous, new}, `custom` of {name, value} with non-empty string values) and the
// optional `eventcollectionid`. A `parent` must name another event of the same conversation, so
// a reply whose parent is not in the slice names it in `custom` instead.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "engine/export/rsmf.h"
#include "engine/export/rsmf_events.h"
#include "engine/export/rsmf_mime.h"
#include "engine/time_format.h"

namespace holdfast::engine::rsmf {
namespace {

using Json = nlohmann::ordered_json;

void AddCustom(Json& object, std::string name, const std::string& value) {
  if (value.empty()) {
    return;  // the schema wants a value of at least one character
  }
  object["custom"].push_back(Json{{"name", std::move(name)}, {"value", value}});
}

// "direct" or "channel" when the source says which; "" when it does not.
std::string ConversationType(const ConversationSlice& slice) {
  if (slice.posts.empty()) {
    return "";
  }
  const Post& post = slice.posts.front().post;
  if (post.source == "slack") {
    if (post.community_id.starts_with("D") || post.community_name.starts_with("mpdm-")) {
      return "direct";
    }
    if (post.community_id.starts_with("C") || post.community_id.starts_with("G")) {
      return "channel";
    }
  }
  if (slice.title.starts_with("#")) {
    return "channel";
  }
  return "";
}

// The closest RSMF type for a system post: join or leave when its source record names one.
std::string SystemEventType(const Post& post, std::string& subtype) {
  if (post.original.empty() || post.original.front() != '{') {
    return "unknown";
  }
  const Json record = Json::parse(post.original, nullptr, /*allow_exceptions=*/false);
  if (!record.is_object()) {
    return "unknown";
  }
  for (const char* field : {"subtype", "type", "action", "messageType"}) {
    const auto it = record.find(field);
    if (it == record.end() || !it->is_string()) {
      continue;
    }
    std::string value = it->get<std::string>();
    for (char& c : value) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
    if (value == "message" || value == "service" || value == "default") {
      continue;
    }
    subtype = it->get<std::string>();
    if (value.find("join") != std::string::npos || value.find("add_to") != std::string::npos ||
        value.find("recipientadd") != std::string::npos ||
        value.find("invite") != std::string::npos) {
      return "join";
    }
    if (value.find("leave") != std::string::npos || value.find("remove") != std::string::npos) {
      return "leave";
    }
    return "unknown";
  }
  return "unknown";
}

bool NeedsAttention(const ExportPost& item) {
  for (const ExportFlag& flag : item.flags) {
    if (flag.state == "open" || flag.state == "escalated") {
      return true;
    }
  }
  return false;
}

// An edit's `edits` entry: who changed the text when, from what to what.
Json Edit(const ConversationSlice& slice, const EventLinks& links, size_t i) {
  const ExportPost& item = slice.posts[i];
  const Post& post = item.post;
  Json edit;
  edit["participant"] = ParticipantId(item);
  edit["timestamp"] = FormatRfc3339(post.edited_us != 0 ? post.edited_us : post.created_us);
  if (links.previous[i] >= 0) {
    const ExportPost& before = slice.posts[static_cast<size_t>(links.previous[i])];
    if (!before.content_erased) {
      edit["previous"] = before.post.text;
    }
  }
  if (!item.content_erased) {
    edit["new"] = post.text;
  }
  return edit;
}

// The schema's own fields of an event; `subtype` gets a system post's subtype.
Json EventFields(const ConversationSlice& slice, const EventLinks& links, size_t i,
                 std::string& subtype) {
  const ExportPost& item = slice.posts[i];
  const Post& post = item.post;
  Json event;
  event["id"] = links.ids[i];
  event["type"] = post.kind == PostKind::kSystem ? SystemEventType(post, subtype) : "message";
  if (!links.parent[i].empty()) {
    event["parent"] = links.parent[i];
  }
  event["body"] = item.content_erased ? std::string() : post.text;
  event["participant"] = ParticipantId(item);
  event["conversation"] = slice.conversation_id;
  event["timestamp"] = FormatRfc3339(post.created_us);
  if (post.kind == PostKind::kDelete) {
    event["deleted"] = true;
  }
  if (NeedsAttention(item)) {
    event["importance"] = "high";
  }
  if (post.kind == PostKind::kEdit) {
    event["edits"] = Json::array({Edit(slice, links, i)});
  }
  return event;
}

// What the schema has no field for: the post's identity, its links and its place in the log.
void AddPostCustom(Json& event, const ConversationSlice& slice, const EventLinks& links, size_t i,
                   const std::string& subtype) {
  const ExportPost& item = slice.posts[i];
  const Post& post = item.post;
  AddCustom(event, "Control Number", item.control_number);
  AddCustom(event, "Native ID", post.native_id);
  AddCustom(event, "Post Version", post.version);
  AddCustom(event, "Holdfast Kind", std::string(PostKindName(post.kind)));
  AddCustom(event, "System Subtype", subtype);
  if (links.previous[i] >= 0) {
    AddCustom(event, post.kind == PostKind::kEdit ? "Edit Of" : "Deletion Of",
              links.ids[static_cast<size_t>(links.previous[i])]);
  }
  AddCustom(event, "Parent Not In File", links.parent_named[i]);
  AddCustom(event, "Thread Root", links.thread_named[i]);
  if (post.kind != PostKind::kEdit && post.edited_us != 0) {
    AddCustom(event, "Edited", FormatRfc3339(post.edited_us));
  }
  if (item.content_erased) {
    AddCustom(event, "Content Erased", "true");
    AddCustom(event, "Content Erased Note",
              "the content was erased under a retention rule or an erasure request");
  }
  if (post.replaced_invalid_utf8) {
    AddCustom(event, "Invalid UTF-8 Replaced", "true");
  }
  AddCustom(event, "Captured", item.captured_us != 0 ? FormatRfc3339(item.captured_us) : "");
  AddCustom(event, "Log Sequence", item.sequence != 0 ? std::to_string(item.sequence) : "");
  AddCustom(event, "Content SHA-256", item.content_sha256);
  AddCustom(event, "Original File", item.original_file);
}

void AddAttachmentCustom(Json& event, const Post& post) {
  for (size_t a = 0; a < post.attachments.size(); ++a) {
    const Attachment& attachment = post.attachments[a];
    std::string value = attachment.name.empty() ? "(unnamed)" : attachment.name;
    value += " (";
    if (!attachment.type.empty()) {
      value += attachment.type + ", ";
    }
    value += std::to_string(attachment.size) + " bytes; file not captured)";
    AddCustom(event, "Attachment " + std::to_string(a + 1), value);
  }
}

void AddFlagCustom(Json& event, const ExportPost& item) {
  for (size_t f = 0; f < item.flags.size(); ++f) {
    const ExportFlag& flag = item.flags[f];
    const std::string prefix = "Flag " + std::to_string(f + 1) + " ";
    AddCustom(event, prefix + "Rule", flag.flag.rule);
    AddCustom(event, prefix + "Category", flag.flag.category);
    AddCustom(event, prefix + "State", flag.state);
    AddCustom(event, prefix + "Severity", flag.flag.severity);
    AddCustom(event, prefix + "Confidence", flag.flag.confidence);
    AddCustom(event, prefix + "Policy",
              flag.flag.policy_name.empty() ? flag.flag.policy : flag.flag.policy_name);
    AddCustom(event, prefix + "ID", flag.flag.flag_id);
    AddCustom(event, prefix + "Reviews",
              flag.reviews.empty() ? "" : std::to_string(flag.reviews.size()));
  }
}

Json Event(const ConversationSlice& slice, const EventLinks& links, size_t i) {
  std::string subtype;
  Json event = EventFields(slice, links, i, subtype);
  AddPostCustom(event, slice, links, i, subtype);
  AddAttachmentCustom(event, slice.posts[i].post);
  AddFlagCustom(event, slice.posts[i]);
  return event;
}

Json ParticipantEntry(const Participant& participant) {
  Json entry;
  entry["id"] = participant.id;
  entry["display"] = participant.display;
  if (!participant.account_id.empty()) {
    entry["account_id"] = participant.account_id;
  }
  std::string others;
  for (const std::string& name : participant.other_names) {
    others += others.empty() ? name : "; " + name;
  }
  AddCustom(entry, "Also Shown As", others);
  return entry;
}

Json Conversation(const ConversationSlice& slice, const std::vector<Participant>& participants) {
  Json ids = Json::array();
  for (const Participant& participant : participants) {
    ids.push_back(participant.id);
  }
  Json conversation;
  conversation["id"] = slice.conversation_id;
  conversation["display"] = slice.title.empty() ? slice.conversation_id : slice.title;
  conversation["platform"] = slice.source.empty() ? std::string("holdfast") : slice.source;
  const std::string type = ConversationType(slice);
  if (!type.empty()) {
    conversation["type"] = type;
  }
  conversation["participants"] = std::move(ids);
  AddCustom(conversation, "Workspace", slice.workspace);
  if (!slice.posts.empty()) {
    AddCustom(conversation, "Community ID", slice.posts.front().post.community_id);
    AddCustom(conversation, "Community Name", slice.posts.front().post.community_name);
  }
  AddCustom(conversation, "Slice", slice.slug);
  AddCustom(conversation, "Day (UTC)", Day(slice.day_start_us));
  return conversation;
}

Json Manifest(const ConversationSlice& slice) {
  const std::vector<Participant> participants = Participants(slice);
  const EventLinks links = Links(slice);
  Json manifest;
  manifest["version"] = kVersion;
  manifest["eventcollectionid"] = EventCollectionId(slice);
  manifest["participants"] = Json::array();
  for (const Participant& participant : participants) {
    manifest["participants"].push_back(ParticipantEntry(participant));
  }
  manifest["conversations"] = Json::array({Conversation(slice, participants)});
  manifest["events"] = Json::array();
  for (size_t i = 0; i < slice.posts.size(); ++i) {
    manifest["events"].push_back(Event(slice, links, i));
  }
  return manifest;
}

}  // namespace
}  // namespace holdfast::engine::rsmf

namespace holdfast::engine {

std::string RsmfManifest(const ConversationSlice& slice) {
  using Json = nlohmann::ordered_json;
  return rsmf::Manifest(slice).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace holdfast::engine
