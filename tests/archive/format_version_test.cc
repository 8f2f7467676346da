// archive.json's version: a version-1 archive (one log/records.log of HFR1 frames, as builds
// before segments wrote it) is read as it is and upgraded by its first writer; a version this
// build does not know is refused by name.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/big_endian.h"
#include "archive/internal/segment_set.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

// The HFR1 frame of a record: what version 1 wrote, the HFR2 frame without its CRC.
std::string Version1Frame(const StoredRecord& stored) {
  const std::string frame = internal::EncodeFrame(stored).value();
  std::string old = "HFR1";
  internal::PutU32(old, static_cast<uint32_t>(frame.size() - 12));
  return old.append(frame.substr(12));
}

class FormatVersionTest : public ::testing::Test {
 protected:
  // Writes an archive with posts, heads and a saved search, then lays it out as version 1 did:
  // one records.log of HFR1 frames, records.idx at their offsets, archive.json version 1.
  void SetUp() override {
    ASSERT_TRUE(Archive::Create(dir_).has_value());
    {
      auto archive = OpenOrDie(dir_, Writable(clock_));
      ASSERT_NE(archive, nullptr);
      for (int i = 0; i < 12; ++i) {
        const std::string id = std::to_string(i);
        ASSERT_TRUE(archive->Append(Post("p" + id, "{}", "old content " + id)).has_value());
        if (i % 5 == 4) {
          ASSERT_TRUE(archive->Commit().has_value());
        }
      }
      ASSERT_TRUE(archive->Commit().has_value());
      size_ = archive->size();
    }
    const internal::SegmentSet segments = LogSegments(dir_);
    auto reader = internal::LogReader::Open(segments);
    ASSERT_TRUE(reader.has_value());
    std::string index;
    while (true) {
      auto next = reader->Next();
      ASSERT_TRUE(next.has_value());
      if (!next->has_value()) {
        break;
      }
      internal::PutU64(index, log_.size());
      internal::PutBytes(index, (*next)->leaf_hash.data(), (*next)->leaf_hash.size());
      log_ += Version1Frame(**next);
    }
    fs::remove_all(dir_ / "log" / "segments");
    Spit(dir_ / "log" / "records.log", log_);
    Spit(dir_ / "log" / "records.idx", index);
    index_ = index;
    auto description = nlohmann::json::parse(Slurp(dir_ / "archive.json"));
    description["version"] = 1;
    description.erase("segment_bytes");
    Spit(dir_ / "archive.json", description.dump(2) + "\n");
    description_ = Slurp(dir_ / "archive.json");
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
  uint64_t size_ = 0;
  std::string log_;
  std::string index_;
  std::string description_;
};

TEST_F(FormatVersionTest, AReaderReadsAVersion1ArchiveAsItIs) {
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->size(), size_);
  EXPECT_EQ(reader->Read(3).value().record.content, "old content 3");
  const VerifyReport report = reader->Verify();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(Slurp(dir_ / "log" / "records.log"), log_);
  EXPECT_EQ(Slurp(dir_ / "archive.json"), description_);
  EXPECT_FALSE(fs::exists(dir_ / "log" / "segments"));
}

TEST_F(FormatVersionTest, AWriterUpgradesItToSegmentsKeepingItsFrames) {
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_FALSE(fs::exists(dir_ / "log" / "records.log"));
  EXPECT_EQ(Slurp(FirstSegment(dir_)), log_) << "moved, not rewritten";
  EXPECT_EQ(Slurp(dir_ / "log" / "records.idx"), index_) << "its offsets hold in segment 0";
  const auto description = nlohmann::json::parse(Slurp(dir_ / "archive.json"));
  EXPECT_EQ(description["version"], 2);
  EXPECT_EQ(description["segment_bytes"], uint64_t{256} << 20);

  ASSERT_TRUE(writer->Append(Post("new", "{}", "new content")).has_value());
  ASSERT_TRUE(writer->Append(Record{RecordType::kErasure, "erasure:p3", R"({"erased":[3]})", "{}"})
                  .has_value());
  ASSERT_TRUE(writer->Commit().has_value());
  ASSERT_EQ(writer->EraseContent(3), true);  // an HFR1 frame, erased where it lies
  const std::string segment = Slurp(FirstSegment(dir_));
  EXPECT_EQ(segment.substr(0, 4), "HFR1");
  EXPECT_EQ(segment.substr(log_.size(), 4), "HFR2");
  EXPECT_EQ(segment.find("old content 3"), std::string::npos);
  const VerifyReport report = writer->Verify();
  EXPECT_TRUE(report.ok) << report.message;
  writer.reset();

  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->Read(size_).value().record.content, "new content");
  EXPECT_TRUE(reader->Read(3).value().content_erased);
  EXPECT_TRUE(reader->Verify().ok);
}

TEST_F(FormatVersionTest, AnUpgradeCutShortAfterTheMoveIsFinishedByTheNextWriter) {
  ASSERT_TRUE(internal::SegmentSet::UpgradeLegacyLog(dir_ / "log").value());
  ASSERT_EQ(Slurp(dir_ / "archive.json"), description_);  // still version 1
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->size(), size_);
  reader.reset();
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(nlohmann::json::parse(Slurp(dir_ / "archive.json"))["version"], 2);
  EXPECT_TRUE(writer->Verify().ok);
}

TEST_F(FormatVersionTest, AVersionThisBuildDoesNotKnowIsRefusedByNumber) {
  auto description = nlohmann::json::parse(description_);
  description["version"] = 3;
  Spit(dir_ / "archive.json", description.dump());
  auto archive = Archive::Open(dir_, Options{});
  ASSERT_FALSE(archive.has_value());
  EXPECT_EQ(archive.error().path, (dir_ / "archive.json").string());
  EXPECT_EQ(archive.error().message,
            "unsupported archive version 3 (this build reads versions 1 and 2; a newer holdfast "
            "wrote this archive)");
}

}  // namespace
}  // namespace holdfast::archive
