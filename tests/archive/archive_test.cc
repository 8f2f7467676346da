#include "archive/archive.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archive/merkle.h"
#include "archive/random.h"
#include "archive/signer.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = Archive::Create(dir_);
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
  }

  std::unique_ptr<Archive> OpenWriter() { return OpenOrDie(dir_, Writable(clock_)); }
  std::unique_ptr<Archive> OpenReader() { return OpenOrDie(dir_, Options{}); }

  // Appends posts p0..p(n-1) and commits: records 0..n-1, head record n.
  TreeHead AppendAndCommit(Archive& archive, int n, int first = 0) {
    for (int i = first; i < first + n; ++i) {
      const std::string id = std::to_string(i);
      auto appended = archive.Append(Post("p" + id, R"({"n":)" + id + "}", "content " + id));
      EXPECT_TRUE(appended.has_value() && appended->has_value());
    }
    auto head = archive.Commit();
    EXPECT_TRUE(head.has_value()) << head.error().ToString();
    return head.value_or(TreeHead{});
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
};

TEST_F(ArchiveTest, CreateLaysOutDescriptionKeysLogAndIndex) {
  const auto description = nlohmann::json::parse(Slurp(dir_ / "archive.json"));
  EXPECT_EQ(description["format"], "holdfast-archive");
  EXPECT_EQ(description["version"], 2);
  EXPECT_EQ(description["segment_bytes"], uint64_t{256} << 20);
  EXPECT_EQ(description["id"].get<std::string>().size(), 32u);
  struct stat info {};
  ASSERT_EQ(stat((dir_ / "keys" / "private.pem").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_TRUE(fs::exists(dir_ / "keys" / "public.pem"));
  EXPECT_EQ(fs::file_size(FirstSegment(dir_)), 0u);
  EXPECT_FALSE(fs::exists(dir_ / "log" / "records.log"));
  EXPECT_TRUE(fs::is_directory(dir_ / "index"));

  auto archive = OpenReader();
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->origin(), "holdfast/" + description["id"].get<std::string>());
  EXPECT_EQ(archive->size(), 0u);
  EXPECT_EQ(archive->index().log_size(), 0u);
}

TEST_F(ArchiveTest, CreateRefusesAFolderThatHoldsAnything) {
  auto again = Archive::Create(dir_);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().path, dir_.string());
  EXPECT_EQ(again.error().message, "is not empty: an archive is created in an empty folder");
}

TEST_F(ArchiveTest, OpenRefusesAFolderWhoseDescriptionIsNotAnArchives) {
  Spit(dir_ / "archive.json", R"({"format": 5, "version": 1, "id": "00"})");
  auto wrong_type = Archive::Open(dir_);
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_EQ(wrong_type.error().path, (dir_ / "archive.json").string());
  EXPECT_EQ(wrong_type.error().message, "not a holdfast archive description");
  Spit(dir_ / "archive.json", R"({"format": "holdfast-archive", "version": "2", "id": "00"})");
  auto version = Archive::Open(dir_);
  ASSERT_FALSE(version.has_value());
  EXPECT_EQ(version.error().message,
            "unsupported archive version \"2\" (this build reads versions 1 and 2; a newer "
            "holdfast wrote this archive)");
  auto missing = Archive::Open(tmp_ / "nowhere");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().path, (tmp_ / "nowhere" / "archive.json").string());
}

TEST_F(ArchiveTest, AppendedRecordsReadBackAfterReopening) {
  {
    auto archive = OpenWriter();
    ASSERT_NE(archive, nullptr);
    EXPECT_EQ(archive->Append(Post("a", "{}", "alpha")).value(), 0u);
    EXPECT_EQ(archive->Append(Record{RecordType::kReview, "", R"({"r":1})", "ok"}).value(), 1u);
    ASSERT_TRUE(archive->Commit().has_value());
  }
  auto archive = OpenReader();
  ASSERT_NE(archive, nullptr);
  ASSERT_EQ(archive->size(), 3u);  // two records and the head over them
  auto first = archive->Read(0);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->sequence, 0u);
  EXPECT_EQ(first->record.type, RecordType::kPost);
  EXPECT_EQ(first->record.key, "a");
  EXPECT_EQ(first->record.content, "alpha");
  EXPECT_EQ(first->captured_at_us, kMay1Noon);
  EXPECT_EQ(first->content_digest, ContentDigest(first->salt, "alpha"));
  EXPECT_EQ(first->leaf_hash, LeafHash(first->LeafInput()));
  auto second = archive->Read(1);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->record.type, RecordType::kReview);
  EXPECT_EQ(second->record.meta, R"({"r":1})");
  EXPECT_NE(second->salt, first->salt);
  EXPECT_TRUE(archive->Contains("a"));
  EXPECT_FALSE(archive->Contains(""));

  std::vector<uint64_t> seen;
  ASSERT_TRUE(archive
                  ->ForEach([&](const StoredRecord& r) {
                    seen.push_back(r.sequence);
                    return true;
                  })
                  .has_value());
  EXPECT_EQ(seen, (std::vector<uint64_t>{0, 1, 2}));
  auto missing = archive->Read(3);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().sequence, 3u);
  EXPECT_EQ(missing.error().message, "no such record: the log holds 3");
}

