// Resume: an ingest run again over the same inputs skips what an earlier run committed, with a
// real archive, real files and the checkpoints the pipeline writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "engine/checkpoint.h"
#include "engine/pipeline.h"
#include "engine/records.h"
#include "rules/policy.h"
#include "tests/engine/archive_fixture.h"
#include "tests/engine/stop_after.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

namespace fs = std::filesystem;
using holdfast::testing::TempDir;

constexpr int kCrash = 3;

class ResumeTest : public ArchiveFixture {
 protected:
  void SetUp() override {
    SetUpArchive(R"(id: test
name: Test
severity: high
rules:
  - id: test.secret
    category: secret.password_in_text
    patterns:
      - regex: 'hunter2'
)");
  }

  // JSONL posts with ids from..to-1; every tenth holds a secret, so flags are made too.
  static std::string Posts(int from, int to) {
    std::string jsonl;
    for (int i = from; i < to; ++i) {
      jsonl += R"({"id":")" + std::to_string(i) + R"(","text":")" +
               (i % 10 == 0 ? "pw hunter2" : "hello team") + R"("})" + "\n";
    }
    return jsonl;
  }

  std::unique_ptr<Source> Open(const fs::path& file, const SourceOptions& options = {}) {
    auto source = OpenSource(file.string(), options);
    EXPECT_TRUE(source.has_value()) << source.error().ToString();
    return source ? std::move(*source) : nullptr;
  }

  // One source, one scan thread, queues of one batch of three, a commit every five items: the
  // stages really wait for each other, and commits fall between batches and inside them.
  IngestStats Ingest(std::unique_ptr<Source> source, bool resume = true) {
    std::vector<std::unique_ptr<Source>> sources;
    sources.push_back(std::move(source));
    const IngestOptions options{.scan_threads = 1,
                                .queue_capacity = 1,
                                .batch_size = 3,
                                .commit_every = 5,
                                .resume = resume,
                                .on_progress = {}};
    auto stats = engine::Ingest(*OpenArchive(true), rules_, std::move(sources), options);
    EXPECT_TRUE(stats.has_value()) << stats.error().ToString();
    return stats ? *stats : IngestStats{};
  }

  // The checkpoint stored for a JSONL file.
  std::optional<Checkpoint> Stored(const fs::path& file) {
    InputIdentity slot;
    slot.path = fs::canonical(file).string();
    slot.format = "jsonl";
    auto stored = ReadCheckpoint(archive_dir_, slot);
    EXPECT_TRUE(stored.has_value()) << stored.error().ToString();
    return stored ? *stored : std::nullopt;
  }

  // How many times each post id is in the log; with `signed_only`, in the records that the
  // latest signed head covers.
  std::map<std::string, int> PostIds(bool signed_only = false) {
    auto archive = OpenArchive(false);
    auto head = archive->LatestHead();
    EXPECT_TRUE(head.has_value());
    const uint64_t end = signed_only && head ? head->size : archive->size();
    std::map<std::string, int> ids;
    EXPECT_TRUE(archive
                    ->ForEach([&](const archive::StoredRecord& record) {
                      if (record.sequence < end &&
                          record.record.type == archive::RecordType::kPost) {
                        ++ids[DecodePost(record)->native_id];
                      }
                      return true;
                    })
                    .has_value());
    return ids;
  }

  void ExpectEachPostOnce(int count) {
    const std::map<std::string, int> ids = PostIds();
    EXPECT_EQ(ids.size(), static_cast<size_t>(count));
    for (const auto& [id, times] : ids) {
      EXPECT_EQ(times, 1) << "post " << id;
    }
  }

  static bool HasNote(const IngestStats& stats, const std::string& part) {
    return std::any_of(stats.notes.begin(), stats.notes.end(), [&](const std::string& note) {
      return note.find(part) != std::string::npos;
    });
  }
};

using ResumeDeathTest = ResumeTest;

TEST_F(ResumeTest, ARerunAfterASourceStoppedEarlySkipsExactlyWhatWasCommitted) {
  // 101 items: 100 posts and, as the 31st, a dead letter, which counts as an item too.
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 30) + "not json\n" + Posts(30, 100));
  const IngestStats first = Ingest(std::make_unique<StopAfter>(Open(file), 37));
  ASSERT_EQ(first.source_errors.size(), 1u);
  EXPECT_EQ(first.posts_added, 36u);
  EXPECT_EQ(first.dead_letters, 1u);
  ASSERT_TRUE(Stored(file).has_value());
  EXPECT_EQ(Stored(file)->items, 37u);

  const IngestStats again = Ingest(Open(file));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{37});
  EXPECT_EQ(again.posts_read, 64u);
  EXPECT_EQ(again.posts_added, 64u);
  EXPECT_EQ(again.duplicates, 0u);
  EXPECT_EQ(again.dead_letters, 0u);
  ExpectEachPostOnce(100);
  EXPECT_EQ(Stored(file)->items, 101u);
}

TEST_F(ResumeDeathTest, AnIngestCutOffMidRunResumesFromItsLastCheckpointAndNoFurther) {
  GTEST_FLAG_SET(death_test_style, "fast");  // the child writes into this test's folder
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 100));
  // The process ends when the reader asks for the 41st item; the writer is batches behind it,
  // with appends that no commit covers yet.
  EXPECT_EXIT(Ingest(std::make_unique<StopAfter>(Open(file), 40, kCrash)),
              ::testing::ExitedWithCode(kCrash), "");
  const std::optional<Checkpoint> stored = Stored(file);
  // With one worker and queues of one batch, the reader asks for item 41 only after it dealt
  // items 37-39, so after the worker took 34-36, so after it handed on 31-33, so after the
  // writer took 28-30 and so had appended items 1-27 and committed (and checkpointed) 1-25.
  ASSERT_TRUE(stored.has_value());
  EXPECT_GE(stored->items, 25u);
  EXPECT_LE(stored->items, PostIds(/*signed_only=*/true).size());

  const IngestStats again = Ingest(Open(file));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{stored->items});
  EXPECT_EQ(again.posts_read, 100 - stored->items);
  ExpectEachPostOnce(100);
  EXPECT_EQ(Stored(file)->items, 100u);
}

