// The JSON shapes machines get, the same from the command line (--json) and the HTTP API:
// one object per flag, one per search hit. Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "archive/index.h"
#include "engine/post.h"
#include "engine/post_context.h"
#include "engine/review_queue.h"

namespace holdfast::engine {

// {"flag_id","state","assignee","tags","policy","rule","category","severity",
//  "span":{"begin","end"},"match",
//  "post":{"key","time","source","channel","author","author_id","text"}}
std::string FlagJson(const FlagStatus& status, const Post& post);

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
