// TeamsSource: Microsoft Teams messages as Microsoft Graph `chatMessage` JSON. Reads a single
// file, a folder or a zip (archive::ExportReader, never unpacked to disk) holding any of:
//   - a JSON array of chatMessage objects;
//   - a Graph page {"@odata.context": ..., "value": [...], "@odata.nextLink": ...};
//   - JSONL (.jsonl/.ndjson, or a .json file whose first line is a whole object), one per line;
//     a .jsonl file given on its own is streamed; everything else, stdin included, is read
//     one whole file at a time (ExportReader bounds a file in a zip at 1 GiB);
//   - a TeamsDataExport tenant export (PascalCase properties): teams/<team>/messages_<team>.json
//     with channels_<team>.json, users/usersList.json and teams/teamsList.json for names.
// Property names are compared case-insensitively, so Graph's camelCase and the export's
// PascalCase read alike.
//
// Mapping (see ReadMessage): community = "<teamId>/<channelId>" or the chatId, since a message
// id is unique only within its conversation; workspace = the tenant of the channel (from the
// channel list, else the tenantId in the message's webUrl; empty when neither says); a channel
// message roots its own thread; lastEditedDateTime makes an edit (version = that stamp as
// written) while lastModifiedDateTime, which reactions also change, is ignored;
// deletedDateTime makes a deletion with empty text (version = that stamp); system events
// (messageType systemEventMessage, or unknownFutureValue with a <systemEventMessage/> body)
// get a readable text naming the event.
//
// Bad input: a file with invalid UTF-8 is read with U+FFFD in place of each bad sequence and
// the posts holding one are marked; a record that is not a chatMessage is a dead letter naming
// the file and its 1-based element (or line); a file cut off mid-way yields every record
// before the cut and one dead letter for the rest.
// Thread safety: owned.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "archive/export_reader.h"
#include "engine/line_reader.h"
#include "engine/source.h"
#include "engine/sources/teams_html.h"
#include "engine/sources/teams_json.h"

namespace holdfast::engine {

class TeamsSource final : public Source {
 public:
  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);

  // True when `path` looks like Teams: a TeamsDataExport folder or zip, or a JSON or JSONL
  // file (or a folder or zip whose first such file) whose start names Graph chatMessage
  // properties ("messageType" and "createdDateTime"). Reads at most one file's start.
  static bool Recognizes(const std::string& path);

  [[nodiscard]] tl::expected<bool, Error> Next(SourceItem& item) override;
  SourceProgress progress() const override;
  const std::string& name() const override { return name_; }

 private:
  struct Channel {
    std::string name;
    std::string tenant;
  };
  enum class Mode { kNone, kArray, kOne, kSpans };

  TeamsSource(std::string path, SourceOptions options);
  void LoadDirectory();
  void LoadMetadata(std::string_view entry_path, simdjson::dom::array array);
  // Reads the next message file into bytes_ and prepares its records; false at the end.
  // Sets `yielded` when it put a dead letter in `item` instead.
  [[nodiscard]] tl::expected<bool, Error> OpenNextFile(SourceItem& item, bool& yielded);
  // Reads the next message file into bytes_.
  [[nodiscard]] tl::expected<bool, Error> NextFileBytes(SourceItem& item, bool& yielded);
  void StartFile(SourceItem& item, bool& yielded);
  [[nodiscard]] tl::expected<bool, Error> NextLine(SourceItem& item);
  void Emit(simdjson::dom::element element, uint64_t record, SourceItem& item);
  // Turns one chatMessage object into a post; returns the reason when it cannot.
  std::string ReadMessage(simdjson::dom::element element, Post& post);
  // The readable text of a system event; names its initiator as the author of `post` when
  // the post has none.
  std::string SystemText(JsonField event, Post& post) const;
  void DeadLetterItem(SourceItem& item, uint64_t record, std::string reason,
                      std::string_view raw) const;
  std::string_view UserName(std::string_view id, std::string_view written) const;

  const std::string path_;
  const std::string name_;
  const SourceOptions options_;
  std::unique_ptr<archive::ExportReader> reader_;  // null when path_ is one file
  std::unique_ptr<LineReader> lines_;              // set when path_ is one JSONL file
  std::string line_;
  bool single_read_ = false;
  uint64_t single_bytes_ = 0;
  // Looked up by std::string_view, without building a string per post.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  template <typename Value>
  using Map = std::unordered_map<std::string, Value, Hash, std::equal_to<>>;
  Map<std::string> users_;  // user id -> display name
  Map<std::string> teams_;  // team id -> name
  Map<Channel> channels_;   // channel id -> name, tenant
  simdjson::dom::parser parser_;
  simdjson::padded_string bytes_;
  // The message file being read.
  std::string file_;
  bool file_replaced_ = false;  // it held invalid UTF-8
  Mode mode_ = Mode::kNone;
  simdjson::dom::array::iterator next_;
  simdjson::dom::array::iterator end_;
  simdjson::dom::element one_;
  uint64_t record_ = 0;
  // Records read one by one (JSONL, or an array the whole-file parse refused).
  std::vector<JsonSpan> spans_;
  size_t next_span_ = 0;
  bool truncated_ = false;  // a dead letter for the cut-off rest is due after the spans
  JsonSpan tail_;
  std::vector<TeamsMention> mentions_;
};

}  // namespace holdfast::engine
