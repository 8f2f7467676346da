// The API's routes, free of HTTP plumbing: a parsed request in, a status and a body out.
// Routes() is the one table of what is served, which roles may use each route and who handles
// it; Dispatch matches a request against it, authenticates the caller and checks the role.
// openapi.json must name exactly these routes (a test compares the two).
// Audited routes and reviews write only through the RecordDrain they are given (the pending
// spool), never to the snapshot.
// Thread safety: functions over the snapshot they are given; RecordDrain is thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "api/internal/shared_flag_book.h"
#include "archive/archive.h"
#include "engine/audit.h"
#include "engine/users.h"

namespace holdfast::api {

class ExportJobs;
class Metrics;
class RecordDrain;
class UserTable;

// Community managers see each flag's author as a pseudonym until they open the post
// (ServerOptions::pseudonymise): HMAC-SHA256 of the author id under a key drawn when the
// server starts, so one person has one pseudonym while it runs. An empty key: real names.
struct Privacy {
  std::string pseudonym_key;
};
// "person-" and 8 hex digits of the author's HMAC. REQUIRES: a non-empty key.
std::string Pseudonym(const Privacy& privacy, const std::string& author_id);

struct Limits {
  size_t max_query_bytes = 1000;     // the search query `q`
  uint32_t max_page_size = 100;      // page_size of search and flags
  size_t max_body_bytes = 1u << 20;  // any request body
};

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string authorization;     // the Authorization header, as sent
  std::string body{};            // at most Limits::max_body_bytes
  std::string client_address{};  // the peer's IP address, for throttling failed logins
  // Filled in by the server from a session cookie in force (api/internal/session_table.h): the
  // user the session was opened for, that session's CSRF token, and whether the request sent
  // that token in X-CSRF-Token. A bearer token, when sent, wins over the cookie.
  const engine::User* session_user = nullptr;
  std::string session_csrf_token{};
  bool csrf_token_sent = false;
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  bool close = false;  // close the connection after the reply (a request body left unread)
  std::vector<std::pair<std::string, std::string>> headers{};  // more: Set-Cookie, ETag
  // When set, the reply's body is this file of file_bytes bytes, streamed from disk after the
  // request has given its view of the archive back (an export's zip); `body` is then empty.
  std::filesystem::path file{};
  uint64_t file_bytes = 0;
};

// What a route's handler is given. `user` is nullptr on a public route.
struct RouteCall {
  const archive::Archive& archive;
  const engine::User* user;
  const Request& request;
  std::string param;  // the {name} segment of a path pattern; empty when the pattern has none
  const Limits& limits;
  const Privacy& privacy;
  const Metrics& metrics;
  const UserTable& users;
  RecordDrain& records;  // the way to the log: spool records, commit them
  // The review queue, which the routes that read it lock (and bring up to `archive`).
  SharedFlagBook& flags;
  ExportJobs& exports;  // evidence exports and their worker (thread-safe)
};

struct Route {
  std::string method;
  std::string pattern;  // OpenAPI path syntax: /api/v1/posts/{key}, at most one {name} segment
  std::vector<engine::Role> roles;  // who may call it; empty: public, no token needed
  Reply (*handle)(const RouteCall& call);
};

const std::vector<Route>& Routes();

// A served archive and its users, as one snapshot, and the way to write to the log.
struct Snapshot {
  const archive::Archive& archive;
  const UserTable& users;
  RecordDrain& records;
  SharedFlagBook& flags;
  ExportJobs& exports;
};

// Matches the request to a route (404 when none, 405 when the path is served for another
// method), authenticates a bearer token or else the session user the server attached (401),
// refuses a cookie request but a GET without the session's CSRF token (403) and checks the
// role (403), then runs the route.
// `label` is set to the route's pattern, or "unmatched", for metrics.
Reply Dispatch(const Snapshot& snapshot, const Request& request, const Limits& limits,
               const Privacy& privacy, const Metrics& metrics, std::string& label);

Reply ErrorReply(int status, const std::string& message);
// Spools an audit record of what the caller did (engine/audit.h); when it cannot be stored the
// request fails closed: a 503 reply to send instead of the answer (audit_route.cc).
[[nodiscard]] tl::expected<void, Reply> Audit(const RouteCall& call, engine::AuditAction action,
                                              std::string target, std::string detail,
                                              std::optional<uint64_t> results);
std::string JsonText(const std::string& text);  // a JSON string literal, quotes included

// The handlers, one file each.
Reply SearchRoute(const RouteCall& call);      // search_route.cc
Reply FlagsRoute(const RouteCall& call);       // flags_route.cc
Reply PostRoute(const RouteCall& call);        // post_route.cc
Reply HeadRoute(const RouteCall& call);        // routes.cc
Reply SessionRoute(const RouteCall& call);     // login_route.cc
Reply OpenApiRoute(const RouteCall& call);     // routes.cc
Reply MetricsRoute(const RouteCall& call);     // metrics.cc
Reply ReviewRoute(const RouteCall& call);      // review_route.cc: one flag
Reply BulkReviewRoute(const RouteCall& call);  // review_route.cc: several flags
Reply AuditRoute(const RouteCall& call);       // audit_route.cc

// Legal holds (holds_route.cc) and evidence exports (exports_route.cc).
Reply HoldsRoute(const RouteCall& call);           // the list
Reply PostHoldRoute(const RouteCall& call);        // place or release
Reply ExportsRoute(const RouteCall& call);         // the list
Reply StartExportRoute(const RouteCall& call);     // queue one
Reply ExportRoute(const RouteCall& call);          // one export's state
Reply ExportDownloadRoute(const RouteCall& call);  // its zip

// The OpenAPI 3 document, api/openapi.json compiled in.
std::string_view OpenApiDocument();

// Whether a community manager may see a post of this community (id or name).
bool ManagesCommunity(const engine::User& user, const std::string& community_id,
                      const std::string& community_name);

}  // namespace holdfast::api
