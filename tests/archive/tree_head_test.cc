#include "archive/tree_head.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "archive/internal/digest.h"
#include "archive/internal/encoding.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

constexpr int64_t kMay1Noon = 1714564800000000;  // 2024-05-01T12:00:00Z
const std::string kOrigin = "holdfast/0123456789abcdef";
const std::string kDash = "\xE2\x80\x94";  // U+2014 EM DASH

class TreeHeadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto signer = Signer::Generate(dir_ / "private.pem", dir_ / "public.pem");
    ASSERT_TRUE(signer.has_value()) << signer.error().ToString();
    signer_.emplace(std::move(*signer));
    root_ = Sha256("some tree");
  }

  TreeHead Sign(uint64_t size, int64_t time_us = kMay1Noon) {
    auto head = SignHead(*signer_, kOrigin, size, root_, time_us);
    EXPECT_TRUE(head.has_value()) << head.error().ToString();
    return head.value_or(TreeHead{});
  }

  // The raw key is the last 32 bytes of the 44-byte DER SubjectPublicKeyInfo.
  std::string RawPublicKey() const {
    std::string base64;
    std::istringstream lines(signer_->public_pem());
    for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with("-----")) {
        base64 += line;
      }
    }
    return internal::Base64Decode(base64).value_or("").substr(12);
  }

  TempDir dir_;
  std::optional<Signer> signer_;
  Hash root_{};
};

TEST_F(TreeHeadTest, BodyIsOriginSizeBase64RootAndMicrosecondTime) {
  const TreeHead head = Sign(42, kMay1Noon + 123456);
  EXPECT_EQ(head.Body(), kOrigin + "\n42\n" +
                             internal::Base64Encode(std::string(
                                 reinterpret_cast<const char*>(root_.data()), root_.size())) +
                             "\ntime 2024-05-01T12:00:00.123456Z\n");
  EXPECT_TRUE(VerifySignature(signer_->public_pem(), head.Body(), head.signature));
}

TEST_F(TreeHeadTest, NoteEndsWithAnEmDashSignatureLineCarryingTheC2spKeyHint) {
  const TreeHead head = Sign(7);
  const std::string note = head.Note();
  const std::string prefix = head.Body() + "\n" + kDash + " " + kOrigin + " ";
  ASSERT_TRUE(note.starts_with(prefix)) << note;
  ASSERT_TRUE(note.ends_with("\n"));
  const auto blob =
      internal::Base64Decode(note.substr(prefix.size(), note.size() - prefix.size() - 1));
  ASSERT_TRUE(blob.has_value());
  ASSERT_EQ(blob->size(), 68u);
  const Hash id = Sha256(kOrigin + "\n\x01" + RawPublicKey());
  EXPECT_EQ(blob->substr(0, 4), std::string(reinterpret_cast<const char*>(id.data()), 4));
  EXPECT_EQ(blob->substr(4), head.signature);
}

TEST_F(TreeHeadTest, ParsedNoteEqualsTheSignedHeadAndVerifies) {
  for (int64_t time : {kMay1Noon, kMay1Noon + 1, int64_t{-1}, int64_t{0}}) {
    const TreeHead head = Sign(1234567, time);
    auto parsed = ParseNote(head.Note());
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    EXPECT_EQ(parsed->origin, head.origin);
    EXPECT_EQ(parsed->size, head.size);
    EXPECT_EQ(parsed->root, head.root);
    EXPECT_EQ(parsed->time_us, time);
    EXPECT_EQ(parsed->signature, head.signature);
    EXPECT_EQ(parsed->key_hint, head.key_hint);
    EXPECT_EQ(parsed->Note(), head.Note());
    EXPECT_TRUE(VerifyHead(*parsed, signer_->public_pem()));
  }
}

