// Conformance: Slack samples made by other projects, read in place from the shared fixtures
// (see fixtures/external/SOURCES.md there). Zulip's samples are message arrays or single
// messages, not whole exports: each test builds a small export around the sample's bytes,
// with a users.json of its own. A test is skipped, naming the file, when the fixture is absent.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

#include "engine/sources/slack_blocks.h"
#include "source_test_util.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Drained;
using holdfast::testing::Open;
using holdfast::testing::TempDir;

const std::filesystem::path kZulip = std::filesystem::path(HOLDFAST_SHARED_DIR) /
                                     "fixtures/external/slack/zulip__zulip/zerver/tests/fixtures/"
                                     "slack_fixtures";

std::optional<std::string> ReadShared(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Users the samples name; U074VRHQ11T is left out on purpose.
constexpr const char* kZulipUsers = R"([
  {"id": "U061A5N1G", "name": "jane", "real_name": "Jane Doe"},
  {"id": "U061A1R2R", "name": "john", "real_name": "John Roe"},
  {"id": "U06NU4E26M9", "name": "pieterceka123", "profile": {"real_name": "Peter"}}])";

// An export of Zulip's channels.json, kZulipUsers and one day file in `folder` holding the
// sample (wrapped in an array when it is a single message). nullopt when a fixture is absent.
std::optional<Drained> ReadZulipSample(const std::string& sample, const std::string& folder) {
  const auto channels = ReadShared(kZulip / "channels.json");
  const auto messages = ReadShared(kZulip / "exported_messages_fixtures" / sample);
  if (!channels || !messages) {
    return std::nullopt;
  }
  TempDir dir;
  dir.Write("export/channels.json", *channels);
  dir.Write("export/users.json", kZulipUsers);
  const size_t first = messages->find_first_not_of(" \t\r\n");
  const bool array = first != std::string::npos && (*messages)[first] == '[';
  dir.Write("export/" + folder + "/2015-06-12.json", array ? *messages : "[" + *messages + "]");
  return Open((dir.path() / "export").string());
}

const Post& Find(const Drained& drained, const std::string& ts) {
  auto it = std::find_if(drained.posts.begin(), drained.posts.end(),
                         [&](const Post& post) { return post.native_id == ts; });
  EXPECT_NE(it, drained.posts.end()) << ts;
  static const Post kNone;
  return it == drained.posts.end() ? kNone : *it;
}

int64_t Micros(int64_t seconds, int64_t micros) { return seconds * 1'000'000 + micros; }

#define SKIP_WHEN_ABSENT(drained, sample)                                             \
  if (!(drained)) {                                                                   \
    GTEST_SKIP() << "shared fixture absent: " << (kZulip / "channels.json") << " or " \
                 << (kZulip / "exported_messages_fixtures" / (sample));               \
  }

TEST(SlackSourceConformanceTest, ReadsZulipsNormalThreadWithAReplyOlderThanItsRoot) {
  const auto drained = ReadZulipSample("normal_thread.json", "random");
  SKIP_WHEN_ABSENT(drained, "normal_thread.json");
  ASSERT_EQ(drained->posts.size(), 4u);
  EXPECT_TRUE(drained->dead_letters.empty());
  const Post& first = Find(*drained, "1434139102.000002");
  EXPECT_EQ(first.community_id, "C061A0WJG");
  EXPECT_EQ(first.community_name, "random");
  EXPECT_EQ(first.author_name, "Jane Doe");
  EXPECT_EQ(first.text, "message body text");
  EXPECT_EQ(first.created_us, Micros(1434139102, 2));
  EXPECT_EQ(first.thread_id, "1434139102.000002");
  EXPECT_EQ(first.parent_id, "");
  const Post& reply = Find(*drained, "1439868294.000007");
  EXPECT_EQ(reply.thread_id, "1434139102.000002");
  EXPECT_EQ(reply.parent_id, "1434139102.000002");
  EXPECT_EQ(reply.created_us, Micros(1439868294, 7));
  const Post& second = Find(*drained, "1539868294.000007");
  EXPECT_EQ(second.author_name, "John Roe");
  EXPECT_EQ(second.parent_id, "");
  // The reply is written four years before its root; it still hangs under that root.
  const Post& early = Find(*drained, "1449868294.000007");
  EXPECT_EQ(early.thread_id, "1539868294.000007");
  EXPECT_EQ(early.parent_id, "1539868294.000007");
  EXPECT_LT(early.created_us, second.created_us);
  std::set<std::string> threads;
  for (const Post& post : drained->posts) {
    threads.insert(post.thread_id);
  }
  EXPECT_EQ(threads.size(), 2u);
}

