// The keys an archive has signed with, and how one hands over to the next (holdfast rotate-key).
//
//   DIR/keys/private.pem                the key in force (mode 0600)
//   DIR/keys/public.pem                 its public half
//   DIR/keys/retired/<fingerprint>.pem  the public half of every earlier key (KeyFingerprint)
//   DIR/keys/retired/<fingerprint>.handover.note  a copy of the head that retired it
//   DIR/keys/next/private.pem, public.pem  only during a rotation: the key handed over to
//
// Archive::RotateKey commits a last head with the old key, generates the new pair in keys/next,
// appends a handover head (tree_head.h) that the new key signs and the old key cosigns, then
// retires the old public key and moves the new pair into place; the old private key is gone.
// A writer that opens an archive where keys/next is left behind by a crash finishes the
// rotation when the log's last record is the handover naming that key, and discards keys/next
// otherwise, before it signs anything.
//
// Archive::Verify follows the chain: the first head is signed by one of the keys in DIR/keys;
// each later head by the key in force; a handover head names the last head exactly (size and
// root) and the key in force by fingerprint, is signed by the key it names and cosigned by the
// key in force, and makes the named key the key in force. keys/public.pem must be the last one.
// Thread safety: functions.
#pragma once

#include <filesystem>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"

namespace holdfast::archive {

// PEM text of every public key in DIR/keys: keys/public.pem first, then keys/retired/*.pem in
// file-name order.
[[nodiscard]] tl::expected<std::vector<std::string>, Error> ArchivePublicKeys(
    const std::filesystem::path& dir);

// A retired key and the handover head that retired it, as kept in keys/retired.
struct RetiredKey {
  std::string fingerprint;
  std::string public_pem;
  std::string handover_note;
};
[[nodiscard]] tl::expected<std::vector<RetiredKey>, Error> RetiredKeys(
    const std::filesystem::path& dir);

}  // namespace holdfast::archive