TEST_F(TreeHeadTest, HeadWithAChangedSizeRootOrTimeFailsToVerify) {
  const TreeHead head = Sign(10);
  TreeHead size = head;
  size.size = 9;
  TreeHead root = head;
  root.root[0] ^= 1;
  TreeHead time = head;
  time.time_us += 1;
  EXPECT_FALSE(VerifyHead(size, signer_->public_pem()));
  EXPECT_FALSE(VerifyHead(root, signer_->public_pem()));
  EXPECT_FALSE(VerifyHead(time, signer_->public_pem()));
}

TEST_F(TreeHeadTest, TamperedNoteParsesButFailsToVerify) {
  std::string note = Sign(10).Note();
  note[note.find("\n10\n") + 2] = '1';  // size 10 -> 11
  auto parsed = ParseNote(note);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->size, 11u);
  EXPECT_FALSE(VerifyHead(*parsed, signer_->public_pem()));
}

TEST_F(TreeHeadTest, HeadFailsToVerifyUnderAnotherKey) {
  auto other = Signer::Generate(dir_ / "other.pem", dir_ / "other.pub");
  ASSERT_TRUE(other.has_value());
  const TreeHead head = Sign(3);
  EXPECT_FALSE(VerifyHead(head, other->public_pem()));
  // Same signature, hint of the other key: the hint alone must not make it verify.
  auto forged = SignHead(*other, kOrigin, 3, root_, kMay1Noon);
  ASSERT_TRUE(forged.has_value());
  TreeHead mixed = head;
  mixed.key_hint = forged->key_hint;
  EXPECT_FALSE(VerifyHead(mixed, signer_->public_pem()));
  EXPECT_FALSE(VerifyHead(mixed, other->public_pem()));
}

TEST_F(TreeHeadTest, ParseNoteNamesWhatIsMalformed) {
  const std::string note = Sign(5).Note();
  const std::string body = Sign(5).Body();
  const std::string signature_line = note.substr(body.size() + 1);
  auto expect_error = [](const std::string& text, const std::string& reason) {
    auto parsed = ParseNote(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().message, "malformed tree head note: " + reason) << text;
  };
  expect_error(body, "no blank line between body and signature");
  expect_error("extra\nmore\n" + note,
               "the body must be four lines (origin, size, root, time) and a handover line at "
               "most");
  std::string leading_zero = note;
  leading_zero.replace(leading_zero.find("\n5\n"), 3, "\n05\n");
  expect_error(leading_zero, "the size line is not a decimal number");
  std::string short_root = note;
  short_root.erase(short_root.find("\n5\n") + 3, 4);
  expect_error(short_root, "the root line is not a base64 SHA-256 hash");
  std::string bad_time = note;
  bad_time.replace(bad_time.find("T12:00"), 1, " ");
  expect_error(bad_time, "the time line is not \"time YYYY-MM-DDTHH:MM:SS.ffffffZ\"");
  expect_error(body + "\n" + signature_line + signature_line + signature_line + signature_line +
                   signature_line,
               "expected one to 4 signature lines after the blank line");
  expect_error(note.substr(0, note.size() - 1),
               "expected one to 4 signature lines after the blank line");
  expect_error(body + "\n", "expected one to 4 signature lines after the blank line");
  expect_error(body + "\n- " + signature_line.substr(kDash.size() + 1),
               "the signature line does not start with \"" + kDash + " \"");
  std::string other_name = note;
  other_name.replace(body.size() + 1 + kDash.size() + 1, kOrigin.size(), "holdfast/other");
  expect_error(other_name, "the signature line does not name the origin");
  std::string short_signature = note;
  short_signature.erase(short_signature.size() - 5, 4);
  expect_error(short_signature, "the signature is not base64 of a key hint and 64 bytes");
}

TEST_F(TreeHeadTest, SignHeadRefusesAnOriginThatASignatureLineCannotCarry) {
  auto spaced = SignHead(*signer_, "holdfast archive", 1, root_, kMay1Noon);
  ASSERT_FALSE(spaced.has_value());
  EXPECT_EQ(spaced.error().message, "a tree head origin must be non-empty without spaces or '+'");
  auto empty = SignHead(*signer_, "", 1, root_, kMay1Noon);
  ASSERT_FALSE(empty.has_value());
}

