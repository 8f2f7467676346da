// The index is a view: rebuilt from the log it answers every query as the pipeline's index did,
// and a writer whose index lost its last commits catches it up from the log.
#include "engine/reindex.h"

#include <gtest/gtest.h>

#include "engine/audit.h"
#include "engine/pipeline.h"
#include "engine/records.h"
#include "engine/review_queue.h"
#include "rules/policy.h"
#include "tests/engine/archive_fixture.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

namespace fs = std::filesystem;
using holdfast::testing::TempDir;

constexpr const char* kPolicy = R"(id: test-pii
name: Test personal data
severity: high
action: redact-in-index
rules:
  - id: test.card
    category: pii.credit_card
    patterns:
      - regex: '\b(?:\d[ -]?){15}\d\b'
    validator: luhn
    examples:
      match: ['4111 1111 1111 1111']
      no_match: ['4111 1111 1111 1112']
)";

// Queries whose answers (keys, data, snippets, in order) must survive a rebuild.
const std::vector<std::string> kQueries = {
    "",           "hello",           "card",           "4111",           "policy:test-pii",
    "state:open", "state:dismissed", "author:u1 team", "\"hello team\"", "plea*"};

class ReindexTest : public ArchiveFixture {
 protected:
  void SetUp() override { SetUpArchive(kPolicy); }

  std::unique_ptr<archive::Archive> Open(bool writable) { return OpenArchive(writable); }

  void Ingest(int first, int count) {
    std::string jsonl;
    for (int i = first; i < first + count; ++i) {
      const std::string text = i % 10 == 0 ? "card 4111 1111 1111 1111 please" : "hello team";
      jsonl += R"({"id":")" + std::to_string(i) + R"(","text":")" + text + R"(","author":"u)" +
               std::to_string(i % 3) + R"(","time":"2024-05-01T10:00:00Z"})" + "\n";
    }
    IngestJsonl(jsonl);
  }

  void Dismiss(int nth_flag) {
    auto archive = Open(true);
    auto flags = LoadFlags(*archive);
    ASSERT_TRUE(flags.has_value());
    ASSERT_GT(flags->size(), static_cast<size_t>(nth_flag));
    Review review{(*flags)[nth_flag].flag.flag_id, ReviewAction::kDismiss, "ana", "test", 1};
    ASSERT_TRUE(ApplyReview(*archive, review).has_value());
  }

  // Every query's hits, as one comparable string.
  std::string Answers() {
    auto archive = Open(false);
    std::string out;
    for (const std::string& query : kQueries) {
      auto results = archive->index().Search(query, 0, 1000);
      EXPECT_TRUE(results.has_value()) << query;
      out += "## " + query + " (" + std::to_string(results->hits.size()) + ")\n";
      for (const archive::SearchHit& hit : results->hits) {
        out += std::to_string(hit.sequence) + " " + hit.data + " " + hit.snippet + "\n";
      }
    }
    return out;
  }
};

TEST_F(ReindexTest, RebuiltIndexAnswersEveryQueryAsThePipelinesDid) {
  Ingest(0, 120);
  Dismiss(3);
  const std::string before = Answers();
  ASSERT_NE(before.find("## state:dismissed (1)"), std::string::npos) << before;
  ASSERT_NE(before.find("## 4111 (0)"), std::string::npos) << "the card is redacted in the index";
  {
    auto archive = Open(true);
    ASSERT_TRUE(archive->ResetIndex().has_value());
    EXPECT_EQ(archive->index().document_count(), 0u);
    auto stats = Reindex(*archive, 0);
    ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
    EXPECT_EQ(stats->posts, 120u);
    EXPECT_EQ(stats->reviewed_posts, 1u);
    EXPECT_EQ(archive->index().log_size(), archive->size());
  }
  EXPECT_EQ(Answers(), before);
}

