#include <string>

#include "api/internal/web_assets.h"

namespace holdfast::api {

namespace {

constexpr std::string_view kUiPrefix = "/ui/";

std::string ContentType(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"}};
  for (const auto& [suffix, type] : kTypes) {
    if (name.ends_with(suffix)) {
      return std::string(type);
    }
  }
  return "application/octet-stream";
}

const WebAsset* Find(std::string_view name) {
  for (const WebAsset& asset : WebAssets()) {
    if (asset.name == name) {
      return &asset;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<Reply> ServeWeb(const Request& request, std::string_view if_none_match) {
  if (request.method != "GET") {
    return std::nullopt;
  }
  std::string_view name;
  if (request.path == "/") {
    name = "index.html";
  } else if (request.path.starts_with(kUiPrefix)) {
    name = std::string_view(request.path).substr(kUiPrefix.size());
  } else {
    return std::nullopt;
  }
  const WebAsset* asset = Find(name);
  if (asset == nullptr || (name == "index.html" && request.path != "/")) {
    return std::nullopt;
  }
  std::string etag(1, '"');
  etag.append(asset->sha256.substr(0, 32)).push_back('"');
  Reply reply;
  if (if_none_match == etag) {
    reply.status = 304;
  } else {
    reply.body = std::string(asset->bytes);
  }
  reply.content_type = ContentType(name);
  // Revalidated on every use: a new binary may serve new files under the same names.
  reply.headers = {{"ETag", etag}, {"Cache-Control", "no-cache"}};
  return reply;
}

}  // namespace holdfast::api
