// The index's search features beyond words and filters: proximity, wildcards, sorting by time,
// facets over the whole match set, a document's context in time, and the schema version that
// tells an old index from a current one. A real Xapian database on disk throughout.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "archive/index.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;
using Keys = std::vector<std::string>;

constexpr int64_t kMinute = 60LL * 1000000;
constexpr int64_t kJan15 = 1705311000LL * 1000000;  // 2024-01-15 09:30 UTC

IndexEntry Entry(std::string key, uint64_t sequence, std::string text, std::string language,
                 int64_t time_us, std::string channel, std::string author,
                 std::vector<std::string> policies = {}) {
  IndexEntry entry{.key = std::move(key),
                   .sequence = sequence,
                   .text = std::move(text),
                   .language = std::move(language),
                   .time_us = time_us,
                   .filters = {{"channel", channel}, {"author", author}, {"kind", "message"}},
                   .facets = {{"channel", channel},
                              {"author", author},
                              {"source", "slack"},
                              {"kind", "message"}},
                   .data = "{}"};
  for (const std::string& policy : policies) {
    entry.filters.emplace_back("policy", policy);
    entry.facets.emplace_back("policy", policy);
  }
  return entry;
}

class IndexSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto writer = Index::Open(index_dir_, /*writable=*/true);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    writer_ = std::move(*writer);
    const std::vector<IndexEntry> entries = {
        Entry("en-1", 1,
              "The quarterly payments were approved by finance. Please review the invoice "
              "before Friday.",
              "en", kJan15, "general", "alice", {"finance", "pii"}),
        Entry("nl-1", 2, "De betaling van de factuur is vertraagd. Graag de klant informeren.",
              "nl", kJan15 + kMinute, "finance-nl", "bram", {"pii"}),
        Entry("en-2", 3, "Lunch on Friday: the team is running to the new pizza place.", "en",
              kJan15 + 2 * kMinute, "general", "carol"),
        Entry("en-3", 4, "Invoice sent. Payment expected next week, says the invoice desk.", "en",
              kJan15 - kMinute, "general", "alice", {"finance"}),
    };
    for (const IndexEntry& entry : entries) {
      ASSERT_TRUE(writer_->Put(entry).has_value()) << entry.key;
    }
    ASSERT_TRUE(writer_->Commit(4).has_value());
  }

  Keys Find(const std::string& query, SearchOptions options = {}) {
    auto results = writer_->Search(query, options);
    EXPECT_TRUE(results.has_value()) << query << ": " << results.error().message;
    Keys keys;
    if (results.has_value()) {
      for (const SearchHit& hit : results->hits) {
        keys.push_back(hit.key);
      }
    }
    return keys;
  }
  Keys FindSorted(const std::string& query) {
    Keys keys = Find(query);
    std::sort(keys.begin(), keys.end());
    return keys;
  }

  holdfast::testing::TempDir tmp_;
  const fs::path index_dir_ = tmp_.path() / "index";
  std::unique_ptr<Index> writer_;
};

TEST_F(IndexSearchTest, NearMatchesWordsWithinTheWindowInEitherOrder) {
  // "review" and "invoice" are two words apart, "quarterly" nine words before "invoice".
  EXPECT_EQ(Find("review NEAR invoice"), Keys{"en-1"});
  EXPECT_EQ(Find("invoice NEAR review"), Keys{"en-1"});
  EXPECT_EQ(Find("invoice NEAR/2 review"), Keys{"en-1"});
  EXPECT_EQ(Find("quarterly NEAR/3 invoice"), Keys{});
  EXPECT_EQ(Find("quarterly NEAR/12 invoice"), Keys{"en-1"});
}

TEST_F(IndexSearchTest, AdjMatchesWordsWithinTheWindowInTheOrderGiven) {
  EXPECT_EQ(Find("review ADJ/2 invoice"), Keys{"en-1"});
  EXPECT_EQ(Find("invoice ADJ/2 review"), Keys{});
  EXPECT_EQ(Find("payment ADJ expected"), Keys{"en-3"});
}