TEST_F(ReindexTest, IndexThatLostItsLastCommitsCatchesUpFromTheLog) {
  Ingest(0, 50);
  const fs::path saved = dir_.path() / "index-at-50";
  fs::copy(archive_dir_ / "index", saved, fs::copy_options::recursive);
  Ingest(50, 70);
  Dismiss(8);  // a flag of a post in the second batch
  const std::string before = Answers();
  fs::remove_all(archive_dir_ / "index");
  fs::copy(saved, archive_dir_ / "index",
           fs::copy_options::recursive);  // as if the last commits never reached the index
  {
    auto archive = Open(true);
    const uint64_t behind_at = archive->index().log_size();
    ASSERT_LT(behind_at, archive->size());
    auto stats = CatchUpIndex(*archive);
    ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
    EXPECT_EQ(stats->posts, 70u);
    EXPECT_EQ(stats->records, archive->size() - behind_at);
    auto again = CatchUpIndex(*archive);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->records, 0u);  // up to date: nothing to do
  }
  EXPECT_EQ(Answers(), before);
}

// A server's commits of audit events alone leave the index as it is (each index commit makes
// every reader reopen), within the slack; a post or a review among them is indexed at once.
TEST_F(ReindexTest, CatchUpDefersAPositionOnlyMoveWithinTheSlack) {
  Ingest(0, 20);
  auto append_audits = [&](archive::Archive& archive, int count) {
    for (int i = 0; i < count; ++i) {
      AuditEvent event{.user = "ana", .role = "compliance", .time_us = 1, .target = "q"};
      event.id = "audit-" + std::to_string(archive.size());
      ASSERT_TRUE(archive.Append(AuditRecord(event)).has_value());
    }
  };
  archive::Options options;
  options.read_only = false;
  options.index_position_slack = 5;
  uint64_t after_audits = 0;
  {
    auto archive = archive::Archive::Open(archive_dir_, options);
    ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
    const uint64_t indexed = (*archive)->index().log_size();
    ASSERT_EQ(indexed, (*archive)->size());
    append_audits(**archive, 3);
    auto stats = CatchUpIndex(**archive, 5);
    ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
    EXPECT_EQ(stats->records, 0u);
    ASSERT_TRUE((*archive)->Commit().has_value());
    EXPECT_EQ((*archive)->index().log_size(), indexed);  // left behind, by 4 with the head
    after_audits = (*archive)->size();
  }
  Ingest(20, 10);  // an ingest indexes posts: its commits record the position past the events
  {
    auto archive = archive::Archive::Open(archive_dir_, options);
    ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
    EXPECT_GE((*archive)->index().log_size(), after_audits);
    append_audits(**archive, 6);  // past the slack: the position moves past them
    const uint64_t end_of_audits = (*archive)->size();
    ASSERT_TRUE(CatchUpIndex(**archive, 5).has_value());
    ASSERT_TRUE((*archive)->Commit().has_value());
    EXPECT_GE((*archive)->index().log_size(), end_of_audits);
  }
  {
    // A review within the slack is indexed at once (state:dismissed).
    auto archive = archive::Archive::Open(archive_dir_, options);
    ASSERT_TRUE(archive.has_value()) << archive.error().ToString();
    auto flags = LoadFlags(**archive);
    ASSERT_TRUE(flags.has_value());
    ASSERT_FALSE(flags->empty());
    Review review{flags->front().flag.flag_id, ReviewAction::kDismiss, "ana", "", 1};
    ASSERT_TRUE((*archive)->Append(ReviewRecord(review)).has_value());
    auto stats = CatchUpIndex(**archive, 5);
    ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
    EXPECT_EQ(stats->reviewed_posts, 1u);
    ASSERT_TRUE((*archive)->Commit().has_value());
  }
  auto archive = Open(false);
  EXPECT_LT(archive->size() - archive->index().log_size(), 5u);  // the head after it may lag
  auto dismissed = archive->index().Search("state:dismissed", archive::SearchOptions{});
  ASSERT_TRUE(dismissed.has_value());
  EXPECT_EQ(dismissed->hits.size(), 1u);
}

}  // namespace
}  // namespace holdfast::engine
