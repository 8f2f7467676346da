// Evidence bundles: a zip that proves, offline, that each item is exactly what the archive
// captured and when. Layout:
//   README.txt                     how to check the bundle by hand
//   case.json                      case name, query, export time, archive origin, item count
//   items/<seq>/meta.json          the record's meta bytes, exactly as logged
//   items/<seq>/content.json       the record's content bytes, exactly as logged
//   items/<seq>/proof.json         type, key, capture time, salt, content digest, leaf hash,
//                                  leaf index, tree size and audit path (hex)
//   head.note                      the signed tree head every proof is against
//   public.pem                     the archive's Ed25519 public key (the key in force)
//   keys/<fingerprint>.pem         after key rotations: each earlier public key, and
//   keys/<fingerprint>.handover.note  the head that handed over from it to the next key
//   manifest.json                  SHA-256 of every file above
//   manifest.sig                   Ed25519 signature of manifest.json (raw 64 bytes)
// Thread safety: functions; the Archive passed in is only read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "archive/error.h"

namespace holdfast::archive {

struct BundleRequest {
  std::string case_name;
  std::string query;  // recorded in case.json
  std::filesystem::path out;
};

// Writes the records `sequences` with proofs against the archive's latest head.
[[nodiscard]] tl::expected<void, Error> WriteBundle(const Archive& archive,
                                                    std::span<const uint64_t> sequences,
                                                    const BundleRequest& request);

struct BundleReport {
  bool ok = false;
  uint64_t items = 0;
  // Of the archive's first key: public.pem, or the start of the chain of handovers that leads
  // to it. Compare it with the one the archive publishes.
  std::string key_fingerprint;
  std::vector<std::string> key_chain;  // fingerprints, first to public.pem, after rotations
  std::string case_name;
  uint64_t tree_size = 0;
  std::string message;  // the first problem found, naming the file
};

// Checks a bundle with nothing but the bundle: manifest hashes and signature, head signature,
// each item's content digest, leaf hash and inclusion proof.
[[nodiscard]] BundleReport VerifyBundle(const std::filesystem::path& zip);

}  // namespace holdfast::archive
