// Public keys from PEM text, shared by the signer and the signed-note code.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "archive/internal/openssl_handles.h"

namespace holdfast::archive::internal {

// The Ed25519 key in `pem`; null if it is not a PEM public key or not Ed25519.
Pkey ParsePublicPem(std::string_view pem);

// The raw 32-byte Ed25519 public key in `pem`.
std::optional<std::string> RawPublicKey(std::string_view pem);

// The PEM public key of a raw 32-byte Ed25519 key; empty if `raw` is not one.
std::string PublicPemFromRaw(std::string_view raw);

}  // namespace holdfast::archive::internal
