// JsonChatSource: what the sources whose export is one JSON document per chat share (Telegram
// Desktop's result.json, DiscordChatExporter's channel files): reading a single .json file, or
// every .json file of a folder or zip (archive::ExportReader, never unpacked to disk), finding
// each "messages" array and the chat object that holds it (json_message_arrays.h), and handing
// the chat and then each message, parsed on its own, to the format's subclass.
//
// Bad input: a message that does not parse or that the subclass refuses is a dead letter naming
// the file, the message's 1-based number among all messages of that file, and the reason; its
// neighbours are read. A message holding invalid UTF-8 is read with U+FFFD in place of each bad
// sequence and its post is marked. A file cut off mid-way yields every message before the cut
// and one dead letter for the rest; a file with no "messages" array is one dead letter.
// Thread safety: owned.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <vector>

#include "archive/export_reader.h"
#include "engine/source.h"
#include "engine/sources/json_message_arrays.h"

namespace holdfast::engine {

class JsonChatSource : public Source {
 public:
  [[nodiscard]] tl::expected<bool, Error> Next(SourceItem& item) final;
  SourceProgress progress() const final;
  const std::string& name() const final { return name_; }

 protected:
  JsonChatSource(std::string path, SourceOptions options, std::string format);
  // Prepares to read `path_`: a folder or zip is walked, anything else is one file.
  [[nodiscard]] tl::expected<void, Error> OpenInput();

  // The start (up to `max_bytes`) of `path`, or of the first .json file in a folder or zip that
  // is not a Slack export; false when there is none. For Detect.
  static bool ReadJsonStart(const std::string& path, size_t max_bytes, std::string& start);

  // A new chat begins: `chat` is its object without "messages". The element lives until the
  // next message is parsed, so keep copies.
  virtual void StartChat(simdjson::dom::element chat) = 0;
  // Fills `post` from one message; returns why it cannot, or "" when it did.
  virtual std::string ReadMessage(simdjson::dom::element message, Post& post) = 0;

  const std::string path_;
  const std::string name_;
  const SourceOptions options_;
  const std::string format_;  // "Telegram", "Discord": names the format in dead letters

 private:
  // Reads the next file and finds its messages; false at the end. Sets `yielded` when it put a
  // dead letter in `item` instead.
  [[nodiscard]] tl::expected<bool, Error> OpenNextFile(SourceItem& item, bool& yielded);
  void BeginArray();
  void Emit(ByteSpan span, SourceItem& item);
  void DeadLetterItem(SourceItem& item, uint64_t record, std::string reason,
                      std::string_view raw) const;

  std::unique_ptr<archive::ExportReader> reader_;  // null when path_ is one file
  bool single_read_ = false;
  uint64_t single_bytes_ = 0;
  simdjson::dom::parser parser_;
  // The file being read.
  std::string file_;   // as dead letters name it
  std::string bytes_;  // as read
  MessageArrays found_;
  size_t array_ = 0;    // index into found_.arrays of the array being read
  size_t message_ = 0;  // index of the next message in it
  bool array_begun_ = false;
  bool tail_due_ = false;  // a dead letter for the cut-off rest of the array is due
  bool end_due_ = false;   // a dead letter for a file cut off outside any array is due
  uint64_t record_ = 0;    // messages read from the file so far
  bool in_file_ = false;
};

}  // namespace holdfast::engine
