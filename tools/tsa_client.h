// The transport of an RFC 3161 timestamp query: one HTTP POST of the DER TimeStampReq to a
// time-stamping authority (Content-Type: application/timestamp-query), whose body is the DER
// TimeStampResp. Plain http:// only: the token is signed, so the channel need not be trusted.
// Thread safety: a function; each call opens its own connection.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace holdfast::tools {

// The response body, or why there is none ("http://tsa/: connection refused", "HTTP 500").
[[nodiscard]] tl::expected<std::string, std::string> PostTimestampQuery(const std::string& url,
                                                                        std::string_view query_der,
                                                                        int timeout_seconds = 30);

}  // namespace holdfast::tools