TEST_F(IndexSearchTest, ProximityWorksInDutchAndBesideFilters) {
  // "factuur" is five words before "klant".
  EXPECT_EQ(Find("betaling NEAR/3 factuur"), Keys{"nl-1"});
  EXPECT_EQ(Find("factuur NEAR/5 klant author:bram"), Keys{"nl-1"});
  EXPECT_EQ(Find("factuur NEAR/4 klant author:bram"), Keys{});
  EXPECT_EQ(Find("factuur NEAR/5 klant author:alice"), Keys{});
  // NEAR beside a plain word, which Xapian's parser alone would read as the word "near": both
  // must hold (AND by default), in either order, and in brackets as written.
  EXPECT_EQ(Find("review NEAR invoice quarterly"), Keys{"en-1"});
  EXPECT_EQ(Find("quarterly review NEAR invoice"), Keys{"en-1"});
  EXPECT_EQ(Find("(review NEAR/2 invoice) quarterly"), Keys{"en-1"});
  EXPECT_EQ(Find("review NEAR invoice pizza"), Keys{});
  EXPECT_EQ(Find("quarterly NEAR/12 invoice NEAR/12 friday payments"), Keys{"en-1"});
  EXPECT_EQ(Find("\"review the invoice\" NEAR friday"), Keys{});  // phrases do not chain
  EXPECT_EQ(Find("near"), Keys{});                                // nothing says "near"
}

TEST_F(IndexSearchTest, ProximityMatchesWordsAsWrittenNotTheirStems) {
  // Only unstemmed terms carry positions: "payments" is in en-1, "payment" in en-3.
  EXPECT_EQ(Find("payments NEAR quarterly"), Keys{"en-1"});
  EXPECT_EQ(Find("payment NEAR quarterly"), Keys{});
  // The plain word still finds both through the stemmer.
  EXPECT_EQ(FindSorted("payment"), (Keys{"en-1", "en-3"}));
}

TEST_F(IndexSearchTest, ExcludesAWordWhicheverLanguageReadsTheQuery) {
  // English stems "quarterly" to "quarter", Dutch leaves it: the exclusion holds in both.
  EXPECT_EQ(Find("invoice -quarterly"), Keys{"en-3"});
  EXPECT_EQ(Find("invoice NOT quarterly"), Keys{"en-3"});
  EXPECT_EQ(Find("friday -lunch"), Keys{"en-1"});
  // A Dutch inflection excluded from the English reading too, and a word not in the text.
  EXPECT_EQ(Find("factuur -betalingen"), Keys{});
  EXPECT_EQ(Find("factuur NOT betalingen"), Keys{});
  EXPECT_EQ(Find("factuur -lunch"), Keys{"nl-1"});
  EXPECT_EQ(Find("(factuur OR invoice) -Payments"), Keys{"nl-1"});
}

TEST_F(IndexSearchTest, WildcardsExpandInEitherLanguageAndCaseInsensitively) {
  EXPECT_EQ(Find("factu*"), Keys{"nl-1"});
  EXPECT_EQ(Find("BETAL*"), Keys{"nl-1"});
  EXPECT_EQ(FindSorted("invoi*"), (Keys{"en-1", "en-3"}));
  EXPECT_EQ(FindSorted("payment*"), (Keys{"en-1", "en-3"}));
  EXPECT_EQ(Find("invoi* author:alice -quarterly"), Keys{"en-3"});
  EXPECT_EQ(Find("zzz*"), Keys{});
}

TEST_F(IndexSearchTest, SortsByTimeEitherWay) {
  EXPECT_EQ(Find("", {.sort = SearchSort::kNewest}), (Keys{"en-2", "nl-1", "en-1", "en-3"}));
  EXPECT_EQ(Find("", {.sort = SearchSort::kOldest}), (Keys{"en-3", "en-1", "nl-1", "en-2"}));
  // en-3 says "invoice" twice, so it is more relevant; by time en-1 is newer.
  EXPECT_EQ(Find("invoice"), (Keys{"en-3", "en-1"}));
  EXPECT_EQ(Find("invoice", {.sort = SearchSort::kNewest}), (Keys{"en-1", "en-3"}));
  EXPECT_EQ(Find("invoice", {.sort = SearchSort::kOldest}), (Keys{"en-3", "en-1"}));
  EXPECT_EQ(Find("", {.offset = 1, .limit = 2, .sort = SearchSort::kOldest}),
            (Keys{"en-1", "nl-1"}));
}

