// The log as a folder of segments: roll-over, reading and proving across segment boundaries,
// erasure in a segment that is not the last, recovery of a torn tail and of an empty segment
// left by a crash, a bad CRC in a committed record, and the CRC32C itself.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/crc32c.h"
#include "archive/internal/segment_set.h"
#include "archive/merkle.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kSegmentBytes = 4096;

TEST(Crc32cTest, MatchesTheRfc3720TestVectors) {
  std::string ascending;
  for (int i = 0; i < 32; ++i) {
    ascending += static_cast<char>(i);
  }
  EXPECT_EQ(internal::ComputeCrc32c(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(internal::ComputeCrc32c(std::string(32, '\xff')), 0x62A8AB43u);
  EXPECT_EQ(internal::ComputeCrc32c(ascending), 0x46DD794Eu);
  EXPECT_EQ(internal::ComputeCrc32c("123456789"), 0xE3069283u);
}

TEST(Crc32cTest, FeedingInPiecesGivesTheSameCrc) {
  internal::Crc32c crc;
  crc.Update("1234");
  crc.Update("");
  crc.Update("56789");
  EXPECT_EQ(crc.Finish(), 0xE3069283u);
}

class SegmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = Archive::Create(dir_, CreateOptions{kSegmentBytes});
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
  }

  // Posts p<first>..p<first+n-1> of about 200 bytes each, committed every 25.
  void AddPosts(Archive& archive, int first, int n) {
    for (int i = first; i < first + n; ++i) {
      const std::string id = std::to_string(i);
      ASSERT_TRUE(archive
                      .Append(Post("p" + id, R"({"n":)" + id + "}",
                                   "content of post " + id + " " + std::string(120, 'x')))
                      .has_value());
      if ((i + 1) % 25 == 0) {
        ASSERT_TRUE(archive.Commit().has_value());
      }
    }
    ASSERT_TRUE(archive.Commit().has_value());
  }

  // `committed` posts, then a record "late" appended and written out but never committed, as
  // a crash would leave it.
  void WriteUncommittedTail(int committed, const std::string& late_content) {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddPosts(*archive, 0, committed);
    ASSERT_TRUE(archive->Append(Post("late", "{}", late_content)).has_value());
    ASSERT_TRUE(archive->Read(archive->size() - 1).has_value());  // writes the frame out
  }

  std::vector<internal::Segment> Segments() const { return LogSegments(dir_).segments(); }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
};

TEST_F(SegmentTest, CreateKeepsTheSegmentSizeInTheDescription) {
  const auto description = nlohmann::json::parse(Slurp(dir_ / "archive.json"));
  EXPECT_EQ(description["version"], 2);
  EXPECT_EQ(description["segment_bytes"], kSegmentBytes);
  auto tiny = Archive::Create(tmp_ / "tiny", CreateOptions{100});
  ASSERT_FALSE(tiny.has_value());
  EXPECT_EQ(tiny.error().message, "the segment size must be at least 1024 bytes");
}

TEST_F(SegmentTest, RollsOverIntoSegmentsNamedByTheirFirstRecord) {
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  AddPosts(*archive, 0, 200);
  const std::vector<internal::Segment> segments = Segments();
  ASSERT_GT(segments.size(), 10u);
  std::vector<uint64_t> firsts;
  ASSERT_TRUE(archive
                  ->ForEach([&](const StoredRecord& stored) {
                    if (firsts.size() < segments.size() &&
                        stored.sequence == segments[firsts.size()].first_sequence) {
                      firsts.push_back(stored.sequence);
                    }
                    return true;
                  })
                  .has_value());
  EXPECT_EQ(firsts.size(), segments.size()) << "every segment starts with the record it names";
  for (const internal::Segment& segment : segments) {
    EXPECT_LE(segment.size, kSegmentBytes) << segment.path;
    EXPECT_EQ(segment.path.filename().string().size(), 24u) << segment.path;
  }
  EXPECT_EQ(segments[0].path.filename(), "00000000000000000000.log");
}

