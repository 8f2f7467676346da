#include "api/server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>

#include "api/internal/export_jobs.h"
#include "api/internal/listen.h"
#include "api/internal/login.h"
#include "api/internal/metrics.h"
#include "api/internal/record_drain.h"
#include "api/internal/routes.h"
#include "api/internal/session_table.h"
#include "api/internal/shared_flag_book.h"
#include "api/internal/user_table.h"
#include "api/internal/web_assets.h"
#include "archive/archive.h"
#include "archive/random.h"

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

// One of the server's read-only views of the archive. A request holds one for its duration:
// Xapian's and the log's readers are not shared between threads, and a few views let requests
// run side by side, one per core.
struct Reader {
  Served served;  // used by the request that took the reader from the pool only

  // Opens the archive afresh when a head signs records the view lacks (the head record itself
  // comes after the records it signs, so a view holds more than head.size records until the
  // next commit). A failed reopen keeps the old view.
  void RefreshIfGrown(const std::filesystem::path& dir) {
    auto head = served.archive->LatestHead();
    if (!head || head->size < served.archive->size()) {
      return;
    }
    if (auto fresh = OpenServed(dir); fresh) {
      served = std::move(*fresh);
    }
  }
};

// The readers, handed out first come, first served: with more requests than readers, a
// mutex per reader let some requests wait while later ones overtook them (p99 over 500 ms at
// 32 clients where the mean was 120).
class ReaderPool {
 public:
  explicit ReaderPool(std::vector<std::unique_ptr<Reader>> readers) : readers_(std::move(readers)) {
    for (const auto& reader : readers_) {
      free_.push_back(reader.get());
    }
  }

  // A reader for the caller alone until Give; waits behind earlier callers.
  Reader* Take() {
    std::unique_lock lock(mu_);
    if (waiters_.empty() && !free_.empty()) {
      Reader* reader = free_.back();
      free_.pop_back();
      return reader;
    }
    Waiter waiter;
    waiters_.push_back(&waiter);
    waiter.wake.wait(lock, [&] { return waiter.given != nullptr; });
    return waiter.given;
  }

  void Give(Reader* reader) {
    std::lock_guard lock(mu_);
    if (waiters_.empty()) {
      free_.push_back(reader);
      return;
    }
    Waiter* first = waiters_.front();
    waiters_.pop_front();
    first->given = reader;
    first->wake.notify_one();
  }

 private:
  struct Waiter {
    std::condition_variable wake;
    Reader* given = nullptr;
  };
  const std::vector<std::unique_ptr<Reader>> readers_;
  std::mutex mu_;
  std::vector<Reader*> free_;    // guarded by mu_
  std::deque<Waiter*> waiters_;  // guarded by mu_, oldest first
};

// A reader taken from the pool, given back when it goes out of scope.
class ReaderLease {
 public:
  explicit ReaderLease(ReaderPool& pool) : pool_(pool), reader_(pool.Take()) {}
  ~ReaderLease() { pool_.Give(reader_); }
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  Reader* operator->() const { return reader_; }

 private:
  ReaderPool& pool_;
  Reader* reader_;
};

