#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>

#include "archive/zip_writer.h"
#include "source_test_util.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Drained;
using holdfast::testing::Open;
using holdfast::testing::TempDir;

// Every line type of the documented bulk format; the replies are not in time order, and
// emoji and scheme lines (not posts) sit between posts.
constexpr const char* kExport =
    R"({"type":"version","version":1}
{"type":"team","team":{"name":"acme","display_name":"Acme Inc","type":"O"}}
{"type":"channel","channel":{"team":"acme","name":"general","display_name":"General Talk","type":"O"}}
{"type":"user","user":{"username":"alice","first_name":"Alice","last_name":"Smith","teams":null}}
{"type":"user","user":{"username":"bob","first_name":"","last_name":""}}
{"type":"post","post":{"team":"acme","channel":"general","user":"alice","message":"root","create_at":1700000000000,"reactions":null,"replies":[{"user":"bob","message":"second reply","create_at":1700000090000},{"user":"alice","message":"first reply","create_at":1700000030000,"attachments":[{"path":"data/2023/x/report.pdf"}]}]}}
{"type":"post","post":{"team":"acme","channel":"general","user":"bob","message":"fixed","create_at":1700000100000,"edit_at":1700000200000}}
{"type":"post","post":{"team":"acme","channel":"general","user":"bob","message":"gone","create_at":1700000300000,"delete_at":1700000400000}}
{"type":"emoji","emoji":{"name":"party","image":"data/emoji/party.png"}}
{"type":"post","post":{"team":"acme","channel":"general","user":"alice","type":"system_join_channel","message":"alice joined the channel.","create_at":1700000500000}}
{"type":"direct_channel","direct_channel":{"members":["bob","alice"],"favorited_by":null}}
{"type":"direct_channel","direct_channel":{"members":["carol","bob","alice"]}}
{"type":"direct_post","direct_post":{"channel_members":["bob","alice"],"user":"bob","message":"hi alice","create_at":1700000600000,"attachments":[{"path":"data/a/b/photo.jpg"}]}}
{"type":"direct_post","direct_post":{"channel_members":["carol","alice","bob"],"user":"carol","message":"group hello","create_at":1700000700000,"replies":null}}
{"type":"scheme","scheme":{"name":"custom"}}
{"type":"post","post":{"team":"acme","channel":"random","user":"carol","message":"unknown channel and user","create_at":1700000800000}}
)";

const Post& Find(const Drained& drained, const std::string& text) {
  auto it = std::find_if(drained.posts.begin(), drained.posts.end(),
                         [&](const Post& post) { return post.text == text; });
  EXPECT_NE(it, drained.posts.end()) << text;
  static const Post kNone;
  return it == drained.posts.end() ? kNone : *it;
}

