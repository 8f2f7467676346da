#include "engine/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/flag_book.h"
#include "engine/records.h"
#include "engine/review_queue.h"
#include "rules/policy.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::TempDir;

constexpr const char* kPolicy = R"(id: test-pii
name: Test personal data
severity: high
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

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    UsePolicy(kPolicy);
    ASSERT_TRUE(archive::Archive::Create(dir_.path() / "archive").has_value());
  }

  void UsePolicy(const std::string& yaml) {
    auto policy = rules::LoadPolicyFile(dir_.Write("policy.yaml", yaml));
    ASSERT_TRUE(policy.has_value()) << policy.error().ToString();
    auto compiled = rules::Compile({*policy});
    ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();
    rules_ = *compiled;
  }

  std::unique_ptr<archive::Archive> OpenArchive(bool writable) {
    archive::Options options;
    options.read_only = !writable;
    options.sync = false;
    auto archive = archive::Archive::Open(dir_.path() / "archive", options);
    EXPECT_TRUE(archive.has_value()) << archive.error().ToString();
    return archive ? std::move(*archive) : nullptr;
  }

  IngestStats Run(const std::string& jsonl, size_t threads = 2, bool resume = true) {
    const auto file = dir_.Write("posts.jsonl", jsonl);
    std::vector<std::unique_ptr<Source>> sources;
    auto source = OpenSource(file.string(), {});
    EXPECT_TRUE(source.has_value());
    sources.push_back(std::move(*source));
    auto archive = OpenArchive(true);
    IngestOptions options;
    options.scan_threads = threads;
    options.queue_capacity = 1;  // small, so the stages really block on each other
    options.batch_size = 3;      // and batches end mid-source
    options.resume = resume;
    auto stats = Ingest(*archive, rules_, std::move(sources), options);
    EXPECT_TRUE(stats.has_value()) << stats.error().ToString();
    return stats ? *stats : IngestStats{};
  }

  std::string Posts(int count) {
    std::string jsonl;
    for (int i = 0; i < count; ++i) {
      const std::string text = i % 10 == 0 ? "card 4111 1111 1111 1111 please" : "hello team";
      jsonl += R"({"id":")" + std::to_string(i) + R"(","text":")" + text + R"(","author":"u)" +
               std::to_string(i % 3) + R"(","time":"2024-05-01T10:00:00Z"})" + "\n";
    }
    return jsonl;
  }

  TempDir dir_;
  std::shared_ptr<const rules::RuleSet> rules_;
};

TEST_F(PipelineTest, ArchivesEveryPostInSourceOrderWithItsFlags) {
  const IngestStats stats = Run(Posts(200));
  EXPECT_EQ(stats.posts_read, 200u);
  EXPECT_EQ(stats.posts_added, 200u);
  EXPECT_EQ(stats.flags_added, 20u);
  auto archive = OpenArchive(false);
  std::vector<std::string> ids;
  size_t flags = 0;
  ASSERT_TRUE(archive
                  ->ForEach([&](const archive::StoredRecord& record) {
                    if (record.record.type == archive::RecordType::kPost) {
                      auto post = DecodePost(record);
                      EXPECT_TRUE(post.has_value());
                      ids.push_back(post->native_id);
                    } else if (record.record.type == archive::RecordType::kFlag) {
                      ++flags;
                      auto flag = DecodeFlag(record);
                      EXPECT_EQ(flag->rule, "test.card");
                      EXPECT_EQ(flag->match, "4111 1111 1111 1111");
                      EXPECT_EQ(flag->begin, 5u);
                      EXPECT_LT(flag->post_sequence, record.sequence);
                    }
                    return true;
                  })
                  .has_value());
  ASSERT_EQ(ids.size(), 200u);
  for (size_t i = 0; i < ids.size(); ++i)
    EXPECT_EQ(ids[i], std::to_string(i));
  EXPECT_EQ(flags, 20u);
  EXPECT_TRUE(archive->Verify().ok);
  EXPECT_EQ(archive->index().document_count(), 200u);
}