TEST(SlackSourceConformanceTest, ReadsZulipsThreadBroadcastAsOnePostInItsThread) {
  const auto drained = ReadZulipSample("thread_with_broadcast_reply.json", "random");
  SKIP_WHEN_ABSENT(drained, "thread_with_broadcast_reply.json");
  ASSERT_EQ(drained->posts.size(), 3u);  // the broadcast's `root` copy is no post of its own
  EXPECT_TRUE(drained->dead_letters.empty());
  const Post& broadcast = Find(*drained, "1434139104.000002");
  EXPECT_EQ(broadcast.kind, PostKind::kMessage);
  EXPECT_EQ(broadcast.text, "everyone should see this");
  EXPECT_EQ(broadcast.author_name, "John Roe");
  EXPECT_EQ(broadcast.thread_id, "1434139102.000002");
  EXPECT_EQ(broadcast.parent_id, "1434139102.000002");
  EXPECT_EQ(broadcast.created_us, Micros(1434139104, 2));
  EXPECT_EQ(Find(*drained, "1434139103.000002").parent_id, "1434139102.000002");
  EXPECT_EQ(Find(*drained, "1434139102.000002").text, "thread message");
}

// The same sample's blocks, rendered on their own.
std::string SampleBlocks(const std::string& sample) {
  simdjson::dom::parser parser;
  simdjson::dom::array blocks;
  const auto bytes = ReadShared(kZulip / "exported_messages_fixtures" / sample);
  if (!bytes || parser.parse(simdjson::padded_string(*bytes))["blocks"].get_array().get(blocks) !=
                    simdjson::SUCCESS) {
    ADD_FAILURE() << "no blocks in " << sample;
    return {};
  }
  SlackNames names;
  names.users["U06NU4E26M9"] = "Peter";
  return RenderSlackBlocks(blocks, names);
}

TEST(SlackSourceConformanceTest, RendersZulipsUserMentionsInTextAndInBlocksAlike) {
  const auto drained = ReadZulipSample("message_with_user_mentions.json", "general");
  SKIP_WHEN_ABSENT(drained, "message_with_user_mentions.json");
  ASSERT_EQ(drained->posts.size(), 1u);
  const Post& post = drained->posts[0];
  EXPECT_EQ(post.native_id, "1772112471.400529");
  EXPECT_EQ(post.created_us, Micros(1772112471, 400529));
  EXPECT_EQ(post.community_id, "C061A0YJG");
  EXPECT_EQ(post.author_id, "U06NU4E26M9");
  EXPECT_EQ(post.author_name, "Peter");
  EXPECT_EQ(post.text, "@Peter test user mention @U074VRHQ11T");
  EXPECT_EQ(SampleBlocks("message_with_user_mentions.json"), post.text);
}

TEST(SlackSourceConformanceTest, RendersZulipsWorkspaceMentionsInTextAndInBlocks) {
  const auto drained = ReadZulipSample("message_with_workspace_mentions.json", "general");
  SKIP_WHEN_ABSENT(drained, "message_with_workspace_mentions.json");
  ASSERT_EQ(drained->posts.size(), 1u);
  const Post& post = drained->posts[0];
  EXPECT_EQ(post.native_id, "1772112449.216879");
  EXPECT_EQ(post.created_us, Micros(1772112449, 216879));
  EXPECT_EQ(post.author_name, "Peter");
  EXPECT_EQ(post.text, "@channel _*@here*_ test mention");  // mrkdwn emphasis kept as written
  EXPECT_EQ(SampleBlocks("message_with_workspace_mentions.json"), "@channel @here test mention");
}

