#include "engine/sources/discord_source.h"

#include "engine/sources/json_fields.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

constexpr size_t kDetectBytes = size_t{64} << 10;

void AddLine(std::string& text, std::string_view line) {
  if (line.empty()) {
    return;
  }
  if (!text.empty()) {
    text += '\n';
  }
  text += line;
}

}  // namespace

DiscordSource::DiscordSource(std::string path, SourceOptions options)
    : JsonChatSource(std::move(path), std::move(options), "DiscordChatExporter") {}

tl::expected<std::unique_ptr<Source>, Error> DiscordSource::Open(const std::string& path,
                                                                 const SourceOptions& options) {
  std::unique_ptr<DiscordSource> source(new DiscordSource(path, options));
  if (auto opened = source->OpenInput(); !opened) {
    return tl::unexpected(opened.error());
  }
  return std::unique_ptr<Source>(std::move(source));
}

bool DiscordSource::Detect(const std::string& path) {
  std::string start;
  if (!ReadJsonStart(path, kDetectBytes, start)) {
    return false;
  }
  const std::vector<JsonKey> keys = ScanJsonKeys(start, 256);
  return HasKey(keys, 1, "guild") && HasKey(keys, 1, "channel") && HasKey(keys, 1, "messages");
}

void DiscordSource::StartChat(simdjson::dom::element chat) {
  guild_id_.clear();
  channel_id_.clear();
  channel_name_.clear();
  thread_ = false;
  simdjson::dom::object guild;
  if (chat["guild"].get_object().get(guild) == simdjson::SUCCESS) {
    guild_id_ = IdField(guild, "id");
  }
  simdjson::dom::object channel;
  if (chat["channel"].get_object().get(channel) == simdjson::SUCCESS) {
    channel_id_ = IdField(channel, "id");
    channel_name_ = StringField(channel, "name");
    thread_ = StringField(channel, "type").ends_with("Thread");
  }
}

std::string DiscordSource::ReadMessage(simdjson::dom::element element, Post& post) {
  simdjson::dom::object message;
  if (element.get_object().get(message) != simdjson::SUCCESS) {
    return "message is not a JSON object";
  }
  post.native_id = IdField(message, "id");
  if (post.native_id.empty()) {
    return "missing 'id' (the message id)";
  }
  const std::string_view timestamp = StringField(message, "timestamp");
  if (timestamp.empty()) {
    return "missing 'timestamp' (the message time)";
  }
  auto created = ParseRfc3339(timestamp);
  if (!created) {
    return "'timestamp' is not an ISO 8601 time: \"" + std::string(timestamp) + "\"";
  }
  post.created_us = *created;
  post.source = "discord";
  post.workspace = guild_id_;
  post.community_id = channel_id_;
  post.community_name = channel_name_;
  if (thread_) {
    post.thread_id = channel_id_;
  }
  const std::string_view type = StringField(message, "type", "Default");
  if (type != "Default" && type != "Reply") {
    post.kind = PostKind::kSystem;
  }
  simdjson::dom::object author;
  if (message["author"].get_object().get(author) == simdjson::SUCCESS) {
    post.author_id = IdField(author, "id");
    post.author_name = StringField(author, "nickname", StringField(author, "name"));
  }
  simdjson::dom::object reference;
  if (message["reference"].get_object().get(reference) == simdjson::SUCCESS) {
    post.parent_id = IdField(reference, "messageId");
  }
  if (std::string_view edited = StringField(message, "timestampEdited"); !edited.empty()) {
    post.version = edited;
    post.edited_us = ParseRfc3339(edited).value_or(0);
    if (post.kind == PostKind::kMessage) {
      post.kind = PostKind::kEdit;
    }
  }
  post.text = StringField(message, "content");
  if (post.text.empty() && post.kind == PostKind::kSystem) {
    post.text = type;
  }
  simdjson::dom::array embeds;
  if (message["embeds"].get_array().get(embeds) == simdjson::SUCCESS) {
    for (simdjson::dom::element embed : embeds) {
      simdjson::dom::object fields;
      if (embed.get_object().get(fields) == simdjson::SUCCESS) {
        AddLine(post.text, StringField(fields, "title"));
        AddLine(post.text, StringField(fields, "description"));
      }
    }
  }
  simdjson::dom::array attachments;
  if (message["attachments"].get_array().get(attachments) == simdjson::SUCCESS) {
    for (simdjson::dom::element attachment : attachments) {
      simdjson::dom::object fields;
      if (attachment.get_object().get(fields) == simdjson::SUCCESS) {
        post.attachments.push_back(
            {std::string(StringField(fields, "fileName")), "", UintField(fields, "fileSizeBytes")});
      }
    }
  }
  return {};
}

}  // namespace holdfast::engine
