// The web UI: the files of api/web/, compiled in by CMake (api/CMakeLists.txt) so that
// `holdfast serve` needs nothing on disk. ServeWeb answers GET / with index.html and GET
// /ui/NAME with a file, with its content type and an ETag (the file's SHA-256, so a browser
// revalidates and gets 304 while the binary is the same); any other path is left to the API.
// Thread safety: immutable.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "api/internal/routes.h"

namespace holdfast::api {

struct WebAsset {
  std::string_view name;    // file name in api/web/: "app.js"
  std::string_view sha256;  // hex, of the bytes
  std::string_view bytes;
};

// Generated (web_assets.cc.in).
std::span<const WebAsset> WebAssets();

// The asset for GET / or GET /ui/NAME, or 304 when `if_none_match` names its ETag; nullopt for
// any other request.
std::optional<Reply> ServeWeb(const Request& request, std::string_view if_none_match);

}  // namespace holdfast::api
