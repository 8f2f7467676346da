// Edits and deletions: each is a new record naming the version it supersedes; search shows the
// latest version and, on request, the history; nothing earlier is overwritten; a rebuilt index
// agrees.
#include "engine/versions.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/pipeline.h"
#include "engine/records.h"
#include "engine/reindex.h"
#include "rules/policy.h"
#include "tests/engine/archive_fixture.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

namespace fs = std::filesystem;
using holdfast::testing::TempDir;

std::string Line(const std::string& id, const std::string& text, const std::string& kind = "",
                 const std::string& version = "") {
  nlohmann::json line = {{"id", id},
                         {"text", text},
                         {"author", "u1"},
                         {"channel", "general"},
                         {"time", "2024-05-01T10:00:00Z"}};
  if (!kind.empty())
    line["kind"] = kind;
  if (!version.empty())
    line["version"] = version;
  return line.dump() + "\n";
}

class VersionsTest : public ArchiveFixture {
 protected:
  void SetUp() override { SetUpArchive(kWordPolicy); }

  std::unique_ptr<archive::Archive> Open(bool writable) { return OpenArchive(writable); }

  IngestStats Ingest(const std::string& jsonl, const std::string& name = "posts.jsonl") {
    return IngestJsonl(jsonl, name);
  }

  size_t Hits(const std::string& query, bool history = false) {
    auto archive = Open(false);
    auto results = archive->index().Search(query, 0, 100, history);
    EXPECT_TRUE(results.has_value()) << query;
    return results ? results->hits.size() : 0;
  }

  // Post records in log order: (key, meta "supersedes", text).
  std::vector<std::array<std::string, 3>> PostRecords() {
    auto archive = Open(false);
    std::vector<std::array<std::string, 3>> out;
    auto walked = archive->ForEach([&](const archive::StoredRecord& record) {
      if (record.record.type == archive::RecordType::kPost) {
        const Post post = DecodePost(record).value();
        out.push_back({record.record.key, post.supersedes, post.text});
      }
      return true;
    });
    EXPECT_TRUE(walked.has_value());
    return out;
  }

  static std::string PostIdOf(const std::string& native_id) {
    Post post;
    post.source = "jsonl";
    post.community_id = "general";
    post.native_id = native_id;
    return post.PostId();
  }
};

TEST_F(VersionsTest, EachEditAndDeletionNamesTheVersionItSupersedesAndNothingIsOverwritten) {
  Ingest(Line("1", "original alpha") + Line("2", "untouched gamma") +
         Line("1", "edited beta", "edit", "v2") + Line("1", "", "delete", "v3"));
  const auto posts = PostRecords();
  ASSERT_EQ(posts.size(), 4u);
  EXPECT_EQ(posts[0][2], "original alpha");
  EXPECT_EQ(posts[0][1], "");
  EXPECT_EQ(posts[2][1], posts[0][0]) << "the edit names the original";
  EXPECT_EQ(posts[3][1], posts[2][0]) << "the deletion names the edit";
  EXPECT_EQ(posts[1][1], "");
}

TEST_F(VersionsTest, SearchShowsTheLatestVersionAndTheHistoryOnRequest) {
  Ingest(Line("1", "original alpha") + Line("2", "untouched gamma"));
  EXPECT_EQ(Hits("alpha"), 1u);
  Ingest(Line("1", "edited beta", "edit", "v2"), "later.jsonl");  // a later export
  EXPECT_EQ(Hits("alpha"), 0u);
  EXPECT_EQ(Hits("alpha", true), 1u);
  EXPECT_EQ(Hits("beta"), 1u);
  EXPECT_EQ(Hits("gamma"), 1u);
  EXPECT_EQ(Hits("post:" + PostIdOf("1")), 1u);
  EXPECT_EQ(Hits("post:" + PostIdOf("1"), true), 2u);
  EXPECT_EQ(Hits("version:superseded"), 1u);
  EXPECT_EQ(Hits(""), 2u);
  EXPECT_EQ(Hits("", true), 3u);
}

TEST_F(VersionsTest, IngestingTheSameEditsAgainAddsAndChangesNothing) {
  const std::string jsonl = Line("1", "original alpha") + Line("1", "edited beta", "edit", "v2");
  Ingest(jsonl);
  const auto before = PostRecords();
  const IngestStats again = Ingest(jsonl);
  EXPECT_EQ(again.posts_added, 0u);
  EXPECT_EQ(PostRecords(), before);
  EXPECT_EQ(Hits("alpha"), 0u);
  EXPECT_EQ(Hits("beta"), 1u);
}

TEST_F(VersionsTest, ARebuiltIndexKnowsWhichVersionsWereSuperseded) {
  Ingest(Line("1", "original alpha zorblax") + Line("1", "edited beta", "edit", "v2"));
  {
    auto archive = Open(true);
    ASSERT_TRUE(archive->ResetIndex().has_value());
    ASSERT_TRUE(Reindex(*archive, 0).has_value());
  }
  EXPECT_EQ(Hits("alpha"), 0u);
  EXPECT_EQ(Hits("alpha", true), 1u);
  EXPECT_EQ(Hits("beta"), 1u);
  EXPECT_EQ(Hits("policy:test-words", true), 1u);
}

}  // namespace
}  // namespace holdfast::engine