// Ties in relevance go to the document indexed last; only a query of filters alone, where
// every match ties at weight 0, is ordered by the posts' time. One shard, so that the order of
// indexing is the order of document ids.
TEST(IndexTieTest, BreaksRelevanceTiesByIndexingOrderAndFilterOnlyQueriesByTime) {
  holdfast::testing::TempDir tmp;
  auto index = Index::Open(tmp.path() / "index", /*writable=*/true, false, /*shards=*/1);
  ASSERT_TRUE(index.has_value()) << index.error().message;
  // Indexed in this order; by post time b is the oldest and c the newest.
  ASSERT_TRUE((*index)->Put(Entry("a", 1, "budget review", "en", kJan15, "ops", "zed")));
  ASSERT_TRUE((*index)->Put(Entry("b", 2, "budget review", "en", kJan15 - kMinute, "ops", "zed")));
  ASSERT_TRUE((*index)->Put(Entry("c", 3, "budget review", "en", kJan15 + kMinute, "ops", "zed")));
  ASSERT_TRUE((*index)->Commit(3));
  auto keys = [&](const std::string& query) {
    auto results = (*index)->Search(query, SearchOptions{});
    Keys out;
    if (!results) {
      ADD_FAILURE() << query << ": " << results.error().message;
      return out;
    }
    for (const SearchHit& hit : results->hits) {
      out.push_back(hit.key);
    }
    return out;
  };
  EXPECT_EQ(keys("budget"), (Keys{"c", "b", "a"}));
  EXPECT_EQ(keys("author:zed"), (Keys{"c", "a", "b"}));
  EXPECT_EQ(keys("author:zed channel:ops"), (Keys{"c", "a", "b"}));
}

std::vector<std::pair<std::string, uint64_t>> Counts(const SearchResults& results,
                                                     const std::string& field) {
  for (const Facet& facet : results.facets) {
    if (facet.field == field) {
      std::vector<std::pair<std::string, uint64_t>> out;
      for (const FacetCount& count : facet.counts) {
        out.emplace_back(count.value, count.count);
      }
      return out;
    }
  }
  ADD_FAILURE() << "no facet " << field;
  return {};
}

TEST_F(IndexSearchTest, CountsFacetsOverEveryMatchNotOnlyThePage) {
  auto results = writer_->Search("", {.limit = 1, .facets = true});
  ASSERT_TRUE(results.has_value()) << results.error().message;
  EXPECT_EQ(results->hits.size(), 1u);
  ASSERT_EQ(results->facets.size(), 5u);
  EXPECT_EQ(results->facets[0].field, "channel");
  using Pairs = std::vector<std::pair<std::string, uint64_t>>;
  EXPECT_EQ(Counts(*results, "channel"), (Pairs{{"general", 3}, {"finance-nl", 1}}));
  EXPECT_EQ(Counts(*results, "author"), (Pairs{{"alice", 2}, {"bram", 1}, {"carol", 1}}));
  // A post flagged by two policies counts under each.
  EXPECT_EQ(Counts(*results, "policy"), (Pairs{{"finance", 2}, {"pii", 2}}));
  EXPECT_EQ(Counts(*results, "source"), (Pairs{{"slack", 4}}));
  EXPECT_EQ(Counts(*results, "kind"), (Pairs{{"message", 4}}));
}

TEST_F(IndexSearchTest, CountsFacetsOfTheMatchesOnly) {
  auto results = writer_->Search("invoice", {.facets = true});
  ASSERT_TRUE(results.has_value()) << results.error().message;
  using Pairs = std::vector<std::pair<std::string, uint64_t>>;
  EXPECT_EQ(Counts(*results, "channel"), (Pairs{{"general", 2}}));
  EXPECT_EQ(Counts(*results, "policy"), (Pairs{{"finance", 2}, {"pii", 1}}));
  auto without = writer_->Search("invoice", {});
  ASSERT_TRUE(without.has_value());
  EXPECT_TRUE(without->facets.empty());
}

