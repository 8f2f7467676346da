// How an evidence export cuts its posts into conversation slices (export_items.h): one
// conversation over one UTC day, in post time order, cut into parts of at most kMaxSliceEvents
// posts; and the file-name slug of each slice, unique in the bundle and the same on every run.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace holdfast::engine {

// What slicing needs of a post; the post itself is read again when its slice is written.
struct PostOutline {
  uint64_t sequence = 0;
  std::string conversation_id;  // ChatId
  int64_t created_us = 0;
  std::string source;
  std::string workspace;
  std::string title;  // channel or chat name, else its id
};

struct SlicePlan {
  std::string conversation_id;
  std::string title;
  std::string source;
  std::string workspace;
  std::string slug;
  int64_t day_start_us = 0;
  std::vector<uint64_t> sequences;  // created_us, then sequence order
};

// Slices ordered by conversation (first post's time, then id), then day, then part.
std::vector<SlicePlan> PlanSlices(std::vector<PostOutline> outlines, size_t max_events);

// 00:00 UTC of the day of `time_us`.
int64_t DayStartUs(int64_t time_us);

}  // namespace holdfast::engine
