// Archive::EraseContent: a record's content leaves the log file for good, yet every head, proof
// and verify still holds; and the listed record types (holds, retention rules, tombstones) are
// found without reading the log, also after keys.db is rebuilt.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive/archive.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

class ErasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Archive::Create(dir_).has_value());
    archive_ = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive_, nullptr);
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(archive_
                      ->Append(Post("p" + std::to_string(i), R"({"n":)" + std::to_string(i) + "}",
                                    "secret text number " + std::to_string(i)))
                      .has_value());
    }
    head_ = archive_->Commit().value();  // records 0-4, head record 5
  }

  std::string Log() const { return SlurpLog(dir_); }

  // Appends and commits the tombstone that names `sequences` as erased, as engine/erasure.cc
  // does before it erases them: verify fails an erased record that no tombstone names.
  void Tombstone(const std::string& post, const std::string& sequences) {
    ASSERT_TRUE(
        archive_
            ->Append(Record{RecordType::kErasure, "erasure:" + post,
                            R"({"post_key":")" + post + R"(","erased":[)" + sequences + "]}",
                            R"({"actor":"test"})"})
            .has_value());
    head_ = archive_->Commit().value();
  }

  TempDir tmp_;
  fs::path dir_ = tmp_.path() / "a";
  TestClock clock_;
  std::unique_ptr<Archive> archive_;
  TreeHead head_;
};

TEST_F(ErasureTest, ContentLeavesTheLogAndEverythingStillVerifies) {
  Tombstone("p2", "2");
  const StoredRecord before = archive_->Read(2).value();
  const auto proof = archive_->InclusionProof(2, head_.size).value();
  ASSERT_NE(Log().find("secret text number 2"), std::string::npos);
  const uint64_t log_bytes = Log().size();

  ASSERT_EQ(archive_->EraseContent(2), true);

  EXPECT_EQ(Log().find("secret text number 2"), std::string::npos);
  EXPECT_NE(Log().find("secret text number 3"), std::string::npos) << "only record 2 goes";
  EXPECT_EQ(Log().size(), log_bytes) << "no frame moves";
  const StoredRecord after = archive_->Read(2).value();
  EXPECT_TRUE(after.content_erased);
  EXPECT_TRUE(after.record.content.empty());
  EXPECT_EQ(after.record.meta, before.record.meta);
  EXPECT_EQ(after.leaf_hash, before.leaf_hash);
  EXPECT_EQ(archive_->InclusionProof(2, head_.size).value(), proof);
  const VerifyReport report = archive_->Verify();
  EXPECT_TRUE(report.ok) << report.message;

  // Reopened (records.idx and keys.db as derived at open), the same holds.
  archive_.reset();
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->Read(2).value().content_erased);
  EXPECT_EQ(reader->LatestHead().value().root, head_.root);
  EXPECT_TRUE(reader->Verify().ok);
}

TEST_F(ErasureTest, AnErasedRecordThatNoTombstoneNamesFailsVerify) {
  Tombstone("p1", "1");
  ASSERT_EQ(archive_->EraseContent(1), true);
  ASSERT_EQ(archive_->EraseContent(4), true);  // no tombstone names record 4
  const VerifyReport report = archive_->Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, std::optional<uint64_t>(4));
  EXPECT_EQ(report.message, "record 4: its content is erased, but no erasure tombstone names it");
}

TEST_F(ErasureTest, ErasingTwiceIsANoOp) {
  ASSERT_EQ(archive_->EraseContent(1), true);
  const std::string log = Log();
  EXPECT_EQ(archive_->EraseContent(1), false);
  EXPECT_EQ(Log(), log);
}

TEST_F(ErasureTest, RefusesWhatIsNotSignedOrHasNoContent) {
  ASSERT_TRUE(archive_->Append(Post("late", "{}", "not signed yet")).has_value());
  auto unsigned_record = archive_->EraseContent(6);
  ASSERT_FALSE(unsigned_record.has_value());
  EXPECT_NE(unsigned_record.error().message.find("signed head"), std::string::npos);
  ASSERT_TRUE(archive_->Commit().has_value());  // signs the first head record (5) and "late"
  EXPECT_EQ(archive_->EraseContent(6), true);
  auto head_record = archive_->EraseContent(5);
  ASSERT_FALSE(head_record.has_value());
  EXPECT_NE(head_record.error().message.find("tree_head"), std::string::npos);
  EXPECT_FALSE(archive_->EraseContent(99).has_value());

  archive_.reset();
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  auto read_only = reader->EraseContent(1);
  ASSERT_FALSE(read_only.has_value());
  EXPECT_NE(read_only.error().message.find("read-only"), std::string::npos);
}

TEST_F(ErasureTest, NonZeroBytesUnderTheErasedFlagFailVerify) {
  ASSERT_EQ(archive_->EraseContent(3), true);
  archive_.reset();
  // Put content back under the erased flag: "erased" content that is still there is damage.
  std::string log = Log();
  const std::string original = "secret text number 3";
  const std::string zeros(original.size(), '\0');
  const size_t at = log.find(zeros);
  ASSERT_NE(at, std::string::npos);
  log.replace(at, original.size(), original);
  Spit(FirstSegment(dir_), log);
  auto reader = Archive::Open(dir_, Options{});
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  const VerifyReport report = (*reader)->Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, std::optional<uint64_t>(3)) << report.message;
}

TEST_F(ErasureTest, ListedTypesAreFoundByTypeAlsoAfterKeysDbIsRebuilt) {
  ASSERT_TRUE(
      archive_->Append(Record{RecordType::kHold, "hold:a@1", R"({"name":"a"})", "{}"}).has_value());
  ASSERT_TRUE(archive_->Append(Post("p9", "{}", "x")).has_value());
  ASSERT_TRUE(
      archive_->Append(Record{RecordType::kRetention, "retention:r@2", "{}", "{}"}).has_value());
  ASSERT_TRUE(
      archive_->Append(Record{RecordType::kHold, "hold:b@3", R"({"name":"b"})", "{}"}).has_value());
  // Before the commit the writer lists them already; a reader sees them after it.
  EXPECT_EQ(archive_->SequencesOfType(RecordType::kHold).value(), (std::vector<uint64_t>{6, 9}));
  ASSERT_TRUE(archive_->Commit().has_value());
  EXPECT_EQ(archive_->SequencesOfType(RecordType::kRetention).value(), (std::vector<uint64_t>{8}));
  EXPECT_TRUE(archive_->SequencesOfType(RecordType::kErasure).value().empty());

  // A record without a key is listed all the same (reviews have none).
  auto keyless = archive_->Append(Record{RecordType::kHold, "", "{}", "{}"});
  ASSERT_TRUE(keyless.has_value() && keyless->has_value());
  const uint64_t keyless_sequence = **keyless;
  ASSERT_TRUE(archive_->Commit().has_value());
  archive_.reset();

  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::remove(dir_ / "log" / (std::string("keys.db") + suffix));
  }
  auto writer = OpenOrDie(dir_, Writable(clock_));  // rebuilds keys.db from the log
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->SequencesOfType(RecordType::kHold).value(),
            (std::vector<uint64_t>{6, 9, keyless_sequence}));
  writer.reset();
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->SequencesOfType(RecordType::kRetention).value(), (std::vector<uint64_t>{8}));
}

}  // namespace
}  // namespace holdfast::archive
