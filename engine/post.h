// Post: the one model every source produces, whatever the tool. Text is valid NFC UTF-8,
// times are UTC microseconds. The post key identifies one version of one post: ingesting the
// same export twice yields the same keys, so nothing is added twice.
// Thread safety: value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace holdfast::engine {

enum class PostKind { kMessage, kEdit, kDelete, kSystem };
std::string_view PostKindName(PostKind kind);
// Parses "message", "edit", "delete", "system"; false for anything else.
bool ParsePostKind(std::string_view name, PostKind& kind);

struct Attachment {
  std::string name;
  std::string type;  // MIME type when known
  uint64_t size = 0;
};

struct Post {
  std::string source;     // tool: "slack", "jsonl", ...
  std::string workspace;  // tenant / workspace / network
  std::string community_id;
  std::string community_name;  // channel, group or chat
  std::string thread_id;       // root of the thread this post belongs to; empty if none
  std::string parent_id;       // post this one replies to; empty if none
  std::string native_id;       // the tool's own id (Slack: ts as written)
  std::string version;         // empty for the first version; the edit stamp after an edit
  PostKind kind = PostKind::kMessage;
  std::string author_id;
  std::string author_name;
  int64_t created_us = 0;
  int64_t edited_us = 0;  // 0 when never edited
  std::string text;       // plain text, NFC UTF-8
  std::string original;   // the source record as read (JSON, a line, ...)
  std::vector<Attachment> attachments;
  bool replaced_invalid_utf8 = false;  // the source held invalid UTF-8, replaced by U+FFFD
  // Key of the version this edit or deletion replaces, when the archive held one (set by the
  // pipeline, kept in the record's meta).
  std::string supersedes{};

  // Hex SHA-256 of (source, workspace, community id, native id, version), each
  // length-prefixed. The community is part of it because some tools (Slack, Teams) number
  // posts per channel.
  std::string Key() const;
  // Hex SHA-256 of the same fields without the version: one id for all versions of a post.
  std::string PostId() const;
};

}  // namespace holdfast::engine
