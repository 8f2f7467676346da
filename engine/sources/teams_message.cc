// TeamsSource::ReadMessage: one Graph chatMessage (camelCase or PascalCase) to a Post.
#include <array>
#include <vector>

#include "engine/sources/teams_json.h"
#include "engine/sources/teams_source.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

// The chatMessage properties a post needs, found in one pass over the object, any case.
struct Fields {
  JsonField id{simdjson::NO_SUCH_FIELD};
  JsonField reply_to_id{simdjson::NO_SUCH_FIELD};
  JsonField message_type{simdjson::NO_SUCH_FIELD};
  JsonField created{simdjson::NO_SUCH_FIELD};
  JsonField last_edited{simdjson::NO_SUCH_FIELD};
  JsonField deleted{simdjson::NO_SUCH_FIELD};
  JsonField subject{simdjson::NO_SUCH_FIELD};
  JsonField body{simdjson::NO_SUCH_FIELD};
  JsonField from{simdjson::NO_SUCH_FIELD};
  JsonField attachments{simdjson::NO_SUCH_FIELD};
  JsonField mentions{simdjson::NO_SUCH_FIELD};
  JsonField channel_identity{simdjson::NO_SUCH_FIELD};
  JsonField chat_id{simdjson::NO_SUCH_FIELD};
  JsonField event_detail{simdjson::NO_SUCH_FIELD};
  JsonField web_url{simdjson::NO_SUCH_FIELD};
};

struct FieldName {
  std::string_view lower;
  JsonField Fields::*field;
};

constexpr std::array<FieldName, 15> kFieldNames = {{
    {"id", &Fields::id},
    {"replytoid", &Fields::reply_to_id},
    {"messagetype", &Fields::message_type},
    {"createddatetime", &Fields::created},
    {"lastediteddatetime", &Fields::last_edited},
    {"deleteddatetime", &Fields::deleted},
    {"subject", &Fields::subject},
    {"body", &Fields::body},
    {"from", &Fields::from},
    {"attachments", &Fields::attachments},
    {"mentions", &Fields::mentions},
    {"channelidentity", &Fields::channel_identity},
    {"chatid", &Fields::chat_id},
    {"eventdetail", &Fields::event_detail},
    {"weburl", &Fields::web_url},
}};

void Collect(simdjson::dom::object object, Fields& fields) {
  for (simdjson::dom::key_value_pair member : object) {
    for (const FieldName& name : kFieldNames) {
      if (EqualsIgnoreCase(member.key, name.lower)) {
        fields.*name.field = ToField(member.value);
        break;
      }
    }
  }
}

std::string_view String(JsonField field) {
  std::string_view value;
  return field.get_string().get(value) == simdjson::SUCCESS ? value : std::string_view();
}

// The value of `name` in a URL's query ("...&tenantId=abc&..."), or empty.
std::string_view QueryValue(std::string_view url, std::string_view name) {
  for (size_t at = url.find('?'); at != std::string_view::npos; at = url.find('&', at)) {
    ++at;
    if (url.substr(at).starts_with(name) && url.substr(at + name.size()).starts_with("=")) {
      const size_t begin = at + name.size() + 1;
      return url.substr(begin, url.find_first_of("&#", begin) - begin);
    }
  }
  return {};
}

// The kind of a system event: "membersAdded" from Graph's "@odata.type"
// ("#microsoft.graph.membersAddedEventMessageDetail"), or from the one non-null detail
// property of the TeamsDataExport ("MembersAdded": {...}). `detail` is set to the object
// holding the event's properties.
std::string EventName(JsonField event, JsonField& detail) {
  detail = event;
  std::string_view type = Str(event, "@odata.type");
  if (!type.empty()) {
    type.remove_prefix(std::min(type.rfind('.') + 1, type.size()));
    if (type.ends_with("EventMessageDetail")) {
      type.remove_suffix(std::string_view("EventMessageDetail").size());
    }
    return std::string(type);
  }
  simdjson::dom::object object;
  if (event.get_object().get(object) != simdjson::SUCCESS) {
    return {};
  }
  for (simdjson::dom::key_value_pair member : object) {
    if (member.value.is_null() || EqualsIgnoreCase(member.key, "eventtype") ||
        EqualsIgnoreCase(member.key, "initiator")) {
      continue;
    }
    detail = ToField(member.value);
    std::string name(member.key);
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') {
      name[0] = char(name[0] + 32);
    }
    return name;
  }
  return {};
}

// The subject, a line break, and the body as text; an HTML body goes through the converter
// with the message's mentions, so split mentions of one user are merged.
void AppendText(const Fields& fields, std::vector<TeamsMention>& mentions, std::string& text) {
  text += String(fields.subject);
  if (!text.empty()) {
    text += '\n';
  }
  const std::string_view content = Str(fields.body, "content");
  if (EqualsIgnoreCase(Str(fields.body, "contentType"), "text")) {
    text += content;
    return;
  }
  mentions.clear();
  simdjson::dom::array array;
  if (fields.mentions.get_array().get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element mention : array) {
      int64_t mention_id = -1;
      if (Get(mention, "id").get_int64().get(mention_id) != simdjson::SUCCESS) {
        continue;
      }
      const JsonField mentioned = Get(mention, "mentioned");
      std::string_view user;
      for (std::string_view who : {"user", "application", "conversation", "tag"}) {
        if (user = Str(Get(mentioned, who), "id"); !user.empty()) {
          break;
        }
      }
      mentions.push_back({mention_id, user});
    }
  }
  AppendTeamsHtmlText(content, mentions, text);
}