class HandoverTest : public TreeHeadTest {
 protected:
  void SetUp() override {
    TreeHeadTest::SetUp();
    auto next = Signer::Generate(dir_ / "next.pem", dir_ / "next.pub.pem");
    ASSERT_TRUE(next.has_value());
    next_.emplace(std::move(*next));
  }

  // The head `next_` signs to take over from `signer_`, cosigned by `signer_`.
  TreeHead Handover(uint64_t old_size) {
    archive::Handover handover;
    handover.size = old_size;
    handover.root = Sha256("old tree");
    handover.old_key = KeyFingerprint(signer_->public_pem());
    handover.new_public_key = RawKeyOf(next_->public_pem());
    auto head = SignHead(*next_, kOrigin, old_size + 1, root_, kMay1Noon, handover);
    EXPECT_TRUE(head.has_value());
    EXPECT_TRUE(Cosign(*head, *signer_).has_value());
    return head.value_or(TreeHead{});
  }

  static std::string RawKeyOf(const std::string& pem) {
    std::string base64;
    std::istringstream lines(pem);
    for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with("-----")) {
        base64 += line;
      }
    }
    return internal::Base64Decode(base64).value_or("").substr(12);
  }

  std::optional<Signer> next_;
};

TEST_F(HandoverTest, TheHandoverLineEndsTheBodyAndTheOldKeyCosignsOnASecondLine) {
  const TreeHead head = Handover(7);
  const std::string body = head.Body();
  const std::string line = "handover 7 " +
                           internal::Base64Encode(internal::AsBytes(Sha256("old tree"))) + " " +
                           KeyFingerprint(signer_->public_pem()) + " " +
                           internal::Base64Encode(RawKeyOf(next_->public_pem())) + "\n";
  ASSERT_TRUE(body.ends_with(line)) << body;
  const std::string note = head.Note();
  EXPECT_EQ(std::count(note.begin(), note.end(), '\n'), 8);  // 5 body lines, blank, 2 sigs
  auto parsed = ParseNote(note);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->Note(), note);
  ASSERT_TRUE(parsed->handover.has_value());
  EXPECT_EQ(parsed->handover->NewKeyPem(), next_->public_pem());
  EXPECT_TRUE(VerifyHead(*parsed, next_->public_pem()));
  EXPECT_FALSE(VerifyHead(*parsed, signer_->public_pem()));
  EXPECT_TRUE(VerifyCosignature(*parsed, signer_->public_pem()));
  EXPECT_FALSE(VerifyCosignature(*parsed, next_->public_pem()));
}

TEST_F(HandoverTest, ACosignatureDoesNotCarryOverToAChangedBody) {
  TreeHead head = Handover(7);
  head.handover->size = 6;
  EXPECT_FALSE(VerifyCosignature(head, signer_->public_pem()));
  EXPECT_FALSE(VerifyHead(head, next_->public_pem()));
}

TEST_F(HandoverTest, ParseNoteNamesAMalformedHandoverLine) {
  const std::string note = Handover(7).Note();
  auto expect_error = [](const std::string& text, const std::string& reason) {
    auto parsed = ParseNote(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().message, "malformed tree head note: " + reason);
  };
  std::string renamed = note;
  renamed.replace(renamed.find("handover "), 9, "takeover ");
  expect_error(renamed, "the fifth body line is not a handover line");
  std::string short_key = note;
  const size_t end = short_key.find("\n", short_key.find("handover "));
  short_key.erase(end - 8, 4);
  expect_error(short_key, "the handover line's new key is not a base64 Ed25519 key");
  std::string bad_old = note;
  const size_t old = bad_old.find(KeyFingerprint(signer_->public_pem()));
  bad_old[old] = 'X';
  expect_error(bad_old, "the handover line's old key is not 16 hex digits");
  std::string extra = note;
  extra.insert(extra.find("\n\n") + 1, "another line\n");
  expect_error(extra,
               "the body must be four lines (origin, size, root, time) and a handover line at "
               "most");
}

}  // namespace
}  // namespace holdfast::archive
