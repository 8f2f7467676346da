#include "api/server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <mutex>

#include "api/internal/routes.h"
#include "archive/archive.h"

namespace holdfast::api {

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// Every request goes through here: Poco's exceptions stop at this handler.
class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(archive::Archive& archive, std::mutex& mu) : archive_(archive), mu_(mu) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    Reply reply;
    try {
      const Poco::URI uri(request.getURI());
      Request parsed{request.getMethod(), uri.getPath(), {}};
      for (const auto& [name, value] : uri.getQueryParameters()) {
        parsed.query[name] = value;
      }
      std::lock_guard lock(mu_);
      reply = Route(archive_, parsed);
    } catch (const Poco::Exception& error) {
      reply = ErrorReply(400, error.displayText());
    }
    response.setStatus(static_cast<HTTPResponse::HTTPStatus>(reply.status));
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
    response.set("X-Content-Type-Options", "nosniff");
    response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
  }

 private:
  archive::Archive& archive_;
  std::mutex& mu_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(archive::Archive& archive, std::mutex& mu) : archive_(archive), mu_(mu) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(archive_, mu_);
  }

 private:
  archive::Archive& archive_;
  std::mutex& mu_;
};

}  // namespace

struct Server::Impl {
  std::unique_ptr<archive::Archive> archive;
  std::mutex mu;  // one request at a time touches the archive
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
}

tl::expected<std::unique_ptr<Server>, Error> Server::Start(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  auto archive = archive::Archive::Open(options.archive_dir);
  if (!archive) {
    return tl::unexpected(Error{archive.error().ToString()});
  }
  impl->archive = std::move(*archive);
  try {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(options.bind, options.port));
    impl->port = socket.address().port();
    auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(options.threads);
    impl->http = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl->archive, impl->mu),
                                                         socket, params);
    impl->http->start();
  } catch (const Poco::Exception& error) {
    return tl::unexpected(Error{"cannot listen on " + options.bind + ":" +
                                std::to_string(options.port) + ": " + error.displayText()});
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

}  // namespace holdfast::api