void ExpectTheSampleExport(const Drained& drained) {
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), 9u);

  const Post& root = Find(drained, "root");
  EXPECT_EQ(root.source, "mattermost");
  EXPECT_EQ(root.workspace, "acme");
  EXPECT_EQ(root.community_id, "acme/general");
  EXPECT_EQ(root.community_name, "General Talk");
  EXPECT_EQ(root.native_id, "1700000000000/alice");
  EXPECT_EQ(root.thread_id, root.native_id);
  EXPECT_EQ(root.parent_id, "");
  EXPECT_EQ(root.author_id, "alice");
  EXPECT_EQ(root.author_name, "Alice Smith");
  EXPECT_EQ(root.created_us, int64_t{1700000000000} * 1000);
  EXPECT_EQ(root.kind, PostKind::kMessage);
  EXPECT_NE(root.original.find("\"replies\""), std::string::npos);

  // Replies come in file order, each a post of its own in the root's thread.
  const Post& second = drained.posts[1];
  const Post& first = drained.posts[2];
  EXPECT_EQ(second.text, "second reply");
  EXPECT_EQ(first.text, "first reply");
  for (const Post* reply : {&first, &second}) {
    EXPECT_EQ(reply->thread_id, root.native_id);
    EXPECT_EQ(reply->parent_id, root.native_id);
    EXPECT_EQ(reply->community_id, "acme/general");
    EXPECT_EQ(reply->original.find("\"replies\""), std::string::npos);
  }
  EXPECT_EQ(second.author_name, "bob");  // known user without a name
  EXPECT_EQ(first.created_us, int64_t{1700000030000} * 1000);
  ASSERT_EQ(first.attachments.size(), 1u);
  EXPECT_EQ(first.attachments[0].name, "report.pdf");
  EXPECT_EQ(first.original, R"({"user":"alice","message":"first reply","create_at":1700000030000,)"
                            R"("attachments":[{"path":"data/2023/x/report.pdf"}]})");

  const Post& edited = Find(drained, "fixed");
  EXPECT_EQ(edited.kind, PostKind::kEdit);
  EXPECT_EQ(edited.version, "1700000200000");
  EXPECT_EQ(edited.edited_us, int64_t{1700000200000} * 1000);
  EXPECT_EQ(edited.thread_id, "");

  const Post& deleted = Find(drained, "gone");
  EXPECT_EQ(deleted.kind, PostKind::kDelete);
  EXPECT_EQ(deleted.version, "deleted:1700000400000");

  EXPECT_EQ(Find(drained, "alice joined the channel.").kind, PostKind::kSystem);

  const Post& direct = Find(drained, "hi alice");
  EXPECT_EQ(direct.workspace, "");
  EXPECT_EQ(direct.community_id, "dm:alice,bob");
  EXPECT_EQ(direct.community_name, "alice, bob");
  ASSERT_EQ(direct.attachments.size(), 1u);
  EXPECT_EQ(direct.attachments[0].name, "photo.jpg");
  const Post& group = Find(drained, "group hello");
  EXPECT_EQ(group.community_id, "dm:alice,bob,carol");
  EXPECT_EQ(group.author_name, "carol");  // no user line: the username

  const Post& unknown = Find(drained, "unknown channel and user");
  EXPECT_EQ(unknown.community_id, "acme/random");
  EXPECT_EQ(unknown.community_name, "random");
}

TEST(MattermostSourceTest, ReadsEveryLineTypeOfABulkExport) {
  TempDir dir;
  ExpectTheSampleExport(Open(dir.Write("import.jsonl", kExport).string()));
}

TEST(MattermostSourceTest, ReadsTheExportFromAZipWithItsAttachments) {
  TempDir dir;
  const auto zip_path = dir.path() / "mattermost_export.zip";
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  ASSERT_TRUE((*zip)->Add("data/2023/x/report.pdf", "%PDF-1.4 not really").has_value());
  ASSERT_TRUE((*zip)->Add("import.jsonl", kExport).has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  const Drained drained = Open(zip_path.string());
  ExpectTheSampleExport(drained);
}

TEST(MattermostSourceTest, StreamsAZippedExportLargerThanOneReadBuffer) {
  std::string jsonl = "{\"type\":\"version\",\"version\":1}\n";
  constexpr int kPosts = 30000;  // about 3 MB, several of the line reader's 1 MB buffers
  for (int i = 1; i <= kPosts; ++i) {
    jsonl += R"({"type":"post","post":{"team":"t","channel":"c","user":"u","message":"post )" +
             std::to_string(i) + R"( )" + std::string(40, 'p') + R"(","create_at":)" +
             std::to_string(i) + "}}\n";
  }
  TempDir dir;
  const auto zip_path = dir.path() / "big.zip";
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  ASSERT_TRUE((*zip)->Add("import.jsonl", jsonl).has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  const Drained drained = Open(zip_path.string());
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), size_t{kPosts});
  for (int i = 0; i < kPosts; ++i) {
    ASSERT_EQ(drained.posts[i].created_us, int64_t{i + 1} * 1000) << i;
  }
  EXPECT_EQ(drained.posts.back().text, "post 30000 " + std::string(40, 'p'));
}

