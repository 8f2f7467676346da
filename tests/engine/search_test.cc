// What the pipeline puts in the index for search: severity and attachment filters, facets, the
// conversation a post belongs to (its context), and a rebuild when the index is in an older
// schema. Real ingest, real archive, real Xapian database.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/json_views.h"
#include "engine/pipeline.h"
#include "engine/post_context.h"
#include "engine/reindex.h"
#include "engine/source.h"
#include "tests/engine/archive_fixture.h"

namespace holdfast::engine {
namespace {

constexpr const char* kPolicy = R"(id: test-secrets
name: Test secrets
severity: high
action: flag
rules:
  - id: test.codeword
    category: ip.codename
    patterns:
      - regex: '\bbluebird\b'
    examples:
      match: ['bluebird']
      no_match: ['blue bird']
)";

// Two channels; in "ops" a thread rooted at o2 with replies o3 and o5, and o4 outside it.
constexpr const char* kPosts =
    R"({"id":"o1","channel":"ops","author":"ana","text":"morning all","time":"2024-05-01T09:00:00Z"}
{"id":"o2","channel":"ops","author":"ben","text":"deploy bluebird tonight?","time":"2024-05-01T09:01:00Z"}
{"id":"o3","channel":"ops","author":"ana","thread":"o2","text":"yes after nine","time":"2024-05-01T09:02:00Z"}
{"id":"o4","channel":"ops","author":"cy","text":"coffee anyone","time":"2024-05-01T09:03:00Z","attachments":[{"name":"menu.pdf","type":"application/pdf","size":10}]}
{"id":"o5","channel":"ops","author":"ben","thread":"o2","text":"ok","time":"2024-05-01T09:04:00Z"}
{"id":"s1","channel":"sales","author":"dee","text":"bluebird pricing","time":"2024-05-01T10:00:00Z"}
)";

class SearchTest : public ArchiveFixture {
 protected:
  void SetUp() override {
    SetUpArchive(kPolicy);
    IngestJsonl(kPosts);
  }

  std::vector<std::string> Texts(const std::string& query, archive::SearchOptions options = {}) {
    auto archive = OpenArchive(false);
    auto results = archive->index().Search(query, options);
    EXPECT_TRUE(results.has_value()) << query << ": " << results.error().message;
    std::vector<std::string> out;
    for (const archive::SearchHit& hit : results->hits) {
      out.push_back(SnippetText(hit.snippet, "", ""));
    }
    return out;
  }

  // The key of the post whose text is `text`.
  std::string KeyOf(const std::string& text) {
    auto archive = OpenArchive(false);
    auto results = archive->index().Search("\"" + text + "\"", {});
    EXPECT_TRUE(results.has_value() && results->hits.size() == 1u) << text;
    return results && !results->hits.empty() ? results->hits[0].key : "";
  }
};

TEST_F(SearchTest, FindsPostsByTheSeverityOfTheirFlagsAndByAttachment) {
  EXPECT_EQ(Texts("severity:high", {.sort = archive::SearchSort::kOldest}),
            (std::vector<std::string>{"deploy bluebird tonight?", "bluebird pricing"}));
  EXPECT_EQ(Texts("severity:low"), std::vector<std::string>{});
  EXPECT_EQ(Texts("has:attachment"), std::vector<std::string>{"coffee anyone"});
  EXPECT_EQ(Texts("coffee -has:attachment"), std::vector<std::string>{});
}

TEST_F(SearchTest, CountsChannelsAuthorsAndPoliciesOverEveryMatch) {
  auto archive = OpenArchive(false);
  auto results = archive->index().Search("", {.limit = 1, .facets = true});
  ASSERT_TRUE(results.has_value()) << results.error().message;
  EXPECT_EQ(FacetsJson(results->facets),
            R"({"author":[{"count":2,"value":"ana"},{"count":2,"value":"ben"},)"
            R"({"count":1,"value":"cy"},{"count":1,"value":"dee"}],)"
            R"("channel":[{"count":5,"value":"ops"},{"count":1,"value":"sales"}],)"
            R"("kind":[{"count":6,"value":"message"}],)"
            R"("policy":[{"count":2,"value":"test-secrets"}],)"
            R"("source":[{"count":6,"value":"jsonl"}]})");
}

TEST_F(SearchTest, GivesAReplyItsThreadAndAPostOutsideOneItsChannel) {
  auto archive = OpenArchive(false);
  auto reply = ReadPostContext(*archive, KeyOf("yes after nine"), 5);
  ASSERT_TRUE(reply.has_value()) << reply.error().ToString();
  EXPECT_EQ(reply->scope, "thread");
  ASSERT_EQ(reply->before.size(), 1u);
  EXPECT_EQ(reply->before[0].post.text, "deploy bluebird tonight?");  // the root, from the log
  EXPECT_EQ(reply->post.post.text, "yes after nine");
  ASSERT_EQ(reply->after.size(), 1u);
  EXPECT_EQ(reply->after[0].post.text, "ok");

  auto outside = ReadPostContext(*archive, KeyOf("coffee anyone"), 1);
  ASSERT_TRUE(outside.has_value()) << outside.error().ToString();
  EXPECT_EQ(outside->scope, "chat");
  ASSERT_EQ(outside->before.size(), 1u);
  EXPECT_EQ(outside->before[0].post.text, "yes after nine");
  ASSERT_EQ(outside->after.size(), 1u);
  EXPECT_EQ(outside->after[0].post.text, "ok");  // the chat, not the other channel

  auto missing = ReadPostContext(*archive, "no-such-key", 1);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().ToString().find("no document no-such-key"), std::string::npos)
      << missing.error().ToString();
}

TEST_F(SearchTest, CatchUpRebuildsAnIndexInAnOlderSchema) {
  {
    // As an index written before schemas were recorded reads: documents, no schema stamp.
    Xapian::WritableDatabase db((archive_dir_ / "index").string(), Xapian::DB_OPEN);
    db.set_metadata("holdfast:schema", "");
    db.commit();
  }
  auto archive = OpenArchive(true);
  ASSERT_EQ(archive->index().schema_version(), 1u);
  auto stats = CatchUpIndex(*archive);
  ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
  EXPECT_TRUE(stats->rebuilt_old_schema);
  EXPECT_EQ(stats->posts, 6u);
  EXPECT_EQ(archive->index().schema_version(), archive::Index::kSchemaVersion);
  auto again = CatchUpIndex(*archive);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->rebuilt_old_schema);
  EXPECT_EQ(again->records, 0u);
}

}  // namespace
}  // namespace holdfast::engine
