// Archive::Verify against damaged files: each test changes the log or head.note on disk the
// way a fault or an attacker would and checks that Verify names the first bad record.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/log_file.h"
#include "archive/merkle.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

class VerifyTest : public ::testing::Test {
 protected:
  // Records 0-3, head 4 (size 4), records 5-7, head 8 (size 8).
  void SetUp() override {
    ASSERT_TRUE(Archive::Create(dir_).has_value());
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    for (int i = 0; i < 8; ++i) {
      if (i == 4) {
        ASSERT_TRUE(archive->Commit().has_value());
        continue;
      }
      const std::string id = std::to_string(i);
      ASSERT_TRUE(archive->Append(Post("p" + id, "meta-" + id, "content-" + id)).has_value());
    }
    ASSERT_TRUE(archive->Commit().has_value());
    ASSERT_EQ(archive->size(), 9u);
  }

  fs::path log() const { return FirstSegment(dir_); }

  // Where each frame starts, and the end of the file.
  std::vector<uint64_t> FrameOffsets() const {
    const internal::SegmentSet segments = LogSegments(dir_);
    auto reader = internal::LogReader::Open(segments);
    EXPECT_TRUE(reader.has_value());
    std::vector<uint64_t> offsets;
    while (true) {
      offsets.push_back(reader->offset());
      auto next = reader->Next();
      if (!next.has_value() || !next->has_value()) {
        return offsets;
      }
    }
  }

  void FlipByteAt(uint64_t offset) {
    std::string bytes = Slurp(log());
    bytes[offset] ^= 0x20;
    Spit(log(), bytes);
  }

  // Rewrites the log, letting `edit` change records, with their stored digests and leaf
  // hashes recomputed: what someone who can write the files but not sign would do.
  void Rewrite(const std::function<void(StoredRecord&)>& edit) { RewriteLog(dir_, edit); }

  VerifyReport VerifyReadOnly() {
    auto archive = OpenOrDie(dir_, Options{});
    return archive != nullptr ? archive->Verify() : VerifyReport{};
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
};

TEST_F(VerifyTest, FlippedContentByteIsReportedAsThatRecordsDigestMismatch) {
  const std::string bytes = Slurp(log());
  FlipByteAt(bytes.find("content-6") + 8);
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 6u);
  EXPECT_EQ(report.message, "record 6: content digest does not match");
}

TEST_F(VerifyTest, FlippedMetaByteIsReportedAsThatRecordsBytesChanged) {
  const std::string bytes = Slurp(log());
  FlipByteAt(bytes.find("meta-2") + 5);
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 2u);
  EXPECT_EQ(report.message, "record 2: record bytes changed: its leaf hash does not match");
  EXPECT_EQ(report.records, 3u);
}

TEST_F(VerifyTest, FlippedMagicIsReportedAsBadFramingOfThatRecord) {
  FlipByteAt(FrameOffsets()[5]);
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 5u);
  EXPECT_EQ(report.message, "record 5: bad frame magic (expected \"HFR2\" or \"HFR1\")");
}

TEST_F(VerifyTest, RewrittenRecordWithFreshHashesIsCaughtByTheHeadThatSignedIt) {
  Rewrite([](StoredRecord& stored) {
    if (stored.sequence == 6) {
      stored.record.content = "content-6, edited";
    }
  });
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 8u);
  EXPECT_EQ(report.message, "record 8 (tree head): records 4..7 do not match the signed root");
}

TEST_F(VerifyTest, LogCutMidFrameFailsNamingTheTornRecord) {
  const std::vector<uint64_t> offsets = FrameOffsets();
  fs::resize_file(log(), offsets[3] + 20);
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 3u);
  EXPECT_EQ(report.message, "record 3: torn frame: the file ends 20 bytes into a frame of " +
                                std::to_string(offsets[4] - offsets[3]));
}

TEST_F(VerifyTest, LogCutInsideTheLastHeadRecordFails) {
  fs::resize_file(log(), fs::file_size(log()) - 1);
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 8u);
  EXPECT_NE(report.message.find("record 8: torn frame"), std::string::npos) << report.message;
}

TEST_F(VerifyTest, LogCutAtAFrameBoundaryBeforeTheLastHeadFails) {
  fs::resize_file(log(), FrameOffsets()[6]);  // records 0-5 remain
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 6u);
  EXPECT_EQ(report.message, "log truncated: head.note signs 8 records, log holds 6");
}

