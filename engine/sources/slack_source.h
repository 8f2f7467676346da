// SlackSource: a Slack workspace export, as the zip Slack produces or its unpacked folder,
// read with archive::ExportReader (never unpacked to disk). users.json and the channel lists
// (channels.json, groups.json for private channels, dms.json, mpims.json) are read first, in
// whatever order the export holds them; then every <folder>/<YYYY-MM-DD>.json day file is
// streamed, message by message. A folder is matched to a channel by its name or its id.
//
// Post mapping:
//   community     the channel's id and name; a DM or group DM is named after its members
//                 ("Alice Smith, Bram Jansen"), falling back to its name, then its id
//   native_id     `ts` exactly as written: it is the message id in its channel and is never
//                 read as a number; created_us is parsed from it exactly (never from the day
//                 file's name)
//   thread_id     `thread_ts`, on the root and its replies (thread broadcasts included, one
//                 post each); parent_id = thread_ts on a reply, whatever the order of the ts
//   author        `user`, else `bot_id`, else the commenter of a file_comment; its name from
//                 users.json, else user_profile, `username`, bot_profile.name, else the id
//   kind/version  edited.ts -> kEdit with version edited.ts; message_changed -> kEdit of the
//                 inner message; tombstone -> kDelete, version "deleted"; message_deleted ->
//                 kDelete of deleted_ts, version "deleted:<ts>"; join/leave/topic/purpose/
//                 name/archive and like subtypes -> kSystem
//   text          `text` rendered (see slack_text.h), or the blocks' text when `text` is
//                 empty (slack_blocks.h); then each legacy attachment's pretext, title, text
//                 and fields (its fallback when it has none of those), a line each
//   attachments   files[] and the legacy `file`: name (else title, else id), mimetype, size
//   original      the message object as read; reactions are kept there only (Post has no
//                 field for them)
// Thread safety: owned.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "archive/export_reader.h"
#include "engine/source.h"
#include "engine/sources/slack_text.h"

namespace holdfast::engine {

class SlackSource final : public Source {
 public:
  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);

  [[nodiscard]] tl::expected<bool, Error> Next(SourceItem& item) override;
  SourceProgress progress() const override;
  const std::string& name() const override { return name_; }

 private:
  struct Channel {
    std::string id;
    std::string name;
  };
  // A channel list entry as read, named once every list and users.json are in.
  struct Listed {
    Channel channel;
    std::vector<std::string> members;
    bool direct = false;  // from dms.json or mpims.json
  };

  SlackSource(std::string path, SourceOptions options);
  [[nodiscard]] tl::expected<void, Error> LoadDirectory();
  void LoadUsers(simdjson::dom::array users);
  void LoadChannels(simdjson::dom::array channels, bool direct, std::vector<Listed>& listed);
  void NameChannels(const std::vector<Listed>& listed);
  // Opens the next day file; false when there is none. May yield a dead letter instead.
  [[nodiscard]] tl::expected<bool, Error> OpenNextDayFile(SourceItem& item, bool& yielded);
  // Turns one message object into a post; returns the reason when it cannot.
  std::string ReadMessage(simdjson::dom::element element, Post& post) const;
  std::string ReadPost(simdjson::dom::object message, Post& post) const;
  void ReadAuthor(simdjson::dom::object message, Post& post) const;
  void ReadText(simdjson::dom::object message, Post& post) const;
  static void ReadFiles(simdjson::dom::object message, Post& post);
  void DeadLetterItem(SourceItem& item, uint64_t record, std::string reason,
                      std::string_view raw) const;

  const std::string path_;
  const std::string name_;
  const SourceOptions options_;
  std::unique_ptr<archive::ExportReader> reader_;
  SlackNames names_;
  std::unordered_map<std::string, Channel> folders_;  // folder name -> channel
  simdjson::dom::parser parser_;
  simdjson::padded_string day_bytes_;
  // The day file being read.
  std::string day_file_;
  Channel channel_;
  simdjson::dom::array::iterator next_;
  simdjson::dom::array::iterator end_;
  uint64_t record_ = 0;
  bool in_file_ = false;
  bool day_replaced_ = false;  // the day file held invalid UTF-8
};

}  // namespace holdfast::engine