TEST(SlackSourceConformanceTest, KeepsZulipsFilesAndCanvasAsAttachmentsAndTheTokenInOriginal) {
  const auto drained = ReadZulipSample("message_with_variety_files_and_rich_text.json", "general");
  SKIP_WHEN_ABSENT(drained, "message_with_variety_files_and_rich_text.json");
  ASSERT_EQ(drained->posts.size(), 1u);
  const Post& post = drained->posts[0];
  EXPECT_EQ(post.native_id, "1772636065.551219");
  EXPECT_EQ(post.created_us, Micros(1772636065, 551219));
  EXPECT_EQ(post.author_name, "Peter");
  EXPECT_EQ(post.text, "message with *files  @U074VRHQ11T* \nF07A32DC2GG");
  ASSERT_EQ(post.attachments.size(), 2u);
  EXPECT_EQ(post.attachments[0].name, "Untitled");  // the canvas; its title is "Weekly Sync"
  EXPECT_EQ(post.attachments[0].type, "application/vnd.slack-docs");
  EXPECT_EQ(post.attachments[0].size, 602u);
  EXPECT_EQ(post.attachments[1].name, "channels.json");
  EXPECT_EQ(post.attachments[1].type, "text/plain");
  EXPECT_EQ(post.attachments[1].size, 1563u);
  // The export token in url_private is kept, for the secret rules to find in the record.
  EXPECT_NE(post.original.find("?token=xoxe-"), std::string::npos);
  EXPECT_EQ(SampleBlocks("message_with_variety_files_and_rich_text.json"),
            "message with files  @U074VRHQ11T ");
}

// A real 2016 Slack export made by hfaran/slack-export-viewer.
TEST(SlackSourceConformanceTest, ReadsSlackExportViewersTestArchive) {
  const std::filesystem::path zip = std::filesystem::path(HOLDFAST_SHARED_DIR) /
                                    "fixtures/external/slack/hfaran__slack-export-viewer/tests/"
                                    "testarchive.zip";
  if (!std::filesystem::exists(zip)) {
    GTEST_SKIP() << "shared fixture absent: " << zip;
  }
  const Drained drained = Open(zip.string());
  EXPECT_EQ(drained.posts.size(), 158u);
  EXPECT_TRUE(drained.dead_letters.empty());
  const auto count = [&](auto predicate) {
    return std::count_if(drained.posts.begin(), drained.posts.end(), predicate);
  };
  EXPECT_EQ(count([](const Post& p) { return p.community_name == "enrique"; }), 102);
  EXPECT_EQ(count([](const Post& p) { return p.community_name == "traveling-sailor"; }), 56);
  EXPECT_EQ(count([](const Post& p) { return p.kind == PostKind::kSystem; }),
            11);  // 8 joins, 3 bot_add
  EXPECT_EQ(count([](const Post& p) { return p.kind == PostKind::kEdit; }), 1);
  EXPECT_EQ(count([](const Post& p) { return !p.attachments.empty(); }), 4);  // 3 shares, 1 comment
  EXPECT_EQ(count([](const Post& p) { return p.author_name.empty(); }), 0);
  // GitHub integration posts have empty text; their content comes from attachments.
  EXPECT_EQ(count([](const Post& p) { return p.text.empty() && p.kind == PostKind::kMessage; }), 0);

  const Post& join = Find(drained, "1452837318.000002");
  EXPECT_EQ(join.community_id, "C0JGLMMNX");
  EXPECT_EQ(join.kind, PostKind::kSystem);
  EXPECT_EQ(join.text, "@Hamza Faran has joined the channel");
  EXPECT_EQ(join.created_us, Micros(1452837318, 2));

  const Post& edited = Find(drained, "1458972985.000010");
  EXPECT_EQ(edited.kind, PostKind::kEdit);
  EXPECT_EQ(edited.version, "1458981134.000000");
  EXPECT_EQ(edited.author_name, "Hamza Faran");

  const Post& github = Find(drained, "1459154014.000018");
  EXPECT_EQ(github.author_id, "B0JL6RASU");
  EXPECT_EQ(github.text,
            "[enrique:master] 1 new commit by hfaran:\nb698a38 "
            "(https://github.com/mesos-magellan/enrique/commit/"
            "b698a38dabbd81c51029f163e74bcd76115e9c2f): Implement killTask; resolves #20 - hfaran");
  EXPECT_NE(github.original.find(R"("reactions":[{"name":"botman")"), std::string::npos);

  const Post& share = Find(drained, "1459052866.000012");
  EXPECT_EQ(share.author_name, "Hermione Granger");
  ASSERT_EQ(share.attachments.size(), 1u);
  EXPECT_EQ(share.attachments[0].name, "100_cities.js");
  EXPECT_EQ(share.attachments[0].type, "text/plain");
  EXPECT_EQ(share.attachments[0].size, 4163u);
  // A 2016 file_comment has no `user`: its author is the comment's.
  EXPECT_EQ(Find(drained, "1459106048.000018").author_name, "Hermione Granger");
}

}  // namespace
}  // namespace holdfast::engine
