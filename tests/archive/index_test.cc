#include "archive/index.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;

// 2024-01-15 09:30, 2024-02-20 14:00 and 2024-04-02 12:00 UTC.
constexpr int64_t kJan15 = 1705311000LL * 1000000;
constexpr int64_t kFeb20 = 1708437600LL * 1000000;
constexpr int64_t kApr02 = 1712059200LL * 1000000;

IndexEntry Invoice() {
  return {.key = "post-1",
          .sequence = 1,
          .text =
              "The quarterly payments were approved by finance. Please review the invoice "
              "before Friday.",
          .language = "en",
          .time_us = kJan15,
          .filters = {{"author", "Alice"},
                      {"channel", "general"},
                      {"source", "slack"},
                      {"policy", "finance"},
                      {"state", "open"},
                      {"kind", "post"}},
          .data = R"({"id":1})"};
}

IndexEntry Betaling() {
  return {.key = "post-2",
          .sequence = 2,
          .text = "De betaling van de factuur is vertraagd. Graag de klant informeren.",
          .language = "nl",
          .time_us = kFeb20,
          .filters = {{"author", "bram"},
                      {"channel", "finance-nl"},
                      {"source", "teams"},
                      {"policy", "pii"},
                      {"category", "privacy"},
                      {"rule", "pii.iban"},
                      {"state", "open"},
                      {"kind", "post"}},
          .data = R"({"id":2})"};
}

IndexEntry Lunch() {
  return {.key = "post-3",
          .sequence = 3,
          .text = "Lunch on Friday: the team is running to the new pizza place.",
          .language = "en",
          .time_us = kApr02,
          .filters = {{"author", "carol"},
                      {"channel", "random"},
                      {"source", "slack"},
                      {"kind", "post"}},
          .data = R"({"id":3})"};
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_dir_ = dir_ / "index";
    auto writer = Index::Open(index_dir_, /*writable=*/true);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    writer_ = std::move(*writer);
    for (const IndexEntry& entry : {Invoice(), Betaling(), Lunch()}) {
      ASSERT_TRUE(writer_->Put(entry).has_value()) << entry.key;
    }
    ASSERT_TRUE(writer_->Commit(3).has_value());
    auto reader = Index::Open(index_dir_, /*writable=*/false);
    ASSERT_TRUE(reader.has_value()) << reader.error().message;
    reader_ = std::move(*reader);
  }
  void TearDown() override {
    reader_.reset();
    writer_.reset();
  }

  // Keys of the hits in the order returned.
  std::vector<std::string> Find(const std::string& query, uint32_t offset = 0,
                                uint32_t limit = 10) {
    auto results = reader_->Search(query, offset, limit);
    EXPECT_TRUE(results.has_value()) << query << ": " << results.error().message;
    std::vector<std::string> keys;
    if (results.has_value()) {
      for (const SearchHit& hit : results->hits) {
        keys.push_back(hit.key);
      }
    }
    return keys;
  }
  std::vector<std::string> FindSorted(const std::string& query) {
    std::vector<std::string> keys = Find(query);
    std::sort(keys.begin(), keys.end());
    return keys;
  }

  using Keys = std::vector<std::string>;
  holdfast::testing::TempDir tmp_;
  const fs::path dir_ = tmp_.path();
  fs::path index_dir_;
  std::unique_ptr<Index> writer_;
  std::unique_ptr<Index> reader_;
};

TEST_F(IndexTest, FindsEntriesByWordAfterReopeningReadOnly) {
  EXPECT_EQ(reader_->document_count(), 3u);
  EXPECT_EQ(Find("invoice"), Keys{"post-1"});
  EXPECT_EQ(Find("factuur"), Keys{"post-2"});
  EXPECT_EQ(Find("Pizza"), Keys{"post-3"});
  EXPECT_EQ(Find("nonexistentword"), Keys{});
}

