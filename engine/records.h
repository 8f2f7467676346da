// How the engine's things become log records and index entries, and back. The split between
// meta (kept for ever, committed directly) and content (erasable, committed through a salted
// hash) follows one rule: anything that can identify or quote a person is content.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/index.h"
#include "archive/record.h"
#include "engine/error.h"
#include "engine/post.h"
#include "engine/source.h"

namespace holdfast::engine {

// A policy hit on a post, as the log keeps it.
struct Flag {
  std::string flag_id;  // 16 hex chars, stable for (post, rule, span)
  std::string post_key;
  uint64_t post_sequence = 0;
  std::string policy;
  std::string policy_name;
  std::string rule;
  std::string category;
  std::string severity;
  std::string confidence;  // low | medium | high
  std::string action;      // flag | flag+notify | redact-in-index
  uint32_t begin = 0;      // byte span in the post text
  uint32_t end = 0;
  std::string match;  // the matched text (content)
  // Sampled for the review queue (the policy's review_sample); the others are recorded all
  // the same, in state "unsampled". Records written before sampling existed read as queued.
  bool queued = true;
  // Flags of the same rule on copies of one message share it (engine/duplicate_group.h), so
  // that one review can cover a burst of them. Older records: the flag's own id.
  std::string group;
};

// Dismiss, escalate and resolve move a flag to a state; assign names who works it and tag adds
// labels, leaving the state as it was.
enum class ReviewAction { kDismiss, kEscalate, kResolve, kAssign, kTag, kNotify };
std::string_view ReviewActionName(ReviewAction action);
std::optional<ReviewAction> ParseReviewAction(std::string_view name);
// The state a flag in `state` is in after `action`: "dismissed", "escalated" or "resolved", or
// `state` itself for assign and tag.
std::string_view StateAfter(ReviewAction action, std::string_view state = "open");

// Record: meta {"flag_id","action","time","role","tags"}; content {"by","note","assignee"}
// (people's names are content). Key "review:<id>" when id is set (reviews spooled through
// DIR/pending need one); reviews recorded before ids existed have none. role, tags and
// assignee are absent from older records and read as empty.
struct Review {
  std::string flag_id;
  ReviewAction action = ReviewAction::kDismiss;
  std::string by;
  std::string note;
  int64_t time_us = 0;
  std::string id{};                 // unique, 32 hex digits; empty for none
  std::string role{};               // the reviewer's role, when the API recorded it
  std::string assignee{};           // assign, escalate: who works the flag next
  std::vector<std::string> tags{};  // tag: labels added to the flag
  std::string message{};            // notify: what the author was told (engine/notice.h)
};

std::string FlagId(const std::string& post_key, const std::string& rule, uint32_t begin,
                   uint32_t end);

// Whether the flag with this id goes to the review queue when its policy samples `percent`
// of its flags: the id is a SHA-256 prefix, so its first 32 bits are a uniform draw that
// anyone can recompute; 100 takes every flag, 0 none.
bool SampledForReview(std::string_view flag_id, double percent);

archive::Record PostRecord(const Post& post);
archive::Record FlagRecord(const Flag& flag);
archive::Record ReviewRecord(const Review& review);
archive::Record DeadLetterRecord(const DeadLetter& dead_letter);

[[nodiscard]] tl::expected<Post, Error> DecodePost(const archive::StoredRecord& record);
[[nodiscard]] tl::expected<Flag, Error> DecodeFlag(const archive::StoredRecord& record);
[[nodiscard]] tl::expected<Review, Error> DecodeReview(const archive::StoredRecord& record);

// The index document of a post, with the policies, categories, rules and severities that
// flagged it, the review state of its flags, has:attachment when it has any, its conversation
// (chat: one channel of one workspace; thread: the thread it replies in, or the one it may start)
// and its facets (channel, author, policy, source, kind). Spans of flags whose action is
// redact-in-index are indexed as "[redacted]": the log keeps them, search cannot find them. The log
// sequence may be set later (entry.sequence); the document's data does not repeat it. Opaque ids of
// the post's chat and thread, as the index's chat: and thread: filters hold them.
std::string ChatId(const Post& post);
std::string ThreadId(const Post& post);

archive::IndexEntry PostIndexEntry(const Post& post, uint64_t sequence,
                                   const std::vector<Flag>& flags);

}  // namespace holdfast::engine
