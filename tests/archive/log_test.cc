#include <gtest/gtest.h>

#include <string>

#include "archive/internal/log_file.h"
#include "archive/merkle.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

StoredRecord Sample(uint64_t sequence, std::string content) {
  StoredRecord stored;
  stored.sequence = sequence;
  stored.captured_at_us = -5;  // before 1970: the sign must survive
  stored.record = Record{RecordType::kFlag, "flag:" + std::to_string(sequence),
                         std::string("{\"m\":\0}", 8), std::move(content)};
  stored.salt.fill(0xA5);
  stored.content_digest = ContentDigest(stored.salt, stored.record.content);
  stored.leaf_hash = LeafHash(stored.LeafInput());
  return stored;
}

std::string FrameOf(const StoredRecord& stored) {
  auto frame = internal::EncodeFrame(stored);
  EXPECT_TRUE(frame.has_value()) << frame.error();
  return frame.value_or("");
}

void ExpectSameRecord(const StoredRecord& a, const StoredRecord& b) {
  EXPECT_EQ(a.sequence, b.sequence);
  EXPECT_EQ(a.captured_at_us, b.captured_at_us);
  EXPECT_EQ(a.record.type, b.record.type);
  EXPECT_EQ(a.record.key, b.record.key);
  EXPECT_EQ(a.record.meta, b.record.meta);
  EXPECT_EQ(a.record.content, b.record.content);
  EXPECT_EQ(a.salt, b.salt);
  EXPECT_EQ(a.content_digest, b.content_digest);
  EXPECT_EQ(a.leaf_hash, b.leaf_hash);
  EXPECT_EQ(a.content_erased, b.content_erased);
}

TEST(LogFrameTest, FrameStartsWithMagicAndBigEndianLengthOfTheRest) {
  const std::string frame = FrameOf(Sample(0, "abc"));
  ASSERT_GE(frame.size(), 8u);
  EXPECT_EQ(frame.substr(0, 4), "HFR2");
  const uint32_t length = (uint32_t{static_cast<uint8_t>(frame[4])} << 24) |
                          (uint32_t{static_cast<uint8_t>(frame[5])} << 16) |
                          (uint32_t{static_cast<uint8_t>(frame[6])} << 8) |
                          uint32_t{static_cast<uint8_t>(frame[7])};
  EXPECT_EQ(length, frame.size() - 8);
  EXPECT_EQ(frame[12], static_cast<char>(RecordType::kFlag));
  EXPECT_EQ(frame.substr(frame.size() - 32),
            std::string(reinterpret_cast<const char*>(Sample(0, "abc").leaf_hash.data()), 32));
}

TEST(LogFrameTest, EveryFieldSurvivesEncodeAndDecode) {
  const StoredRecord stored = Sample(7, std::string("bin\0ary", 7));
  auto decoded = internal::DecodeFrame(FrameOf(stored), 7);
  ASSERT_TRUE(decoded.has_value()) << decoded.error();
  ExpectSameRecord(*decoded, stored);

  StoredRecord erased = Sample(8, "");
  erased.content_erased = true;
  auto decoded_erased = internal::DecodeFrame(FrameOf(erased), 8);
  ASSERT_TRUE(decoded_erased.has_value()) << decoded_erased.error();
  EXPECT_TRUE(decoded_erased->content_erased);
}

TEST(LogFrameTest, DecodeRefusesFramesWhoseFieldsDoNotAddUp) {
  const std::string frame = FrameOf(Sample(0, "abc"));
  EXPECT_EQ(internal::DecodeFrame("XFR2" + frame.substr(4), 0).error(),
            "bad frame magic (expected \"HFR2\" or \"HFR1\")");
  EXPECT_EQ(internal::DecodeFrame(frame + "x", 0).error(), "frame length does not match the frame");
  std::string bad_type = frame;
  bad_type[12] = static_cast<char>(200);
  EXPECT_EQ(internal::DecodeFrame(bad_type, 0, internal::CrcCheck::kSkip).error(),
            "unknown record type 200");
  std::string long_key = frame;
  long_key[12 + 1 + 1 + 8] = 0x7f;  // the key length now runs past the frame
  EXPECT_EQ(internal::DecodeFrame(long_key, 0, internal::CrcCheck::kSkip).error(),
            "a field runs past the end of the frame");
}

class LogFileTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(internal::SegmentSet::CreateEmpty(log_dir_).has_value()); }

  internal::SegmentSet Segments() const { return internal::SegmentSet::Open(log_dir_).value(); }

  // Writes the frames of records 0..n-1 through a LogWriter.
  std::vector<StoredRecord> WriteRecords(int n) {
    internal::SegmentSet segments = Segments();
    auto writer = internal::LogWriter::Open(segments, 0, internal::kDefaultSegmentBytes, false);
    EXPECT_TRUE(writer.has_value());
    std::vector<StoredRecord> records;
    for (int i = 0; i < n; ++i) {
      records.push_back(Sample(i, "content " + std::to_string(i)));
      EXPECT_TRUE(writer->Append(FrameOf(records.back()), i).has_value());
    }
    EXPECT_TRUE(writer->Flush().has_value());
    return records;
  }

  TempDir dir_;
  fs::path log_dir_ = dir_ / "log";
  fs::path path_ = internal::SegmentSet::PathFor(log_dir_, 0);
};

