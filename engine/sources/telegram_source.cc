#include "engine/sources/telegram_source.h"

#include "engine/sources/json_fields.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

constexpr size_t kDetectBytes = size_t{1} << 20;

// "text" as Telegram writes it: a string, or an array of strings and {"type", "text"} entities.
bool ReadText(simdjson::dom::element field, std::string& text) {
  std::string_view plain;
  if (field.get_string().get(plain) == simdjson::SUCCESS) {
    text = plain;
    return true;
  }
  simdjson::dom::array parts;
  if (field.get_array().get(parts) != simdjson::SUCCESS) {
    return false;
  }
  for (simdjson::dom::element part : parts) {
    simdjson::dom::object entity;
    if (part.get_string().get(plain) == simdjson::SUCCESS) {
      text += plain;
    } else if (part.get_object().get(entity) == simdjson::SUCCESS) {
      text += StringField(entity, "text");
    }
  }
  return true;
}

// "2018-12-05T11:39:10" as seconds since 1970-01-01T00:00 of the same wall clock.
bool ParseLocalTime(std::string_view text, int64_t& local_seconds) {
  if (text.size() != 19 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':') {
    return false;
  }
  int fields[6] = {};
  const size_t starts[6] = {0, 5, 8, 11, 14, 17};
  const size_t lengths[6] = {4, 2, 2, 2, 2, 2};
  for (int f = 0; f < 6; ++f) {
    for (size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        return false;
      }
      fields[f] = fields[f] * 10 + (text[i] - '0');
    }
  }
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 ||
      fields[4] > 59 || fields[5] > 60) {
    return false;
  }
  local_seconds = DaysFromCivil(fields[0], unsigned(fields[1]), unsigned(fields[2])) * 86400 +
                  fields[3] * 3600 + fields[4] * 60 + fields[5];
  return true;
}

// "create_group" -> "create group"
std::string Words(std::string_view action) {
  std::string words(action);
  for (char& c : words) {
    if (c == '_') {
      c = ' ';
    }
  }
  return words;
}

std::string SystemText(simdjson::dom::object message, std::string_view actor,
                       const std::string& text) {
  std::string out(actor);
  if (!out.empty()) {
    out += ' ';
  }
  out += Words(StringField(message, "action", "service message"));
  if (std::string_view title = StringField(message, "title"); !title.empty()) {
    out += " \"" + std::string(title) + '"';
  }
  simdjson::dom::array members;
  if (message["members"].get_array().get(members) == simdjson::SUCCESS) {
    std::string_view separator = ": ";
    for (simdjson::dom::element member : members) {
      std::string_view name;
      if (member.get_string().get(name) == simdjson::SUCCESS) {
        out += separator;
        out += name;
        separator = ", ";
      }
    }
  }
  if (!text.empty()) {
    out += '\n' + text;
  }
  return out;
}

std::string_view LastPart(std::string_view path) { return path.substr(path.rfind('/') + 1); }

// Exported without its media, a "photo" or "file" path is "(File not included. Change data
// exporting settings to download.)": the name says so instead of taking that sentence.
std::string MediaName(std::string_view path, std::string_view what) {
  if (path.starts_with("(")) {
    return std::string(what) + " (not included in the export)";
  }
  return std::string(LastPart(path));
}

void ReadAttachments(simdjson::dom::object message, Post& post) {
  if (std::string_view photo = StringField(message, "photo"); !photo.empty()) {
    post.attachments.push_back(
        {MediaName(photo, "photo"), "", UintField(message, "photo_file_size")});
  }
  if (std::string_view file = StringField(message, "file"); !file.empty()) {
    // Without the media, file_name still names the file when Telegram wrote it.
    const std::string fallback = MediaName(file, "file");
    post.attachments.push_back({std::string(StringField(message, "file_name", fallback)),
                                std::string(StringField(message, "mime_type")),
                                UintField(message, "file_size")});
  }
}

}  // namespace

TelegramSource::TelegramSource(std::string path, SourceOptions options, TimeZone zone)
    : JsonChatSource(std::move(path), std::move(options), "Telegram"), zone_(std::move(zone)) {}

tl::expected<std::unique_ptr<Source>, Error> TelegramSource::Open(const std::string& path,
                                                                  const SourceOptions& options) {
  auto zone = TimeZone::Load(options.tz);
  if (!zone) {
    return tl::unexpected(zone.error());
  }
  std::unique_ptr<TelegramSource> source(new TelegramSource(path, options, std::move(*zone)));
  if (auto opened = source->OpenInput(); !opened) {
    return tl::unexpected(opened.error());
  }
  return std::unique_ptr<Source>(std::move(source));
}

