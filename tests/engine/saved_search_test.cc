// Saved searches are log records: appended, committed and signed like the rest, listed latest
// per name, and erasable in their content like any record that names a person.
#include "engine/saved_search.h"

#include <gtest/gtest.h>

#include "tests/engine/archive_fixture.h"

namespace holdfast::engine {
namespace {

constexpr const char* kPolicy = R"(id: test-none
name: Nothing
severity: low
rules:
  - id: test.never
    category: ip.codename
    patterns:
      - regex: '\bzzqqxx\b'
    examples:
      match: ['zzqqxx']
      no_match: ['zzqq']
)";

class SavedSearchTest : public ArchiveFixture {
 protected:
  void SetUp() override { SetUpArchive(kPolicy); }
};

TEST_F(SavedSearchTest, SavesASignedRecordAndListsTheLatestPerName) {
  {
    auto archive = OpenArchive(true);
    auto first = SaveSearch(*archive, {.name = "cards", .query = "policy:pii-eu", .by = "maria"});
    ASSERT_TRUE(first.has_value()) << first.error().ToString();
    auto other = SaveSearch(*archive, {.name = "late night",
                                       .query = "channel:ops 2024-01-01..",
                                       .sort = "newest",
                                       .by = "li",
                                       .time_us = 1714557600000000});
    ASSERT_TRUE(other.has_value()) << other.error().ToString();
    auto again = SaveSearch(
        *archive, {.name = "cards", .query = "policy:pii-eu severity:high", .by = "maria"});
    ASSERT_TRUE(again.has_value()) << again.error().ToString();
    EXPECT_GT(*again, *first);
  }
  auto archive = OpenArchive(false);
  // Committed: a head covers every saved search, and the log verifies.
  auto head = archive->LatestHead();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->size + 1, archive->size());  // every record but the head's own
  EXPECT_TRUE(archive->Verify().ok) << archive->Verify().message;
  auto record = archive->Read(0);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->record.type, archive::RecordType::kSavedSearch);
  EXPECT_EQ(archive::RecordTypeName(record->record.type), "saved_search");

  auto saved = LoadSavedSearches(*archive);
  ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
  ASSERT_EQ(saved->size(), 2u);
  EXPECT_EQ((*saved)[0].name, "cards");
  EXPECT_EQ((*saved)[0].query, "policy:pii-eu severity:high");
  EXPECT_EQ((*saved)[0].sort, "relevance");
  EXPECT_EQ((*saved)[0].by, "maria");
  EXPECT_NE((*saved)[0].time_us, 0);
  EXPECT_EQ((*saved)[1].name, "late night");
  EXPECT_EQ((*saved)[1].sort, "newest");
  EXPECT_EQ((*saved)[1].by, "li");
  EXPECT_EQ((*saved)[1].time_us, 1714557600000000);
}

TEST_F(SavedSearchTest, KeepsWhoAndWhatInTheErasableContent) {
  const archive::Record record =
      SavedSearchRecord({.name = "n", .query = "author:alice", .by = "maria", .time_us = 1});
  EXPECT_EQ(record.type, archive::RecordType::kSavedSearch);
  EXPECT_EQ(record.key, "");
  EXPECT_EQ(record.meta, R"({"sort":"relevance","time":"1970-01-01T00:00:00.000001Z"})");
  EXPECT_EQ(record.content, R"({"by":"maria","name":"n","query":"author:alice"})");
}

TEST_F(SavedSearchTest, RefusesANamelessSearchOrAnUnknownSort) {
  auto archive = OpenArchive(true);
  auto nameless = SaveSearch(*archive, {.name = "", .query = "x", .by = "maria"});
  ASSERT_FALSE(nameless.has_value());
  EXPECT_EQ(nameless.error().message, "a saved search needs a name");
  auto sideways = SaveSearch(*archive, {.name = "s", .query = "x", .sort = "sideways"});
  ASSERT_FALSE(sideways.has_value());
  EXPECT_EQ(sideways.error().message, "sort must be relevance, newest or oldest, not \"sideways\"");
  EXPECT_EQ(archive->size(), 0u);
}

}  // namespace
}  // namespace holdfast::engine
