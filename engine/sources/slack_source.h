// SlackSource: a Slack workspace export, as the zip Slack produces or its unpacked folder,
// read with archive::ExportReader (never unpacked to disk). users.json and the channel lists
// (channels.json, groups.json, dms.json, mpims.json) are read first; then every
// <channel>/<YYYY-MM-DD>.json day file is streamed, message by message.
// Thread safety: owned.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <unordered_map>

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

  SlackSource(std::string path, SourceOptions options);
  [[nodiscard]] tl::expected<void, Error> LoadDirectory();
  void LoadUsers(simdjson::dom::array users);
  void LoadChannels(simdjson::dom::array channels, bool direct);
  // Opens the next day file; false when there is none. May yield a dead letter instead.
  [[nodiscard]] tl::expected<bool, Error> OpenNextDayFile(SourceItem& item, bool& yielded);
  // Turns one message object into a post; returns the reason when it cannot.
  std::string ReadMessage(simdjson::dom::element element, Post& post) const;
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