TEST_F(IndexSearchTest, RefusesAnUnknownFacetField) {
  IndexEntry entry = Entry("x", 9, "text", "en", kJan15, "c", "a");
  entry.facets.emplace_back("colour", "red");
  auto put = writer_->Put(entry);
  ASSERT_FALSE(put.has_value());
  EXPECT_NE(put.error().message.find("unknown facet field \"colour\""), std::string::npos)
      << put.error().message;
}

// A chat of six posts a minute apart, one thread of three inside it, one edited post.
class IndexContextTest : public IndexSearchTest {
 protected:
  void SetUp() override {
    IndexSearchTest::SetUp();
    const auto post = [](std::string key, uint64_t sequence, int minute, std::string thread) {
      IndexEntry entry =
          Entry(key, sequence, "message " + key, "en", kJan15 + minute * kMinute, "ops", "dana");
      entry.filters.emplace_back("chat", "ops-chat");
      entry.filters.emplace_back("thread", thread.empty() ? key : thread);
      return entry;
    };
    const std::vector<IndexEntry> entries = {
        post("c1", 10, 1, ""),   post("c2", 11, 2, ""),     post("t1", 12, 3, ""),
        post("t2", 13, 4, "t1"), post("c3", 14, 5, ""),     post("t3", 15, 6, "t1"),
        post("c4", 16, 7, ""),   post("c5", 17, 7, ""),  // same minute: log order decides
        post("c6", 18, 8, ""),   post("c6v2", 19, 8, "c6"),
    };
    for (const IndexEntry& entry : entries) {
      ASSERT_TRUE(writer_->Put(entry).has_value()) << entry.key;
    }
    ASSERT_TRUE(writer_->SetFilter("c6", "version", {"superseded"}).has_value());
    ASSERT_TRUE(writer_->Commit(20).has_value());
  }

  static Keys KeysOf(const std::vector<SearchHit>& hits) {
    Keys keys;
    for (const SearchHit& hit : hits) {
      keys.push_back(hit.key);
    }
    return keys;
  }
};

TEST_F(IndexContextTest, GivesTheThreadAroundAReplyInTimeOrder) {
  auto context = writer_->Context("t2", {"thread", "chat"}, 5, 5);
  ASSERT_TRUE(context.has_value()) << context.error().message;
  EXPECT_EQ(context->field, "thread");
  EXPECT_EQ(context->hit.key, "t2");
  EXPECT_EQ(context->hit.sequence, 13u);
  EXPECT_EQ(KeysOf(context->before), Keys{"t1"});
  EXPECT_EQ(KeysOf(context->after), Keys{"t3"});
}

TEST_F(IndexContextTest, GivesTheThreadOfItsRootToo) {
  auto context = writer_->Context("t1", {"thread", "chat"}, 5, 5);
  ASSERT_TRUE(context.has_value()) << context.error().message;
  EXPECT_EQ(context->field, "thread");
  EXPECT_EQ(KeysOf(context->before), Keys{});
  EXPECT_EQ(KeysOf(context->after), (Keys{"t2", "t3"}));
}

TEST_F(IndexContextTest, FallsBackToTheChatAndStopsAtN) {
  auto context = writer_->Context("c3", {"thread", "chat"}, 2, 2);
  ASSERT_TRUE(context.has_value()) << context.error().message;
  EXPECT_EQ(context->field, "chat");
  EXPECT_EQ(KeysOf(context->before), (Keys{"t1", "t2"}));
  EXPECT_EQ(KeysOf(context->after), (Keys{"t3", "c4"}));
}

TEST_F(IndexContextTest, BreaksTiesInTimeByLogOrderAndSkipsSupersededVersions) {
  auto context = writer_->Context("c4", {"thread", "chat"}, 1, 3);
  ASSERT_TRUE(context.has_value()) << context.error().message;
  EXPECT_EQ(KeysOf(context->before), Keys{"t3"});
  EXPECT_EQ(KeysOf(context->after), (Keys{"c5", "c6v2"}));
  // The latest version's own thread holds only its superseded version: it reads as alone.
  auto edited = writer_->Context("c6v2", {"thread", "chat"}, 1, 1);
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  EXPECT_EQ(edited->field, "chat");
  EXPECT_EQ(KeysOf(edited->before), Keys{"c5"});
  EXPECT_EQ(KeysOf(edited->after), Keys{});
}

