// DiscordSource: Discord channels as DiscordChatExporter writes them in its JSON format, one
// file per channel ({"guild": {...} | null, "channel": {...}, "messages": [...],
// "messageCount": N}), as a single file or a folder or zip of them (media files beside them
// are passed over).
//
// Mapping:
//   source        "discord"; workspace the guild id ("" for direct messages, whose guild is
//                 null)
//   community     the channel id and name; in a thread channel, thread_id is the channel id,
//                 which Discord gives the message the thread was started from
//   native_id     the message id; parent_id reference.messageId
//   kind          a type other than "Default" or "Reply" (RecipientAdd, ChannelPinnedMessage,
//                 ...) is kSystem; a timestampEdited makes kEdit, version = that stamp as
//                 written and edited_us
//   author        author.id; author.nickname, else author.name
//   created_us    timestamp (ISO 8601 with offset)
//   text          content, then the title and description of each embed on lines of their own
//   attachments   fileName and fileSizeBytes
// Bad input as JsonChatSource says; a message without an id or a readable timestamp is a dead
// letter.
// Thread safety: owned.
#pragma once

#include <memory>
#include <string>

#include "engine/sources/json_chat_source.h"

namespace holdfast::engine {

class DiscordSource final : public JsonChatSource {
 public:
  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);

  // True when `path` (a .json file, or the first .json in a folder or zip) has the top-level
  // "guild", "channel" and "messages" of a DiscordChatExporter file. Reads at most 64 KiB.
  static bool Detect(const std::string& path);

 private:
  DiscordSource(std::string path, SourceOptions options);
  void StartChat(simdjson::dom::element chat) override;
  std::string ReadMessage(simdjson::dom::element message, Post& post) override;

  std::string guild_id_;
  std::string channel_id_;
  std::string channel_name_;
  bool thread_ = false;  // the channel is a thread
};

}  // namespace holdfast::engine
