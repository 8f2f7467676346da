#include "api/server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <array>
#include <chrono>
#include <mutex>
#include <optional>

#include "api/internal/export_jobs.h"
#include "api/internal/listen.h"
#include "api/internal/login.h"
#include "api/internal/metrics.h"
#include "api/internal/record_drain.h"
#include "api/internal/routes.h"
#include "api/internal/session_table.h"
#include "api/internal/user_table.h"
#include "api/internal/web_assets.h"
#include "archive/archive.h"

namespace holdfast::api {

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// The archive as last opened, and its users.
struct Served {
  std::unique_ptr<archive::Archive> archive;
  UserTable users;
};

tl::expected<Served, Error> OpenServed(const std::filesystem::path& dir) {
  auto archive = archive::Archive::Open(dir);
  if (!archive) {
    return tl::unexpected(Error{archive.error().ToString()});
  }
  auto users = engine::LoadUsers(**archive);
  if (!users) {
    return tl::unexpected(Error{users.error().ToString()});
  }
  return Served{std::move(*archive), UserTable(std::move(*users))};
}

// Everything the request threads share.
struct Shared {
  const std::filesystem::path dir;
  const Limits limits;
  const bool secure;  // served over TLS: cookies are Secure
  Metrics metrics;
  RecordDrain records;    // thread-safe itself
  std::mutex mu;          // one request at a time touches the archive
  Served served;          // guarded by mu
  SessionTable sessions;  // guarded by mu
  // The review queue, read from the log once and then only as it grows. Guarded by mu.
  engine::FlagBook flag_book{/*with_places=*/true};
  ExportJobs exports{dir, &records};  // thread-safe itself; its worker reads its own archive

  // Opens the archive afresh when a head signs records the snapshot lacks (the head record
  // itself comes after the records it signs, so a snapshot holds more than head.size records
  // until the next commit). A failed reopen keeps the old snapshot.
  void RefreshIfGrown() {
    auto head = served.archive->LatestHead();
    if (!head || head->size < served.archive->size()) {
      return;
    }
    if (auto fresh = OpenServed(dir); fresh) {
      served = std::move(*fresh);
    }
  }
};

// The request body, read up to one buffer past the limit; nullopt when it passes the limit.
std::optional<std::string> ReadBody(HTTPServerRequest& request, size_t limit) {
  if (request.hasContentLength() && request.getContentLength64() > static_cast<int64_t>(limit)) {
    return std::nullopt;
  }
  if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) {
    return std::string();  // no body: reading would wait for the client to close the connection
  }
  std::istream& in = request.stream();
  std::array<char, 16384> buffer{};
  std::string body;
  while (in) {
    in.read(buffer.data(), buffer.size());
    body.append(buffer.data(), static_cast<size_t>(in.gcount()));
    if (body.size() > limit) {
      return std::nullopt;
    }
  }
  return body;
}

// Nothing but the server itself: no inline script or style, no frames, no other origin.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void SendReply(const Reply& reply, HTTPServerResponse& response) {
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(reply.status));
  response.setContentType(reply.content_type);
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cache-Control", "no-store");
  for (const auto& [name, value] : reply.headers) {
    response.set(name, value);
  }
  if (reply.close) {
    response.setKeepAlive(false);
  }
  if (reply.status == 401) {
    response.set("WWW-Authenticate", "Bearer");
  }
  response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
}

// Every request goes through here: Poco's exceptions stop at this handler.
class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Shared& shared) : shared_(shared) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto start = std::chrono::steady_clock::now();
    std::string label = "unmatched";
    Reply reply;
    try {
      reply = Serve(request, label);
    } catch (const Poco::Exception& error) {
      reply = ErrorReply(400, error.displayText());
    } catch (const std::exception& error) {
      reply = ErrorReply(500, error.what());
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    // Counted before the reply is sent, so a client sees its request in the next /metrics.
    shared_.metrics.Observe(label, reply.status, took.count());
    SendReply(reply, response);
  }

 private:
  Reply Serve(HTTPServerRequest& request, std::string& label) {
    std::optional<std::string> body = ReadBody(request, shared_.limits.max_body_bytes);
    if (!body) {
      Reply refused = ErrorReply(400, "the request body is larger than the limit of " +
                                          std::to_string(shared_.limits.max_body_bytes) + " bytes");
      refused.close = true;
      return refused;
    }
    const Poco::URI uri(request.getURI());
    Request parsed{
        request.getMethod(), uri.getPath(), {}, request.get("Authorization", ""), std::move(*body)};
    for (const auto& [name, value] : uri.getQueryParameters()) {
      parsed.query[name] = value;
    }
    if (auto page = ServeWeb(parsed, request.get("If-None-Match", "")); page) {
      label = "web";
      return *page;
    }
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    const std::string cookie = cookies.get(std::string(kSessionCookie), "");
    const auto now = SessionTable::Clock::now();
    std::lock_guard lock(shared_.mu);
    shared_.RefreshIfGrown();
    const UserTable& users = shared_.served.users;
    AttachSession(shared_.sessions, users, cookie, request.get("X-CSRF-Token", ""), now, parsed);
    if (auto login = ServeLogin(shared_.sessions, users, parsed, cookie, shared_.secure, now)) {
      label = parsed.path;
      return *login;
    }
    const Snapshot snapshot{*shared_.served.archive, users, shared_.records, shared_.flag_book,
                            shared_.exports};
    return Dispatch(snapshot, parsed, shared_.limits, shared_.metrics, label);
  }

  Shared& shared_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Shared& shared) : shared_(shared) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(shared_);
  }

 private:
  Shared& shared_;
};

}  // namespace

struct Server::Impl {
  std::unique_ptr<Shared> shared;
  std::unique_ptr<Poco::Net::HTTPServer> http;
  uint16_t port = 0;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

uint16_t Server::port() const { return impl_->port; }

void Server::Stop() {
  if (impl_->http) {
    impl_->http->stopAll(true);
    impl_->http.reset();
  }
  impl_->shared->exports.Stop();  // before the drain: a finished export's audit record
  // What the requests spooled stays in DIR/pending for the next writer if this drain fails.
  impl_->shared->records.Stop();
  (void)impl_->shared->records.DrainNow();
}

tl::expected<std::unique_ptr<Server>, Error> Server::Start(const ServerOptions& options) {
  auto served = OpenServed(options.archive_dir);
  if (!served) {
    return tl::unexpected(served.error());
  }
  auto impl = std::make_unique<Impl>();
  impl->shared.reset(
      new Shared{.dir = options.archive_dir,
                 .limits = {.max_query_bytes = options.max_query_bytes,
                            .max_page_size = options.max_page_size,
                            .max_body_bytes = options.max_body_bytes},
                 .secure = !options.tls_certificate.empty(),
                 .metrics = {},
                 .records{options.archive_dir, options.drain_period},
                 .mu = {},
                 .served = std::move(*served),
                 .sessions = SessionTable(options.session_idle, options.max_sessions)});
  auto socket = Listen(options);
  if (!socket) {
    return tl::unexpected(socket.error());
  }
  impl->port = socket->address().port();
  auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
  params->setMaxThreads(options.threads);
  // An idle kept-alive connection gives its thread back soon.
  params->setKeepAliveTimeout(Poco::Timespan(2, 0));
  try {
    impl->http =
        std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl->shared), *socket, params);
    impl->http->start();
    impl->shared->records.Start();
  } catch (const Poco::Exception& error) {
    return tl::unexpected(Error{"cannot start the server: " + error.displayText()});
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

}  // namespace holdfast::api
