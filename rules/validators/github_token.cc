// GitHub tokens. GitHub's post "Behind GitHub's new authentication token formats" (2021)
// says the last six characters are a CRC32 checksum encoded in Base62 with leading zeros for
// padding. It leaves open which bytes the CRC covers and the digit order; what we use was
// checked (with zlib's crc32, outside this repository) against revoked real tokens quoted in
// public scanner rules (mongodb/kingfisher's github.yml) and scanners' validators
// (DataDog/dd-sensitive-data-scanner's github_token_checksum.rs, CredSweeper's
// ValueGitHubCheck filter):
//   - the CRC covers the random part only, without the "ghp_" prefix;
//   - Base62 digits run 0-9, A-Z, a-z (the 0-9, a-z, A-Z order fails on real tokens);
//   - short values are padded with '0' on the left ("...0P4bh3" is a real checksum);
//   - ghp_, gho_ and ghu_ carry 30 random characters, ghr_ refresh tokens 70.
// ghs_ installation tokens did not check out on the samples found (scanners skip their
// checksum too) and github_pat_ tokens have no published checksum, so both pass on their
// exact shape, which is distinctive enough for a strong validator.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/validators.h"
#include "rules/validators/compact_value.h"

namespace holdfast::rules {
namespace {

using validators::IsDigit;
using validators::IsLower;
using validators::IsUpper;

constexpr size_t kChecksumSize = 6;

int Base62Value(char c) {
  if (IsDigit(c)) {
    return c - '0';
  }
  if (IsUpper(c)) {
    return c - 'A' + 10;
  }
  if (IsLower(c)) {
    return c - 'a' + 36;
  }
  return -1;
}

bool AllBase62(std::string_view text) {
  for (char c : text) {
    if (Base62Value(c) < 0) {
      return false;
    }
  }
  return true;
}

bool ChecksumMatches(std::string_view body) {
  const std::string_view random = body.substr(0, body.size() - kChecksumSize);
  uint64_t written = 0;  // six Base62 digits reach past 2^32, so decode wide and compare
  for (char c : body.substr(random.size())) {
    written = written * 62 + static_cast<uint64_t>(Base62Value(c));
  }
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(random.data()), static_cast<uInt>(random.size()));
  return written == static_cast<uint64_t>(crc);
}

// github_pat_ + 22 + '_' + 59 Base62 characters.
bool FineGrainedShape(std::string_view rest) {
  return rest.size() == 82 && rest[22] == '_' && AllBase62(rest.substr(0, 22)) &&
         AllBase62(rest.substr(23));
}

}  // namespace

bool ValidGithubToken(std::string_view text) {
  if (text.size() > 96) {
    return false;
  }
  if (text.starts_with("github_pat_")) {
    return FineGrainedShape(text.substr(11));
  }
  if (text.size() < 4 || !text.starts_with("gh") || text[3] != '_') {
    return false;
  }
  const char type = text[2];
  const std::string_view body = text.substr(4);
  if (!AllBase62(body)) {
    return false;
  }
  switch (type) {
    case 'p':
    case 'o':
    case 'u':
      return body.size() == 36 && ChecksumMatches(body);
    case 'r':
      return (body.size() == 36 || body.size() == 76) && ChecksumMatches(body);
    case 's':
      return body.size() == 36;
    default:
      return false;
  }
}

}  // namespace holdfast::rules
