#include "engine/sources/discord_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "archive/zip_writer.h"
#include "engine/time_format.h"
#include "source_test_util.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Drained;
using holdfast::testing::Open;
using holdfast::testing::TempDir;

SourceOptions AsDiscord() {
  SourceOptions options;
  options.format = "discord";
  return options;
}

// Written from DiscordChatExporter's JSON format: a guild text channel with a message that
// has an attachment and an embed, an edited reply, and a pin notice.
constexpr const char* kChannel = R"({
  "guild": {"id": "900", "name": "Acme", "iconUrl": "https://cdn.example/icon.png"},
  "channel": {"id": "1001", "type": "GuildTextChat", "categoryId": "1000",
              "category": "Work", "name": "finance", "topic": "numbers"},
  "dateRange": {"after": null, "before": null},
  "messages": [
    {"id": "5001", "type": "Default", "timestamp": "2024-03-01T10:30:00.123+01:00",
     "timestampEdited": null, "callEndedTimestamp": null, "isPinned": true,
     "content": "Q3 numbers",
     "author": {"id": "7", "name": "jan", "discriminator": "0", "nickname": "Jan de Vries",
                "color": null, "isBot": false, "roles": [], "avatarUrl": "a.png"},
     "attachments": [{"id": "1", "url": "q3.pdf", "fileName": "q3.pdf",
                      "fileSizeBytes": 9000}],
     "embeds": [{"title": "Deck", "url": "https://x.example", "description": "the draft"}],
     "stickers": [], "reactions": [], "mentions": []},
    {"id": "5002", "type": "Reply", "timestamp": "2024-03-01T09:35:00+00:00",
     "timestampEdited": "2024-03-01T09:40:00+00:00", "callEndedTimestamp": null,
     "isPinned": false, "content": "thanks!",
     "author": {"id": "8", "name": "pia", "discriminator": "0", "nickname": null},
     "attachments": [], "embeds": [], "stickers": [], "reactions": [], "mentions": [],
     "reference": {"messageId": "5001", "channelId": "1001", "guildId": "900"}},
    {"id": "5003", "type": "ChannelPinnedMessage", "timestamp": "2024-03-01T09:36:00+00:00",
     "timestampEdited": null, "isPinned": false, "content": "Pinned a message.",
     "author": {"id": "8", "name": "pia", "discriminator": "0", "nickname": "Pia"},
     "attachments": [], "embeds": [], "reference": {"messageId": "5001"}}
  ],
  "messageCount": 3
})";

void ExpectTheFinanceChannel(const Drained& drained) {
  ASSERT_EQ(drained.posts.size(), 3U);
  EXPECT_TRUE(drained.dead_letters.empty());
  const Post& root = drained.posts[0];
  EXPECT_EQ(root.source, "discord");
  EXPECT_EQ(root.workspace, "900");
  EXPECT_EQ(root.community_id, "1001");
  EXPECT_EQ(root.community_name, "finance");
  EXPECT_EQ(root.native_id, "5001");
  EXPECT_EQ(root.kind, PostKind::kMessage);
  EXPECT_EQ(root.author_id, "7");
  EXPECT_EQ(root.author_name, "Jan de Vries");
  EXPECT_EQ(root.created_us, *ParseRfc3339("2024-03-01T09:30:00.123Z"));
  EXPECT_EQ(root.text, "Q3 numbers\nDeck\nthe draft");
  ASSERT_EQ(root.attachments.size(), 1U);
  EXPECT_EQ(root.attachments[0].name, "q3.pdf");
  EXPECT_EQ(root.attachments[0].size, 9000U);
  EXPECT_TRUE(root.thread_id.empty());
  const Post& reply = drained.posts[1];
  EXPECT_EQ(reply.parent_id, "5001");
  EXPECT_EQ(reply.author_name, "pia");  // no nickname
  EXPECT_EQ(reply.kind, PostKind::kEdit);
  EXPECT_EQ(reply.version, "2024-03-01T09:40:00+00:00");
  EXPECT_EQ(reply.edited_us, *ParseRfc3339("2024-03-01T09:40:00Z"));
  const Post& pin = drained.posts[2];
  EXPECT_EQ(pin.kind, PostKind::kSystem);
  EXPECT_EQ(pin.text, "Pinned a message.");
  EXPECT_NE(root.Key(), reply.Key());
}