TEST_F(IndexContextTest, LeavesTheScopeEmptyForAPostAloneAndNamesAnUnknownKey) {
  auto alone = writer_->Context("nl-1", {"thread", "chat"}, 3, 3);
  ASSERT_TRUE(alone.has_value()) << alone.error().message;
  EXPECT_EQ(alone->field, "");
  EXPECT_EQ(alone->hit.key, "nl-1");
  EXPECT_TRUE(alone->before.empty() && alone->after.empty());
  auto missing = writer_->Context("nope", {"thread"}, 1, 1);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "no document nope");
}

TEST_F(IndexSearchTest, ANewIndexIsInTheCurrentSchema) {
  EXPECT_EQ(writer_->schema_version(), Index::kSchemaVersion);
  writer_.reset();
  auto reader = Index::Open(index_dir_, /*writable=*/false);
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  EXPECT_EQ((*reader)->schema_version(), Index::kSchemaVersion);
}

// An index as Holdfast wrote it before schema 2: no schema metadata, no order or facet slots.
void WriteSchemaOneIndex(const fs::path& dir) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (int i = 0; i < 2; ++i) {
    Xapian::Document doc;
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator.set_document(doc);
    generator.index_text("old invoice " + std::to_string(i));
    doc.add_boolean_term("Qold-" + std::to_string(i));
    doc.add_boolean_term("XCgeneral");
    doc.add_value(0, "20240115");
    doc.add_value(1, Xapian::sortable_serialise(static_cast<double>(kJan15 + i * kMinute)));
    doc.add_value(2, std::string(7, '\0') + static_cast<char>(i + 1));
    doc.add_value(3, "old invoice");
    doc.add_value(4, "en");
    doc.set_data("{}");
    db.add_document(doc);
  }
  db.set_metadata("holdfast:log_size", "2");
  db.commit();
}

TEST(IndexSchemaTest, AnOldIndexOpensAndSearchesButHasNoFacetsOrContext) {
  holdfast::testing::TempDir tmp;
  const fs::path dir = tmp.path() / "index";
  WriteSchemaOneIndex(dir);
  auto old = Index::Open(dir, /*writable=*/false);
  ASSERT_TRUE(old.has_value()) << old.error().message;
  EXPECT_EQ((*old)->schema_version(), 1u);
  auto results =
      (*old)->Search("invoice channel:general", {.sort = SearchSort::kOldest, .facets = true});
  ASSERT_TRUE(results.has_value()) << results.error().message;
  ASSERT_EQ(results->hits.size(), 2u);
  EXPECT_EQ(results->hits[0].key, "old-0");
  for (const Facet& facet : results->facets) {
    EXPECT_TRUE(facet.counts.empty()) << facet.field;
  }
  auto context = (*old)->Context("old-0", {"chat"}, 1, 1);
  ASSERT_FALSE(context.has_value());
  EXPECT_EQ(context.error().message,
            "the index predates context (schema 1); rebuild it with holdfast reindex");

  // A writer catching an old index up keeps it old: its earlier documents still lack slots.
  old->reset();
  auto writer = Index::Open(dir, /*writable=*/true);
  ASSERT_TRUE(writer.has_value()) << writer.error().message;
  ASSERT_TRUE((*writer)->Commit(3).has_value());
  EXPECT_EQ((*writer)->schema_version(), 1u);
  writer->reset();
  auto rebuilt = Index::Open(dir, /*writable=*/true, /*overwrite=*/true);
  ASSERT_TRUE(rebuilt.has_value()) << rebuilt.error().message;
  ASSERT_TRUE((*rebuilt)->Commit(0).has_value());
  EXPECT_EQ((*rebuilt)->schema_version(), Index::kSchemaVersion);
}

}  // namespace
}  // namespace holdfast::archive
