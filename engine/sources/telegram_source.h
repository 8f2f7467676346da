// TelegramSource: a Telegram Desktop JSON export (result.json), as a single file, or a folder
// or zip holding it with its media. Either one chat ({"name", "type", "id", "messages": [...]})
// or a full export whose chats are in "chats": {"list": [...]} (and "left_chats").
//
// Mapping:
//   source        "telegram"; workspace is empty (a chat id is global in Telegram)
//   community_id  the chat id; its name when the export has no id; community_name the name
//   native_id     the message id, unique within its chat (the key includes the community);
//                 without an id, "<date_unixtime>/<from_id or from>", "#2"... for a repeat
//   parent_id     reply_to_message_id
//   kind          "service" messages are kSystem, their text the action with its actor,
//                 title and members; an "edited" message is kEdit with version = the edit
//                 stamp as written (edited_unixtime, else edited) and edited_us
//   created_us    date_unixtime (UTC seconds); else date, a local time without a zone, read in
//                 SourceOptions::tz
//   text          "text" (else "text_entities"): a string, or an array of strings and
//                 {"type", "text"} entities whose texts are joined
//   attachments   "photo" and "file": file_name (else the path's last part), mime_type, size
// Bad input as JsonChatSource says.
// Thread safety: owned.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "engine/sources/json_chat_source.h"
#include "engine/time_zone.h"

namespace holdfast::engine {

class TelegramSource final : public JsonChatSource {
 public:
  // An unknown SourceOptions::tz is an Error naming it.
  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);

  // True when `path` (a .json file, or the first .json in a folder or zip) starts like a
  // Telegram export: top-level "chats", "left_chats" or "personal_information"; or top-level
  // "messages" without DiscordChatExporter's "channel", with a chat's "name", "type" or "id"
  // or messages carrying "date_unixtime". Reads at most the first MiB.
  static bool Detect(const std::string& path);

 private:
  TelegramSource(std::string path, SourceOptions options, TimeZone zone);
  void StartChat(simdjson::dom::element chat) override;
  std::string ReadMessage(simdjson::dom::element message, Post& post) override;
  // The message time in UTC microseconds; returns why it cannot, or "".
  std::string ReadTime(simdjson::dom::object message, int64_t& created_us) const;
  std::string FallbackId(const Post& post);

  const TimeZone zone_;
  std::string chat_id_;
  std::string chat_name_;
  std::unordered_map<std::string, uint32_t> fallback_ids_;  // per chat: id -> times handed out
};

}  // namespace holdfast::engine