TEST(DiscordSourceTest, ReadsAGuildChannelWithRepliesEditsSystemMessagesAndAttachments) {
  TempDir dir;
  const std::string path = dir.Write("Acme - Work - finance [1001].json", kChannel).string();
  EXPECT_TRUE(DiscordSource::Detect(path));
  ExpectTheFinanceChannel(Open(path));
}

TEST(DiscordSourceTest, ReadsAZipOfChannelFilesPassingOverTheirMedia) {
  TempDir dir;
  const std::string zip_path = (dir / "discord.zip").string();
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  ASSERT_TRUE((*zip)->Add("export/finance.json_Files/q3.pdf", "%PDF").has_value());
  ASSERT_TRUE((*zip)->Add("export/finance.json", kChannel).has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  EXPECT_TRUE(DiscordSource::Detect(zip_path));
  ExpectTheFinanceChannel(Open(zip_path));
}

TEST(DiscordSourceTest, TheSameMessageIdInTwoChannelsHasTwoKeysAndThreadsNameTheirRoot) {
  TempDir dir;
  dir.Write("a.json", R"({"guild": {"id": "900"}, "channel": {"id": "1", "name": "a"},
    "messages": [{"id": "77", "type": "Default", "timestamp": "2024-03-01T09:00:00+00:00",
                  "content": "x", "author": {"id": "7", "name": "jan"}}]})");
  dir.Write("b.json", R"({"guild": {"id": "900"},
    "channel": {"id": "77", "type": "GuildPublicThread", "name": "about x"},
    "messages": [{"id": "77", "type": "Default", "timestamp": "2024-03-01T09:00:00+00:00",
                  "content": "x", "author": {"id": "7", "name": "jan"}}]})");
  const Drained drained = Open(dir.path().string(), AsDiscord());
  ASSERT_EQ(drained.posts.size(), 2U);
  EXPECT_EQ(drained.posts[0].native_id, drained.posts[1].native_id);
  EXPECT_NE(drained.posts[0].Key(), drained.posts[1].Key());
  EXPECT_TRUE(drained.posts[0].thread_id.empty());
  EXPECT_EQ(drained.posts[1].thread_id, "77");
}

TEST(DiscordSourceTest, DeadLettersBadMessagesByNumberAndKeepsTheirNeighbours) {
  TempDir dir;
  const std::string path = dir.Write("c.json", R"({"guild": null, "channel": {"id": "1"},
    "messages": [
      {"id": "1", "timestamp": "2024-03-01T09:00:00+00:00", "content": "one"},
      {"timestamp": "2024-03-01T09:00:00+00:00", "content": "no id"},
      {"id": "3", "timestamp": "yesterday", "content": "bad time"},
      {"id": "4", "content": "no time"},
      [1, 2],
      {"id": "6", "timestamp": "2024-03-01T09:06:00+00:00", "content": "six"}
    ], "messageCount": 6})")
                               .string();
  const Drained drained = Open(path);
  ASSERT_EQ(drained.posts.size(), 2U);
  EXPECT_EQ(drained.posts[1].text, "six");
  EXPECT_TRUE(drained.posts[0].workspace.empty());
  ASSERT_EQ(drained.dead_letters.size(), 4U);
  EXPECT_EQ(drained.dead_letters[0].source_file, path);
  EXPECT_EQ(drained.dead_letters[0].record, 2U);
  EXPECT_EQ(drained.dead_letters[0].reason, "missing 'id' (the message id)");
  EXPECT_EQ(drained.dead_letters[1].record, 3U);
  EXPECT_EQ(drained.dead_letters[1].reason, "'timestamp' is not an ISO 8601 time: \"yesterday\"");
  EXPECT_EQ(drained.dead_letters[2].record, 4U);
  EXPECT_EQ(drained.dead_letters[2].reason, "missing 'timestamp' (the message time)");
  EXPECT_EQ(drained.dead_letters[3].record, 5U);
  EXPECT_EQ(drained.dead_letters[3].reason, "message is not a JSON object");
  EXPECT_EQ(drained.dead_letters[3].raw, "[1, 2]");
}