// Everything the request threads share.
struct Shared {
  const std::filesystem::path dir;
  const Limits limits;
  const Privacy privacy;
  const bool secure;  // served over TLS: cookies are Secure
  Metrics metrics;
  RecordDrain records;  // thread-safe itself
  ReaderPool readers;
  std::mutex sessions_mu;
  SessionTable sessions;  // guarded by sessions_mu
  // The review queue, read from the log once and then only as it grows.
  SharedFlagBook flag_book;
  ExportJobs exports{dir, &records};  // thread-safe itself; its worker reads its own archive
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
  response.setContentLength(
      static_cast<std::streamsize>(reply.file.empty() ? reply.body.size() : reply.file_bytes));
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
  std::ostream& out = response.send();
  if (reply.file.empty()) {
    out.write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
    return;
  }
  std::ifstream in(reply.file, std::ios::binary);
  // The length is promised already: a file gone meanwhile ends the connection short, which
  // the client sees as a broken download rather than a wrong one.
  Poco::StreamCopier::copyStream64(in, out);
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
    parsed.client_address = request.clientAddress().host().toString();
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
    ReaderLease reader(shared_.readers);
    reader->RefreshIfGrown(shared_.dir);
    const UserTable& users = reader->served.users;
    {
      std::lock_guard lock(shared_.sessions_mu);
      AttachSession(shared_.sessions, users, cookie, request.get("X-CSRF-Token", ""), now, parsed);
      if (auto login = ServeLogin(shared_.sessions, users, parsed, cookie, shared_.secure, now)) {
        label = parsed.path;
        return *login;
      }
    }
    const Snapshot snapshot{*reader->served.archive, users, shared_.records, shared_.flag_book,
                            shared_.exports};
    return Dispatch(snapshot, parsed, shared_.limits, shared_.privacy, shared_.metrics, label);
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
  // The server's own threads: Poco's default pool stops at 16 whatever setMaxThreads says, and
  // a kept-alive connection beyond the pool waits for another to close.
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> http;
  uint16_t port = 0;
  // Reads the review queue once at start (2.3 s for 86,846 flags of 1,000,000 posts), so that
  // the first person to open the queue does not wait for it; requests meanwhile wait on the
  // book's lock as they would have.
  std::thread warm_up;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

uint16_t Server::port() const { return impl_->port; }

void Server::Stop() {
  if (impl_->http) {
    impl_->http->stopAll(true);
    // Poco's dispatcher keeps itself alive for each thread it has handed to the pool. A
    // thread that was handed one but had not started it when the pool stopped would drop
    // it unrun, and with it the last reference: the dispatcher and its queue leaked now and
    // then at shutdown (LeakSanitizer saw it in the API tests). Letting every handed thread
    // run to its end first releases them all.
    impl_->pool->joinAll();
    impl_->http.reset();
  }
  if (impl_->warm_up.joinable()) {
    impl_->warm_up.join();
  }
  impl_->shared->exports.Stop();  // before the drain: a finished export's audit record
  // What the requests spooled stays in DIR/pending for the next writer if this drain fails.
  impl_->shared->records.Stop();
  (void)impl_->shared->records.DrainNow();
}

tl::expected<std::unique_ptr<Server>, Error> Server::Start(const ServerOptions& options) {
  std::vector<std::unique_ptr<Reader>> readers;
  for (unsigned i = 0; i < std::max(1u, options.readers); ++i) {
    auto served = OpenServed(options.archive_dir);
    if (!served) {
      return tl::unexpected(served.error());
    }
    readers.push_back(std::make_unique<Reader>());
    readers.back()->served = std::move(*served);
  }
  std::string pseudonym_key;
  if (options.pseudonymise) {
    auto key = archive::RandomHex(32);
    if (!key) {
      return tl::unexpected(Error{"cannot draw the pseudonym key: " + key.error().ToString()});
    }
    pseudonym_key = std::move(*key);
  }
  auto impl = std::make_unique<Impl>();
  impl->shared.reset(
      new Shared{.dir = options.archive_dir,
                 .limits = {.max_query_bytes = options.max_query_bytes,
                            .max_page_size = options.max_page_size,
                            .max_body_bytes = options.max_body_bytes},
                 .privacy = {.pseudonym_key = std::move(pseudonym_key)},
                 .secure = !options.tls_certificate.empty(),
                 .metrics = {},
                 .records{options.archive_dir, options.drain_period},
                 .readers = ReaderPool(std::move(readers)),
                 .sessions_mu = {},
                 .sessions = SessionTable(options.session_idle, options.max_sessions),
                 .flag_book = {}});
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
    impl->pool = std::make_unique<Poco::ThreadPool>(2, options.threads);
    impl->http = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl->shared), *impl->pool,
                                                         *socket, params);
    impl->http->start();
    impl->shared->records.Start();
    impl->warm_up = std::thread([shared = impl->shared.get()] {
      ReaderLease reader(shared->readers);
      (void)shared->flag_book.Lock(*reader->served.archive);  // a failure shows at the route
    });
  } catch (const Poco::Exception& error) {
    return tl::unexpected(Error{"cannot start the server: " + error.displayText()});
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

}  // namespace holdfast::api