TEST_F(LogFileTest, WriterHoldsAppendsInMemoryUntilFlush) {
  internal::SegmentSet segments = Segments();
  auto writer = internal::LogWriter::Open(segments, 0, internal::kDefaultSegmentBytes, false);
  ASSERT_TRUE(writer.has_value()) << writer.error().ToString();
  const std::string frame = FrameOf(Sample(0, "x"));
  ASSERT_TRUE(writer->Append(frame, 0).has_value());
  EXPECT_TRUE(writer->has_pending());
  EXPECT_EQ(writer->end(), frame.size());
  EXPECT_EQ(fs::file_size(path_), 0u);
  ASSERT_TRUE(writer->Flush().has_value());
  EXPECT_EQ(Slurp(path_), frame);
}

TEST_F(LogFileTest, ReaderReturnsTheRecordsInOrderThenTheEnd) {
  const std::vector<StoredRecord> written = WriteRecords(5);
  auto reader = internal::LogReader::Open(Segments());
  ASSERT_TRUE(reader.has_value());
  for (const StoredRecord& expected : written) {
    auto next = reader->Next();
    ASSERT_TRUE(next.has_value()) << next.error().error.ToString();
    ASSERT_TRUE(next->has_value());
    ExpectSameRecord(**next, expected);
  }
  auto end = reader->Next();
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(end->has_value());
  EXPECT_EQ(reader->offset(), fs::file_size(path_));
}

TEST_F(LogFileTest, ReaderReportsAFrameCutShortAsATornTailNamingItsSequence) {
  WriteRecords(3);
  const uint64_t full = fs::file_size(path_);
  fs::resize_file(path_, full - 10);
  auto reader = internal::LogReader::Open(Segments());
  ASSERT_TRUE(reader.has_value());
  ASSERT_TRUE(reader->Next().has_value());
  ASSERT_TRUE(reader->Next().has_value());
  const uint64_t third = reader->offset();
  auto torn = reader->Next();
  ASSERT_FALSE(torn.has_value());
  EXPECT_TRUE(torn.error().torn_tail);
  EXPECT_EQ(torn.error().offset, third);
  EXPECT_EQ(torn.error().error.path, path_.string());
  EXPECT_EQ(torn.error().error.sequence, 2u);
  EXPECT_EQ(torn.error().error.message,
            "torn frame: the file ends " + std::to_string(full - 10 - third) +
                " bytes into a frame of " + std::to_string(full - third));
}

TEST_F(LogFileTest, ReaderReportsBadMagicAsDamageRatherThanATornTail) {
  WriteRecords(2);
  std::string bytes = Slurp(path_);
  const size_t second = FrameOf(Sample(0, "content 0")).size();
  bytes[second] = 'X';
  Spit(path_, bytes);
  auto reader = internal::LogReader::Open(Segments());
  ASSERT_TRUE(reader.has_value());
  ASSERT_TRUE(reader->Next().has_value());
  auto bad = reader->Next();
  ASSERT_FALSE(bad.has_value());
  EXPECT_FALSE(bad.error().torn_tail);
  EXPECT_EQ(bad.error().error.sequence, 1u);
  EXPECT_EQ(bad.error().error.message, "bad frame magic (expected \"HFR2\" or \"HFR1\")");
}

TEST_F(LogFileTest, WriterOpenedAtTheLastWholeFrameCutsOffTheTornTail) {
  WriteRecords(2);
  const uint64_t whole = fs::file_size(path_);
  Spit(path_, Slurp(path_) + "HFR2\x00\x00");
  internal::SegmentSet segments = Segments();
  auto writer = internal::LogWriter::Open(segments, whole, internal::kDefaultSegmentBytes, true);
  ASSERT_TRUE(writer.has_value()) << writer.error().ToString();
  EXPECT_EQ(fs::file_size(path_), whole);
  ASSERT_TRUE(writer->Append(FrameOf(Sample(2, "again")), 2).has_value());
  ASSERT_TRUE(writer->Sync().has_value());
  auto reader = internal::LogReader::Open(Segments());
  ASSERT_TRUE(reader.has_value());
  for (int i = 0; i < 3; ++i) {
    auto next = reader->Next();
    ASSERT_TRUE(next.has_value() && next->has_value()) << i;
  }
}

}  // namespace
}  // namespace holdfast::archive
