#include "api/internal/routes.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/internal/json_body.h"
#include "api/internal/params.h"
#include "api/internal/user_table.h"
#include "engine/time_format.h"

namespace holdfast::api {

namespace {

using engine::Role;
using nlohmann::json;

// Matches `path` against `pattern`, taking the one {name} segment, which is never empty and
// holds no slash.
bool Matches(const std::string& pattern, const std::string& path, std::string& param) {
  const size_t at = pattern.find('{');
  if (at == std::string::npos) {
    return pattern == path;
  }
  const size_t close = pattern.find('}', at);
  const std::string_view prefix = std::string_view(pattern).substr(0, at);
  const std::string_view suffix = std::string_view(pattern).substr(close + 1);
  if (path.size() <= prefix.size() + suffix.size() || !path.starts_with(prefix) ||
      !path.ends_with(suffix)) {
    return false;
  }
  const std::string value = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  if (value.find('/') != std::string::npos) {
    return false;
  }
  param = value;
  return true;
}

bool MayUse(const Route& route, Role role) {
  for (Role allowed : route.roles) {
    if (allowed == role) {
      return true;
    }
  }
  return false;
}

}  // namespace

const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/api/v1/openapi.json", {}, OpenApiRoute},
      {"GET",
       "/api/v1/head",
       {Role::kCommunityManager, Role::kAnalyst, Role::kCompliance, Role::kLegal, Role::kAdmin},
       HeadRoute},
      {"GET",
       "/api/v1/session",
       {Role::kCommunityManager, Role::kAnalyst, Role::kCompliance, Role::kLegal, Role::kAdmin},
       SessionRoute},
      {"GET", "/api/v1/search", {Role::kCompliance, Role::kAdmin}, SearchRoute},
      {"GET",
       "/api/v1/flags",
       {Role::kCommunityManager, Role::kAnalyst, Role::kCompliance, Role::kAdmin},
       FlagsRoute},
      {"GET",
       "/api/v1/posts/{key}",
       {Role::kCommunityManager, Role::kCompliance, Role::kLegal, Role::kAdmin},
       PostRoute},
      {"POST",
       "/api/v1/flags/{id}/review",
       {Role::kCommunityManager, Role::kCompliance, Role::kAdmin},
       ReviewRoute},
      {"POST",
       "/api/v1/flags/review",
       {Role::kCommunityManager, Role::kCompliance, Role::kAdmin},
       BulkReviewRoute},
      {"GET", "/api/v1/audit", {Role::kCompliance, Role::kAdmin}, AuditRoute},
      {"GET", "/api/v1/holds", {Role::kCompliance, Role::kLegal, Role::kAdmin}, HoldsRoute},
      {"POST", "/api/v1/holds", {Role::kCompliance, Role::kAdmin}, PostHoldRoute},
      {"GET", "/api/v1/exports", {Role::kLegal, Role::kAdmin}, ExportsRoute},
      {"POST", "/api/v1/exports", {Role::kLegal, Role::kAdmin}, StartExportRoute},
      {"GET", "/api/v1/exports/{id}", {Role::kLegal, Role::kAdmin}, ExportRoute},
      {"GET", "/api/v1/exports/{id}/download", {Role::kLegal, Role::kAdmin}, ExportDownloadRoute},
      {"GET",
       "/metrics",
       {Role::kCommunityManager, Role::kAnalyst, Role::kCompliance, Role::kLegal, Role::kAdmin},
       MetricsRoute},
  };
  return kRoutes;
}

Reply Dispatch(const Snapshot& snapshot, const Request& request, const Limits& limits,
               const Privacy& privacy, const Metrics& metrics, std::string& label) {
  label = "unmatched";
  const Route* matched = nullptr;
  std::string other_methods;  // of routes whose path matches
  std::string param;
  for (const Route& route : Routes()) {
    std::string value;
    if (!Matches(route.pattern, request.path, value)) {
      continue;
    }
    if (route.method != request.method) {
      other_methods.append(other_methods.empty() ? "" : ", ").append(route.method);
      continue;
    }
    matched = &route;
    param = std::move(value);
    break;
  }
  if (matched == nullptr) {
    return !other_methods.empty()
               ? ErrorReply(405, "only " + other_methods + " is served on " + request.path)
               : ErrorReply(404, "no such endpoint: " + request.path);
  }
  label = matched->pattern;
  const engine::User* user = nullptr;
  if (!matched->roles.empty()) {
    // A bearer token wins; without one, the session cookie's user, whose every request but a
    // GET must also send the session's CSRF token.
    const bool by_cookie = request.authorization.empty() && request.session_user != nullptr;
    user = by_cookie ? request.session_user
                     : snapshot.users.Find(UserTable::BearerToken(request.authorization));
    if (user == nullptr) {
      return ErrorReply(401, "a valid token is needed: Authorization: Bearer TOKEN");
    }
    if (by_cookie && request.method != "GET" && !request.csrf_token_sent) {
      return ErrorReply(403, "a request with the session cookie needs the X-CSRF-Token header");
    }
    if (!MayUse(*matched, user->role)) {
      return ErrorReply(403, std::string("the role ")
                                 .append(RoleName(user->role))
                                 .append(" may not use ")
                                 .append(matched->method)
                                 .append(" ")
                                 .append(matched->pattern));
    }
  }
  return matched->handle({snapshot.archive, user, request, std::move(param), limits, privacy,
                          metrics, snapshot.users, snapshot.records, snapshot.flags,
                          snapshot.exports});
}

std::string Pseudonym(const Privacy& privacy, const std::string& author_id) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), privacy.pseudonym_key.data(), static_cast<int>(privacy.pseudonym_key.size()),
       reinterpret_cast<const unsigned char*>(author_id.data()), author_id.size(), digest, &size);
  char hex[9];
  std::snprintf(hex, sizeof(hex), "%02x%02x%02x%02x", digest[0], digest[1], digest[2], digest[3]);
  return std::string("person-").append(hex);
}

Reply ErrorReply(int status, const std::string& message) {
  return {status, Dump({{"error", message}})};
}

std::string JsonText(const std::string& text) { return Dump(text); }

bool ManagesCommunity(const engine::User& user, const std::string& community_id,
                      const std::string& community_name) {
  for (const std::string& community : user.communities) {
    if ((!community_id.empty() && community == community_id) ||
        (!community_name.empty() && community == community_name)) {
      return true;
    }
  }
  return false;
}

// GET /api/v1/head: the latest signed tree head.
Reply HeadRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  auto head = call.archive.LatestHead();
  if (!head) {
    return ErrorReply(404, "no signed head yet: nothing was committed");
  }
  return {200, Dump({{"origin", head->origin},
                     {"size", head->size},
                     {"root", archive::ToHex(head->root)},
                     {"time", engine::FormatRfc3339(head->time_us)},
                     {"records", call.archive.size()}})};
}

// GET /api/v1/openapi.json: the document, as written in api/openapi.json.
Reply OpenApiRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  return {200, std::string(OpenApiDocument())};
}

}  // namespace holdfast::api
