// How the index stores its documents: compaction, the swap that puts a new database in place
// (and its repair after a crash between the two renames), ids stored packed, and documents
// added on the index's own thread. A real Xapian database on disk throughout.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "archive/index.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;
using Keys = std::vector<std::string>;

constexpr int64_t kJan15 = 1705311000LL * 1000000;  // 2024-01-15 09:30 UTC
const std::string kPostKey = "5737fa32476b4887393df3c34b5e4d5e547b4b944e76be76389310f3baf88cc4";
const std::string kPostId = "bdd6cd51ae59900199523f14ac8f168878d252c50f8cd307f15edd48a1e8da34";
const std::string kChat = "35a4b6803a0c4e7ad76320a24c576c90";

IndexEntry Numbered(uint64_t n) {
  return {.key = "post-" + std::to_string(n),
          .sequence = n,
          .text = "Status update number " + std::to_string(n) + " about the quarterly plan",
          .language = "en",
          .time_us = kJan15 + static_cast<int64_t>(n) * 1000000,
          .filters = {{"channel", n % 2 == 0 ? "even" : "odd"}, {"kind", "message"}},
          .facets = {{"channel", n % 2 == 0 ? "even" : "odd"}},
          .data = "{}"};
}

uint64_t FolderBytes(const fs::path& dir) {
  uint64_t bytes = 0;
  for (const auto& file : fs::recursive_directory_iterator(dir)) {
    if (file.is_regular_file()) {
      bytes += file.file_size();
    }
  }
  return bytes;
}

class IndexStorageTest : public ::testing::Test {
 protected:
  std::unique_ptr<Index> OpenWriter() {
    auto writer = Index::Open(index_dir_, /*writable=*/true);
    EXPECT_TRUE(writer.has_value()) << writer.error().message;
    return writer.has_value() ? std::move(*writer) : nullptr;
  }
  Keys Find(const Index& index, const std::string& query) {
    auto results = index.Search(query, 0, 100);
    EXPECT_TRUE(results.has_value()) << query << ": " << results.error().message;
    Keys keys;
    for (const SearchHit& hit : results.value_or(SearchResults{}).hits) {
      keys.push_back(hit.key);
    }
    return keys;
  }

  holdfast::testing::TempDir tmp_;
  const fs::path index_dir_ = tmp_.path() / "index";
};

TEST_F(IndexStorageTest, CompactKeepsEveryDocumentAndShrinksAnIndexGrownByManyCommits) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  constexpr uint64_t kDocuments = 3000;
  for (uint64_t n = 1; n <= kDocuments; ++n) {
    ASSERT_TRUE(writer->Put(Numbered(n)).has_value());
    if (n % 50 == 0) {
      ASSERT_TRUE(writer->Commit(n).has_value());
    }
  }
  const uint64_t before = FolderBytes(index_dir_);
  ASSERT_TRUE(writer->Compact().has_value());
  const uint64_t after = FolderBytes(index_dir_);
  EXPECT_LT(after * 10, before * 8) << before << " bytes before, " << after << " after";
  EXPECT_FALSE(fs::exists(index_dir_.string() + ".compact"));
  EXPECT_FALSE(fs::exists(index_dir_.string() + ".old"));
  EXPECT_EQ(writer->document_count(), kDocuments);
  EXPECT_EQ(writer->log_size(), kDocuments);
  EXPECT_EQ(writer->schema_version(), Index::kSchemaVersion);
  EXPECT_EQ(Find(*writer, "\"update number 1234\""), Keys{"post-1234"});

  // Still the writer: a later document lands in the compacted database.
  IndexEntry late = Numbered(kDocuments + 1);
  late.text = "A roadmap written after compaction";
  ASSERT_TRUE(writer->Put(late).has_value());
  ASSERT_TRUE(writer->Commit(kDocuments + 1).has_value());
  writer.reset();
  auto reader = Index::Open(index_dir_, /*writable=*/false);
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  EXPECT_EQ(Find(**reader, "roadmap"), Keys{"post-3001"});
  EXPECT_EQ((*reader)->document_count(), kDocuments + 1);
}

