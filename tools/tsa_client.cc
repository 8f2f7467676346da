#include "tools/tsa_client.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

namespace holdfast::tools {

namespace {

constexpr std::streamsize kMaxResponseBytes = 1 << 20;  // a token is a few KiB

}  // namespace

tl::expected<std::string, std::string> PostTimestampQuery(const std::string& url,
                                                          std::string_view query_der,
                                                          int timeout_seconds) {
  try {
    const Poco::URI uri(url);
    if (uri.getScheme() != "http") {
      return tl::unexpected(url + ": only http:// TSAs are supported (the token is signed)");
    }
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(timeout_seconds, 0));
    const std::string path = uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery();
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/timestamp-query");
    request.setContentLength(static_cast<std::streamsize>(query_der.size()));
    std::ostream& body = session.sendRequest(request);
    body.write(query_der.data(), static_cast<std::streamsize>(query_der.size()));
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
      return tl::unexpected(url + ": HTTP " +
                            std::to_string(static_cast<int>(response.getStatus())) + " " +
                            response.getReason());
    }
    std::string out;
    char buffer[8192];
    while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
      out.append(buffer, static_cast<size_t>(in.gcount()));
      if (static_cast<std::streamsize>(out.size()) > kMaxResponseBytes) {
        return tl::unexpected(url + ": the answer is larger than 1 MiB; not a timestamp");
      }
    }
    return out;
  } catch (const Poco::Exception& error) {
    return tl::unexpected(url + ": " + error.displayText());
  } catch (const std::exception& error) {
    return tl::unexpected(url + ": " + error.what());
  }
}

}  // namespace holdfast::tools
