// The index's shards: a shard list in Xapian's XAPIANDB format naming one database per shard,
// documents spread over them by key and searched as one, an index from before shards still used,
// commits that keep shard 0 the furthest behind, and compaction and its repair per shard. Real
// Xapian databases on disk throughout; Xapian's own API opens them as an outside tool would.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "archive/index.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;

IndexEntry Numbered(uint64_t n) {
  return {.key = "post-" + std::to_string(n),
          .sequence = n,
          .text = "Budget note " + std::to_string(n) + " about the harbour project",
          .language = "en",
          .time_us = 1705311000LL * 1000000 + static_cast<int64_t>(n) * 1000000,
          .filters = {{"channel", "plans"}, {"kind", "message"}},
          .facets = {{"channel", "plans"}},
          .data = "{}"};
}

class IndexShardsTest : public ::testing::Test {
 protected:
  std::unique_ptr<Index> Open(bool writable, bool overwrite = false, uint32_t shards = 0) {
    auto index = Index::Open(dir_, writable, overwrite, shards);
    EXPECT_TRUE(index.has_value()) << index.error().message;
    return index.has_value() ? std::move(*index) : nullptr;
  }
  void PutNumbered(Index& index, uint64_t from, uint64_t to) {
    for (uint64_t n = from; n <= to; ++n) {
      ASSERT_TRUE(index.Put(Numbered(n)).has_value());
    }
  }
  static uint64_t Hits(const Index& index, const std::string& query) {
    auto results = index.Search(query, 0, 1000);
    EXPECT_TRUE(results.has_value()) << results.error().message;
    return results.has_value() ? results->hits.size() : 0;
  }
  uint64_t ShardDocuments(uint32_t shard) const {
    return Xapian::Database(Shard(shard).string()).get_doccount();
  }
  fs::path Shard(uint32_t shard) const { return dir_ / ("shard-" + std::to_string(shard)); }

  holdfast::testing::TempDir tmp_;
  const fs::path dir_ = tmp_.path() / "index";
};

TEST_F(IndexShardsTest, ANewIndexSpreadsDocumentsOverItsShardsAndSearchesThemAsOne) {
  auto writer = Open(/*writable=*/true);
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->shard_count(), Index::kDefaultShards);
  PutNumbered(*writer, 1, 200);
  EXPECT_EQ(Hits(*writer, "harbour"), 200u);  // a writer sees its pending documents
  ASSERT_TRUE(writer->Commit(200).has_value());
  writer.reset();

  std::ifstream list(dir_ / "XAPIANDB");
  const std::string lines((std::istreambuf_iterator<char>(list)), {});
  EXPECT_EQ(lines, "glass shard-0\nglass shard-1\n");
  const uint64_t first = ShardDocuments(0), second = ShardDocuments(1);
  EXPECT_EQ(first + second, 200u);
  EXPECT_GT(first, 60u) << "keys should spread over both shards";
  EXPECT_GT(second, 60u);

  // Xapian opens the folder as one database, as quest and xapian-delve do.
  EXPECT_EQ(Xapian::Database(dir_.string()).get_doccount(), 200u);
  auto reader = Open(/*writable=*/false);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->document_count(), 200u);
  EXPECT_EQ(reader->shard_count(), 2u);
  EXPECT_EQ(reader->log_size(), 200u);
  EXPECT_EQ(reader->schema_version(), Index::kSchemaVersion);
  EXPECT_EQ(Hits(*reader, "\"budget note 137\""), 1u);
  EXPECT_EQ(Hits(*reader, "channel:plans"), 200u);
}

TEST_F(IndexShardsTest, ADocumentPutAgainOrChangedIsFoundInItsOwnShard) {
  auto writer = Open(/*writable=*/true, /*overwrite=*/false, /*shards=*/3);
  ASSERT_NE(writer, nullptr);
  PutNumbered(*writer, 1, 60);
  ASSERT_TRUE(writer->Commit(60).has_value());
  PutNumbered(*writer, 1, 60);  // a replay after a crash: replaced, not added
  for (uint64_t n = 1; n <= 60; ++n) {
    const std::string key = "post-" + std::to_string(n);
    ASSERT_TRUE(writer->SetFilter(key, "state", {"dismissed"}).has_value()) << key;
  }
  ASSERT_TRUE(writer->Commit(61).has_value());
  EXPECT_EQ(writer->document_count(), 60u);
  EXPECT_EQ(Hits(*writer, "state:dismissed"), 60u);
  auto values = writer->FilterValues("post-17", "state");
  ASSERT_TRUE(values.has_value());
  EXPECT_EQ(*values, std::vector<std::string>{"dismissed"});
  EXPECT_EQ(ShardDocuments(0) + ShardDocuments(1) + ShardDocuments(2), 60u);
}