TEST_F(ArchiveTest, ReadSeesAppendsBeforeTheyAreCommitted) {
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  ASSERT_TRUE(archive->Append(Post("k", "m", "c")).has_value());
  auto record = archive->Read(0);
  ASSERT_TRUE(record.has_value()) << record.error().ToString();
  EXPECT_EQ(record->record.content, "c");
}

TEST_F(ArchiveTest, ForEachStopsWhenTheCallbackSaysSo) {
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  AppendAndCommit(*archive, 5);
  int calls = 0;
  ASSERT_TRUE(archive->ForEach([&](const StoredRecord&) { return ++calls < 2; }).has_value());
  EXPECT_EQ(calls, 2);
}

TEST_F(ArchiveTest, DuplicateKeysAreSkippedEvenAfterReopening) {
  {
    auto archive = OpenWriter();
    ASSERT_NE(archive, nullptr);
    EXPECT_EQ(archive->Append(Post("post:1", "{}", "first")).value(), 0u);
    EXPECT_EQ(archive->Append(Post("post:1", "{}", "second")).value(), std::nullopt);
    EXPECT_EQ(archive->Append(Post("", "{}", "no key")).value(), 1u);
    EXPECT_EQ(archive->Append(Post("", "{}", "no key")).value(), 2u);
    ASSERT_TRUE(archive->Commit().has_value());
  }
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->Append(Post("post:1", "{}", "third")).value(), std::nullopt);
  EXPECT_EQ(archive->size(), 4u);
  EXPECT_EQ(archive->Read(0)->record.content, "first");
}

TEST_F(ArchiveTest, SecondWriterIsRefusedWhileReadersAreWelcome) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  auto second = Archive::Open(dir_, Writable(clock_));
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().path, (dir_ / "lock").string());
  EXPECT_EQ(second.error().message, "another writer has the archive open");
  EXPECT_NE(OpenReader(), nullptr);
  writer.reset();
  EXPECT_NE(OpenWriter(), nullptr);
}

TEST_F(ArchiveTest, ReadOnlyArchiveRefusesAppendAndCommit) {
  auto archive = OpenReader();
  ASSERT_NE(archive, nullptr);
  auto appended = archive->Append(Post("k", "", ""));
  ASSERT_FALSE(appended.has_value());
  EXPECT_EQ(appended.error().message, "the archive was opened read-only");
  auto committed = archive->Commit();
  ASSERT_FALSE(committed.has_value());
  EXPECT_EQ(committed.error().message, "the archive was opened read-only");
}

TEST_F(ArchiveTest, OnlyCommitAppendsTreeHeads) {
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  auto appended = archive->Append(Record{RecordType::kTreeHead, "", "forged", ""});
  ASSERT_FALSE(appended.has_value());
  EXPECT_NE(appended.error().message.find("only Commit appends tree heads"), std::string::npos);
  EXPECT_EQ(archive->size(), 0u);
}

TEST_F(ArchiveTest, CommitSignsEveryRecordBeforeItsOwnHeadRecord) {
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  const TreeHead head = AppendAndCommit(*archive, 3);
  EXPECT_EQ(head.origin, archive->origin());
  EXPECT_EQ(head.size, 3u);
  std::vector<Hash> leaves;
  for (uint64_t i = 0; i < 3; ++i) {
    leaves.push_back(archive->Read(i)->leaf_hash);
  }
  EXPECT_EQ(head.root, RootFromLeaves(leaves));
  EXPECT_TRUE(VerifyHead(head, archive->public_pem()));
  EXPECT_EQ(head.time_us, clock_.last());

  ASSERT_EQ(archive->size(), 4u);
  auto head_record = archive->Read(3);
  ASSERT_TRUE(head_record.has_value());
  EXPECT_EQ(head_record->record.type, RecordType::kTreeHead);
  EXPECT_EQ(head_record->record.meta, head.Note());
  EXPECT_EQ(head_record->captured_at_us, head.time_us);
  EXPECT_EQ(Slurp(dir_ / "head.note"), head.Note());
  EXPECT_EQ(archive->LatestHead()->Note(), head.Note());
  EXPECT_EQ(archive->index().log_size(), 4u);
}