// Files are "reference" attachments named by file; cards and quoted messages have no name,
// so the URL or id stands in.
void AddAttachments(JsonField attachments, Post& post) {
  simdjson::dom::array array;
  if (attachments.get_array().get(array) != simdjson::SUCCESS) {
    return;
  }
  for (simdjson::dom::element attachment : array) {
    std::string_view name = Str(attachment, "name");
    name = !name.empty() ? name : Str(attachment, "contentUrl");
    name = !name.empty() ? name : Str(attachment, "id");
    post.attachments.push_back({std::string(name), std::string(Str(attachment, "contentType")), 0});
  }
}

}  // namespace

std::string_view TeamsSource::UserName(std::string_view id, std::string_view written) const {
  if (!written.empty()) {
    return written;
  }
  auto known = users_.find(id);
  return known != users_.end() && !known->second.empty() ? std::string_view(known->second) : id;
}

std::string TeamsSource::ReadMessage(simdjson::dom::element element, Post& post) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) {
    return "record is not a JSON object (a chatMessage)";
  }
  Fields fields;
  Collect(object, fields);
  const std::string_view id = String(fields.id);
  if (id.empty()) {
    return "missing 'id' (the message id, a string)";
  }
  const std::string_view created = String(fields.created);
  auto created_us = ParseRfc3339(created);
  if (!created_us) {
    return "missing or malformed 'createdDateTime': \"" + std::string(created) + "\"";
  }
  post.source = "teams";
  post.native_id = id;
  post.created_us = *created_us;

  const std::string_view team = Str(fields.channel_identity, "teamId");
  const std::string_view channel = Str(fields.channel_identity, "channelId");
  const std::string_view chat = String(fields.chat_id);
  if (!channel.empty()) {
    post.community_id.reserve(team.size() + 1 + channel.size());
    post.community_id.append(team).append("/").append(channel);
    auto known = channels_.find(channel);
    auto known_team = teams_.find(team);
    if (known_team != teams_.end() && !known_team->second.empty()) {
      post.community_name = known_team->second + " / ";
    }
    post.community_name += known != channels_.end() && !known->second.name.empty()
                               ? std::string_view(known->second.name)
                               : channel;
    if (known != channels_.end()) {
      post.workspace = known->second.tenant;
    }
  } else if (!chat.empty()) {
    post.community_id = chat;
    post.community_name = chat;
  } else {
    return "neither 'channelIdentity' nor 'chatId': without its conversation the message id "
           "is not unique";
  }
  if (post.workspace.empty()) {
    post.workspace = QueryValue(String(fields.web_url), "tenantId");
  }
  post.parent_id = String(fields.reply_to_id);
  post.thread_id = !post.parent_id.empty() ? post.parent_id : !channel.empty() ? id : "";

  for (std::string_view who : {"user", "application", "device"}) {
    const JsonField identity = Get(fields.from, who);
    if (const std::string_view who_id = Str(identity, "id"); !who_id.empty()) {
      const std::string_view written = Str(identity, "displayName");
      post.author_id = who_id;
      post.author_name = UserName(who_id, written);
      // Event details often leave members' names null: remember each name a message shows.
      if (!written.empty() && users_.find(who_id) == users_.end()) {
        users_.emplace(std::string(who_id), std::string(written));
      }
      break;
    }
  }

  const std::string_view type = String(fields.message_type);
  const bool system =
      type == "systemEventMessage" || type == "chatEvent" ||
      (type == "unknownFutureValue" &&
       (Str(fields.body, "content").find("<systemEventMessage") != std::string_view::npos ||
        fields.event_detail.is_object()));
  if (const std::string_view deleted = String(fields.deleted); !deleted.empty()) {
    post.kind = PostKind::kDelete;  // Graph empties the body; nothing else is kept
    post.version = deleted;
  } else if (system) {
    post.kind = PostKind::kSystem;
    post.text = SystemText(fields.event_detail, post);
  } else {
    if (const std::string_view edited = String(fields.last_edited); !edited.empty()) {
      post.kind = PostKind::kEdit;
      post.version = edited;
      post.edited_us = ParseRfc3339(edited).value_or(0);
    }
    AppendText(fields, mentions_, post.text);
    AddAttachments(fields.attachments, post);
  }
  post.original = simdjson::minify(element);
  return {};
}

// "membersAdded: Jan de Vries, Piet (by Ann)", "channelRenamed: finance (by Ann)", or
// "system event" when the export says no more. The initiator becomes the author of a post
// that has none (system events come from no one).
std::string TeamsSource::SystemText(JsonField event, Post& post) const {
  JsonField detail = event;
  std::string text = EventName(event, detail);
  if (text.empty()) {
    text = "system event";
  }
  for (std::string_view key : {"channelDisplayName", "chatDisplayName", "teamDisplayName"}) {
    if (const std::string_view shown = Str(detail, key); !shown.empty()) {
      text.append(": ").append(shown);
      break;
    }
  }
  simdjson::dom::array members;
  if (Get(detail, "members").get_array().get(members) == simdjson::SUCCESS) {
    const char* separator = ": ";
    for (simdjson::dom::element member : members) {
      text.append(separator).append(UserName(Str(member, "id"), Str(member, "displayName")));
      separator = ", ";
    }
  }
  const JsonField initiator = Get(event, "initiator");
  for (std::string_view who : {"user", "application"}) {
    const JsonField identity = Get(initiator, who);
    if (const std::string_view who_id = Str(identity, "id"); !who_id.empty()) {
      const std::string_view name = UserName(who_id, Str(identity, "displayName"));
      text.append(" (by ").append(name).append(")");
      if (post.author_id.empty()) {
        post.author_id = who_id;
        post.author_name = name;
      }
      break;
    }
  }
  return text;
}

}  // namespace holdfast::engine