bool TelegramSource::Detect(const std::string& path) {
  std::string start;
  if (!ReadJsonStart(path, kDetectBytes, start)) {
    return false;
  }
  const std::vector<JsonKey> keys = ScanJsonKeys(start, 4096);
  if (HasKey(keys, 1, "chats") || HasKey(keys, 1, "left_chats") ||
      HasKey(keys, 1, "personal_information")) {
    return true;
  }
  if (!HasKey(keys, 1, "messages") || HasKey(keys, 1, "channel")) {
    return false;
  }
  return HasKey(keys, 1, "name") || HasKey(keys, 1, "type") || HasKey(keys, 1, "id") ||
         HasKey(keys, 3, "date_unixtime");
}

void TelegramSource::StartChat(simdjson::dom::element chat) {
  simdjson::dom::object object;
  if (chat.get_object().get(object) != simdjson::SUCCESS) {
    return;
  }
  chat_name_ = StringField(object, "name");
  chat_id_ = IdField(object, "id");
  if (chat_id_.empty()) {
    chat_id_ = chat_name_;
  }
  fallback_ids_.clear();
}

std::string TelegramSource::ReadTime(simdjson::dom::object message, int64_t& created_us) const {
  const std::string unixtime = IdField(message, "date_unixtime");
  if (!unixtime.empty()) {
    auto parsed = ParseEpochSeconds(unixtime);
    if (!parsed) {
      return "'date_unixtime' is not a number of seconds: \"" + unixtime + "\"";
    }
    created_us = *parsed;
    return {};
  }
  const std::string_view date = StringField(message, "date");
  if (date.empty()) {
    return "missing 'date_unixtime' and 'date' (the message time)";
  }
  int64_t local_seconds = 0;
  if (!ParseLocalTime(date, local_seconds)) {
    return "'date' is not a time like \"2024-03-01T09:30:00\": \"" + std::string(date) + "\"";
  }
  created_us = zone_.LocalToUtc(local_seconds) * 1000000;
  return {};
}

std::string TelegramSource::FallbackId(const Post& post) {
  std::string id = std::to_string(post.created_us / 1000000) + "/" +
                   (post.author_id.empty() ? post.author_name : post.author_id);
  const uint32_t seen = ++fallback_ids_[id];
  if (seen > 1) {
    id += '#';  // appended apart: GCC 12 at -O3 warns falsely on "#" + std::string
    id += std::to_string(seen);
  }
  return id;
}

std::string TelegramSource::ReadMessage(simdjson::dom::element element, Post& post) {
  simdjson::dom::object message;
  if (element.get_object().get(message) != simdjson::SUCCESS) {
    return "message is not a JSON object";
  }
  if (std::string reason = ReadTime(message, post.created_us); !reason.empty()) {
    return reason;
  }
  post.source = "telegram";
  post.community_id = chat_id_;
  post.community_name = chat_name_;
  const bool service = StringField(message, "type") == "service";
  post.author_id = IdField(message, service ? "actor_id" : "from_id");
  post.author_name = StringField(message, service ? "actor" : "from");
  simdjson::dom::element text;
  if (message["text"].get(text) != simdjson::SUCCESS || !ReadText(text, post.text)) {
    if (message["text_entities"].get(text) == simdjson::SUCCESS) {
      ReadText(text, post.text);
    }
  }
  if (service) {
    post.kind = PostKind::kSystem;
    post.text = SystemText(message, post.author_name, post.text);
  }
  post.native_id = IdField(message, "id");
  if (post.native_id.empty()) {
    post.native_id = FallbackId(post);
  }
  post.parent_id = IdField(message, "reply_to_message_id");
  std::string edited = IdField(message, "edited_unixtime");
  if (!edited.empty()) {
    post.edited_us = ParseEpochSeconds(edited).value_or(0);
  } else if (std::string_view local = StringField(message, "edited"); !local.empty()) {
    edited = local;
    int64_t local_seconds = 0;
    if (ParseLocalTime(local, local_seconds)) {
      post.edited_us = zone_.LocalToUtc(local_seconds) * 1000000;
    }
  }
  if (!edited.empty()) {
    post.version = edited;
    if (post.kind == PostKind::kMessage) {
      post.kind = PostKind::kEdit;
    }
  }
  ReadAttachments(message, post);
  return {};
}

}  // namespace holdfast::engine
