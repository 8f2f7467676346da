// PostContext: a post with the posts just before and after it in its conversation, in time
// order, as a reviewer reads it. The conversation is the post's thread when others share it
// (the root and its replies), else its chat (one channel of one workspace). Superseded versions
// are left out. Read from the index (a view): an index older than the current schema is an
// error asking for `holdfast reindex`.
// Thread safety: functions.
#pragma once

#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/post.h"

namespace holdfast::engine {

struct ContextPost {
  archive::SearchHit hit;  // key, sequence, time, index data
  Post post;               // as the log holds it (text empty when erased)
};

struct PostContext {
  std::string scope;                // "thread", "chat", or empty when the post is alone
  std::vector<ContextPost> before;  // oldest first
  ContextPost post;
  std::vector<ContextPost> after;  // oldest first
};

// The post of `key` with up to `count` posts before and `count` after it.
[[nodiscard]] tl::expected<PostContext, Error> ReadPostContext(const archive::Archive& archive,
                                                               const std::string& key,
                                                               uint32_t count);

}  // namespace holdfast::engine