TEST(MattermostSourceTest, ReadsTheExportFromAFolder) {
  TempDir dir;
  dir.Write("export/data/2023/x/report.pdf", "%PDF");
  dir.Write("export/import.jsonl", kExport);
  ExpectTheSampleExport(Open((dir.path() / "export").string()));
}

TEST(MattermostSourceTest, DetectsABulkExportByItsVersionLineWhateverItsName) {
  TempDir dir;
  const auto file = dir.Write("export.json", kExport);
  auto source = OpenSource(file.string(), {});
  ASSERT_TRUE(source.has_value()) << source.error().ToString();
  SourceItem item;
  ASSERT_TRUE((*source)->Next(item).value_or(false));
  EXPECT_EQ(item.post.source, "mattermost");

  // Other JSONL stays JSONL; a chosen format needs no version line.
  const auto jsonl = dir.Write("posts.jsonl", R"({"id": "1", "text": "hi"})"
                                              "\n");
  EXPECT_EQ(Open(jsonl.string()).posts.at(0).source, "jsonl");
  const auto bare = dir.Write(
      "bare.jsonl",
      R"({"type":"post","post":{"team":"t","channel":"c","user":"u","message":"m","create_at":5}})");
  SourceOptions options;
  options.format = "mattermost";
  EXPECT_EQ(Open(bare.string(), options).posts.at(0).source, "mattermost");
}

TEST(MattermostSourceTest, DeadLettersEachBadLineWithItsNumberAndReadsOn) {
  TempDir dir;
  const auto file = dir.Write("import.jsonl", R"({"type":"version","version":1}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"before","create_at":1000}}
{"type":"post","post":{"team":"t",

{"type":"post","post":{"team":"t","channel":"c","user":"u","create_at":2000}}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"no time"}}
{"post":{"team":"t","channel":"c","user":"u","message":"x","create_at":3000}}
{"type":"post","post":{"channel":"c","user":"u","message":"no team","create_at":3500}}
{"type":"direct_post","direct_post":{"user":"u","message":"nobody","create_at":4000}}
{"type":"post","post":"not an object"}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"after","create_at":5000}}
)");
  const Drained drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(drained.posts[0].text, "before");
  EXPECT_EQ(drained.posts[1].text, "after");
  ASSERT_EQ(drained.dead_letters.size(), 7u);
  const std::map<uint64_t, std::string> expected = {
      {3, "not valid JSON"},
      {5, "missing \"message\""},
      {6, "missing \"create_at\""},
      {7, "no \"type\""},
      {8, "without \"team\" and \"channel\""},
      {9, "without \"channel_members\""},
      {10, "a \"post\" line without a \"post\" object"}};
  for (const DeadLetter& dead : drained.dead_letters) {
    EXPECT_EQ(dead.source_file, file.string());
    ASSERT_TRUE(expected.count(dead.record)) << dead.record << ": " << dead.reason;
    EXPECT_NE(dead.reason.find(expected.at(dead.record)), std::string::npos)
        << dead.record << ": " << dead.reason;
    EXPECT_FALSE(dead.raw.empty());
  }
}

// Found by fuzz_mattermost: a create_at whose microseconds overflow int64 was undefined
// behaviour; now it, and such an edit_at or delete_at, is a dead letter and the next line a post.
TEST(MattermostSourceTest, TimesBeyondMicrosecondsAreDeadLettersAndTheirNeighboursPosts) {
  TempDir dir;
  const auto file = dir.Write("import.jsonl", R"({"type":"version","version":1}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"far","create_at":170000000000400000}}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"edit","create_at":1000,"edit_at":9223372036854775}}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"gone","create_at":1000,"delete_at":9223372036854776}}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"fine","create_at":9223372036854775}}
)");
  const Drained drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(drained.posts[0].text, "edit");  // the largest edit_at that still fits
  EXPECT_EQ(drained.posts[0].edited_us, int64_t{9223372036854775} * 1000);
  EXPECT_EQ(drained.posts[1].text, "fine");
  ASSERT_EQ(drained.dead_letters.size(), 2u);
  EXPECT_EQ(drained.dead_letters[0].record, 2u);
  EXPECT_NE(drained.dead_letters[0].reason.find("create_at"), std::string::npos);
  EXPECT_EQ(drained.dead_letters[1].record, 4u);
  EXPECT_NE(drained.dead_letters[1].reason.find("delete_at"), std::string::npos);
}

