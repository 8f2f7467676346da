// api::Server: the HTTP API over one archive (Poco), for the review and search desks.
// Endpoints (JSON):
//   GET /api/health                         {"ok":true,"records":N}
//   GET /api/search?q=QUERY&offset=&limit=  {"total":N,"hits":[hit...]}  (shape:
//   engine/json_views.h) GET /api/flags?state=open|...|all       {"flags":[flag...]}
// Bad requests get 400 with {"error": reason}; unknown paths 404.
// Thread safety: owned; requests are served on Poco's worker threads and take turns on the
// archive.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <tl/expected.hpp>

namespace holdfast::api {

struct Error {
  std::string message;
};

struct ServerOptions {
  std::filesystem::path archive_dir;
  std::string bind = "127.0.0.1";  // loopback by default: put a TLS proxy in front for more
  uint16_t port = 8080;            // 0 picks a free port (see Server::port)
  int threads = 4;                 // request threads
};

class Server {
 public:
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the archive read-only and starts listening.
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
