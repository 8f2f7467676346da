#include "api/internal/listen.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>

namespace holdfast::api {

namespace {

// An error naming the file when it cannot be opened for reading.
tl::expected<void, Error> Readable(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file);
  if (!in) {
    return tl::unexpected(Error{std::string("cannot read the TLS ")
                                    .append(what)
                                    .append(" ")
                                    .append(file.string())
                                    .append(": ")
                                    .append(std::strerror(errno))});
  }
  return {};
}

// Poco's SSL library is set up once per process and kept: its teardown is not safe while
// another server may still use it.
void InitializeSslOnce() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

tl::expected<Poco::Net::ServerSocket, Error> ListenTls(const ServerOptions& options,
                                                       const Poco::Net::SocketAddress& address) {
  if (auto ok = Readable(options.tls_certificate, "certificate"); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = Readable(options.tls_private_key, "private key"); !ok) {
    return tl::unexpected(ok.error());
  }
  InitializeSslOnce();
  Poco::Net::Context::Ptr context;
  try {
    context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, options.tls_private_key.string(),
        options.tls_certificate.string(), "", Poco::Net::Context::VERIFY_NONE, 9, false,
        "HIGH:!aNULL:!MD5:!RC4:!3DES");
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  } catch (const Poco::Exception& error) {
    return tl::unexpected(Error{"cannot use the TLS certificate " +
                                options.tls_certificate.string() + " with the private key " +
                                options.tls_private_key.string() + ": " + error.displayText()});
  }
  return Poco::Net::SecureServerSocket(address, 64, context);
}

}  // namespace

tl::expected<Poco::Net::ServerSocket, Error> Listen(const ServerOptions& options) {
  const bool tls = !options.tls_certificate.empty() || !options.tls_private_key.empty();
  if (tls && (options.tls_certificate.empty() || options.tls_private_key.empty())) {
    return tl::unexpected(Error{"HTTPS needs both a certificate and a private key"});
  }
  try {
    const Poco::Net::SocketAddress address(options.bind, options.port);
    if (tls) {
      return ListenTls(options, address);
    }
    return Poco::Net::ServerSocket(address);
  } catch (const Poco::Exception& error) {
    return tl::unexpected(Error{std::string("cannot listen on ")
                                    .append(options.bind)
                                    .append(":")
                                    .append(std::to_string(options.port))
                                    .append(": ")
                                    .append(error.displayText())});
  }
}

}  // namespace holdfast::api