TEST(MattermostSourceTest, ABadReplyIsDeadLetteredAndItsSiblingsAndRootStay) {
  TempDir dir;
  const auto file = dir.Write("import.jsonl", R"({"type":"version","version":1}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"root","create_at":1000,"replies":[{"user":"v","create_at":1500},{"user":"v","message":"ok","create_at":1200}]}}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"no time","replies":[{"user":"v","message":"orphan","create_at":1700}]}}
)");
  const Drained drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 3u);
  EXPECT_EQ(drained.posts[0].text, "root");
  EXPECT_EQ(drained.posts[1].text, "ok");
  EXPECT_EQ(drained.posts[1].parent_id, "1000/u");
  // The root is dead-lettered, its reply still read, outside any thread.
  EXPECT_EQ(drained.posts[2].text, "orphan");
  EXPECT_EQ(drained.posts[2].parent_id, "");
  EXPECT_EQ(drained.posts[2].community_id, "t/c");
  ASSERT_EQ(drained.dead_letters.size(), 2u);
  EXPECT_EQ(drained.dead_letters[0].record, 2u);
  EXPECT_EQ(drained.dead_letters[0].reason.rfind("reply 1: missing \"message\"", 0), 0u)
      << drained.dead_letters[0].reason;
  EXPECT_EQ(drained.dead_letters[0].raw, R"({"user":"v","create_at":1500})");
  EXPECT_EQ(drained.dead_letters[1].record, 3u);
}

TEST(MattermostSourceTest, ReplacesInvalidUtf8AndMarksOnlyThatPost) {
  TempDir dir;
  const auto file = dir.Write("import.jsonl",
                              "{\"type\":\"version\",\"version\":1}\n"
                              "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\","
                              "\"user\":\"u\",\"message\":\"bad \xff byte\",\"create_at\":1}}\n"
                              "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"c\","
                              "\"user\":\"u\",\"message\":\"fine\",\"create_at\":2}}\n");
  const Drained drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(drained.posts[0].text, "bad \xEF\xBF\xBD byte");
  EXPECT_TRUE(drained.posts[0].replaced_invalid_utf8);
  EXPECT_FALSE(drained.posts[1].replaced_invalid_utf8);
}

TEST(MattermostSourceTest, DeadLettersALineLongerThanTheLimitAndReadsOn) {
  TempDir dir;
  const std::string huge = R"({"type":"post","post":{"team":"t","channel":"c","user":"u",)"
                           R"("message":")" +
                           std::string(100'000, 'x') + R"(","create_at":1}})";
  const auto file = dir.Write("import.jsonl", "{\"type\":\"version\",\"version\":1}\n" + huge +
                                                  "\n" + R"({"type":"post","post":{"team":"t",)" +
                                                  R"("channel":"c","user":"u","message":"next",)" +
                                                  R"("create_at":2}})" + "\n");
  SourceOptions options;
  options.max_line_bytes = 1000;
  options.max_dead_letter_bytes = 100;
  const Drained drained = Open(file.string(), options);
  ASSERT_EQ(drained.posts.size(), 1u);
  EXPECT_EQ(drained.posts[0].text, "next");
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 2u);
  EXPECT_EQ(drained.dead_letters[0].reason, "line longer than 1000 bytes");
  EXPECT_EQ(drained.dead_letters[0].raw, huge.substr(0, 100));
}