TEST_F(IndexTest, ReturnsTheStoredFieldsWithEachHit) {
  auto results = reader_->Search("invoice", 0, 10);
  ASSERT_TRUE(results.has_value()) << results.error().message;
  ASSERT_EQ(results->hits.size(), 1u);
  const SearchHit& hit = results->hits[0];
  EXPECT_EQ(hit.key, "post-1");
  EXPECT_EQ(hit.sequence, 1u);
  EXPECT_EQ(hit.time_us, kJan15);
  EXPECT_EQ(hit.data, R"({"id":1})");
  EXPECT_EQ(results->estimated_total, 1u);
}

TEST_F(IndexTest, FindsDutchWordsByTheirStem) {
  EXPECT_EQ(Find("betalingen"), Keys{"post-2"});
  EXPECT_EQ(Find("facturen"), Keys{"post-2"});
  EXPECT_EQ(Find("klanten"), Keys{"post-2"});
}

TEST_F(IndexTest, FindsEnglishWordsByTheirStem) {
  EXPECT_EQ(Find("payment"), Keys{"post-1"});
  EXPECT_EQ(Find("approve"), Keys{"post-1"});
  EXPECT_EQ(Find("run"), Keys{"post-3"});
}

TEST_F(IndexTest, MatchesExactPhrasesOnly) {
  EXPECT_EQ(Find("\"review the invoice\""), Keys{"post-1"});
  EXPECT_EQ(Find("\"invoice the review\""), Keys{});
  EXPECT_EQ(Find("\"new pizza place\""), Keys{"post-3"});
}

TEST_F(IndexTest, CombinesWordsWithAndOrNot) {
  EXPECT_EQ(Find("friday AND pizza"), Keys{"post-3"});
  EXPECT_EQ(Find("friday pizza"), Keys{"post-3"});  // AND by default
  EXPECT_EQ(FindSorted("invoice OR factuur"), (Keys{"post-1", "post-2"}));
  EXPECT_EQ(Find("friday NOT pizza"), Keys{"post-1"});
  EXPECT_EQ(Find("friday -pizza"), Keys{"post-1"});
  EXPECT_EQ(Find("piz*"), Keys{"post-3"});
}

TEST_F(IndexTest, FiltersByFieldCaseInsensitively) {
  EXPECT_EQ(Find("author:alice"), Keys{"post-1"});
  EXPECT_EQ(Find("author:ALICE"), Keys{"post-1"});
  EXPECT_EQ(Find("channel:finance-nl"), Keys{"post-2"});
  EXPECT_EQ(FindSorted("source:slack"), (Keys{"post-1", "post-3"}));
  EXPECT_EQ(Find("policy:pii"), Keys{"post-2"});
  EXPECT_EQ(Find("category:privacy rule:pii.iban"), Keys{"post-2"});
  EXPECT_EQ(Find("friday source:slack channel:random"), Keys{"post-3"});
  EXPECT_EQ(FindSorted("friday author:alice author:carol"), (Keys{"post-1", "post-3"}));
  EXPECT_EQ(Find("invoice author:bram"), Keys{});
}

TEST_F(IndexTest, MatchesQuotedFilterValuesWithSpaces) {
  IndexEntry entry = Lunch();
  entry.key = "post-4";
  entry.filters = {{"channel", "Team Lunch"}, {"author", "Dirk de Vries"}};
  ASSERT_TRUE(writer_->Put(entry).has_value());
  ASSERT_TRUE(writer_->Commit(4).has_value());
  EXPECT_EQ(Find("channel:\"team lunch\""), Keys{"post-4"});
  EXPECT_EQ(Find("pizza author:\"Dirk de Vries\""), Keys{"post-4"});
  EXPECT_EQ(Find("channel:team"), Keys{});
}

