// Readable transcripts (html/): one self-contained, printable HTML page per conversation slice,
// replies indented under the post they answer, flagged posts highlighted with the rule, its
// category and the flag's state; and html/index.html listing every transcript.
// Thread safety: functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/export/export_items.h"

namespace holdfast::engine {

// The bundle path of a slice's transcript: "html/<slug>.html".
std::string HtmlTranscriptPath(const ConversationSlice& slice);

std::string HtmlTranscript(const ConversationSlice& slice, const ExportContext& context);

// What the index lists of one transcript.
struct TranscriptEntry {
  std::string slug;
  std::string title;
  std::string source;
  int64_t day_start_us = 0;
  size_t posts = 0;
  size_t flagged_posts = 0;
};

// html/index.html
inline constexpr char kHtmlIndexPath[] = "html/index.html";
std::string HtmlIndex(const std::vector<TranscriptEntry>& transcripts,
                      const ExportContext& context);

}  // namespace holdfast::engine
