// api::Server: the HTTP API over one archive (Poco), for the review and search desks. Version 1
// lives under /api/v1; api/openapi.json describes every route (served at
// GET /api/v1/openapi.json), README.md lists who may use which.
//
// Every route but the OpenAPI document needs "Authorization: Bearer TOKEN", a token of a user
// in force (engine/users.h), or the session cookie of a login through the web UI (POST /login;
// then every request but a GET also needs the session's X-CSRF-Token): none or an unknown one
// gets 401, a role that may not use the route 403. The web UI (api/web/, compiled in) is served
// at / and /ui/, with a Content-Security-Policy that allows nothing but the server itself.
// Parameters a route does not know, malformed values and passed limits get 400, unknown paths 404;
// every error is {"error": reason}. GET /metrics serves Prometheus's text format.
//
// The archive is opened read-only, a snapshot. Before each request the server reads the latest
// signed head; when the log has grown past the snapshot it opens the archive afresh and reloads
// the users, so a user added or removed while it runs counts from the next request on.
//
// Writes: every search, post view, flags listing and review writes an audit record, and a
// review its review record, to the archive's pending spool (archive/pending_records.h); when a
// record cannot be spooled the request fails closed with 503. The server commits the spool
// itself, taking the writer lock only for the moment of a commit, whenever no other writer
// holds it (tried about every ServerOptions::drain_period, and at once after a review); while
// an ingest runs, the ingest's commits take the spool. A review answers 200 when it was
// committed before the reply, 202 with "pending": true when it waits in the spool.
// Thread safety: owned; requests are served on Poco's worker threads, each on one of a few
// read-only views of the archive (ServerOptions::readers).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <tl/expected.hpp>

namespace holdfast::api {

struct Error {
  std::string message;
};

struct ServerOptions {
  std::filesystem::path archive_dir;
  std::string bind = "127.0.0.1";  // loopback by default
  uint16_t port = 8080;            // 0 picks a free port (see Server::port)
  // Connection threads. Poco gives each open connection a thread while it is kept alive, and a
  // browser opens several at once: too few stall its requests behind idle ones.
  int threads = 64;
  // Read-only views of the archive that requests take turns on: requests run side by side up
  // to this many. A request keeps its view while it waits for the disk (its audit event's
  // fsync), so a few per core keep the cores busy: on 2 cores and 1,000,000 posts, the search
  // mix of tools/bench-serve ran at 252 requests/s with 2 views, 346 with 4, 398 with 8 and
  // 402 with 16 (whose p99 was worse).
  unsigned readers = 4 * std::max(1u, std::thread::hardware_concurrency());
  size_t max_query_bytes = 1000;     // the search query: longer is refused (400), not truncated
  uint32_t max_page_size = 100;      // items per page of search and flags
  size_t max_body_bytes = 1u << 20;  // a larger request body is refused (400) unread
  // HTTPS (TLS 1.2 and newer) when both are given: PEM files, the key unencrypted. Plain HTTP
  // when both are empty.
  std::filesystem::path tls_certificate{};
  std::filesystem::path tls_private_key{};
  // A web UI session ends after this long without a request; at most max_sessions are open
  // (a new one ends the least recently used).
  std::chrono::seconds session_idle = std::chrono::hours(8);
  size_t max_sessions = 10'000;
  // How often the server tries to commit the records it spooled (audit events, reviews) while
  // another writer holds the archive; shorter commits sooner after an ingest ends.
  std::chrono::milliseconds drain_period{1000};
  // Community managers see each flag's author as a pseudonym in the queue ("person-" and 8 hex
  // digits, the same for one person while the server runs) until they open the post, whose
  // view is audited.
  bool pseudonymise = false;
};

class Server {
 public:
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the archive read-only, loads its users and starts listening.
  [[nodiscard]] static tl::expected<std::unique_ptr<Server>, Error> Start(
      const ServerOptions& options);

  uint16_t port() const;
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast::api