TEST_F(IndexTest, FiltersByClosedAndOpenEndedDateRanges) {
  EXPECT_EQ(FindSorted("2024-01-01..2024-03-31"), (Keys{"post-1", "post-2"}));
  EXPECT_EQ(Find("2024-02-20..2024-02-20"), Keys{"post-2"});
  EXPECT_EQ(Find("2024-03-01.."), Keys{"post-3"});
  EXPECT_EQ(Find("..2024-01-31"), Keys{"post-1"});
  EXPECT_EQ(Find("friday 2024-04-01..2024-04-30"), Keys{"post-3"});
  EXPECT_EQ(Find("2025-01-01.."), Keys{});
}

TEST_F(IndexTest, SortsEqualRelevanceNewestFirstAndPages) {
  EXPECT_EQ(Find("kind:post"), (Keys{"post-3", "post-2", "post-1"}));
  EXPECT_EQ(Find("", 0, 10), (Keys{"post-3", "post-2", "post-1"}));  // empty: everything
  EXPECT_EQ(Find("kind:post", 1, 1), Keys{"post-2"});
  auto page = reader_->Search("kind:post", 2, 5);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_EQ(page->estimated_total, 3u);
  EXPECT_EQ(page->hits.size(), 1u);
}

TEST_F(IndexTest, SetFilterReplacesTheValuesOfOneField) {
  ASSERT_TRUE(writer_->SetFilter("post-1", "state", {"dismissed"}).has_value());
  ASSERT_TRUE(writer_->SetFilter("post-3", "state", {"escalated", "Held"}).has_value());
  ASSERT_TRUE(writer_->Commit(5).has_value());
  EXPECT_EQ(Find("state:open"), Keys{"post-2"});
  EXPECT_EQ(Find("state:dismissed"), Keys{"post-1"});
  EXPECT_EQ(Find("state:held"), Keys{"post-3"});
  EXPECT_EQ(Find("state:escalated"), Keys{"post-3"});
  // The rest of the document is untouched.
  EXPECT_EQ(Find("invoice author:alice"), Keys{"post-1"});
  EXPECT_EQ(Find("\"review the invoice\""), Keys{"post-1"});
}

TEST_F(IndexTest, SetFilterNamesAMissingDocumentOrUnknownField) {
  auto missing = writer_->SetFilter("post-9", "state", {"open"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "no document post-9 to set state on");
  auto unknown = writer_->SetFilter("post-1", "colour", {"red"});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "unknown filter field \"colour\"");
}

TEST_F(IndexTest, PutWithTheSameKeyReplacesTheDocument) {
  IndexEntry edited = Invoice();
  edited.sequence = 7;
  edited.text = "The invoice was withdrawn.";
  ASSERT_TRUE(writer_->Put(edited).has_value());
  ASSERT_TRUE(writer_->Put(edited).has_value());
  ASSERT_TRUE(writer_->Commit(8).has_value());
  EXPECT_EQ(writer_->document_count(), 3u);
  EXPECT_EQ(Find("withdrawn"), Keys{"post-1"});
  EXPECT_EQ(Find("quarterly"), Keys{});
  auto results = reader_->Search("invoice", 0, 10);
  ASSERT_TRUE(results.has_value()) << results.error().message;
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->hits[0].sequence, 7u);
}

TEST_F(IndexTest, PutRefusesAnUnknownFilterField) {
  IndexEntry entry = Lunch();
  entry.filters.emplace_back("colour", "red");
  auto put = writer_->Put(entry);
  ASSERT_FALSE(put.has_value());
  EXPECT_EQ(put.error().sequence, 3u);
  EXPECT_NE(put.error().message.find("unknown filter field \"colour\""), std::string::npos)
      << put.error().message;
}

TEST_F(IndexTest, LogSizeRoundTripsThroughCommit) {
  EXPECT_EQ(reader_->log_size(), 3u);
  ASSERT_TRUE(writer_->Commit(123456789012).has_value());
  writer_.reset();
  auto reopened = Index::Open(index_dir_, /*writable=*/false);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
  EXPECT_EQ((*reopened)->log_size(), 123456789012u);

  auto fresh = Index::Open(dir_ / "fresh", /*writable=*/true);
  ASSERT_TRUE(fresh.has_value()) << fresh.error().message;
  EXPECT_EQ((*fresh)->log_size(), 0u);
}