// Without resume (tests/engine/resume_test.cc), the post key alone keeps duplicates out.
TEST_F(PipelineTest, IngestingTheSameInputTwiceAddsNothing) {
  Run(Posts(50));
  const uint64_t size_after_first = OpenArchive(false)->size();
  const IngestStats again = Run(Posts(50), 1, /*resume=*/false);
  EXPECT_EQ(again.posts_read, 50u);
  EXPECT_EQ(again.posts_added, 0u);
  EXPECT_EQ(again.duplicates, 50u);
  EXPECT_EQ(again.flags_added, 0u);
  // Only the second ingest's signed head was added.
  EXPECT_LE(OpenArchive(false)->size(), size_after_first + 1);
}

TEST_F(PipelineTest, DeadLettersGoToTheLogAndTheirNeighboursStill) {
  const IngestStats stats =
      Run("{\"id\":\"a\",\"text\":\"x\"}\nnot json\n{\"id\":\"b\",\"text\":\"y\"}\n");
  EXPECT_EQ(stats.posts_added, 2u);
  EXPECT_EQ(stats.dead_letters, 1u);
  ASSERT_EQ(stats.first_dead_letters.size(), 1u);
  EXPECT_EQ(stats.first_dead_letters[0].record, 2u);
  size_t dead = 0;
  ASSERT_TRUE(OpenArchive(false)
                  ->ForEach([&](const archive::StoredRecord& record) {
                    dead += record.record.type == archive::RecordType::kDeadLetter ? 1 : 0;
                    return true;
                  })
                  .has_value());
  EXPECT_EQ(dead, 1u);
}

TEST_F(PipelineTest, NormalizesTextToNfcBeforeScanningAndArchiving) {
  Run("{\"id\":\"n\",\"text\":\"cafe\\u0301\"}\n");
  auto archive = OpenArchive(false);
  auto post = ReadPost(*archive, 0);
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->text, "caf\xC3\xA9");
}

TEST_F(PipelineTest, AReviewSpooledWhileAWriterIsOpenReachesTheLogAndTheIndexAtItsCommit) {
  Run(Posts(11));
  auto archive = OpenArchive(true);  // as an ingest holds it while the API takes a review
  auto flags = LoadFlags(*archive);
  ASSERT_TRUE(flags.has_value());
  ASSERT_EQ(flags->size(), 2u);
  Review review{(*flags)[1].flag.flag_id, ReviewAction::kDismiss, "cm", "from the API", 1};
  auto spooled = SpoolReview(archive->dir(), review);
  ASSERT_TRUE(spooled.has_value()) << spooled.error().ToString();
  auto head = CommitWithSpooledReviews(*archive);
  ASSERT_TRUE(head.has_value()) << head.error().ToString();
  auto reloaded = LoadFlags(*archive);
  ASSERT_TRUE(reloaded.has_value());
  EXPECT_EQ((*reloaded)[1].state, "dismissed");
  EXPECT_EQ((*reloaded)[1].reviews.at(0).id, spooled->id);
  auto found = archive->index().Search("state:dismissed", 0, 10);
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].key, (*flags)[1].flag.post_key);
  EXPECT_EQ(archive->index().log_size(), archive->size());  // committed with the states
}

TEST_F(PipelineTest, AReviewChangesTheFlagsStateAndIsLogged) {
  Run(Posts(11));
  auto archive = OpenArchive(true);
  auto flags = LoadFlags(*archive);
  ASSERT_TRUE(flags.has_value());
  ASSERT_EQ(flags->size(), 2u);
  EXPECT_EQ((*flags)[0].state, "open");
  Review review{(*flags)[0].flag.flag_id, ReviewAction::kEscalate, "cm", "looks real", 1};
  auto status = ApplyReview(*archive, review);
  ASSERT_TRUE(status.has_value()) << status.error().ToString();
  EXPECT_EQ(status->state, "escalated");
  auto reloaded = LoadFlags(*archive);
  ASSERT_TRUE(reloaded.has_value());
  EXPECT_EQ((*reloaded)[0].state, "escalated");
  ASSERT_EQ((*reloaded)[0].reviews.size(), 1u);
  EXPECT_EQ((*reloaded)[0].reviews[0].by, "cm");
  EXPECT_EQ((*reloaded)[1].state, "open");
  auto found = archive->index().Search("state:escalated", 0, 10);
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].key, (*flags)[0].flag.post_key);

  auto unknown = ApplyReview(*archive, {"ffffffffffffffff", ReviewAction::kResolve, "cm", "", 1});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "no flag with id 'ffffffffffffffff'");
}

