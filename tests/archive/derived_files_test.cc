// The files an archive derives from its log, log/records.idx (where each frame starts, its leaf
// hash) and log/keys.db (which keys the log holds): rebuilt when missing or when they no longer
// match the log, and never trusted over it. Faults in keys.db that a crash cannot cause are
// written with SQLite directly.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/merkle.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kEntrySize = 40;  // records.idx: u64 offset + 32-byte leaf hash

class DerivedFilesTest : public ::testing::Test {
 protected:
  // 700 posts p0..p699 over three commits (heads at 300 and 601, and 702): enough records
  // that the cached subtrees of 256 leaves are used.
  void SetUp() override {
    ASSERT_TRUE(Archive::Create(dir_).has_value());
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    for (int i = 0; i < 700; ++i) {
      ASSERT_TRUE(archive->Append(Post("p" + std::to_string(i), "{}", "c")).has_value());
      if (i == 299 || i == 599) {
        ASSERT_TRUE(archive->Commit().has_value());
      }
    }
    head_ = archive->Commit().value();
    ASSERT_EQ(head_.size, 702u);
  }

  fs::path idx() const { return dir_ / "log" / "records.idx"; }
  fs::path keys() const { return dir_ / "log" / "keys.db"; }

  void RemoveKeyStore() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      fs::remove(keys().string() + suffix);
    }
  }

  // Runs `sql` on keys.db, as a fault no crash of ours can cause.
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(keys().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  uint64_t SqlCount(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(keys().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
    const auto value = static_cast<uint64_t>(sqlite3_column_int64(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
  }

  // Every 50th record's inclusion proof verifies against the signed root.
  void ExpectProofsVerify(const Archive& archive) {
    for (uint64_t i = 0; i < head_.size; i += 50) {
      auto proof = archive.InclusionProof(i, head_.size);
      ASSERT_TRUE(proof.has_value()) << proof.error().ToString();
      EXPECT_TRUE(VerifyInclusion(i, head_.size, archive.Read(i)->leaf_hash, *proof, head_.root))
          << "record " << i;
    }
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
  TreeHead head_;
};

TEST_F(DerivedFilesTest, CommitLeavesOneIndexEntryPerRecordAndEveryKeyInTheStore) {
  EXPECT_EQ(fs::file_size(idx()), 703 * kEntrySize);
  EXPECT_EQ(SqlCount("SELECT count(*) FROM keys"), 700u);  // heads carry no key
  EXPECT_EQ(SqlCount("SELECT value FROM state WHERE name = 'covered'"), 703u);
}

TEST_F(DerivedFilesTest, MissingIndexAndKeyStoreAreRebuiltFromTheLog) {
  const std::string original = Slurp(idx());
  fs::remove(idx());
  RemoveKeyStore();
  {
    auto reader = OpenOrDie(dir_, Options{});
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->size(), 703u);
    EXPECT_TRUE(reader->Contains("p123"));
    ExpectProofsVerify(*reader);
  }
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(Slurp(idx()), original);
  EXPECT_EQ(writer->Append(Post("p123", "{}", "again")).value(), std::nullopt);
  EXPECT_EQ(writer->Append(Post("new", "{}", "c")).value(), 703u);
  ASSERT_TRUE(writer->Commit().has_value());
  ExpectProofsVerify(*writer);
  EXPECT_TRUE(writer->Verify().ok) << writer->Verify().message;
}

TEST_F(DerivedFilesTest, IndexWhoseLastEntryDisagreesWithTheLogIsRebuilt) {
  const std::string original = Slurp(idx());
  std::string bad = original;
  bad[bad.size() - 1] ^= 0x01;  // the leaf hash of the last entry
  Spit(idx(), bad);
  {
    auto reader = OpenOrDie(dir_, Options{});
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->size(), 703u);
    ExpectProofsVerify(*reader);
  }
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(Slurp(idx()), original);
}

TEST_F(DerivedFilesTest, IndexLongerThanTheLogIsCutBackToIt) {
  // Log and head.note as they were at the last head; records.idx kept entries written after.
  const std::string log = Slurp(FirstSegment(dir_));
  const std::string note = Slurp(dir_ / "head.note");
  {
    auto writer = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(writer, nullptr);
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(writer->Append(Post("late" + std::to_string(i), "{}", "c")).has_value());
    }
    ASSERT_TRUE(writer->Commit().has_value());
  }
  ASSERT_EQ(fs::file_size(idx()), 709 * kEntrySize);
  Spit(FirstSegment(dir_), log);
  Spit(dir_ / "head.note", note);
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->size(), 703u);
  EXPECT_EQ(fs::file_size(idx()), 703 * kEntrySize);
  EXPECT_FALSE(writer->Contains("late0"));
  EXPECT_EQ(writer->Append(Post("late0", "{}", "c")).value(), 703u);
  ASSERT_TRUE(writer->Commit().has_value());
  EXPECT_TRUE(writer->Verify().ok) << writer->Verify().message;
}

