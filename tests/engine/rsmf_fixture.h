// The conversation slice and export context the RSMF tests write: a day of #general on Slack
// with a thread root, its edit, a non-ASCII reply, a flagged post, a message and its deletion, a
// join, an erased post and a reply to a thread of an earlier day; and what tests read of it.
// Thread safety: functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/export/export_items.h"

namespace holdfast::testing {

inline constexpr int64_t kDay = 1704153600LL * 1'000'000;  // 2024-01-02T00:00:00Z, a Tuesday
inline constexpr int64_t kMinute = 60LL * 1'000'000;

// A Slack post of workspace "acme", channel C024BE91L, with control number "HF" + 10-digit
// `sequence` and the native files of a captured post.
engine::ExportPost Item(uint64_t sequence, int64_t created_us, const std::string& native_id,
                        const std::string& author_id, const std::string& author_name,
                        const std::string& text,
                        engine::PostKind kind = engine::PostKind::kMessage);

// The nine posts: 0 a thread root, 1 its edit, 2 a non-ASCII reply to 0, 3 a flagged post, 4 a
// message and 5 its deletion, 6 a join, 7 an erased post, 8 a reply to an earlier slice's post.
engine::ConversationSlice Slice();

engine::ExportContext Context();

// RsmfFile of the slice; a failure is a test failure (and gives "").
std::string FileOf(const engine::ConversationSlice& slice,
                   const engine::ExportContext& context = Context());

// The value of the `custom` entry `name` of a manifest object; "" when there is none.
std::string CustomValue(const nlohmann::json& object, const std::string& name);

}  // namespace holdfast::testing