TEST_F(VerifyTest, WriterRefusesALogShorterThanItsSignedHead) {
  fs::resize_file(log(), FrameOffsets()[6]);
  auto writer = Archive::Open(dir_, Writable(clock_));
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().path, (dir_ / "log" / "segments").string());
  EXPECT_EQ(writer.error().message, "log truncated: head.note signs 8 records, log holds 6");
}

TEST_F(VerifyTest, WriterRefusesALogDamagedBeforeItsSignedHead) {
  fs::resize_file(log(), FrameOffsets()[3] + 20);
  auto writer = Archive::Open(dir_, Writable(clock_));
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().sequence, 3u);
  EXPECT_NE(writer.error().message.find("run verify before writing"), std::string::npos)
      << writer.error().message;
}

TEST_F(VerifyTest, WriterCutsOffAnAppendTornByACrashAfterTheLastHead) {
  uint64_t whole = 0;
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    ASSERT_TRUE(archive->Append(Post("late", "m", "never committed")).has_value());
    ASSERT_TRUE(archive->Read(9).has_value());  // reading writes the buffered frame out
    whole = fs::file_size(log());
  }
  fs::resize_file(log(), whole - 7);
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->size(), 9u);
  EXPECT_FALSE(archive->Contains("late"));
  EXPECT_EQ(fs::file_size(log()), FrameOffsets().back());
  EXPECT_EQ(archive->repair_note(),
            log().string() + ": cut off " + std::to_string(whole - 7 - FrameOffsets().back()) +
                " bytes of 1 record torn after record 8 (an append a crash cut short; it was "
                "never committed)");
  const VerifyReport report = archive->Verify();
  EXPECT_TRUE(report.ok) << report.message;
}

TEST_F(VerifyTest, AnAppendCutShortAfterTheLastHeadVerifiesWithANote) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    ASSERT_TRUE(archive->Append(Post("late", "m", "never committed")).has_value());
    ASSERT_TRUE(archive->Read(9).has_value());  // reading writes the buffered frame out
  }
  fs::resize_file(log(), fs::file_size(log()) - 7);  // a full disk took the frame's last bytes
  const VerifyReport report = VerifyReadOnly();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.records, 9u);
  EXPECT_NE(report.note.find("after record 8 the log holds an append that was cut short"),
            std::string::npos)
      << report.note;
}

TEST_F(VerifyTest, HeadNoteFromAnotherKeyFails) {
  TempDir other;
  ASSERT_TRUE(Archive::Create(other / "a").has_value());
  auto foreign = OpenOrDie(other / "a", Writable(clock_));
  ASSERT_NE(foreign, nullptr);
  ASSERT_TRUE(foreign->Commit().has_value());
  fs::copy_file(other / "a" / "head.note", dir_ / "head.note",
                fs::copy_options::overwrite_existing);
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message, "head.note: signature does not verify under keys/public.pem");
}

TEST_F(VerifyTest, MissingHeadNoteFailsWhenTheLogHoldsSignedHeads) {
  fs::remove(dir_ / "head.note");
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message, "head.note is missing, though the log holds signed heads");
}

// A MerkleCache carries the subtree roots one writer hashed to the next writer of the folder:
// every head they sign still verifies, and a log made afresh in the same folder, whose first
// leaf differs, is not given the old log's roots.
TEST(MerkleCacheTest, WritersSharingACacheSignRootsThatVerify) {
  TempDir tmp;
  const fs::path dir = tmp / "archive";
  TestClock clock;
  auto cache = NewMerkleCache();
  auto write = [&](int batches, bool cached) {
    for (int batch = 0; batch < batches; ++batch) {
      Options options = Writable(clock);
      options.merkle_cache = cached ? cache : nullptr;
      auto archive = OpenOrDie(dir, options);
      ASSERT_NE(archive, nullptr);
      for (int i = 0; i < 300; ++i) {  // more than a block of 256 leaves per writer
        const std::string id = std::to_string(archive->size());
        ASSERT_TRUE(archive->Append(Post("p" + id, "meta-" + id, "content-" + id)).has_value());
      }
      ASSERT_TRUE(archive->Commit().has_value());
    }
  };
  auto verify = [&] {
    auto archive = OpenOrDie(dir, Options{});
    ASSERT_NE(archive, nullptr);
    const VerifyReport report = archive->Verify();
    EXPECT_TRUE(report.ok) << report.message;
    EXPECT_GE(report.heads_checked, 3u);
  };
  ASSERT_TRUE(Archive::Create(dir).has_value());
  write(4, true);
  verify();
  fs::remove_all(dir);
  ASSERT_TRUE(Archive::Create(dir).has_value());
  write(2, false);  // the cache still holds the old log's roots
  write(2, true);
  verify();
}

}  // namespace
}  // namespace holdfast::archive