TEST_F(ResumeTest, AFinishedInputIsSkippedWholeTheNextTime) {
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 50));
  EXPECT_EQ(Ingest(Open(file)).posts_added, 50u);
  const IngestStats again = Ingest(Open(file));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{50});
  EXPECT_EQ(again.posts_read, 0u);
  EXPECT_EQ(again.flags_added, 0u);
  EXPECT_TRUE(again.notes.empty());
  ExpectEachPostOnce(50);
}

TEST_F(ResumeTest, AppendingToAnInputMakesItsCheckpointStale) {
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 50));
  Ingest(Open(file));
  std::ofstream(file, std::ios::app) << Posts(50, 60);
  const IngestStats again = Ingest(Open(file));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{0});
  EXPECT_TRUE(HasNote(again, "posts.jsonl: checkpoint ignored: the input changed since"));
  EXPECT_EQ(again.posts_read, 60u);
  EXPECT_EQ(again.posts_added, 10u);
  EXPECT_EQ(again.duplicates, 50u);
  ExpectEachPostOnce(60);
  EXPECT_EQ(Stored(file)->items, 60u);
}

TEST_F(ResumeTest, EditingAnInputInPlaceMakesItsCheckpointStale) {
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 50));
  // An hour back, so that the edit's new time differs whatever the clock's resolution.
  fs::last_write_time(file, fs::last_write_time(file) - std::chrono::hours(1));
  Ingest(Open(file));
  std::string text = Posts(0, 50);
  text.replace(text.find("hello team"), 10, "HELLO TEAM");  // the same size
  dir_.Write("posts.jsonl", text);
  const IngestStats again = Ingest(Open(file));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{0});
  EXPECT_TRUE(HasNote(again, "checkpoint ignored: the input changed since"));
  EXPECT_EQ(again.posts_read, 50u);
}

TEST_F(ResumeTest, WithoutResumeEverythingIsReadAgainAndNothingAddedTwice) {
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 50));
  Ingest(Open(file));
  const IngestStats again = Ingest(Open(file), /*resume=*/false);
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{0});
  EXPECT_EQ(again.posts_read, 50u);
  EXPECT_EQ(again.posts_added, 0u);
  EXPECT_EQ(again.duplicates, 50u);
  EXPECT_EQ(again.flags_added, 0u);
  ExpectEachPostOnce(50);
  EXPECT_EQ(Stored(file)->items, 50u);  // still checkpointed, for the next run that resumes
}

TEST_F(ResumeTest, AGarbledCheckpointIsIgnoredWithANoteAndReplaced) {
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 50));
  Ingest(Open(file));
  ASSERT_EQ(std::distance(fs::directory_iterator(archive_dir_ / "checkpoints"), {}), 1);
  const fs::path checkpoint = fs::directory_iterator(archive_dir_ / "checkpoints")->path();
  std::ofstream(checkpoint, std::ios::trunc) << "{\"version\": 1, \"items\": \x01garbage";
  const IngestStats again = Ingest(Open(file));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{0});
  EXPECT_TRUE(HasNote(
      again, "posts.jsonl: checkpoint ignored: " + checkpoint.string() + ": not a JSON object"));
  EXPECT_EQ(again.posts_read, 50u);
  EXPECT_EQ(again.duplicates, 50u);
  EXPECT_EQ(Stored(file)->items, 50u);
}

TEST_F(ResumeTest, ACheckpointTakenWithOtherSourceOptionsIsIgnored) {
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 20));
  Ingest(Open(file));
  const IngestStats again = Ingest(Open(file, {.tz = "Europe/Amsterdam"}));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{0});
  EXPECT_TRUE(HasNote(again, "checkpoint ignored: it was taken with other source options"));
}

TEST_F(ResumeTest, ACheckpointOfALongerLogThanTheArchivesIsIgnored) {
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 20));
  Ingest(Open(file));
  // The checkpoints, but not the log, of a restored or replaced archive.
  const fs::path saved = dir_ / "saved";
  fs::rename(archive_dir_ / "checkpoints", saved);
  fs::remove_all(archive_dir_);
  ASSERT_TRUE(archive::Archive::Create(archive_dir_).has_value());
  fs::rename(saved, archive_dir_ / "checkpoints");
  const IngestStats again = Ingest(Open(file));
  EXPECT_EQ(again.resumed_skipped, std::vector<uint64_t>{0});
  EXPECT_TRUE(HasNote(again, "checkpoint ignored: the archive's log is shorter"));
  EXPECT_EQ(again.posts_added, 20u);
}

TEST_F(ResumeTest, ACheckpointThatCannotBeWrittenIsANoteNotAnError) {
  dir_.Write("archive/checkpoints", "a file where the folder would go");
  const fs::path file = dir_.Write("posts.jsonl", Posts(0, 20));
  const IngestStats stats = Ingest(Open(file));
  EXPECT_EQ(stats.posts_added, 20u);
  EXPECT_TRUE(HasNote(stats, "posts.jsonl: checkpoint not saved: "));
  EXPECT_EQ(stats.notes.size(), 1u);  // once, not at every commit
}

}  // namespace
}  // namespace holdfast::engine
