// RFC 3161 timestamps of signed tree heads (OpenSSL's TS API). A time-stamping authority (TSA)
// signs the SHA-256 of a head's signed body (TreeHead::Body) with the time on its own clock, so
// that someone who trusts the TSA, not the archive, knows the head existed by then. The token
// is kept in the log as a record of type kTimestamp (9), which the next head signs:
//
//   key      "timestamp/<tree size>/<first 16 hex digits of SHA-256 of the token>"
//   meta     {"tree_size":N,"head_sha256":"<hex>","gen_time":"<the TSA's time, RFC 3339>"}
//   content  the DER TimeStampToken (CMS SignedData), base64
//
// Getting a token over HTTP is the caller's (tools/): this file builds the query, checks the
// response and the token, and never does I/O beyond reading a CA file.
// Thread safety: functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/error.h"
#include "archive/record.h"
#include "archive/tree_head.h"

namespace holdfast::archive {

class Archive;

// A TimeStampReq (DER) over SHA-256(head.Body()), with a random nonce and certReq set, so that
// the token carries the TSA's certificate.
struct TimestampQuery {
  std::string der;
  Hash imprint{};
};
[[nodiscard]] tl::expected<TimestampQuery, Error> MakeTimestampQuery(const TreeHead& head);

// The token in a TSA's TimeStampResp (DER) to `query`: the status must be granted and the
// token must carry the query's imprint and nonce. Does not check the TSA's signature (that
// needs its CA: VerifyTimestampToken).
[[nodiscard]] tl::expected<std::string, Error> TokenFromResponse(const TimestampQuery& query,
                                                                 std::string_view response_der);

// The kTimestamp record that keeps `token` for `head` (see above).
[[nodiscard]] tl::expected<Record, Error> TimestampRecord(const TreeHead& head,
                                                          std::string_view token);

struct TimestampEntry {
  uint64_t tree_size = 0;
  std::string token;  // DER
};
// The fields of a kTimestamp record; an error names what is malformed.
[[nodiscard]] tl::expected<TimestampEntry, Error> ParseTimestampRecord(const StoredRecord& stored);

// The token is a SHA-256 timestamp of `digest`. Returns the TSA's time (RFC 3339).
[[nodiscard]] tl::expected<std::string, Error> CheckTimestampImprint(std::string_view token,
                                                                     const Hash& digest);
// All of CheckTimestampImprint, and the token's signature by a certificate that chains to a CA
// in `ca_pem_file` and may sign timestamps (extendedKeyUsage critical timeStamping).
[[nodiscard]] tl::expected<std::string, Error> VerifyTimestampToken(
    std::string_view token, const Hash& digest, const std::filesystem::path& ca_pem_file);

struct TimestampReport {
  bool ok = false;
  uint64_t tokens = 0;
  std::optional<uint64_t> first_bad;  // the sequence of the first bad timestamp record
  std::string message;
};
// Checks every timestamp record of the log with VerifyTimestampToken against the head it
// names (a head record earlier in the log).
[[nodiscard]] TimestampReport VerifyTimestamps(const Archive& archive,
                                               const std::filesystem::path& ca_pem_file);

}  // namespace holdfast::archive
