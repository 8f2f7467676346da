// A signed tree head: the archive's promise that the log's first `size` records hash to
// `root` at `time`. Written as a signed note in the manner of C2SP tlog-checkpoint:
//
//   <origin>\n<size>\n<base64 root>\ntime <RFC 3339 UTC>\n      <- the signed body
//   [handover <old size> <base64 old root> <old key fingerprint> <base64 new key>\n]
//   \n
//   — <origin> <base64(4-byte key hint || 64-byte Ed25519 signature)>\n
//   [— <origin> <base64(key hint || signature)>\n]                 <- cosignatures
//
// The handover line appears only in the first head a new key signs (holdfast rotate-key): it
// names the last head the old key signed (its size and root), the old key by KeyFingerprint,
// and the new key by its raw 32 bytes. The first signature line is the new key's; the old key
// cosigns the same body on a second line, which endorses the new key it names.
// Thread safety: immutable value.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/record.h"

namespace holdfast::archive {

class Signer;

// The extension line of a key handover (see above).
struct Handover {
  uint64_t size = 0;           // the old key's last head
  Hash root{};                 // its root
  std::string old_key;         // KeyFingerprint of the old key (16 hex digits)
  std::string new_public_key;  // raw 32-byte Ed25519 public key that signs from here on

  std::string NewKeyPem() const;  // new_public_key as a PEM public key; empty if not Ed25519
};

// One signature line: C2SP key hint and the raw 64-byte signature.
struct NoteSignature {
  std::array<uint8_t, 4> key_hint{};
  std::string signature;
};

struct TreeHead {
  std::string origin;  // "holdfast/<archive id>"
  uint64_t size = 0;
  Hash root{};
  int64_t time_us = 0;
  std::string signature;  // 64 raw bytes
  // C2SP signed-note key ID: the first 4 bytes of SHA-256(origin || "\n" || 0x01 || 32-byte
  // Ed25519 public key). Set by SignHead and ParseNote; written in the signature line.
  std::array<uint8_t, 4> key_hint{};
  std::optional<Handover> handover;         // part of the signed body when present
  std::vector<NoteSignature> cosignatures;  // signature lines after the first

  std::string Body() const;  // exactly the signed bytes
  std::string Note() const;  // body, blank line, signature lines
};

[[nodiscard]] tl::expected<TreeHead, Error> SignHead(const Signer& signer, std::string origin,
                                                     uint64_t size, const Hash& root,
                                                     int64_t time_us,
                                                     std::optional<Handover> handover = {});
// Adds `signer`'s signature of head.Body() as one more signature line.
[[nodiscard]] tl::expected<void, Error> Cosign(TreeHead& head, const Signer& signer);
[[nodiscard]] tl::expected<TreeHead, Error> ParseNote(std::string_view note);
// True if the first signature over Body() verifies under the PEM public key and key_hint
// names it.
bool VerifyHead(const TreeHead& head, std::string_view public_pem);
// True if one of the cosignature lines is a valid signature of Body() by the PEM public key.
bool VerifyCosignature(const TreeHead& head, std::string_view public_pem);
// The C2SP key hint of `public_pem` under `origin`, as 8 hex digits; empty if not Ed25519.
std::string KeyHintHex(std::string_view origin, std::string_view public_pem);
std::string KeyHintHex(const std::array<uint8_t, 4>& hint);

}  // namespace holdfast::archive
