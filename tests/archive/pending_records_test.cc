// The pending spool: records a process without the writer lock hands to the writer are
// appended once, in the order they were added, by the writer's Open or Commit; a file that is
// no record is set aside without holding up the others.
#include "archive/pending_records.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/pending_spool.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

Record Audit(const std::string& key) {
  return Record{RecordType::kAudit, key, R"({"action":"search"})", R"({"user":"ann"})"};
}

std::vector<fs::path> PendingFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  if (fs::exists(dir / "pending")) {
    for (const auto& entry : fs::directory_iterator(dir / "pending")) {
      if (entry.is_regular_file()) {
        files.push_back(entry.path());
      }
    }
  }
  return files;
}

class PendingRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = Archive::Create(dir_);
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
  }

  void Add(const Record& record) {
    auto added = AddPending(dir_, record);
    ASSERT_TRUE(added.has_value()) << added.error().ToString();
  }

  // The keys of the log's audit records, in log order.
  std::vector<std::string> AuditKeys() {
    auto archive = OpenOrDie(dir_, Options{});
    std::vector<std::string> keys;
    auto sequences = archive->SequencesOfType(RecordType::kAudit);
    EXPECT_TRUE(sequences.has_value());
    for (uint64_t sequence : sequences.value_or(std::vector<uint64_t>{})) {
      keys.push_back(archive->Read(sequence)->record.key);
    }
    return keys;
  }

  void OpenAndCommit() {
    auto writer = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(writer, nullptr);
    auto head = writer->Commit();
    ASSERT_TRUE(head.has_value()) << head.error().ToString();
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
};

TEST_F(PendingRecordsTest, AWritersOpenAndCommitAppendThemInTheOrderAdded) {
  for (const char* key : {"audit:c", "audit:a", "audit:b", "audit:e", "audit:d"}) {
    Add(Audit(key));
  }
  ASSERT_EQ(CountPending(dir_).value_or(0), 5u);
  OpenAndCommit();
  EXPECT_EQ(AuditKeys(),
            (std::vector<std::string>{"audit:c", "audit:a", "audit:b", "audit:e", "audit:d"}));
  EXPECT_TRUE(PendingFiles(dir_).empty());
  EXPECT_EQ(CountPending(dir_).value_or(99), 0u);
  auto reader = OpenOrDie(dir_, Options{});
  EXPECT_TRUE(reader->Verify().ok);
  EXPECT_EQ(reader->LatestHead()->size, reader->size() - 1);  // the head signs all five
}

TEST_F(PendingRecordsTest, ACommitAppendsWhatWasSpooledWhileTheWriterWasOpen) {
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Append(Post("p1", "{}", "one")).has_value());
  Add(Audit("audit:while-open"));  // as the API server does while an ingest writes
  ASSERT_TRUE(writer->Commit().has_value());
  EXPECT_TRUE(PendingFiles(dir_).empty());
  writer.reset();
  EXPECT_EQ(AuditKeys(), std::vector<std::string>{"audit:while-open"});
}

TEST_F(PendingRecordsTest, FilesLeftByACrashBetweenCommitAndDeleteAreNotAppendedTwice) {
  Add(Audit("audit:1"));
  Add(Audit("audit:2"));
  // Keep the files as the spool held them, commit, then put them back: what a crash after the
  // head is durable but before the files are deleted leaves behind.
  std::vector<std::pair<fs::path, std::string>> saved;
  for (const fs::path& file : PendingFiles(dir_)) {
    saved.emplace_back(file, Slurp(file));
  }
  ASSERT_EQ(saved.size(), 2u);
  OpenAndCommit();
  const uint64_t size = OpenOrDie(dir_, Options{})->size();
  for (const auto& [file, bytes] : saved) {
    tmp_.Write(fs::relative(file, tmp_.path()).string(), bytes);
  }
  ASSERT_EQ(CountPending(dir_).value_or(0), 2u);
  OpenAndCommit();
  EXPECT_EQ(AuditKeys(), (std::vector<std::string>{"audit:1", "audit:2"}));
  EXPECT_EQ(OpenOrDie(dir_, Options{})->size(), size);  // no record, not even a head
  EXPECT_TRUE(PendingFiles(dir_).empty());              // and the leftovers are gone
}

TEST_F(PendingRecordsTest, AWriterThatNeverCommitsLeavesTheFilesAndTheNextAppendsNothingTwice) {
  Add(Audit("audit:x"));
  {
    auto writer = OpenOrDie(dir_, Writable(clock_));  // appends at Open, never commits
    ASSERT_NE(writer, nullptr);
  }
  EXPECT_EQ(CountPending(dir_).value_or(0), 1u);
  OpenAndCommit();
  EXPECT_EQ(AuditKeys(), std::vector<std::string>{"audit:x"});
  EXPECT_TRUE(PendingFiles(dir_).empty());
}