TEST_F(PipelineTest, FlagsCarryConfidenceAndActionAndRedactedSpansStayOutOfTheIndex) {
  std::string yaml = kPolicy;
  yaml.replace(yaml.find("severity: high"), 14, "severity: high\naction: redact-in-index");
  UsePolicy(yaml);
  Run(Posts(20));
  auto archive = OpenArchive(false);
  size_t flags = 0;
  ASSERT_TRUE(archive
                  ->ForEach([&](const archive::StoredRecord& record) {
                    if (record.record.type == archive::RecordType::kFlag) {
                      auto flag = DecodeFlag(record);
                      EXPECT_EQ(flag->action, "redact-in-index");
                      EXPECT_EQ(flag->confidence, "medium");
                      EXPECT_EQ(flag->match, "4111 1111 1111 1111");  // the log keeps it
                      ++flags;
                    }
                    return true;
                  })
                  .has_value());
  EXPECT_EQ(flags, 2u);
  auto by_number = archive->index().Search("4111", 0, 10);
  ASSERT_TRUE(by_number.has_value());
  EXPECT_TRUE(by_number->hits.empty());
  auto by_word = archive->index().Search("card", 0, 10);
  ASSERT_TRUE(by_word.has_value());
  EXPECT_EQ(by_word->hits.size(), 2u);
}

// A policy's review_sample sends that share of its flags to the queue; the others are
// recorded all the same, as unsampled, and which ones follows from the flag id.
TEST_F(PipelineTest, AReviewSampleQueuesThatShareOfFlagsAndRecordsTheRest) {
  std::string yaml = kPolicy;
  yaml.replace(yaml.find("severity: high"), 14, "severity: high\nreview_sample: 30");
  UsePolicy(yaml);
  Run(Posts(3000));  // 300 flags
  auto archive = OpenArchive(false);
  auto flags = LoadFlags(*archive);
  ASSERT_TRUE(flags.has_value());
  ASSERT_EQ(flags->size(), 300u);
  size_t queued = 0;
  for (const FlagStatus& status : *flags) {
    const bool sampled = SampledForReview(status.flag.flag_id, 30);
    EXPECT_EQ(status.flag.queued, sampled);
    EXPECT_EQ(status.state, sampled ? "open" : "unsampled");
    queued += sampled ? 1 : 0;
  }
  EXPECT_GT(queued, 60u);  // about 90; a fixed corpus, so the count never changes
  EXPECT_LT(queued, 120u);
  auto unsampled = archive->index().Search("state:unsampled", 0, 500);
  ASSERT_TRUE(unsampled.has_value());
  EXPECT_EQ(unsampled->hits.size(), 300 - queued);
}

TEST_F(PipelineTest, FlagsOnCopiesOfAPostShareADuplicateGroup) {
  Run(std::string(R"({"id":"1","text":"card 4111 1111 1111 1111 please"})") + "\n" +
      R"({"id":"2","text":"CARD 4111 1111 1111 1111   Please"})" + "\n" +
      R"({"id":"3","text":"card 4111 1111 1111 1111 right now"})" + "\n");
  auto archive = OpenArchive(false);
  auto flags = LoadFlags(*archive);
  ASSERT_TRUE(flags.has_value());
  ASSERT_EQ(flags->size(), 3u);
  EXPECT_EQ((*flags)[0].flag.group, (*flags)[1].flag.group);
  EXPECT_NE((*flags)[0].flag.group, (*flags)[2].flag.group);
  EXPECT_NE((*flags)[0].flag.group, (*flags)[0].flag.flag_id);
}

