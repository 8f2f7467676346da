#include "tests/engine/rsmf_schema.h"

#include <cstddef>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace holdfast::testing {
namespace {

using nlohmann::json;

// The problems found so far; problem(where, what) adds one.
struct Problems {
  std::vector<std::string> list;
  void operator()(const std::string& where, const std::string& what) {
    list.push_back(where + ": " + what);
  }
};

// The ids the manifest defines, for the checks of what refers to them.
struct Known {
  std::set<std::string> participants;
  std::set<std::string> conversations;
  std::map<std::string, std::string> event_conversation;  // event id -> its conversation
};

bool IsIso8601(const json& value) {
  static const std::regex kDateTime(
      R"(^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$)");
  return value.is_string() && std::regex_match(value.get<std::string>(), kDateTime);
}

bool IsNonEmptyString(const json& value) {
  return value.is_string() && !value.get<std::string>().empty();
}

void CheckString(Problems& problem, const json& object, const char* key, const std::string& where) {
  if (object.contains(key) && !object[key].is_string()) {
    problem(where + "." + key, "is not a string");
  }
}

void CheckCustom(Problems& problem, const json& object, const std::string& where) {
  if (!object.contains("custom")) {
    return;
  }
  const json& custom = object["custom"];
  if (!custom.is_array()) {
    problem(where + ".custom", "is not an array");
    return;
  }
  for (size_t i = 0; i < custom.size(); ++i) {
    const std::string at = where + ".custom[" + std::to_string(i) + "]";
    if (!custom[i].is_object()) {
      problem(at, "is not an object");
      continue;
    }
    if (!custom[i].contains("name") || !IsNonEmptyString(custom[i]["name"])) {
      problem(at + ".name", "is not a non-empty string");
    }
    if (!custom[i].contains("value") || !IsNonEmptyString(custom[i]["value"])) {
      problem(at + ".value", "is not a non-empty string");
    }
  }
}

void CheckParticipant(Problems& problem, const Known& known, const json& object,
                      const std::string& where, bool required) {
  if (!object.contains("participant")) {
    if (required) {
      problem(where + ".participant", "is missing");
    }
    return;
  }
  if (!IsNonEmptyString(object["participant"])) {
    problem(where + ".participant", "is not a non-empty string");
  } else if (known.participants.count(object["participant"].get<std::string>()) == 0) {
    problem(where + ".participant", "names unknown participant " + object["participant"].dump());
  }
}

// `version`, `eventcollectionid` and the keys every manifest has.
void ValidateTop(Problems& problem, const json& manifest) {
  for (const char* key : {"version", "participants", "conversations", "events"}) {
    if (!manifest.contains(key)) {
      problem(key, "required key is missing");
    }
  }
  if (manifest.contains("version")) {
    const json& version = manifest["version"];
    if (!version.is_string() || version.get<std::string>().size() < 5) {
      problem("version", "is not a string of at least 5 characters");
    } else if (version != "2.0.0") {
      problem("version", "is " + version.dump() + ", not \"2.0.0\"");
    }
  }
  if (manifest.contains("eventcollectionid") && !manifest["eventcollectionid"].is_string()) {
    problem("eventcollectionid", "is not a string");
  }
}

void ValidateParticipants(Problems& problem, const json& manifest, Known& known) {
  if (!manifest.contains("participants")) {
    return;
  }
  const json& participants = manifest["participants"];
  if (!participants.is_array()) {
    problem("participants", "is not an array");
    return;
  }
  for (size_t i = 0; i < participants.size(); ++i) {
    const std::string at = "participants[" + std::to_string(i) + "]";
    const json& participant = participants[i];
    if (!participant.is_object()) {
      problem(at, "is not an object");
      continue;
    }
    if (!participant.contains("id") || !IsNonEmptyString(participant["id"])) {
      problem(at + ".id", "is missing or not a non-empty string");
    } else if (!known.participants.insert(participant["id"].get<std::string>()).second) {
      problem(at + ".id", "duplicate participant id " + participant["id"].dump());
    }
    for (const char* key : {"display", "email", "avatar", "account_id"}) {
      CheckString(problem, participant, key, at);
    }
    CheckCustom(problem, participant, at);
  }
}

// A conversation's members, which must be known participants; its custodian must be one.
void ValidateMembers(Problems& problem, const Known& known, const json& conversation,
                     const std::string& at) {
  std::set<std::string> members;
  if (!conversation.contains("participants") || !conversation["participants"].is_array()) {
    problem(at + ".participants", "is missing or not an array");
  } else {
    for (const json& member : conversation["participants"]) {
      if (!IsNonEmptyString(member)) {
        problem(at + ".participants", "holds " + member.dump() + ", not a participant id");
      } else if (known.participants.count(member.get<std::string>()) == 0) {
        problem(at + ".participants", "names unknown participant " + member.dump());
      } else {
        members.insert(member.get<std::string>());
      }
    }
  }
  if (conversation.contains("custodian")) {
    if (!conversation["custodian"].is_string()) {
      problem(at + ".custodian", "is not a string");
    } else if (members.count(conversation["custodian"].get<std::string>()) == 0) {
      problem(at + ".custodian", "is not one of the conversation's participants");
    }
  }
}

void ValidateConversation(Problems& problem, Known& known, const json& conversation,
                          const std::string& at) {
  if (!conversation.contains("id") || !IsNonEmptyString(conversation["id"])) {
    problem(at + ".id", "is missing or not a non-empty string");
  } else if (!known.conversations.insert(conversation["id"].get<std::string>()).second) {
    problem(at + ".id", "duplicate conversation id " + conversation["id"].dump());
  }
  if (!conversation.contains("platform") || !IsNonEmptyString(conversation["platform"])) {
    problem(at + ".platform", "is missing or not a non-empty string");
  }
  if (conversation.contains("type") && conversation["type"] != "direct" &&
      conversation["type"] != "channel") {
    problem(at + ".type", "is " + conversation["type"].dump() + ", not \"direct\" or \"channel\"");
  }
  ValidateMembers(problem, known, conversation, at);
  CheckString(problem, conversation, "display", at);
  CheckString(problem, conversation, "icon", at);
  CheckCustom(problem, conversation, at);
}

void ValidateConversations(Problems& problem, const json& manifest, Known& known) {
  if (!manifest.contains("conversations")) {
    return;
  }
  const json& conversations = manifest["conversations"];
  if (!conversations.is_array()) {
    problem("conversations", "is not an array");
    return;
  }
  for (size_t i = 0; i < conversations.size(); ++i) {
    const std::string at = "conversations[" + std::to_string(i) + "]";
    if (!conversations[i].is_object()) {
      problem(at, "is not an object");
      continue;
    }
    ValidateConversation(problem, known, conversations[i], at);
  }
}

// Every event id once, each with its conversation, before any `parent` is checked.
void CollectEventIds(Problems& problem, const json& events, Known& known) {
  for (size_t i = 0; i < events.size(); ++i) {
    const json& event = events[i];
    if (event.is_object() && event.contains("id") && IsNonEmptyString(event["id"])) {
      const std::string conversation =
          event.contains("conversation") && event["conversation"].is_string()
              ? event["conversation"].get<std::string>()
              : "";
      if (!known.event_conversation.emplace(event["id"].get<std::string>(), conversation).second) {
        problem("events[" + std::to_string(i) + "].id", "duplicate event id " + event["id"].dump());
      }
    }
  }
}

void CheckParent(Problems& problem, const Known& known, const json& event, const std::string& at) {
  const json& parent = event["parent"];
  if (!parent.is_string()) {
    problem(at + ".parent", "is not a string");
    return;
  }
  const auto it = known.event_conversation.find(parent.get<std::string>());
  if (it == known.event_conversation.end()) {
    problem(at + ".parent", "names no event: " + parent.dump());
  } else if (event.contains("id") && event["id"] == parent) {
    problem(at + ".parent", "names the event itself");
  } else if (event.contains("conversation") && event["conversation"] != it->second) {
    problem(at + ".parent", "names an event of another conversation");
  }
}

void CheckReactions(Problems& problem, const Known& known, const json& event,
                    const std::string& at) {
  if (!event["reactions"].is_array()) {
    problem(at + ".reactions", "is not an array");
    return;
  }
  for (const json& reaction : event["reactions"]) {
    if (!reaction.is_object() || !reaction.contains("value") ||
        !IsNonEmptyString(reaction["value"])) {
      problem(at + ".reactions", "a reaction has no value");
      continue;
    }
    if (reaction.contains("count") && !reaction["count"].is_number_integer()) {
      problem(at + ".reactions", "a count is not an integer");
    }
    if (reaction.contains("participants")) {
      for (const json& who : reaction["participants"]) {
        if (!who.is_string() || known.participants.count(who.get<std::string>()) == 0) {
          problem(at + ".reactions", "names unknown participant " + who.dump());
        }
      }
    }
  }
}

void CheckAttachments(Problems& problem, const json& event, const std::string& at) {
  if (!event["attachments"].is_array()) {
    problem(at + ".attachments", "is not an array");
    return;
  }
  for (const json& attachment : event["attachments"]) {
    if (!attachment.is_object() || !attachment.contains("id") ||
        !IsNonEmptyString(attachment["id"])) {
      problem(at + ".attachments", "an attachment has no id");
    } else if (attachment.contains("size") && !attachment["size"].is_number_integer()) {
      problem(at + ".attachments", "a size is not an integer");
    }
  }
}

void CheckEdits(Problems& problem, const Known& known, const json& event, const std::string& at) {
  if (!event["edits"].is_array()) {
    problem(at + ".edits", "is not an array");
    return;
  }
  for (size_t e = 0; e < event["edits"].size(); ++e) {
    const std::string edit_at = at + ".edits[" + std::to_string(e) + "]";
    const json& edit = event["edits"][e];
    if (!edit.is_object()) {
      problem(edit_at, "is not an object");
      continue;
    }
    CheckParticipant(problem, known, edit, edit_at, true);
    if (edit.contains("timestamp") && !IsIso8601(edit["timestamp"])) {
      problem(edit_at + ".timestamp", "is not an ISO 8601 date-time");
    }
    CheckString(problem, edit, "previous", edit_at);
    CheckString(problem, edit, "new", edit_at);
  }
}

void CheckReadReceipts(Problems& problem, const Known& known, const json& event,
                       const std::string& at) {
  if (!event["read_receipts"].is_array()) {
    problem(at + ".read_receipts", "is not an array");
    return;
  }
  for (const json& receipt : event["read_receipts"]) {
    CheckParticipant(problem, known, receipt, at + ".read_receipts", true);
    if (receipt.contains("action") && receipt["action"] != "read" &&
        receipt["action"] != "delivered") {
      problem(at + ".read_receipts", "an action is not read or delivered");
    }
  }
}

void ValidateEvent(Problems& problem, const Known& known, const json& event,
                   const std::string& at) {
  static const std::set<std::string> kTypes = {"message", "disclaimer", "join",
                                               "leave",   "history",    "unknown"};
  if (!event.contains("type")) {
    problem(at + ".type", "is missing");
  } else if (!event["type"].is_string() || kTypes.count(event["type"].get<std::string>()) == 0) {
    problem(at + ".type", "is " + event["type"].dump() + ", not a known event type");
  }
  if (!event.contains("id") || !IsNonEmptyString(event["id"])) {
    problem(at + ".id", "is missing or not a non-empty string");
  }
  if (!event.contains("conversation") || !event["conversation"].is_string()) {
    problem(at + ".conversation", "is missing or not a string");
  } else if (known.conversations.count(event["conversation"].get<std::string>()) == 0) {
    problem(at + ".conversation", "names unknown conversation " + event["conversation"].dump());
  }
  CheckParticipant(problem, known, event, at, true);
  if (!event.contains("timestamp") || !IsIso8601(event["timestamp"])) {
    problem(at + ".timestamp", "is missing or not an ISO 8601 date-time");
  }
  if (event.contains("parent")) {
    CheckParent(problem, known, event, at);
  }
  CheckString(problem, event, "body", at);
  if (event.contains("deleted") && !event["deleted"].is_boolean()) {
    problem(at + ".deleted", "is not a boolean");
  }
  if (event.contains("importance") && event["importance"] != "normal" &&
      event["importance"] != "high") {
    problem(at + ".importance", "is " + event["importance"].dump() + ", not normal or high");
  }
  if (event.contains("direction") && event["direction"] != "incoming" &&
      event["direction"] != "outgoing") {
    problem(at + ".direction", "is not incoming or outgoing");
  }
  if (event.contains("reactions")) {
    CheckReactions(problem, known, event, at);
  }
  if (event.contains("attachments")) {
    CheckAttachments(problem, event, at);
  }
  if (event.contains("edits")) {
    CheckEdits(problem, known, event, at);
  }
  if (event.contains("read_receipts")) {
    CheckReadReceipts(problem, known, event, at);
  }
  CheckCustom(problem, event, at);
}

void ValidateEvents(Problems& problem, const json& manifest, Known& known) {
  if (!manifest.contains("events")) {
    return;
  }
  const json& events = manifest["events"];
  if (!events.is_array()) {
    problem("events", "is not an array");
    return;
  }
  CollectEventIds(problem, events, known);
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string at = "events[" + std::to_string(i) + "]";
    if (!events[i].is_object()) {
      problem(at, "is not an object");
      continue;
    }
    ValidateEvent(problem, known, events[i], at);
  }
}

}  // namespace

std::vector<std::string> ValidateRsmfManifest(const json& manifest) {
  Problems problem;
  if (!manifest.is_object()) {
    problem("manifest", "is not an object");
    return problem.list;
  }
  Known known;
  ValidateTop(problem, manifest);
  ValidateParticipants(problem, manifest, known);
  ValidateConversations(problem, manifest, known);
  ValidateEvents(problem, manifest, known);
  return problem.list;
}

}  // namespace holdfast::testing