TEST_F(IndexStorageTest, OpenPutsBackAnIndexThatASwapLeftAside) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Put(Numbered(7)).has_value());
  ASSERT_TRUE(writer->Commit(8).has_value());
  writer.reset();
  // A crash between the swap's two renames: the old database moved aside, the new one not in.
  fs::rename(index_dir_, index_dir_.string() + ".old");

  auto reopened = OpenWriter();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->document_count(), 1u);
  EXPECT_EQ(reopened->log_size(), 8u);
  EXPECT_FALSE(fs::exists(index_dir_.string() + ".old"));
}

TEST_F(IndexStorageTest, HexIdsAreStoredAsBytesAndReadBackAsHex) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  IndexEntry entry = Numbered(1);
  entry.key = kPostKey;
  entry.filters.emplace_back("post", kPostId);
  entry.filters.emplace_back("chat", kChat);
  entry.filters.emplace_back("author", "u0005");
  ASSERT_TRUE(writer->Put(entry).has_value());
  ASSERT_TRUE(writer->Commit(2).has_value());

  EXPECT_EQ(Find(*writer, "post:" + kPostId), Keys{kPostKey});
  std::string upper = kPostId;
  for (char& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(Find(*writer, "post:" + upper), Keys{kPostKey});  // filters ignore case
  EXPECT_EQ(Find(*writer, "chat:" + kChat), Keys{kPostKey});
  auto post = writer->FilterValues(kPostKey, "post");
  ASSERT_TRUE(post.has_value()) << post.error().message;
  EXPECT_EQ(*post, Keys{kPostId});
  auto author = writer->FilterValues(kPostKey, "author");
  ASSERT_TRUE(author.has_value()) << author.error().message;
  EXPECT_EQ(*author, Keys{"u0005"});  // not hex: stored as written
  ASSERT_TRUE(writer->SetFilter(kPostKey, "state", {"escalated"}).has_value());
  EXPECT_EQ(Find(*writer, "state:escalated"), Keys{kPostKey});

  // On disk, neither id is spelled out in hex: each takes 32 bytes, not 64.
  writer.reset();
  Xapian::Database db(index_dir_.string());
  const Xapian::Document doc = db.get_document(1);
  for (Xapian::TermIterator term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    EXPECT_EQ((*term).find(kPostKey), std::string::npos) << *term;
    EXPECT_EQ((*term).find(kPostId), std::string::npos) << *term;
    EXPECT_LE((*term).size(), 35u) << *term;  // a prefix of two, a zero byte, 32 bytes
  }
}

TEST_F(IndexStorageTest, SnippetsComeFromTheDataAndTheHitGetsOnlyTheEntrysData) {
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  IndexEntry entry = Numbered(3);
  entry.data = R"({"channel":"odd"})";
  ASSERT_TRUE(writer->Put(entry).has_value());
  IndexEntry zero = Numbered(4);
  zero.data = std::string("{}\0tail", 7);
  auto refused = writer->Put(zero);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("zero byte"), std::string::npos)
      << refused.error().message;
  ASSERT_TRUE(writer->Commit(5).has_value());

  auto results = writer->Search("quarterly", 0, 10);
  ASSERT_TRUE(results.has_value()) << results.error().message;
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->hits[0].data, R"({"channel":"odd"})");
  EXPECT_EQ(results->hits[0].snippet,
            "Status update number 3 about the <mark>quarterly</mark> plan");
  EXPECT_EQ(results->hits[0].sequence, 3u);
  EXPECT_EQ(results->hits[0].time_us, kJan15 + 3'000'000);
}

TEST_F(IndexStorageTest, SearchesSeeEveryDocumentPutBeforeThem) {
  // Documents are added on the index's thread; a search from the writer waits for them.
  auto writer = OpenWriter();
  ASSERT_NE(writer, nullptr);
  for (uint64_t n = 1; n <= 500; ++n) {
    ASSERT_TRUE(writer->Put(Numbered(n)).has_value());
  }
  EXPECT_EQ(writer->document_count(), 500u);
  EXPECT_EQ(Find(*writer, "\"update number 500\""), Keys{"post-500"});
  ASSERT_TRUE(writer->SetFilter("post-499", "state", {"dismissed"}).has_value());
  EXPECT_EQ(Find(*writer, "state:dismissed"), Keys{"post-499"});
}

}  // namespace
}  // namespace holdfast::archive