TEST_F(DerivedFilesTest, ReaderSeesKeysAWriterAppendedButHasNotCommitted) {
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Append(Post("pending", "{}", "c")).has_value());
  ASSERT_TRUE(writer->Read(703).has_value());  // writes the frame out, commits nothing
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->size(), 704u);
  EXPECT_TRUE(reader->Contains("pending"));
  EXPECT_TRUE(reader->Contains("p0"));
  EXPECT_FALSE(reader->Contains("p700"));
}

TEST_F(DerivedFilesTest, KeyStoreMatchIsConfirmedAgainstTheRecordItNames) {
  // A row saying record 5 (whose key is "p5") has the key "ghost".
  const std::string digest = ToHex(Sha256("ghost")).substr(0, 32);
  Sql("INSERT INTO keys(digest, sequence) VALUES(X'" + digest + "', 5)");
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_FALSE(writer->Contains("ghost"));
  EXPECT_TRUE(writer->Contains("p5"));
  EXPECT_EQ(writer->Append(Post("ghost", "{}", "c")).value(), 703u);
  EXPECT_TRUE(writer->Contains("ghost"));
  EXPECT_EQ(writer->Append(Post("ghost", "{}", "again")).value(), std::nullopt);
}

TEST_F(DerivedFilesTest, KeyStoreClaimingMoreRecordsThanTheLogIsRebuilt) {
  Sql("UPDATE state SET value = 5000 WHERE name = 'covered'; DELETE FROM keys;");
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->Append(Post("p42", "{}", "again")).value(), std::nullopt);
  writer.reset();
  EXPECT_EQ(SqlCount("SELECT value FROM state WHERE name = 'covered'"), 703u);
  EXPECT_EQ(SqlCount("SELECT count(*) FROM keys"), 700u);
}

TEST_F(DerivedFilesTest, KeyStoreBehindTheLogCatchesUpAtOpen) {
  // A crash after the log's commit but before the key store's.
  Sql("UPDATE state SET value = 300 WHERE name = 'covered'; DELETE FROM keys WHERE sequence >= "
      "300;");
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->Append(Post("p650", "{}", "again")).value(), std::nullopt);
  writer.reset();
  EXPECT_EQ(SqlCount("SELECT count(*) FROM keys"), 700u);
}

TEST_F(DerivedFilesTest, KeyStoreOfAnOlderListingIsCompletedAndReadersReadTheLogMeanwhile) {
  std::vector<uint64_t> flags, reviews;
  {
    auto writer = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(writer, nullptr);
    for (int i = 0; i < 5; ++i) {
      const std::string id = std::to_string(i);
      flags.push_back(**writer->Append({RecordType::kFlag, "flag:" + id, "{}", "{}"}));
      ASSERT_TRUE(writer->Append(Post("q" + id, "{}", "c")).has_value());
      reviews.push_back(**writer->Append({RecordType::kReview, "", "{}", "{}"}));  // no key
    }
    ASSERT_TRUE(writer->Commit().has_value());
  }
  EXPECT_EQ(SqlCount("SELECT value FROM state WHERE name = 'listed'"), kListedTypesVersion);
  EXPECT_EQ(SqlCount("SELECT count(*) FROM typed WHERE type = 3"), 5u);
  // A store written before flags and reviews were listed: it says no version, lists neither.
  Sql("DELETE FROM typed WHERE type IN (2, 3); DELETE FROM state WHERE name = 'listed';");
  {
    auto reader = OpenOrDie(dir_, Options{});
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->SequencesOfType(RecordType::kFlag).value(), flags);
    EXPECT_EQ(reader->SequencesOfType(RecordType::kReview).value(), reviews);
  }
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->SequencesOfType(RecordType::kFlag).value(), flags);
  writer.reset();
  EXPECT_EQ(SqlCount("SELECT value FROM state WHERE name = 'listed'"), kListedTypesVersion);
  EXPECT_EQ(SqlCount("SELECT count(*) FROM typed WHERE type = 2"), 5u);
  EXPECT_EQ(SqlCount("SELECT count(*) FROM typed WHERE type = 3"), 5u);
}

}  // namespace
}  // namespace holdfast::archive
