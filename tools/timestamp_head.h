// An RFC 3161 timestamp of an archive's latest signed head, for `holdfast timestamp` and
// `holdfast ingest --tsa`: the token is checked against the request (and, given a CA file,
// verified), kept as a timestamp record and committed under a new head.
#pragma once

#include <string>

#include "archive/archive.h"

namespace holdfast::tools {

// 0, or 1 after printing what failed (the TSA's URL, or the archive's error).
int TimestampLatestHead(archive::Archive& archive, const std::string& dir, const std::string& tsa,
                        const std::string& tsa_ca);

}  // namespace holdfast::tools