TEST(MattermostSourceTest, KeysAreStableAcrossReadsAndDistinctForTheSameMillisecond) {
  TempDir dir;
  const auto file = dir.Write("import.jsonl", R"({"type":"version","version":1}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"one","create_at":7}}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"two","create_at":7}}
{"type":"post","post":{"team":"t","channel":"d","user":"u","message":"elsewhere","create_at":7}}
{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"three","create_at":7}}
)");
  const Drained first = Open(file.string());
  const Drained second = Open(file.string());
  ASSERT_EQ(first.posts.size(), 4u);
  ASSERT_EQ(second.posts.size(), 4u);
  EXPECT_EQ(first.posts[0].native_id, "7/u");
  EXPECT_EQ(first.posts[1].native_id, "7/u#2");
  EXPECT_EQ(first.posts[2].native_id, "7/u");  // another channel: another community
  EXPECT_EQ(first.posts[3].native_id, "7/u#3");
  std::vector<std::string> keys;
  for (size_t i = 0; i < first.posts.size(); ++i) {
    EXPECT_EQ(first.posts[i].Key(), second.posts[i].Key());
    keys.push_back(first.posts[i].Key());
  }
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::unique(keys.begin(), keys.end()), keys.end());
}

// --- Conformance: the Mattermost samples in Zulip's importer tests (shared SOURCES.md). ---

std::filesystem::path ZulipFixture(const std::string& relative) {
  return std::filesystem::path(HOLDFAST_SHARED_DIR) /
         "fixtures/external/mattermost/zulip__zulip/zerver/tests/fixtures" / relative;
}

std::map<std::string, int> CountBy(const Drained& drained, std::string Post::*field) {
  std::map<std::string, int> counts;
  for (const Post& post : drained.posts) {
    ++counts[post.*field];
  }
  return counts;
}

TEST(MattermostSourceConformanceTest, ReadsZulipsExportWithItsTwentyOnePosts) {
  const auto file = ZulipFixture("mattermost_fixtures/export.json");
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "shared fixture absent: " << file;
  }
  const Drained drained = Open(file.string());  // detected by its version line
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), 21u);  // 20 post lines, one reply
  EXPECT_EQ(CountBy(drained, &Post::author_name),
            (std::map<std::string, int>{
                {"Harry Potter", 9}, {"Ron Weasley", 7}, {"malfoy", 4}, {"Severus Snape", 1}}));
  EXPECT_EQ(CountBy(drained, &Post::community_id),
            (std::map<std::string, int>{{"gryffindor/dumbledores-army", 5},
                                        {"gryffindor/gryffindor-common-room", 4},
                                        {"gryffindor/gryffindor-quidditch-team", 7},
                                        {"gryffindor/slytherin-quidditch-team", 1},
                                        {"slytherin/slytherin-common-room", 1},
                                        {"slytherin/slytherin-quidditch-team", 3}}));
  // The reply is earlier than its root.
  const Post& reply = Find(drained, "The weather is so hot!");
  const Post& root = Find(drained, "harry joined the channel.");
  EXPECT_EQ(root.native_id, "1553166657086/harry");
  EXPECT_EQ(reply.parent_id, root.native_id);
  EXPECT_EQ(reply.thread_id, root.native_id);
  EXPECT_EQ(reply.created_us, int64_t{1553166584976} * 1000);
  EXPECT_LT(reply.created_us, root.created_us);
  EXPECT_EQ(root.community_name, "Dumbledores army");
  // The post whose team differs from its channel's keeps the team it names.
  const Post& stray = Find(drained, "Hey folks! I was always in your team. Time to go now.");
  EXPECT_EQ(stray.workspace, "gryffindor");
  EXPECT_EQ(stray.created_us, int64_t{1553166740759} * 1000);
}