TEST(DiscordSourceTest, ATruncatedFileYieldsEveryMessageBeforeTheCut) {
  TempDir dir;
  const std::string text = kChannel;
  const size_t cut = text.find("\"id\": \"5003\"") + 8;  // inside the third message
  const std::string path = dir.Write("cut.json", text.substr(0, cut)).string();
  const Drained drained = Open(path, AsDiscord());
  ASSERT_EQ(drained.posts.size(), 2U);
  EXPECT_EQ(drained.posts[1].native_id, "5002");
  EXPECT_EQ(drained.posts[1].community_id, "1001");
  ASSERT_EQ(drained.dead_letters.size(), 1U);
  EXPECT_EQ(drained.dead_letters[0].record, 3U);
  EXPECT_NE(drained.dead_letters[0].reason.find("truncated"), std::string::npos);
  EXPECT_EQ(drained.dead_letters[0].raw, text.substr(text.find("{\"id\": \"5003\""), 9));
}

TEST(DiscordSourceTest, ReplacesInvalidUtf8AndMarksOnlyThatPost) {
  TempDir dir;
  const std::string path =
      dir.Write("u.json",
                "{\"guild\": null, \"channel\": {\"id\": \"1\", \"name\": \"dm\"}, \"messages\": ["
                "{\"id\": \"1\", \"timestamp\": \"2024-03-01T09:00:00Z\", \"content\": \"\xC3\"},"
                "{\"id\": \"2\", \"timestamp\": \"2024-03-01T09:00:00Z\", \"content\": \"ok\"}]}")
          .string();
  const Drained drained = Open(path, AsDiscord());
  ASSERT_EQ(drained.posts.size(), 2U);
  EXPECT_EQ(drained.posts[0].text, "\xEF\xBF\xBD");
  EXPECT_TRUE(drained.posts[0].replaced_invalid_utf8);
  EXPECT_FALSE(drained.posts[1].replaced_invalid_utf8);
}

TEST(DiscordSourceTest, IsNotDetectedInATelegramExport) {
  TempDir dir;
  EXPECT_FALSE(DiscordSource::Detect(
      dir.Write("result.json", R"({"name": "G", "type": "private_group", "id": 1,
        "messages": []})")
          .string()));
}

// Conformance: Zulip's Discord importer fixture, a DiscordChatExporter DM file (see shared
// SOURCES.md): 1 DM channel, 2 messages (messageCount 2), guild null.
TEST(DiscordSourceConformanceTest, ReadsZulipsDirectMessageExport) {
  const std::filesystem::path file =
      std::filesystem::path(HOLDFAST_SHARED_DIR) /
      "fixtures/external/discord/zulip__zulip/zerver/tests/fixtures/discord_fixtures/"
      "2026-01-01--00-00-00/Direct Messages - Alice Smith [DM001].json";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "shared fixture absent: " << file;
  }
  EXPECT_TRUE(DiscordSource::Detect(file.string()));
  const Drained drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 2U);
  EXPECT_TRUE(drained.dead_letters.empty());
  for (const Post& post : drained.posts) {
    EXPECT_EQ(post.source, "discord");
    EXPECT_TRUE(post.workspace.empty());  // guild null
    EXPECT_EQ(post.community_id, "DM001");
    EXPECT_EQ(post.community_name, "Alice Smith");
    EXPECT_EQ(post.kind, PostKind::kMessage);
    EXPECT_TRUE(post.parent_id.empty());
  }
  EXPECT_EQ(drained.posts[0].native_id, "dm001");
  EXPECT_EQ(drained.posts[0].author_id, "user002");
  EXPECT_EQ(drained.posts[0].author_name, "Bob Jones");
  EXPECT_EQ(drained.posts[0].created_us, *ParseRfc3339("2026-01-01T13:00:00Z"));
  EXPECT_EQ(drained.posts[0].text, "Hey Alice, how are you?");
  EXPECT_EQ(drained.posts[1].native_id, "dm002");
  EXPECT_EQ(drained.posts[1].author_id, "user001");
  EXPECT_EQ(drained.posts[1].author_name, "Alice Smith");
  EXPECT_EQ(drained.posts[1].created_us, *ParseRfc3339("2026-01-01T13:05:00Z"));
  EXPECT_EQ(drained.posts[1].text, "I'm good, thanks!");
}

}  // namespace
}  // namespace holdfast::engine
