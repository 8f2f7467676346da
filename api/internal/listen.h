// The server's listening socket: plain TCP, or TLS 1.2 and newer (Poco's NetSSL over OpenSSL)
// when ServerOptions names a certificate and a private key.
// Thread safety: a function.
#pragma once

#include <Poco/Net/ServerSocket.h>

#include <tl/expected.hpp>

#include "api/server.h"

namespace holdfast::api {

// Opens the socket on options.bind and options.port. An error names the address, or the
// certificate or key file that cannot be read or used.
[[nodiscard]] tl::expected<Poco::Net::ServerSocket, Error> Listen(const ServerOptions& options);

}  // namespace holdfast::api
