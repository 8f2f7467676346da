#include "api/internal/routes.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "engine/json_views.h"
#include "engine/review_queue.h"

namespace holdfast::api {

namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A whole number query parameter within [0, max]; fallback when absent.
bool NumberParam(const Request& request, const std::string& name, uint32_t fallback, uint32_t max,
                 uint32_t& out) {
  auto it = request.query.find(name);
  if (it == request.query.end()) {
    out = fallback;
    return true;
  }
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out <= max;
}

// GET /api/search?q=&offset=&limit=&history=1&sort=relevance|newest|oldest&facets=1
Reply Search(archive::Archive& archive, const Request& request) {
  uint32_t offset = 0;
  uint32_t limit = 0;
  if (!NumberParam(request, "offset", 0, 1'000'000, offset) ||
      !NumberParam(request, "limit", 20, 1000, limit)) {
    return ErrorReply(400, "offset and limit must be whole numbers (limit at most 1000)");
  }
  const auto param = [&](const std::string& name) {
    auto it = request.query.find(name);
    return it == request.query.end() ? std::string() : it->second;
  };
  archive::SearchOptions options{.offset = offset,
                                 .limit = limit,
                                 .history = param("history") == "1",
                                 .facets = param("facets") == "1"};
  const std::string sort = param("sort");
  if (sort == "newest") {
    options.sort = archive::SearchSort::kNewest;
  } else if (sort == "oldest") {
    options.sort = archive::SearchSort::kOldest;
  } else if (!sort.empty() && sort != "relevance") {
    return ErrorReply(400, "sort must be relevance, newest or oldest");
  }
  auto results = archive.index().Search(param("q"), options);
  if (!results)
    return ErrorReply(400, results.error().message);
  std::string body = "{\"total\":" + std::to_string(results->estimated_total) + ",\"hits\":[";
  for (size_t i = 0; i < results->hits.size(); ++i) {
    if (i > 0)
      body += ',';
    body += engine::SearchHitJson(results->hits[i]);
  }
  body += ']';
  if (options.facets) {
    body += ",\"facets\":";
    body += engine::FacetsJson(results->facets);
  }
  return {200, body + "}"};
}

Reply Flags(archive::Archive& archive, const Request& request) {
  auto state = request.query.find("state");
  const std::string wanted = state == request.query.end() ? "open" : state->second;
  auto flags = engine::LoadFlags(archive);
  if (!flags)
    return ErrorReply(500, flags.error().ToString());
  std::string body = "{\"flags\":[";
  bool first = true;
  for (const engine::FlagStatus& status : *flags) {
    if (wanted != "all" && status.state != wanted)
      continue;
    auto post = engine::ReadPost(archive, status.flag.post_sequence);
    if (!post)
      return ErrorReply(500, post.error().ToString());
    if (!first)
      body += ',';
    body += engine::FlagJson(status, *post);
    first = false;
  }
  return {200, body + "]}"};
}

}  // namespace

Reply ErrorReply(int status, const std::string& message) {
  return {status, Dump({{"error", message}})};
}

Reply Route(archive::Archive& archive, const Request& request) {
  if (request.method != "GET")
    return ErrorReply(405, "only GET is served");
  if (request.path == "/api/health") {
    return {200, Dump({{"ok", true}, {"records", archive.size()}})};
  }
  if (request.path == "/api/search")
    return Search(archive, request);
  if (request.path == "/api/flags")
    return Flags(archive, request);
  return ErrorReply(404, "no such endpoint: " + request.path);
}

}  // namespace holdfast::api
