// YammerSource: a Yammer / Viva Engage network data export, as the zip the export produces, its
// unpacked folder, or a Messages.csv alone. Users.csv and Groups.csv, when present, are read
// first for names; then Messages.csv is streamed record by record (it may be gigabytes), never
// held whole. Columns are found by their names in the header (the export's own: id,
// replied_to_id, thread_id, conversation_id, group_id, group_name, participants,
// in_private_group, in_private_conversation, sender_id, sender_type, sender_name, sender_email,
// body, api_url, attachments, deleted_by_id, deleted_by_type, created_at, deleted_at); only id,
// body and created_at are required.
//
// A post: native id = the message id; community = the group (id and name), or for a message
// outside any group its private conversation ("conversation:<id>"), or "all-company"; thread =
// thread_id (a thread's first message has its own id, as Slack's thread_ts does); parent =
// replied_to_id; a message with deleted_at is kind delete and keeps its body, which is the
// evidence; attachments ("uploadedfile:123,opengraphobject:45") become attachment names.
// Times: "2024-03-01 09:30:00 UTC", RFC 3339, or "2024/03/01 09:30:00 +0000".
// A record that is broken (a stray quote), has the wrong number of fields or lacks an id, a
// body or a readable time is a dead letter naming Messages.csv, its line and the reason.
// Thread safety: owned.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "archive/export_reader.h"
#include "engine/source.h"
#include "engine/sources/csv_records.h"

namespace holdfast::engine {

class YammerSource final : public Source {
 public:
  // True for a .csv file, or a zip or folder holding Messages.csv and no Slack lists.
  static bool Detect(const std::string& path);

  [[nodiscard]] static tl::expected<std::unique_ptr<Source>, Error> Open(
      const std::string& path, const SourceOptions& options);

  [[nodiscard]] tl::expected<bool, Error> Next(SourceItem& item) override;
  SourceProgress progress() const override;
  const std::string& name() const override { return path_; }

 private:
  // Where each column the source reads sits in a Messages.csv record.
  struct Columns {
    size_t count = 0;  // fields in the header
    std::optional<size_t> id, replied_to_id, thread_id, conversation_id, group_id, group_name,
        sender_id, sender_name, body, attachments, created_at, deleted_at, network_id;
  };

  YammerSource(std::string path, SourceOptions options);
  [[nodiscard]] tl::expected<void, Error> LoadNames();
  // Moves the reader to Messages.csv and reads its header.
  [[nodiscard]] tl::expected<void, Error> OpenMessages();
  // Turns one record into a post; returns the reason when it cannot.
  std::string ReadMessage(const CsvRecords::Record& record, Post& post) const;

  const std::string path_;
  const SourceOptions options_;
  std::unique_ptr<archive::ExportReader> reader_;  // null when path_ is Messages.csv itself
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  std::unique_ptr<CsvRecords> records_;
  std::string messages_name_;  // for dead letters: "export.zip!Messages.csv"
  Columns columns_;
  std::unordered_map<std::string, std::string> users_;   // id -> name
  std::unordered_map<std::string, std::string> groups_;  // id -> name
  CsvRecords::Record record_;
  uint64_t bytes_total_ = 0;
  uint64_t bytes_done_ = 0;
};

}  // namespace holdfast::engine
