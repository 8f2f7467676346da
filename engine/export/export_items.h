// What an evidence export hands to each of its format writers (RSMF, DAT load file, HTML
// transcript): the posts of one conversation slice, in time order, each with the flags raised on
// it and their reviews, all as the log held them at the export's head. A slice is one
// conversation (engine::ChatId) over one UTC day, cut smaller past kMaxSliceEvents posts, so a
// writer never holds more than one slice.
// Thread safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/post.h"
#include "engine/records.h"

namespace holdfast::engine {

// A flag on an exported post, its state at the export head and its reviews, oldest first.
struct ExportFlag {
  Flag flag;
  uint64_t sequence = 0;  // the flag's record in the log
  std::string state;      // open | escalated | dismissed | resolved | unsampled
  std::vector<Review> reviews;
  std::vector<uint64_t> review_sequences{};  // their records in the log, in the same order
};

struct ExportPost {
  Post post;              // text, names and original are empty when the record's content was erased
  uint64_t sequence = 0;  // its record in the log; also its control number's digits
  std::string control_number;     // "HF" + 10-digit sequence: unique in the bundle
  int64_t captured_us = 0;        // when the archive logged it
  bool content_erased = false;    // erased under a retention rule or an erasure request
  std::string native_dir;         // "native/<sequence>/": the folder of its files in the bundle
  std::string content_sha256;     // hex SHA-256 of the logged content.json ("" when erased)
  std::string original_file;      // "native/<sequence>/original.json" or ".txt"; "" when none
  std::vector<ExportFlag> flags;  // in log order
};

inline constexpr size_t kMaxSliceEvents = 10000;

struct ConversationSlice {
  std::string conversation_id;  // engine::ChatId of its posts
  std::string title;            // "#general" or the chat's name; the id when it has none
  std::string source;           // tool: "slack", "teams", ...
  std::string workspace;
  std::string slug;               // file-name safe and unique in the bundle, e.g.
                                  // "slack-general-2024-01-02" or "...-2024-01-02-2" when cut
  int64_t day_start_us = 0;       // 00:00 UTC of the slice's day
  std::vector<ExportPost> posts;  // created_us, then sequence order; at most kMaxSliceEvents
};

// Who exported what, for the headers and title pages each format carries. The bundle carries
// no wall-clock time of its own: `head_time_us` is the signed head's.
struct ExportContext {
  std::string case_name;
  std::string selection;  // "query: ...", "hold: ...", "flags: ..."
  std::string exported_by;
  std::string origin;  // the archive: "holdfast/<id>"
  uint64_t head_size = 0;
  int64_t head_time_us = 0;
};

}  // namespace holdfast::engine