TEST(MattermostSourceConformanceTest, ReadsZulipsDirectChannelExport) {
  const auto file = ZulipFixture("mattermost_fixtures/direct_channel/export.json");
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "shared fixture absent: " << file;
  }
  const Drained drained = Open(file.string());
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), 11u);  // 4 posts, 7 direct posts
  EXPECT_EQ(CountBy(drained, &Post::community_id),
            (std::map<std::string, int>{{"dm:ginny,harry,ron", 3},
                                        {"dm:harry,ron", 2},
                                        {"dm:harry,voldemort", 2},
                                        {"gryffindor/gryffindor-common-room", 2},
                                        {"gryffindor/gryffindor-quidditch-team", 2}}));
  EXPECT_EQ(CountBy(drained, &Post::workspace)[""], 7);
  EXPECT_EQ(Find(drained, "Hey Harry.").author_name, "Tom Riddle");  // "teams": null
  const Post& file_post = Find(drained, "Looks like this channel is empty");
  ASSERT_EQ(file_post.attachments.size(), 1u);
  EXPECT_EQ(file_post.attachments[0].name, "this is a file");
  const Post& photo = Find(drained, "hey harry");
  ASSERT_EQ(photo.attachments.size(), 1u);
  EXPECT_EQ(photo.attachments[0].name, "harry-ron.jpg");
  EXPECT_EQ(photo.created_us, int64_t{1566376137676} * 1000);
}

// The v11.1.0 samples are single pretty-printed objects, each one line of a real export: the
// test compacts them, in file order, into one import.jsonl (the source reads JSONL only).
TEST(MattermostSourceConformanceTest, ReadsTheMattermost11ObjectSamples) {
  const auto folder = ZulipFixture("mattermost_v11.1.0_fixtures/exported_object_samples");
  const char* kFiles[] = {"version.json", "channel.json",           "direct_channel.json",
                          "post.json",    "post_with_replies.json", "direct_post.json"};
  std::string jsonl;
  simdjson::dom::parser parser;
  for (const char* name : kFiles) {
    const auto file = folder / name;
    if (!std::filesystem::exists(file)) {
      GTEST_SKIP() << "shared fixture absent: " << file;
    }
    simdjson::padded_string bytes;
    ASSERT_EQ(simdjson::padded_string::load(file.string()).get(bytes), simdjson::SUCCESS);
    simdjson::dom::element element;
    ASSERT_EQ(parser.parse(bytes).get(element), simdjson::SUCCESS) << file;
    jsonl += simdjson::minify(element) + "\n";
  }
  TempDir dir;
  const Drained drained = Open(dir.Write("import.jsonl", jsonl).string());
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), 6u);  // post, post with 3 replies, direct post

  EXPECT_EQ(drained.posts[0].community_id, "reiciendis-0/minus-8");
  EXPECT_EQ(drained.posts[0].author_id, "jason.peterson");
  EXPECT_EQ(drained.posts[0].created_us, int64_t{1768933960985} * 1000);
  EXPECT_EQ(drained.posts[0].kind, PostKind::kMessage);  // "type": "", edit_at 0

  const Post& root = drained.posts[1];
  EXPECT_EQ(root.native_id, "1768916201357/eugene.montgomery");
  const int64_t kReplyTimes[] = {1768916284233, 1768916252899, 1768916233181};  // as written
  for (int i = 0; i < 3; ++i) {
    const Post& reply = drained.posts[2 + i];
    EXPECT_EQ(reply.created_us, kReplyTimes[i] * 1000);
    EXPECT_EQ(reply.parent_id, root.native_id);
    EXPECT_EQ(reply.community_id, "ad-1/amet-0");
  }
  EXPECT_EQ(drained.posts[3].author_id, "user-1");

  const Post& direct = drained.posts[5];
  EXPECT_EQ(direct.community_id, "dm:adam.torres,eugene.montgomery,rebecca.diaz");
  EXPECT_EQ(direct.author_id, "eugene.montgomery");
  EXPECT_EQ(direct.text,
            "ea ab est deserunt ipsa sequi inventore occaecati.\nharum harum officia.");
}

}  // namespace
}  // namespace holdfast::engine