TEST_F(ArchiveTest, CommitWithNothingNewReturnsTheLatestHeadWithoutGrowingTheLog) {
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  const TreeHead first = AppendAndCommit(*archive, 2);
  auto again = archive->Commit();
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(again->Note(), first.Note());
  EXPECT_EQ(archive->size(), 3u);
  const TreeHead next = AppendAndCommit(*archive, 1, 2);
  EXPECT_EQ(next.size, 4u);  // 0, 1, the first head, 2
}

TEST_F(ArchiveTest, LatestHeadBeforeAnyCommitIsAnError) {
  auto archive = OpenReader();
  ASSERT_NE(archive, nullptr);
  auto head = archive->LatestHead();
  ASSERT_FALSE(head.has_value());
  EXPECT_EQ(head.error().path, (dir_ / "head.note").string());
  EXPECT_EQ(head.error().message, "no signed head yet: nothing was committed");
}

TEST_F(ArchiveTest, InclusionProofsOfEveryRecordVerifyAgainstTheSignedRoot) {
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  AppendAndCommit(*archive, 4);
  const TreeHead head = AppendAndCommit(*archive, 6, 4);
  ASSERT_EQ(head.size, 11u);
  for (uint64_t i = 0; i < head.size; ++i) {
    auto proof = archive->InclusionProof(i, head.size);
    ASSERT_TRUE(proof.has_value()) << proof.error().ToString();
    EXPECT_TRUE(VerifyInclusion(i, head.size, archive->Read(i)->leaf_hash, *proof, head.root))
        << "record " << i;
  }
  auto beyond = archive->InclusionProof(11, 11);
  ASSERT_FALSE(beyond.has_value());
  EXPECT_EQ(beyond.error().message,
            "no inclusion proof in a tree of 11 records (the log holds 12)");
  EXPECT_FALSE(archive->InclusionProof(0, 13).has_value());
}

TEST_F(ArchiveTest, VerifyPassesOnAnUntouchedArchive) {
  {
    auto archive = OpenWriter();
    ASSERT_NE(archive, nullptr);
    AppendAndCommit(*archive, 3);
    AppendAndCommit(*archive, 2, 3);
  }
  auto archive = OpenReader();
  ASSERT_NE(archive, nullptr);
  const VerifyReport report = archive->Verify();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.records, 7u);
  EXPECT_EQ(report.heads_checked, 3u);  // two head records and head.note
  EXPECT_EQ(report.first_bad, std::nullopt);
}

TEST_F(ArchiveTest, VerifyPassesOnAFreshArchiveAndBeforeTheFirstCommit) {
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  EXPECT_TRUE(archive->Verify().ok);
  ASSERT_TRUE(archive->Append(Post("k", "m", "c")).has_value());
  const VerifyReport report = archive->Verify();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.records, 1u);
}

TEST_F(ArchiveTest, WriterReopensAndKeepsAppendingWhereItStopped) {
  {
    auto archive = OpenWriter();
    ASSERT_NE(archive, nullptr);
    AppendAndCommit(*archive, 3);
  }
  auto archive = OpenWriter();
  ASSERT_NE(archive, nullptr);
  const TreeHead head = AppendAndCommit(*archive, 2, 3);
  EXPECT_EQ(head.size, 6u);
  EXPECT_TRUE(archive->Verify().ok) << archive->Verify().message;
}

TEST(RandomHexTest, GivesTwoHexDigitsPerByteAndNeverTheSameTwice) {
  auto first = RandomHex(32);
  auto second = RandomHex(32);
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->size(), 64u);
  EXPECT_EQ(first->find_first_not_of("0123456789abcdef"), std::string::npos) << *first;
  EXPECT_NE(*first, *second);
  EXPECT_EQ(RandomHex(0).value(), "");
}

}  // namespace
}  // namespace holdfast::archive
