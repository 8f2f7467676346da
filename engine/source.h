// Source: reads one tool's export (or a stream) and yields posts, one at a time, in the order
// the export holds them. A record that cannot become a post is yielded as a DeadLetter that
// names the file, the record and the reason; the source goes on with the next record.
// Thread safety: owned (one reader thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "engine/post.h"

namespace holdfast::engine {

struct DeadLetter {
  std::string source_file;  // "export.zip!general/2024-01-02.json" or "posts.jsonl"
  uint64_t record = 0;      // 1-based line or array element; 0 for a whole file
  std::string reason;
  std::string raw;  // the bytes that could not be read (possibly truncated to a limit)
};

struct SourceItem {
  bool is_post = true;
  Post post;
  DeadLetter dead_letter;
};

// Where a source was read from, as OpenSource opened it: what names the input in a resume
// checkpoint (engine/checkpoint.h). A source with an empty path or "-" (stdin) is never
// checkpointed.
struct SourceInput {
  std::string path;     // as given on the command line
  std::string format;   // the format it is read as ("slack"), never "auto"
  std::string options;  // the SourceOptions that shape what it yields, e.g. "tz=Europe/Amsterdam"
};

struct SourceProgress {
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;  // 0 when unknown (stdin)
};

class Source {
 public:
  virtual ~Source() = default;
  // Fills `item` with the next post or dead letter; false at the end. An Error means the
  // source cannot go on at all (unreadable file); what was yielded before stands.
  [[nodiscard]] virtual tl::expected<bool, Error> Next(SourceItem& item) = 0;
  virtual SourceProgress progress() const = 0;
  virtual const std::string& name() const = 0;
  // What the source decided on its own that a reader of the results should know (e.g. the date
  // order it chose for a WhatsApp file), one sentence each; grows while reading.
  virtual const std::vector<std::string>& notes() const {
    static const std::vector<std::string> kNone;
    return kNone;
  }
  // Set by OpenSource; a wrapper around a source passes on the input of the one it wraps.
  const SourceInput& input() const { return input_; }
  void set_input(SourceInput input) { input_ = std::move(input); }

 private:
  SourceInput input_;
};

struct SourceOptions {
  std::string format = "auto";  // auto | jsonl | slack | mattermost | teams | yammer | whatsapp
                                // | telegram | discord
  // IANA zone of exports that write local times without a zone (WhatsApp); "" is the
  // machine's zone. An unknown name is an Error naming it: times are never silently shifted.
  std::string tz{};
  // Longest JSONL line accepted; a longer one is dead-lettered without holding it in memory.
  uint64_t max_line_bytes = uint64_t{16} << 20;
  // Bytes of a bad record kept in its dead letter.
  uint64_t max_dead_letter_bytes = uint64_t{64} << 10;
};

// Opens `path` ("-" for stdin) in the given or detected format: a .jsonl/.ndjson file or "-"
// is JSONL; a zip or folder with channels.json or users.json is a Slack export. A file whose
// first line is {"type": "version", ...}, or a zip or folder holding a .jsonl, is a Mattermost
// bulk export (checked first); Microsoft Graph chatMessage JSON or JSONL (a file, folder or
// zip) or a TeamsDataExport is Teams; a .csv file, or a zip or folder holding Messages.csv, is
// a Yammer / Viva Engage network data export; a .txt, or a zip or folder holding WhatsApp
// chats, is a WhatsApp export. A JSON file (or the first in a zip or folder) with top-level
// "guild", "channel" and "messages" is a DiscordChatExporter export; one with "chats", or with
// "messages" and a chat's "name"/"type"/"id", is a Telegram Desktop export.
[[nodiscard]] tl::expected<std::unique_ptr<Source>, Error> OpenSource(const std::string& path,
                                                                      const SourceOptions& options);

}  // namespace holdfast::engine
