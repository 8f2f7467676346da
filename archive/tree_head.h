// A signed tree head: the archive's promise that the log's first `size` records hash to
// `root` at `time`. Written as a signed note in the manner of C2SP tlog-checkpoint:
//
//   <origin>\n<size>\n<base64 root>\ntime <RFC 3339 UTC>\n      <- the signed body
//   \n
//   — <origin> <base64(4-byte key hint || 64-byte Ed25519 signature)>\n
// Thread safety: immutable value.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/error.h"
#include "archive/record.h"

namespace holdfast::archive {

class Signer;

struct TreeHead {
  std::string origin;  // "holdfast/<archive id>"
  uint64_t size = 0;
  Hash root{};
  int64_t time_us = 0;
  std::string signature;  // 64 raw bytes
  // C2SP signed-note key ID: the first 4 bytes of SHA-256(origin || "\n" || 0x01 || 32-byte
  // Ed25519 public key). Set by SignHead and ParseNote; written in the signature line.
  std::array<uint8_t, 4> key_hint{};

  std::string Body() const;  // exactly the signed bytes
  std::string Note() const;  // body, blank line, signature line
};

[[nodiscard]] tl::expected<TreeHead, Error> SignHead(const Signer& signer, std::string origin,
                                                     uint64_t size, const Hash& root,
                                                     int64_t time_us);
[[nodiscard]] tl::expected<TreeHead, Error> ParseNote(std::string_view note);
// True if the signature over Body() verifies under the PEM public key and key_hint names it.
bool VerifyHead(const TreeHead& head, std::string_view public_pem);

}  // namespace holdfast::archive
