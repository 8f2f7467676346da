// RFC 3161 timestamps of signed heads against a real time-stamping authority: one that the
// openssl command makes and runs (tests/testing/tsa/make_tsa.sh, `openssl ts -reply`).
#include "archive/timestamp.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "archive/archive.h"
#include "archive/merkle.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

const std::string kMakeTsa = std::string(HOLDFAST_SOURCE_DIR) + "/tests/testing/tsa/make_tsa.sh";

bool MakeTsa(const fs::path& dir) {
  const std::string command = kMakeTsa + " '" + dir.string() + "' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

class TimestampTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeTsa(tsa_)) << "openssl could not make a test TSA with " << kMakeTsa;
    ASSERT_TRUE(Archive::Create(dir_).has_value());
    archive_ = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive_, nullptr);
    for (int i = 0; i < 3; ++i) {
      const std::string id = std::to_string(i);
      ASSERT_TRUE(archive_->Append(Post("p" + id, "m" + id, "c" + id)).has_value());
    }
    auto head = archive_->Commit();
    ASSERT_TRUE(head.has_value());
    head_ = *head;
  }

  // What the TSA answers to `query`: `openssl ts -reply` run on it.
  std::string Reply(const TimestampQuery& query) {
    Spit(tmp_ / "query.tsq", query.der);
    const std::string command = "openssl ts -reply -config '" + (tsa_ / "tsa.cnf").string() +
                                "' -queryfile '" + (tmp_ / "query.tsq").string() + "' -out '" +
                                (tmp_ / "reply.tsr").string() + "' >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
    return Slurp(tmp_ / "reply.tsr");
  }

  std::string TokenFor(const TreeHead& head) {
    auto query = MakeTimestampQuery(head);
    EXPECT_TRUE(query.has_value());
    auto token = TokenFromResponse(*query, Reply(*query));
    EXPECT_TRUE(token.has_value()) << token.error().message;
    return token.value_or("");
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "a";
  fs::path tsa_ = tmp_ / "tsa";
  TestClock clock_;
  std::unique_ptr<Archive> archive_;
  TreeHead head_;
};

TEST_F(TimestampTest, ATokenFromARealTsaVerifiesAndTheLogKeepsIt) {
  const std::string token = TokenFor(head_);
  const Hash digest = Sha256(head_.Body());
  auto verified = VerifyTimestampToken(token, digest, tsa_ / "ca.pem");
  ASSERT_TRUE(verified.has_value()) << verified.error().ToString();
  EXPECT_EQ(verified->size(), 20u);  // 2026-12-06T10:00:00Z

  auto record = TimestampRecord(head_, token);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->type, RecordType::kTimestamp);
  EXPECT_TRUE(record->key.starts_with("timestamp/3/"));
  auto sequence = archive_->Append(*record);
  ASSERT_TRUE(sequence.has_value() && sequence->has_value());
  ASSERT_TRUE(archive_->Commit().has_value());

  const VerifyReport report = archive_->Verify();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.timestamps, 1u);
  const TimestampReport stamps = VerifyTimestamps(*archive_, tsa_ / "ca.pem");
  EXPECT_TRUE(stamps.ok) << stamps.message;
  EXPECT_EQ(stamps.tokens, 1u);
}

TEST_F(TimestampTest, ATamperedTokenFails) {
  std::string token = TokenFor(head_);
  const Hash digest = Sha256(head_.Body());
  ASSERT_TRUE(VerifyTimestampToken(token, digest, tsa_ / "ca.pem").has_value());
  // The TSA's time, inside the signed TSTInfo: "YYYYMMDDHHMMSSZ" as a GeneralizedTime.
  const size_t time = token.find("Z", token.find("\x18\x0f"));
  ASSERT_NE(time, std::string::npos);
  std::string later = token;
  later[time - 1] = later[time - 1] == '9' ? '8' : static_cast<char>(later[time - 1] + 1);
  auto changed = VerifyTimestampToken(later, digest, tsa_ / "ca.pem");
  ASSERT_FALSE(changed.has_value());
  EXPECT_NE(changed.error().message.find("does not verify under the TSA CA"), std::string::npos)
      << changed.error().message;

  std::string forged = token;
  forged[forged.size() - 3] ^= 0x01;  // inside the signature value, the token's last field
  auto unsigned_token = VerifyTimestampToken(forged, digest, tsa_ / "ca.pem");
  ASSERT_FALSE(unsigned_token.has_value());
}

TEST_F(TimestampTest, ATokenUnderAnotherTsaCaFails) {
  ASSERT_TRUE(MakeTsa(tmp_ / "other"));
  const std::string token = TokenFor(head_);
  auto verified = VerifyTimestampToken(token, Sha256(head_.Body()), tmp_ / "other" / "ca.pem");
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().message.find("does not verify under the TSA CA"), std::string::npos);
}

TEST_F(TimestampTest, ATokenForAnotherHeadFailsVerifyAtItsRecord) {
  const std::string token = TokenFor(head_);
  ASSERT_TRUE(archive_->Append(Post("p9", "m9", "c9")).has_value());
  auto later = archive_->Commit();  // head of 5 records
  ASSERT_TRUE(later.has_value());
  auto mismatch = CheckTimestampImprint(token, Sha256(later->Body()));
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().message,
            "the token timestamps other bytes, not this head's signed body");

  auto record = TimestampRecord(head_, token);
  ASSERT_TRUE(record.has_value());
  record->meta = R"({"tree_size":5})";  // claims the later head
  auto sequence = archive_->Append(*record);
  ASSERT_TRUE(sequence.has_value() && sequence->has_value());
  ASSERT_TRUE(archive_->Commit().has_value());
  const VerifyReport report = archive_->Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, **sequence);
  EXPECT_EQ(report.message, "record " + std::to_string(**sequence) +
                                " (timestamp): the token timestamps other bytes, not this head's "
                                "signed body");
  const TimestampReport stamps = VerifyTimestamps(*archive_, tsa_ / "ca.pem");
  EXPECT_FALSE(stamps.ok);
  EXPECT_EQ(stamps.first_bad, **sequence);
}

TEST_F(TimestampTest, AnAnswerToAnotherQueryIsRefused) {
  auto first = MakeTimestampQuery(head_);
  auto second = MakeTimestampQuery(head_);  // same head, another nonce
  ASSERT_TRUE(first.has_value() && second.has_value());
  const std::string reply = Reply(*first);
  auto token = TokenFromResponse(*second, reply);
  ASSERT_FALSE(token.has_value());
  EXPECT_NE(token.error().message.find("nonce"), std::string::npos) << token.error().message;
}

TEST_F(TimestampTest, ARefusedQueryIsAnError) {
  auto query = MakeTimestampQuery(head_);
  ASSERT_TRUE(query.has_value());
  auto token = TokenFromResponse(*query, "not DER");
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().message, "the TSA's answer is not a DER TimeStampResp");
}

}  // namespace
}  // namespace holdfast::archive