TEST_F(SegmentTest, ReadsProvesErasesAndVerifiesAcrossSegmentBoundaries) {
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  AddPosts(*archive, 0, 200);
  const TreeHead head = archive->LatestHead().value();
  const std::vector<internal::Segment> segments = Segments();
  ASSERT_GT(segments.size(), 3u);
  // The records on both sides of each boundary, read back and proven in the head's tree.
  for (size_t i = 1; i < segments.size(); ++i) {
    for (uint64_t sequence : {segments[i].first_sequence - 1, segments[i].first_sequence}) {
      if (sequence >= head.size) {
        continue;
      }
      auto stored = archive->Read(sequence);
      ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
      auto proof = archive->InclusionProof(sequence, head.size);
      ASSERT_TRUE(proof.has_value());
      EXPECT_TRUE(VerifyInclusion(sequence, head.size, stored->leaf_hash, *proof, head.root))
          << sequence;
    }
  }
  // Erase the first record of a middle segment, after the tombstone that names it.
  const uint64_t victim = segments[2].first_sequence;
  const std::string text = archive->Read(victim).value().record.content;
  ASSERT_FALSE(text.empty());
  const uint64_t segment_size = fs::file_size(segments[2].path);
  ASSERT_TRUE(archive
                  ->Append(Record{RecordType::kErasure, "erasure:victim",
                                  R"({"erased":[)" + std::to_string(victim) + "]}", "{}"})
                  .has_value());
  ASSERT_TRUE(archive->Commit().has_value());
  ASSERT_EQ(archive->EraseContent(victim), true);
  EXPECT_EQ(Slurp(segments[2].path).find(text), std::string::npos);
  EXPECT_EQ(fs::file_size(segments[2].path), segment_size);
  EXPECT_TRUE(archive->Read(victim).value().content_erased) << "its CRC was rewritten";
  const VerifyReport report = archive->Verify();
  EXPECT_TRUE(report.ok) << report.message;
  const uint64_t size = archive->size();
  archive.reset();

  // A reader, and a writer that rebuilds records.idx from the segments, see the same log.
  fs::remove(dir_ / "log" / "records.idx");
  auto reopened = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->size(), size);
  EXPECT_TRUE(reopened->repair_note().empty()) << reopened->repair_note();
  uint64_t seen = 0;
  ASSERT_TRUE(reopened
                  ->ForEach([&](const StoredRecord& stored) {
                    EXPECT_EQ(stored.sequence, seen++);
                    return true;
                  })
                  .has_value());
  EXPECT_EQ(seen, size);
  EXPECT_TRUE(reopened->Read(victim).value().content_erased);
  AddPosts(*reopened, 200, 30);  // appends go on into new segments
  EXPECT_GT(Segments().size(), segments.size());
  EXPECT_TRUE(reopened->Verify().ok);
}

TEST_F(SegmentTest, ARecordLargerThanASegmentGetsOneOfItsOwn) {
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  ASSERT_TRUE(archive->Append(Post("small", "{}", "a")).has_value());
  ASSERT_TRUE(archive->Append(Post("big", "{}", std::string(3 * kSegmentBytes, 'b'))).has_value());
  ASSERT_TRUE(archive->Append(Post("after", "{}", "c")).has_value());
  ASSERT_TRUE(archive->Commit().has_value());
  const std::vector<internal::Segment> segments = Segments();
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[1].first_sequence, 1u);
  EXPECT_GT(segments[1].size, kSegmentBytes);
  EXPECT_EQ(segments[2].first_sequence, 2u);
  EXPECT_EQ(archive->Read(1).value().record.content.size(), 3 * kSegmentBytes);
  EXPECT_TRUE(archive->Verify().ok);
}

TEST_F(SegmentTest, ATornTailInTheLastSegmentIsCutOffAndReported) {
  WriteUncommittedTail(60, "never committed");
  const internal::Segment last = Segments().back();
  ASSERT_GT(last.first_sequence, 0u);
  const uint64_t whole = last.size;
  fs::resize_file(last.path, whole - 9);
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  EXPECT_FALSE(archive->Contains("late"));
  const uint64_t cut = whole - 9 - fs::file_size(last.path);
  EXPECT_GT(cut, 0u);
  EXPECT_EQ(archive->repair_note(), last.path.string() + ": cut off " + std::to_string(cut) +
                                        " bytes of 1 record torn after record " +
                                        std::to_string(archive->size() - 1) +
                                        " (an append a crash cut short; it was never committed)");
  EXPECT_TRUE(archive->Verify().ok);
}

