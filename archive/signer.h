// Ed25519 keys of an archive (OpenSSL), stored as PEM: the private key signs tree heads and
// bundle manifests; the public key travels with every bundle.
// Thread safety: Signer is immutable after Load/Generate; share freely.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/error.h"

namespace holdfast::archive {

class Signer {
 public:
  ~Signer();
  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;

  // Generates a fresh key pair; writes private_pem (mode 0600) and public_pem.
  [[nodiscard]] static tl::expected<Signer, Error> Generate(
      const std::filesystem::path& private_pem, const std::filesystem::path& public_pem);
  [[nodiscard]] static tl::expected<Signer, Error> Load(const std::filesystem::path& private_pem);

  // 64-byte Ed25519 signature of `message`.
  [[nodiscard]] tl::expected<std::string, Error> Sign(std::string_view message) const;
  const std::string& public_pem() const;

 private:
  struct Key;
  explicit Signer(std::unique_ptr<Key> key);
  std::unique_ptr<Key> key_;
};

// True if `signature` is a valid Ed25519 signature of `message` under the PEM public key.
bool VerifySignature(std::string_view public_pem, std::string_view message,
                     std::string_view signature);

// A short id of a public key: the first 8 bytes of SHA-256 of its DER form, as hex; empty if
// `public_pem` holds no Ed25519 public key.
std::string KeyFingerprint(std::string_view public_pem);

}  // namespace holdfast::archive
