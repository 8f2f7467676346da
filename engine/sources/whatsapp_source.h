// WhatsAppSource: WhatsApp's "Export chat" output: one chat as a .txt, the "with media" zip
// (the chat's .txt beside the media files), or a folder of several chats (.txt files and
// zips). Zips are read with archive::ExportReader, never unpacked to disk.
//
// Each chat file is read into memory once: a first pass over its header lines decides the
// date order (day-first, month-first or year-first; see DateOrderDetector) and records why in
// notes(); the second pass yields one post per message, one at a time.
//
// Mapping:
// - community_id = community_name = the chat's name, from the file name: "WhatsApp Chat with
//   X.txt", "WhatsApp-chat met X.txt", "WhatsApp Chat mit X.txt", "WhatsApp Chat - X.txt" give
//   X; "_chat.txt" (iOS) takes the name of the zip or folder holding it ("WhatsApp Chat -
//   X.zip" gives X); any other file its name without ".txt". workspace is empty: an export
//   names no tenant.
// - native_id = local time as written (ISO) + "/" + 16 hex digits of SHA-256(author, text),
//   + "/n" for the n-th (n > 1) identical message at the same time. Stable across re-ingests
//   of the same export and also across a later, overlapping export of the same chat (whose
//   line numbers shift as WhatsApp drops old messages), so Key() dedups both.
// - created_us: the header's wall time in options.tz (see TimeZone), converted to UTC.
// - kind: kSystem for a header without "Name: " (Android) or whose text starts with U+200E
//   (iOS); kDelete for "This message was deleted" and its variants; else kMessage.
// - A media marker becomes an Attachment (file name when the export has it); the text keeps
//   the marker as written. Direction marks are stripped; lines of a message keep their "\n".
// Bad input: invalid UTF-8 is replaced (replaced_invalid_utf8); a line longer than
// max_line_bytes, a date that is no date in the chosen order, and text outside any message
// are dead letters naming the file and line; neighbours are unaffected.
// Thread safety: owned.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "archive/export_reader.h"
#include "engine/source.h"
#include "engine/sources/whatsapp_lines.h"
#include "engine/time_zone.h"

namespace holdfast::engine {

class WhatsAppSource final : public Source {
 public:
  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);
  // True when `path` looks like a WhatsApp export: a .txt, or a zip or folder holding a chat
  // named like one or starting with message headers, and no Slack channels.json/users.json.
  static bool Detect(const std::string& path);

  [[nodiscard]] tl::expected<bool, Error> Next(SourceItem& item) override;
  SourceProgress progress() const override;
  const std::string& name() const override { return path_; }
  const std::vector<std::string>& notes() const override { return notes_; }

 private:
  WhatsAppSource(std::string path, SourceOptions options, TimeZone zone);
  // Loads the next chat file into chat_; false at the end. May yield a dead letter instead.
  [[nodiscard]] tl::expected<bool, Error> NextChat(SourceItem& item, bool& yielded);
  void StartChat(std::string file, std::string community, std::string bytes);
  // Yields the next message or dead letter of chat_; false at its end.
  bool NextInChat(SourceItem& item);
  // The next line of chat_ (without "\r\n"), advancing; false at the end.
  bool TakeLine(std::string_view& line);
  bool PeekIsContinuation() const;
  void BuildPost(const CivilTime& time, std::string_view body, Post& post);
  void DeadLetterItem(SourceItem& item, uint64_t line, std::string reason,
                      std::string_view raw) const;

  const std::string path_;
  const SourceOptions options_;
  const TimeZone zone_;
  std::vector<std::string> notes_;
  bool single_file_ = false;
  bool single_done_ = false;
  std::unique_ptr<archive::ExportReader> outer_;  // the zip or folder given
  std::unique_ptr<archive::ExportReader> inner_;  // a zip inside that folder
  std::string inner_name_;

  // The chat being read.
  bool in_chat_ = false;
  std::string file_;  // "export.zip!_chat.txt"
  std::string community_;
  std::string bytes_;
  size_t pos_ = 0;
  uint64_t line_ = 0;  // number of the last line taken
  DateOrder order_ = DateOrder::kDayFirst;
  std::string last_time_;  // local time of the previous message, for native_id ordinals
  std::unordered_map<std::string, int> same_time_;
};

}  // namespace holdfast::engine
