// MattermostSource: a Mattermost bulk export (the JSONL that `mmctl export create` writes and
// `mattermost import bulk` reads), as a .jsonl file (any name), a zip holding it (with its
// data/ attachments) or an unpacked folder. The JSONL is streamed line by line, also out of a
// zip (never unpacked, never held whole); only the team, channel and user names are kept.
//
// Lines are {"type": T, T: {...}}. team, channel and user lines give names; post and
// direct_post lines are posts, each reply in "replies" a post of its own. Other types (version,
// direct_channel, emoji, scheme, role, bot, ...) are not posts and are passed over without a
// dead letter. A line that is not JSON, has no "type", or whose post lacks a required field is
// a dead letter naming the file, the line and the reason; the next line goes on.
//
// Post mapping (a bulk export carries no post ids):
//   workspace     the team name; "" for direct posts, which belong to no team
//   community_id  "<team>/<channel>", or "dm:<sorted member usernames, comma-separated>"
//   native_id     "<create_at ms>/<username>", with "#2", "#3", ... for a second and later
//                 post with the same id in the same community (counted over the last 65536
//                 ids read, which covers the time-ordered exports Mattermost writes)
//   thread_id     the root's native_id, on the root (when it has replies) and on its replies
//   version       edit_at as written when edit_at > 0 (kind kEdit); "deleted:<delete_at>"
//                 when delete_at > 0 (kind kDelete); a type "system_*" is kind kSystem
// Thread safety: owned.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include "archive/export_reader.h"
#include "engine/line_reader.h"
#include "engine/source.h"

namespace holdfast::engine {

class MattermostSource final : public Source {
 public:
  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);

  // True when `path` is a file whose first line is a bulk export's {"type": "version", ...},
  // or a zip or folder whose first .jsonl entry comes before any Slack users.json or
  // channels.json. Reads only the first line, or entry names up to the deciding one.
  static bool Detect(const std::string& path);

  [[nodiscard]] tl::expected<bool, Error> Next(SourceItem& item) override;
  SourceProgress progress() const override;
  const std::string& name() const override { return name_; }

 private:
  // What a post line says about where its replies belong.
  struct Thread {
    std::string workspace;
    std::string community_id;
    std::string community_name;
    std::string root_id;  // empty when the root itself was dead-lettered
  };

  MattermostSource(std::string path, SourceOptions options);
  // Moves to the next .jsonl entry of a zip or folder; false when there is none.
  [[nodiscard]] tl::expected<bool, Error> OpenNextEntry();
  // Handles one parsed line: fills `item` and returns true when it yields something.
  bool ReadLine(simdjson::dom::element element, SourceItem& item);
  void ReadNames(std::string_view type, simdjson::dom::object object);
  // Fills the thread a post line belongs to; returns the reason when it cannot.
  std::string ReadCommunity(simdjson::dom::object post, bool direct, Thread& thread) const;
  // Fills `post` from a post or reply object; returns the reason when it cannot.
  std::string ReadMessage(simdjson::dom::object object, Post& post);
  std::string NextId(const std::string& community_id, int64_t create_at, std::string_view user);
  void DeadLetterItem(SourceItem& item, std::string reason, std::string_view raw) const;

  const std::string path_;
  const std::string name_;
  const SourceOptions options_;
  std::unique_ptr<archive::ExportReader> archive_;  // null for a plain file or stdin
  std::unique_ptr<LineReader> reader_;
  std::string file_;  // the file dead letters name: path_, or the entry in the zip/folder
  std::string line_;
  uint64_t line_number_ = 0;
  bool line_replaced_ = false;  // the current line held invalid UTF-8
  simdjson::dom::parser parser_;

  std::unordered_map<std::string, std::string> teams_;     // name -> display name
  std::unordered_map<std::string, std::string> channels_;  // team + '/' + name -> display name
  std::unordered_map<std::string, std::string> users_;     // username -> "First Last"
  // Ids handed out recently, for the ordinal of a repeated id; bounded by the window. The
  // ordinal only grows while any occurrence of the id is still in the window.
  struct RecentId {
    uint32_t ordinal = 0;  // last ordinal handed out
    uint32_t live = 0;     // occurrences still in the window
  };
  std::unordered_map<std::string, RecentId> recent_ids_;
  std::deque<std::string> recent_order_;

  // The replies of the post line just read, yielded one per Next.
  Thread thread_;
  simdjson::dom::array::iterator next_reply_;
  simdjson::dom::array::iterator end_reply_;
  uint64_t reply_number_ = 0;
  bool in_replies_ = false;
};

}  // namespace holdfast::engine
