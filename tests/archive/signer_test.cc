#include "archive/signer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "archive/internal/encoding.h"
#include "archive/merkle.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The DER bytes inside a PEM block, decoded independently of the code under test's OpenSSL use.
std::string PemBody(const std::string& pem) {
  std::string base64;
  std::istringstream lines(pem);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("-----")) {
      base64 += line;
    }
  }
  return internal::Base64Decode(base64).value_or("");
}

class SignerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto signer = Signer::Generate(private_pem_, public_pem_);
    ASSERT_TRUE(signer.has_value()) << signer.error().ToString();
    signer_.emplace(std::move(*signer));
  }

  TempDir dir_;
  fs::path private_pem_ = dir_ / "private.pem";
  fs::path public_pem_ = dir_ / "public.pem";
  std::optional<Signer> signer_;
};

TEST_F(SignerTest, WritesThePrivateKeyReadableByItsOwnerOnly) {
  struct stat info {};
  ASSERT_EQ(stat(private_pem_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_TRUE(Slurp(private_pem_).starts_with("-----BEGIN PRIVATE KEY-----\n"));
  EXPECT_EQ(Slurp(public_pem_), signer_->public_pem());
  EXPECT_TRUE(signer_->public_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
}

TEST_F(SignerTest, SignatureVerifiesUnderThePublicKey) {
  auto signature = signer_->Sign("tree head body\n");
  ASSERT_TRUE(signature.has_value()) << signature.error().ToString();
  EXPECT_EQ(signature->size(), 64u);
  EXPECT_TRUE(VerifySignature(signer_->public_pem(), "tree head body\n", *signature));
}

TEST_F(SignerTest, SignatureFailsWhenAnyByteOfTheMessageChanges) {
  const std::string message = "holdfast/abc\n12\nroot\ntime 2024-05-01T12:00:00.000000Z\n";
  const std::string signature = signer_->Sign(message).value();
  for (size_t i = 0; i < message.size(); ++i) {
    std::string changed = message;
    changed[i] ^= 0x01;
    EXPECT_FALSE(VerifySignature(signer_->public_pem(), changed, signature)) << "byte " << i;
  }
  EXPECT_FALSE(VerifySignature(signer_->public_pem(), message + "\n", signature));
}

TEST_F(SignerTest, SignatureFailsWhenAnyByteOfTheSignatureChanges) {
  const std::string message = "manifest bytes";
  const std::string signature = signer_->Sign(message).value();
  for (size_t i = 0; i < signature.size(); ++i) {
    std::string changed = signature;
    changed[i] ^= 0x80;
    EXPECT_FALSE(VerifySignature(signer_->public_pem(), message, changed)) << "byte " << i;
  }
  EXPECT_FALSE(VerifySignature(signer_->public_pem(), message, signature.substr(1)));
  EXPECT_FALSE(VerifySignature(signer_->public_pem(), message, ""));
}

TEST_F(SignerTest, SignatureFailsUnderAnotherKeyOrAKeyThatIsNoKey) {
  auto other = Signer::Generate(dir_ / "other.pem", dir_ / "other.pub");
  ASSERT_TRUE(other.has_value());
  const std::string signature = signer_->Sign("message").value();
  EXPECT_FALSE(VerifySignature(other->public_pem(), "message", signature));
  EXPECT_FALSE(VerifySignature("not a key", "message", signature));
}

TEST_F(SignerTest, LoadedKeySignsExactlyAsTheGeneratedOne) {
  auto loaded = Signer::Load(private_pem_);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
  EXPECT_EQ(loaded->public_pem(), signer_->public_pem());
  // Ed25519 signatures are deterministic, so the same key gives the same bytes.
  EXPECT_EQ(loaded->Sign("same").value(), signer_->Sign("same").value());
}

TEST_F(SignerTest, GenerateRefusesToOverwriteAnExistingKey) {
  const std::string before = Slurp(private_pem_);
  auto again = Signer::Generate(private_pem_, public_pem_);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().path, private_pem_.string());
  EXPECT_EQ(again.error().message, "a key file exists already");
  EXPECT_EQ(Slurp(private_pem_), before);
}

TEST_F(SignerTest, LoadReportsAFileThatHoldsNoPrivateKey) {
  auto from_public = Signer::Load(public_pem_);
  ASSERT_FALSE(from_public.has_value());
  EXPECT_EQ(from_public.error().path, public_pem_.string());
  EXPECT_EQ(from_public.error().message, "not a PEM private key");
  auto missing = Signer::Load(dir_ / "missing.pem");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("cannot open"), std::string::npos);
}

TEST_F(SignerTest, FingerprintIsTheFirstEightBytesOfTheDerKeyHash) {
  const std::string der = PemBody(signer_->public_pem());
  ASSERT_EQ(der.size(), 44u);  // SubjectPublicKeyInfo of an Ed25519 key
  const std::string fingerprint = KeyFingerprint(signer_->public_pem());
  EXPECT_EQ(fingerprint, ToHex(Sha256(der)).substr(0, 16));
  EXPECT_EQ(KeyFingerprint("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), "");
}

}  // namespace
}  // namespace holdfast::archive
