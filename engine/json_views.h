// The JSON shapes machines get, the same from the command line (--json) and the HTTP API:
// one object per flag, one per search hit. Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archive/index.h"
#include "engine/post.h"
#include "engine/post_context.h"
#include "engine/review_queue.h"

namespace holdfast::engine {

// What FlagJson shows: without `content`, no matched text and no post text or author (the
// queue's metadata, for roles that may see no more); group_size when a listing counts it.
struct FlagView {
  bool content = true;
  std::optional<uint64_t> group_size{};
  // Shown instead of the author's name and id, with "pseudonymised": true in "post".
  std::optional<std::string> author_pseudonym{};
};

// {"flag_id","state","group","assignee","tags","policy","rule","category","severity",
//  "span":{"begin","end"},"match",
//  "post":{"key","time","source","channel","author","author_id","text"}}, then "group_size"
std::string FlagJson(const FlagStatus& status, const Post& post, const FlagView& view = {});

// The hit's data: {"key","post","time","source","channel","author","author_id","kind"}.
std::string HitDataJson(const archive::SearchHit& hit);

// The hit's data with "seq" and "snippet" (HTML, matches in <mark>) added.
std::string SearchHitJson(const archive::SearchHit& hit);

// {"channel":[{"value","count"}],"author":[...],"policy":[...],"source":[...],"kind":[...]}
std::string FacetsJson(const std::vector<archive::Facet>& facets);

// {"scope","before":[post...],"post":post,"after":[post...]}, each post the hit's index data
// with "seq" and "text" (the log's text) added.
std::string PostContextJson(const PostContext& context);

// The snippet as plain text: tags dropped, entities decoded, matches wrapped in `open` and
// `close`.
std::string SnippetText(const std::string& html, const std::string& open, const std::string& close);

}  // namespace holdfast::engine