TEST_F(IndexTest, ReaderSeesLaterCommitsButNotPendingChanges) {
  IndexEntry late = Lunch();
  late.key = "post-4";
  late.text = "Quarterly roadmap";
  ASSERT_TRUE(writer_->Put(late).has_value());
  EXPECT_EQ(Find("roadmap"), Keys{});
  ASSERT_TRUE(writer_->Commit(4).has_value());
  EXPECT_EQ(Find("roadmap"), Keys{"post-4"});
}

TEST_F(IndexTest, ReportsAQueryItCannotParse) {
  auto results = reader_->Search("invoice abc..def", 0, 10);
  ASSERT_FALSE(results.has_value());
  EXPECT_EQ(results.error().path, index_dir_.string());
  EXPECT_NE(results.error().message.find("cannot parse the query: Unknown range operation"),
            std::string::npos)
      << results.error().message;
}

TEST_F(IndexTest, HighlightsTheMatchingWordsInTheSnippet) {
  auto english = reader_->Search("invoice", 0, 10);
  ASSERT_TRUE(english.has_value()) << english.error().message;
  ASSERT_EQ(english->hits.size(), 1u);
  EXPECT_NE(english->hits[0].snippet.find("<mark>invoice</mark>"), std::string::npos)
      << english->hits[0].snippet;

  auto dutch = reader_->Search("betalingen", 0, 10);
  ASSERT_TRUE(dutch.has_value()) << dutch.error().message;
  ASSERT_EQ(dutch->hits.size(), 1u);
  EXPECT_NE(dutch->hits[0].snippet.find("<mark>betaling</mark>"), std::string::npos)
      << dutch->hits[0].snippet;
}

TEST_F(IndexTest, RefusesToOpenAMissingIndexReadOnly) {
  auto missing = Index::Open(dir_ / "missing", /*writable=*/false);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().path, (dir_ / "missing").string());
  EXPECT_EQ(missing.error().message, "no index at this path");
  EXPECT_FALSE(fs::exists(dir_ / "missing"));
}

TEST_F(IndexTest, RefusesWritesThroughAReadOnlyIndex) {
  auto put = reader_->Put(Lunch());
  ASSERT_FALSE(put.has_value());
  EXPECT_EQ(put.error().message, "the index is open read-only");
  EXPECT_FALSE(reader_->Commit(9).has_value());
}

TEST_F(IndexTest, RefusesASecondWriter) {
  auto second = Index::Open(index_dir_, /*writable=*/true);
  ASSERT_FALSE(second.has_value());
  EXPECT_NE(second.error().message.find("DatabaseLockError"), std::string::npos)
      << second.error().message;
}

TEST_F(IndexTest, PositionSlackSkipsCommitsThatOnlyMoveThePosition) {
  writer_->set_position_slack(10);
  ASSERT_TRUE(writer_->Commit(12).has_value());  // nothing new, 9 behind: skipped
  EXPECT_EQ(reader_->log_size(), 3u);
  ASSERT_TRUE(writer_->Commit(13).has_value());  // 10 behind: recorded
  EXPECT_EQ(reader_->log_size(), 13u);
  IndexEntry late = Lunch();
  late.key = "post-4";
  late.text = "Quarterly roadmap";
  ASSERT_TRUE(writer_->Put(late).has_value());
  ASSERT_TRUE(writer_->Commit(14).has_value());  // a document: always committed
  EXPECT_EQ(reader_->log_size(), 14u);
  EXPECT_EQ(Find("roadmap"), Keys{"post-4"});
  ASSERT_TRUE(writer_->SetFilter("post-4", "channel", {"ops"}).has_value());
  ASSERT_TRUE(writer_->Commit(15).has_value());  // a filter change too
  EXPECT_EQ(reader_->log_size(), 15u);
  EXPECT_EQ(Find("channel:ops"), Keys{"post-4"});
}

}  // namespace
}  // namespace holdfast::archive