TEST_F(PendingRecordsTest, AMalformedFileIsSetAsideByNameAndTheOthersGoOn) {
  Add(Audit("audit:before"));
  const fs::path garbage = tmp_.Write("archive/pending/00000000000000000001-aa.rec", "not one");
  std::string cut = internal::EncodePending(Audit("audit:cut"));
  cut.resize(cut.size() - 3);
  const fs::path torn = tmp_.Write("archive/pending/00000000000000000002-bb.rec", cut);
  Add(Audit("audit:after"));
  ::testing::internal::CaptureStderr();
  OpenAndCommit();
  const std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(said.find(garbage.string() + ": not a pending record (it does not start with HFPEND1)"),
            std::string::npos)
      << said;
  EXPECT_NE(said.find(torn.string() + ": not a pending record (its checksum does not match"),
            std::string::npos)
      << said;
  EXPECT_EQ(AuditKeys(), (std::vector<std::string>{"audit:before", "audit:after"}));
  EXPECT_TRUE(fs::exists(dir_ / "pending" / "rejected" / garbage.filename()));
  EXPECT_TRUE(fs::exists(dir_ / "pending" / "rejected" / torn.filename()));
  EXPECT_TRUE(PendingFiles(dir_).empty());
}

// A batch is one file (one fsync) whose records are appended in order, all of them; a file
// with one bad frame is set aside whole, since its records were spooled as one.
TEST_F(PendingRecordsTest, ABatchIsOneFileAppendedInOrderAndSetAsideWhole) {
  Add(Audit("audit:first"));
  const std::vector<Record> batch = {Audit("audit:b1"), Audit("audit:b2"), Audit("audit:b3")};
  ASSERT_TRUE(AddPending(dir_, batch).has_value());
  EXPECT_EQ(PendingFiles(dir_).size(), 2u);
  EXPECT_EQ(CountPending(dir_).value_or(0), 4u);
  std::string torn =
      internal::EncodePending(Audit("audit:t1")) + internal::EncodePending(Audit("audit:t2"));
  torn[torn.size() - 2] ^= 1;  // the second frame's checksum
  const fs::path bad = tmp_.Write("archive/pending/99999999999999999999-cc.rec", torn);
  ::testing::internal::CaptureStderr();
  OpenAndCommit();
  const std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(said.find(bad.string() + ": not a pending record (frame 2: its checksum"),
            std::string::npos)
      << said;
  EXPECT_EQ(AuditKeys(),
            (std::vector<std::string>{"audit:first", "audit:b1", "audit:b2", "audit:b3"}));
  EXPECT_TRUE(PendingFiles(dir_).empty());
  const std::vector<Record> keyless = {Audit("audit:ok"), Record{RecordType::kAudit, "", "", ""}};
  EXPECT_FALSE(AddPending(dir_, keyless).has_value());  // nothing of a bad batch is spooled
  EXPECT_TRUE(PendingFiles(dir_).empty());
}

TEST_F(PendingRecordsTest, RefusesARecordWithoutAKeyOrATreeHead) {
  auto keyless = AddPending(dir_, Record{RecordType::kAudit, "", "{}", ""});
  ASSERT_FALSE(keyless.has_value());
  EXPECT_EQ(keyless.error().message, "a pending record needs a key");
  auto head = AddPending(dir_, Record{RecordType::kTreeHead, "k", "{}", ""});
  ASSERT_FALSE(head.has_value());
  EXPECT_EQ(head.error().message, "only Commit appends tree heads");
  EXPECT_EQ(CountPending(dir_).value_or(99), 0u);
}

TEST_F(PendingRecordsTest, AddingFailsWhenThePendingFolderCannotBeMade) {
  tmp_.Write("archive/pending", "a file where the folder should be");
  auto added = AddPending(dir_, Audit("audit:1"));
  ASSERT_FALSE(added.has_value());
  EXPECT_EQ(added.error().path, (dir_ / "pending").string());
  EXPECT_TRUE(added.error().message.starts_with("cannot create the folder"))
      << added.error().message;
}

TEST_F(PendingRecordsTest, AWriterOpenFailsAtOnceWhileAnotherHoldsTheLockAndWaitsWhenAsked) {
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  Options options = Writable(clock_);
  auto busy = Archive::Open(dir_, options);
  ASSERT_FALSE(busy.has_value());
  EXPECT_EQ(busy.error().message, kWriterBusy);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    writer.reset();
  });
  options.writer_wait_ms = 5'000;
  auto waited = Archive::Open(dir_, options);
  release.join();
  EXPECT_TRUE(waited.has_value()) << waited.error().ToString();
}

}  // namespace
}  // namespace holdfast::archive