// A FlagBook reads only what was appended since its last update, and ends where a fresh read
// of the whole log does.
TEST_F(PipelineTest, AFlagBookKeepsUpWithTheLogReadingOnlyWhatIsNew) {
  Run(Posts(11));
  FlagBook book(/*with_places=*/true);
  {
    auto archive = OpenArchive(false);
    ASSERT_TRUE(book.Update(*archive).has_value());
    EXPECT_EQ(book.read_to(), archive->size());
  }
  ASSERT_EQ(book.flags().size(), 2u);
  EXPECT_EQ(book.flags()[0].state, "open");
  const uint64_t before = book.read_to();
  {
    auto archive = OpenArchive(true);
    ASSERT_TRUE(
        ApplyReview(*archive, {book.flags()[1].flag.flag_id, ReviewAction::kResolve, "cm", "", 1})
            .has_value());
  }
  Run(std::string(R"({"id":"x","text":"card 4000 0000 0000 0002 again"})") + "\n");
  auto archive = OpenArchive(false);  // another Archive object of the same folder
  ASSERT_TRUE(book.Update(*archive).has_value());
  EXPECT_GT(book.read_to(), before);
  auto fresh = LoadFlags(*archive);
  ASSERT_TRUE(fresh.has_value());
  ASSERT_EQ(book.flags().size(), fresh->size());
  ASSERT_EQ(book.flags().size(), 3u);
  for (size_t i = 0; i < fresh->size(); ++i) {
    EXPECT_EQ(book.flags()[i].flag.flag_id, (*fresh)[i].flag.flag_id);
    EXPECT_EQ(book.flags()[i].state, (*fresh)[i].state);
  }
  EXPECT_EQ(book.flags()[1].state, "resolved");
  ASSERT_NE(book.Find(book.flags()[2].flag.flag_id), nullptr);
  EXPECT_EQ(book.Find("ffffffffffffffff"), nullptr);
  // Indexes by post, by duplicate group and by log position agree with the flags themselves.
  for (size_t i = 0; i < book.flags().size(); ++i) {
    const Flag& flag = book.flags()[i].flag;
    const auto of_post = book.FlagsOfPost(flag.post_key);
    EXPECT_NE(std::find(of_post.begin(), of_post.end(), i), of_post.end()) << i;
    for (size_t j = 0; j < book.flags().size(); ++j) {
      EXPECT_EQ(book.group_number(i) == book.group_number(j),
                flag.group == book.flags()[j].flag.group);
    }
    EXPECT_LT(book.group_number(i), book.groups());
    EXPECT_EQ(book.state_number(i), FlagBook::StateNumber(book.flags()[i].state)) << i;
    EXPECT_EQ(book.PolicyNumber(flag.policy), book.policy_number(i)) << i;
    EXPECT_EQ(book.FlagsWithin(book.flags()[i].flag_sequence), i);
    EXPECT_EQ(book.FlagsWithin(book.flags()[i].flag_sequence + 1), i + 1);
  }
  EXPECT_TRUE(book.FlagsOfPost("no such post").empty());
  EXPECT_EQ(book.PolicyNumber("no such policy"), std::nullopt);
  EXPECT_EQ(FlagBook::StateNumber("all"), std::nullopt);
  EXPECT_NE(book.state_number(1), book.state_number(0));  // resolved, open
  EXPECT_EQ(book.FlagsWithin(archive->size()), book.flags().size());
}

TEST(ReviewSampleTest, DrawsFromTheFlagIdAndNeverHidesAForeignOne) {
  EXPECT_TRUE(SampledForReview("ffffffffffffffff", 100));
  EXPECT_FALSE(SampledForReview("0000000000000000", 0));
  EXPECT_TRUE(SampledForReview("0000000100000000", 0.0001));
  EXPECT_FALSE(SampledForReview("8000000000000000", 50));
  EXPECT_TRUE(SampledForReview("7fffffff00000000", 50));
  EXPECT_TRUE(SampledForReview("not-hex-at-all", 0));
  EXPECT_TRUE(SampledForReview("abc", 0));
}

}  // namespace
}  // namespace holdfast::engine