TEST_F(IndexShardsTest, TheLogPositionIsTheLeastAnyShardReached) {
  auto writer = Open(/*writable=*/true);
  ASSERT_NE(writer, nullptr);
  PutNumbered(*writer, 1, 10);
  ASSERT_TRUE(writer->Commit(10).has_value());
  PutNumbered(*writer, 11, 20);
  ASSERT_TRUE(writer->Commit(20).has_value());
  writer.reset();
  for (uint32_t shard = 0; shard < 2; ++shard) {
    EXPECT_EQ(Xapian::Database(Shard(shard).string()).get_metadata("holdfast:log_size"), "20");
  }
  // A crash between the shards' commits: shard 1 still at 10. The index must report 10, so
  // that the next writer replays from there into every shard.
  {
    Xapian::WritableDatabase behind(Shard(1).string(), Xapian::DB_OPEN);
    behind.set_metadata("holdfast:log_size", "10");
    behind.commit();
  }
  auto reader = Open(/*writable=*/false);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->log_size(), 10u);
  reader.reset();
  auto reopened = Open(/*writable=*/true);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->log_size(), 10u);
  reopened.reset();

  // A shard gone altogether: a reader cannot open the index, a writer starts the shard empty
  // and reports 0, so that the whole log is replayed.
  fs::remove_all(Shard(0));
  EXPECT_FALSE(Index::Open(dir_, /*writable=*/false).has_value());
  auto restarted = Open(/*writable=*/true);
  ASSERT_NE(restarted, nullptr);
  EXPECT_EQ(restarted->log_size(), 0u);
}

TEST_F(IndexShardsTest, AnIndexFromBeforeShardsIsUsedAsOneUntilRebuilt) {
  {
    // One Glass database at DIR itself, as every index was before shards.
    Xapian::WritableDatabase old(dir_.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    Xapian::Document doc;
    doc.add_boolean_term("Qold-post");
    doc.set_data("{}");
    old.add_document(doc);
    old.set_metadata("holdfast:log_size", "5");
    old.set_metadata("holdfast:schema", std::to_string(Index::kSchemaVersion));
    old.commit();
  }
  auto writer = Open(/*writable=*/true);
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->shard_count(), 1u);
  EXPECT_EQ(writer->log_size(), 5u);
  PutNumbered(*writer, 1, 4);
  ASSERT_TRUE(writer->Commit(9).has_value());
  EXPECT_EQ(writer->document_count(), 5u);
  writer.reset();
  EXPECT_FALSE(fs::exists(dir_ / "XAPIANDB"));

  // Rebuilding it (holdfast reindex) starts the current layout.
  auto rebuilt = Open(/*writable=*/true, /*overwrite=*/true);
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(rebuilt->shard_count(), Index::kDefaultShards);
  EXPECT_EQ(rebuilt->document_count(), 0u);
  PutNumbered(*rebuilt, 1, 4);
  ASSERT_TRUE(rebuilt->Commit(9).has_value());
  rebuilt.reset();
  EXPECT_TRUE(fs::exists(dir_ / "XAPIANDB"));
  EXPECT_FALSE(fs::exists(dir_ / "iamglass"));
  EXPECT_EQ(Xapian::Database(dir_.string()).get_doccount(), 4u);
}

TEST_F(IndexShardsTest, ARebuildKeepsTheShardCountUnlessToldAnother) {
  auto writer = Open(/*writable=*/true, /*overwrite=*/false, /*shards=*/3);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Commit(0).has_value());
  writer.reset();
  auto kept = Open(/*writable=*/true, /*overwrite=*/true);
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->shard_count(), 3u);
  kept.reset();
  auto changed = Open(/*writable=*/true, /*overwrite=*/true, /*shards=*/1);
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->shard_count(), 1u);
  PutNumbered(*changed, 1, 3);
  ASSERT_TRUE(changed->Commit(3).has_value());
  changed.reset();
  EXPECT_FALSE(fs::exists(Shard(1)));
  EXPECT_FALSE(fs::exists(Shard(2)));
  EXPECT_EQ(Xapian::Database(dir_.string()).get_doccount(), 3u);
}

TEST_F(IndexShardsTest, CompactionReplacesEveryShardAndASwapCutShortIsRepaired) {
  auto writer = Open(/*writable=*/true);
  ASSERT_NE(writer, nullptr);
  for (uint64_t n = 1; n <= 1000; n += 50) {
    PutNumbered(*writer, n, n + 49);
    ASSERT_TRUE(writer->Commit(n + 49).has_value());
  }
  ASSERT_TRUE(writer->Compact().has_value());
  for (uint32_t shard = 0; shard < 2; ++shard) {
    EXPECT_FALSE(fs::exists(Shard(shard).string() + ".compact"));
    EXPECT_FALSE(fs::exists(Shard(shard).string() + ".old"));
  }
  EXPECT_EQ(writer->document_count(), 1000u);
  EXPECT_EQ(Hits(*writer, "\"budget note 999\""), 1u);
  PutNumbered(*writer, 1001, 1001);  // still the writer, of the compacted shards
  ASSERT_TRUE(writer->Commit(1001).has_value());
  writer.reset();

  // A crash between a shard's two renames: its old database aside, the new one not in.
  fs::rename(Shard(1), Shard(1).string() + ".old");
  auto reopened = Open(/*writable=*/false);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->document_count(), 1001u);
  EXPECT_FALSE(fs::exists(Shard(1).string() + ".old"));
}

TEST_F(IndexShardsTest, ABadShardListOrShardCountIsRefusedWithTheReason) {
  auto too_many = Index::Open(dir_, true, false, Index::kMaxShards + 1);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_NE(too_many.error().message.find("1 to 16 shards, not 17"), std::string::npos)
      << too_many.error().message;

  fs::create_directories(dir_);
  std::ofstream(dir_ / "XAPIANDB") << "glass shard-0\nremote tcp:example.org:1234\n";
  auto bad = Index::Open(dir_, true);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("XAPIANDB line 2"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace holdfast::archive
