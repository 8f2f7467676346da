// What the export format tests share: an empty slice of one Slack channel (#general of acme)
// on 2024-01-02, to which each test adds its own posts.
// Thread safety: value functions.
#pragma once

#include <cstdint>
#include <string>

#include "engine/export/export_items.h"

namespace holdfast::engine {

inline constexpr int64_t kSliceDayUs = 1704153600'000000;  // 2024-01-02T00:00:00Z

inline ConversationSlice GeneralChannelSlice(std::string conversation_id) {
  ConversationSlice slice;
  slice.conversation_id = std::move(conversation_id);
  slice.title = "#general";
  slice.source = "slack";
  slice.workspace = "acme";
  slice.slug = "slack-general-2024-01-02";
  slice.day_start_us = kSliceDayUs;
  return slice;
}

}  // namespace holdfast::engine
