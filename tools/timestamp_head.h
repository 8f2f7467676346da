// An RFC 3161 timestamp of an archive's signed heads, for `holdfast timestamp` and
// `holdfast ingest --tsa`: the token is checked against the request (and, given a CA file,
// verified) and kept as a timestamp record, which the next head signs.
#pragma once

#include <cstdint>
#include <string>
#include <tl/expected.hpp>

#include "archive/archive.h"

namespace holdfast::tools {

struct HeadTimestamp {
  uint64_t sequence = 0;  // of the timestamp record
  std::string tsa_time;   // the token's genTime, as the TSA gave it
};

// Has the TSA at `tsa` timestamp `head` and appends the token's record, uncommitted; what it
// appended, or what failed (naming the TSA).
tl::expected<HeadTimestamp, std::string> AppendHeadTimestamp(archive::Archive& archive,
                                                             const archive::TreeHead& head,
                                                             const std::string& tsa,
                                                             const std::string& tsa_ca);

// The latest head, timestamped and committed under a new head. 0, or 1 after printing what
// failed (the TSA's URL, or the archive's error).
int TimestampLatestHead(archive::Archive& archive, const std::string& dir, const std::string& tsa,
                        const std::string& tsa_ca);

}  // namespace holdfast::tools