TEST_F(SegmentTest, ATornRecordAloneInANewSegmentIsCutAndTheSegmentReused) {
  WriteUncommittedTail(20, std::string(kSegmentBytes, 'l'));  // a segment of its own
  const internal::Segment last = Segments().back();
  fs::resize_file(last.path, 100);
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(fs::file_size(last.path), 0u);
  EXPECT_EQ(archive->size(), last.first_sequence);
  ASSERT_TRUE(archive->Append(Post("again", "{}", "x")).has_value());
  ASSERT_TRUE(archive->Commit().has_value());
  EXPECT_EQ(Segments().back().path, last.path);
  EXPECT_TRUE(archive->Verify().ok);
}

TEST_F(SegmentTest, AnEmptySegmentLeftByARollOverIsReadAndThenRemoved) {
  uint64_t size = 0;
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddPosts(*archive, 0, 40);
    size = archive->size();
  }
  const size_t before = Segments().size();
  const fs::path empty = internal::SegmentSet::PathFor(dir_ / "log", size);
  Spit(empty, "");
  {
    auto reader = OpenOrDie(dir_, Options{});
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->size(), size);
    const VerifyReport report = reader->Verify();
    EXPECT_TRUE(report.ok) << report.message;
  }
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->size(), size);
  EXPECT_EQ(archive->repair_note(), "removed 1 empty segment(s) left by a roll-over cut short");
  EXPECT_FALSE(fs::exists(empty));
  EXPECT_EQ(Segments().size(), before);
  AddPosts(*archive, 40, 30);
  EXPECT_TRUE(archive->Verify().ok);
}

TEST_F(SegmentTest, ABadCrcInACommittedRecordIsReportedAndNeverCut) {
  const std::vector<internal::Segment> segments = [&] {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    AddPosts(*archive, 0, 100);
    return Segments();
  }();
  ASSERT_GT(segments.size(), 3u);
  const internal::Segment& damaged = segments[2];
  // The first post of the segment (it may start with a tree head).
  uint64_t sequence = damaged.first_sequence;
  std::string content;
  {
    auto reader = OpenOrDie(dir_, Options{});
    while (reader->Read(sequence).value().record.type != RecordType::kPost) {
      ++sequence;
    }
    content = reader->Read(sequence).value().record.content;
  }
  std::string bytes = Slurp(damaged.path);
  const size_t at = bytes.find(content);
  ASSERT_NE(at, std::string::npos);
  bytes[at] ^= 0x01;  // one bit, as a disk would flip it
  Spit(damaged.path, bytes);

  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  auto read = reader->Read(sequence);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().path, damaged.path.string());
  EXPECT_EQ(read.error().sequence, sequence);
  EXPECT_NE(read.error().message.find("bad CRC32C"), std::string::npos) << read.error().message;
  const VerifyReport report = reader->Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, sequence) << report.message;
  reader.reset();

  // A writer that has to read the frames again refuses, naming the segment and the record.
  fs::remove(dir_ / "log" / "records.idx");
  auto writer = Archive::Open(dir_, Writable(clock_));
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().path, damaged.path.string());
  EXPECT_EQ(writer.error().sequence, sequence);
  EXPECT_NE(writer.error().message.find("bad CRC32C"), std::string::npos);
  EXPECT_NE(writer.error().message.find("run verify before writing"), std::string::npos);
  for (const internal::Segment& segment : segments) {
    EXPECT_EQ(fs::file_size(segment.path), segment.size) << "nothing was cut: " << segment.path;
  }
}

TEST_F(SegmentTest, ASegmentNamedForTheWrongRecordIsDamage) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddPosts(*archive, 0, 60);
  }
  const std::vector<internal::Segment> segments = Segments();
  ASSERT_GT(segments.size(), 2u);
  fs::rename(segments[1].path,
             internal::SegmentSet::PathFor(dir_ / "log", segments[1].first_sequence + 1));
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  const VerifyReport report = reader->Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("the segment is named for record " +
                                std::to_string(segments[1].first_sequence + 1)),
            std::string::npos)
      << report.message;
}

}  // namespace
}  // namespace holdfast::archive
