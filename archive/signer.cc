#include "archive/signer.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>
#include <system_error>

#include "archive/internal/encoding.h"
#include "archive/internal/file_io.h"
#include "archive/internal/openssl_handles.h"
#include "archive/internal/signer_keys.h"
#include "archive/merkle.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

constexpr size_t kSignatureSize = 64;

Error KeyError(const fs::path& path, std::string message) {
  return Error{path.string(), std::nullopt, std::move(message)};
}

// Everything a memory BIO holds, as a string.
std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 && data != nullptr ? std::string(data, static_cast<size_t>(size)) : "";
}

tl::expected<std::string, std::string> PublicPemOf(EVP_PKEY* key) {
  internal::Bio bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
    return tl::unexpected(std::string("cannot encode the public key as PEM"));
  }
  return BioContents(bio.get());
}

tl::expected<std::string, std::string> PrivatePemOf(EVP_PKEY* key) {
  internal::Bio bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return tl::unexpected(std::string("cannot encode the private key as PEM"));
  }
  return BioContents(bio.get());
}

internal::Pkey GenerateEd25519() {
  internal::PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* key = nullptr;
  if (ctx == nullptr || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &key) != 1) {
    return nullptr;
  }
  return internal::Pkey(key);
}

}  // namespace

namespace internal {

Pkey ParsePublicPem(std::string_view pem) {
  if (pem.size() > INT_MAX) {
    return nullptr;
  }
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (bio == nullptr) {
    return nullptr;
  }
  Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return nullptr;
  }
  return key;
}

std::optional<std::string> RawPublicKey(std::string_view pem) {
  Pkey key = ParsePublicPem(pem);
  std::string raw(32, '\0');
  size_t size = raw.size();
  if (key == nullptr ||
      EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()), &size) !=
          1 ||
      size != raw.size()) {
    return std::nullopt;
  }
  return raw;
}

std::string PublicPemFromRaw(std::string_view raw) {
  Pkey key(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
  if (key == nullptr) {
    return "";
  }
  return PublicPemOf(key.get()).value_or("");
}

}  // namespace internal

struct Signer::Key {
  internal::Pkey pkey;
  std::string public_pem;
};

Signer::Signer(std::unique_ptr<Key> key) : key_(std::move(key)) {}
Signer::~Signer() = default;
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;

tl::expected<Signer, Error> Signer::Generate(const fs::path& private_pem,
                                             const fs::path& public_pem) {
  // Overwriting a key would orphan every head it signed; a new key needs a new file.
  std::error_code ec;
  if (fs::exists(private_pem, ec) || ec) {
    return tl::unexpected(KeyError(private_pem, "a key file exists already"));
  }
  auto key = std::make_unique<Key>();
  key->pkey = GenerateEd25519();
  if (key->pkey == nullptr) {
    return tl::unexpected(KeyError(private_pem, "cannot generate an Ed25519 key"));
  }
  auto private_text = PrivatePemOf(key->pkey.get());
  if (!private_text) {
    return tl::unexpected(KeyError(private_pem, private_text.error()));
  }
  auto public_text = PublicPemOf(key->pkey.get());
  if (!public_text) {
    return tl::unexpected(KeyError(public_pem, public_text.error()));
  }
  key->public_pem = std::move(*public_text);
  if (auto written = internal::WriteFileAtomic(private_pem, *private_text, 0600, true); !written) {
    return tl::unexpected(written.error());
  }
  if (auto written = internal::WriteFileAtomic(public_pem, key->public_pem, 0644, true); !written) {
    return tl::unexpected(written.error());
  }
  return Signer(std::move(key));
}

tl::expected<Signer, Error> Signer::Load(const fs::path& private_pem) {
  auto text = internal::ReadWholeFile(private_pem);
  if (!text) {
    return tl::unexpected(text.error());
  }
  if (text->size() > INT_MAX) {
    return tl::unexpected(KeyError(private_pem, "the key file is too large"));
  }
  internal::Bio bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
  if (bio == nullptr) {
    return tl::unexpected(KeyError(private_pem, "cannot allocate a memory BIO"));
  }
  auto key = std::make_unique<Key>();
  key->pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (key->pkey == nullptr) {
    return tl::unexpected(KeyError(private_pem, "not a PEM private key"));
  }
  if (EVP_PKEY_get_id(key->pkey.get()) != EVP_PKEY_ED25519) {
    return tl::unexpected(KeyError(private_pem, "not an Ed25519 key"));
  }
  auto public_text = PublicPemOf(key->pkey.get());
  if (!public_text) {
    return tl::unexpected(KeyError(private_pem, public_text.error()));
  }
  key->public_pem = std::move(*public_text);
  return Signer(std::move(key));
}

tl::expected<std::string, Error> Signer::Sign(std::string_view message) const {
  internal::MdCtx ctx(EVP_MD_CTX_new());
  std::string signature(kSignatureSize, '\0');
  size_t size = signature.size();
  // Ed25519 hashes internally, hence no digest (NULL md) and the one-shot EVP_DigestSign.
  if (ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_->pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      size != kSignatureSize) {
    return tl::unexpected(Error{"", std::nullopt, "Ed25519 signing failed"});
  }
  return signature;
}

const std::string& Signer::public_pem() const { return key_->public_pem; }

bool VerifySignature(std::string_view public_pem, std::string_view message,
                     std::string_view signature) {
  if (signature.size() != kSignatureSize) {
    return false;
  }
  internal::Pkey key = internal::ParsePublicPem(public_pem);
  internal::MdCtx ctx(EVP_MD_CTX_new());
  return key != nullptr && ctx != nullptr &&
         EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

std::string KeyFingerprint(std::string_view public_pem) {
  internal::Pkey key = internal::ParsePublicPem(public_pem);
  if (key == nullptr) {
    return "";
  }
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(key.get(), &der);
  if (size <= 0 || der == nullptr) {
    return "";
  }
  const Hash digest =
      Sha256(std::string_view(reinterpret_cast<const char*>(der), static_cast<size_t>(size)));
  OPENSSL_free(der);
  return internal::HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), 8));
}

}  // namespace holdfast::archive
