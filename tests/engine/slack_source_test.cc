#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "archive/zip_writer.h"
#include "engine/time_format.h"
#include "source_test_util.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Drained;
using holdfast::testing::Open;
using holdfast::testing::TempDir;

constexpr const char* kUsers = R"([
  {"id": "U1", "name": "alice", "real_name": "Alice Smith"},
  {"id": "U2", "name": "bram", "profile": {"real_name": "Bram Jansen"}}])";
constexpr const char* kChannels = R"([
  {"id": "C1", "name": "general"}, {"id": "C2", "name": "finance"}])";
constexpr const char* kGeneralDay = R"([
  {"type": "message", "user": "U1", "ts": "1709280000.000100",
   "text": "hi <@U2>, see <https://wiki.example/x|the plan> &amp; <#C2>"},
  {"type": "message", "user": "U2", "ts": "1709280060.000200", "thread_ts": "1709280060.000200",
   "reply_count": 1, "text": "thread root"},
  {"type": "message", "user": "U1", "ts": "1709280120.000300", "thread_ts": "1709280060.000200",
   "text": "a reply"},
  {"type": "message", "user": "U1", "ts": "1709280180.000400", "text": "fixed typo",
   "edited": {"user": "U1", "ts": "1709280200.000000"}},
  {"type": "message", "subtype": "file_share", "user": "U2", "ts": "1709280240.000500",
   "text": "the report", "files": [{"id": "F1", "name": "q1.pdf", "mimetype": "application/pdf",
   "size": 2048}]},
  {"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "deploybot",
   "ts": "1709280300.000600", "text": "", "attachments": [{"fallback": "Deployed build 7"},
   {"fallback": "[app] Deploy 8 by ann", "pretext": "[app] Deploy 8", "text": "by ann"}]},
  {"type": "message", "subtype": "channel_join", "user": "U2", "ts": "1709280360.000700",
   "text": "<@U2> has joined the channel"},
  {"type": "message", "user": "U1", "text": "no ts here"},
  "not an object"
])";

void WriteExport(const TempDir& dir) {
  dir.Write("export/users.json", kUsers);
  dir.Write("export/channels.json", kChannels);
  dir.Write("export/general/2024-03-01.json", kGeneralDay);
  dir.Write("export/finance/2024-03-02.json", R"([{"type": "message", "ts": "17092)");
  dir.Write("export/finance/2024-03-03.json",
            R"([{"type": "message", "user": "U2", "ts": "1709452800.000001", "text": "later"}])");
}

const Post& Find(const Drained& drained, const std::string& ts) {
  auto it = std::find_if(drained.posts.begin(), drained.posts.end(),
                         [&](const Post& post) { return post.native_id == ts; });
  EXPECT_NE(it, drained.posts.end()) << ts;
  return *it;
}

void ExpectTheSampleExport(const Drained& drained) {
  ASSERT_EQ(drained.posts.size(), 8u);
  const Post& first = Find(drained, "1709280000.000100");
  EXPECT_EQ(first.source, "slack");
  EXPECT_EQ(first.community_id, "C1");
  EXPECT_EQ(first.community_name, "general");
  EXPECT_EQ(first.author_name, "Alice Smith");
  EXPECT_EQ(first.text, "hi @Bram Jansen, see the plan (https://wiki.example/x) & #finance");
  EXPECT_EQ(first.created_us, int64_t{1709280000} * 1'000'000 + 100);
  EXPECT_EQ(first.kind, PostKind::kMessage);

  const Post& root = Find(drained, "1709280060.000200");
  EXPECT_EQ(root.thread_id, "1709280060.000200");
  EXPECT_EQ(root.parent_id, "");
  const Post& reply = Find(drained, "1709280120.000300");
  EXPECT_EQ(reply.thread_id, "1709280060.000200");
  EXPECT_EQ(reply.parent_id, "1709280060.000200");

  const Post& edited = Find(drained, "1709280180.000400");
  EXPECT_EQ(edited.kind, PostKind::kEdit);
  EXPECT_EQ(edited.version, "1709280200.000000");
  EXPECT_EQ(edited.edited_us, int64_t{1709280200} * 1'000'000);

  const Post& file = Find(drained, "1709280240.000500");
  ASSERT_EQ(file.attachments.size(), 1u);
  EXPECT_EQ(file.attachments[0].name, "q1.pdf");
  EXPECT_EQ(file.attachments[0].size, 2048u);

  const Post& bot = Find(drained, "1709280300.000600");
  EXPECT_EQ(bot.author_name, "deploybot");
  // Attachment text is post text: fallback alone, or pretext, title and text when present.
  EXPECT_EQ(bot.text, "Deployed build 7\n[app] Deploy 8\nby ann");

  EXPECT_EQ(Find(drained, "1709280360.000700").kind, PostKind::kSystem);
  EXPECT_EQ(Find(drained, "1709452800.000001").community_name, "finance");

  ASSERT_EQ(drained.dead_letters.size(), 3u);
  // A folder is walked in path order and a zip in entry order: compare in path order.
  std::vector<DeadLetter> dead = drained.dead_letters;
  std::sort(dead.begin(), dead.end(), [](const DeadLetter& a, const DeadLetter& b) {
    return std::tie(a.source_file, a.record) < std::tie(b.source_file, b.record);
  });
  EXPECT_EQ(dead[0].record, 0u);
  EXPECT_NE(dead[0].source_file.find("finance/2024-03-02.json"), std::string::npos);
  EXPECT_NE(dead[0].reason.find("not a JSON array"), std::string::npos);
  EXPECT_EQ(dead[1].record, 8u);
  EXPECT_EQ(dead[1].reason, "missing 'ts' (the message id, a string)");
  EXPECT_NE(dead[1].source_file.find("general/2024-03-01.json"), std::string::npos);
  EXPECT_EQ(dead[2].record, 9u);
  EXPECT_EQ(dead[2].reason, "message is not a JSON object");
}

TEST(SlackSourceTest, ReadsAnUnpackedExportFolder) {
  TempDir dir;
  WriteExport(dir);
  ExpectTheSampleExport(Open((dir.path() / "export").string()));
}

TEST(SlackSourceTest, ReadsTheSameExportAsAZip) {
  TempDir dir;
  WriteExport(dir);
  const auto zip_path = dir.path() / "export.zip";
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  for (const char* name : {"users.json", "channels.json", "general/2024-03-01.json",
                           "finance/2024-03-02.json", "finance/2024-03-03.json"}) {
    std::ifstream in(dir.path() / "export" / name, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    ASSERT_TRUE((*zip)->Add(name, bytes).has_value());
  }
  ASSERT_TRUE((*zip)->Close().has_value());
  ExpectTheSampleExport(Open(zip_path.string()));
}

TEST(SlackSourceTest, GivesTheSamePostKeysOnEveryRead) {
  TempDir dir;
  WriteExport(dir);
  const Drained first = Open((dir.path() / "export").string());
  const Drained second = Open((dir.path() / "export").string());
  ASSERT_EQ(first.posts.size(), second.posts.size());
  for (size_t i = 0; i < first.posts.size(); ++i) {
    EXPECT_EQ(first.posts[i].Key(), second.posts[i].Key());
  }
  Post changed = first.posts[0];
  changed.version = "1709290000.000000";
  EXPECT_NE(changed.Key(), first.posts[0].Key());
}

// Found by fuzz_slack_day: a ts too large for microseconds overflowed instead of being refused.
TEST(SlackSourceTest, ATimestampBeyondTheRangeOfTimeIsADeadLetterAndItsNeighbourAPost) {
  TempDir dir;
  dir.Write("export/users.json", kUsers);
  dir.Write("export/channels.json", kChannels);
  dir.Write("export/general/2024-03-01.json",
            R"([{"type": "message", "user": "U1", "ts": "17092800000200", "text": "far"},
                {"type": "message", "user": "U1", "ts": "1709280000.000100", "text": "near"}])");
  const Drained drained = Open((dir.path() / "export").string());
  ASSERT_EQ(drained.posts.size(), 1u);
  EXPECT_EQ(drained.posts[0].text, "near");
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 1u);
  EXPECT_EQ(drained.dead_letters[0].reason, "'ts' is not a Slack timestamp: \"17092800000200\"");
}

TEST(SlackSourceTest, AFolderWithoutSlackFilesIsNotASlackExport) {
  TempDir dir;
  dir.Write("other/readme.txt", "hello");
  auto source = OpenSource((dir.path() / "other").string(), {});
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().message, "not a Slack export: no users.json or channels.json found");
}

// An export with every conversation kind and the message shapes newer exports hold. In a
// folder, dms.json and groups.json are read before users.json: names come out right anyway.
void WriteConversations(const TempDir& dir) {
  dir.Write("export/users.json", kUsers);
  dir.Write("export/channels.json", kChannels);
  dir.Write("export/groups.json", R"([{"id": "G1", "name": "board", "is_private": true}])");
  dir.Write("export/dms.json", R"([{"id": "D1", "members": ["U1", "U2"]}])");
  dir.Write(
      "export/mpims.json",
      R"([{"id": "G2", "name": "mpdm-alice--bram--carol-1", "members": ["U1", "U2", "U9"]}])");
  dir.Write("export/board/2024-03-01.json",
            R"([{"type": "message", "user": "U1", "ts": "1709280000.000100", "text": "secret"}])");
  dir.Write("export/D1/2024-03-01.json",
            R"([{"type": "message", "user": "U2", "ts": "1709280000.000100", "text": "dm"}])");
  dir.Write("export/mpdm-alice--bram--carol-1/2024-03-01.json",
            R"([{"type": "message", "user": "U2", "ts": "1709280000.000100", "text": "group"}])");
  // Some exports name folders by channel id.
  dir.Write("export/C2/2024-03-01.json",
            R"([{"type": "message", "user": "U2", "ts": "1709280000.000100", "text": "by id"}])");
}

TEST(SlackSourceTest, ReadsPrivateChannelsDmsAndGroupDmsNamedAfterTheirMembers) {
  TempDir dir;
  WriteConversations(dir);
  const Drained drained = Open((dir.path() / "export").string());
  ASSERT_EQ(drained.posts.size(), 4u);
  EXPECT_TRUE(drained.dead_letters.empty());
  std::map<std::string, std::pair<std::string, std::string>> by_text;
  for (const Post& post : drained.posts) {
    by_text[post.text] = {post.community_id, post.community_name};
  }
  EXPECT_EQ(by_text["secret"], std::make_pair(std::string("G1"), std::string("board")));
  EXPECT_EQ(by_text["dm"],
            std::make_pair(std::string("D1"), std::string("Alice Smith, Bram Jansen")));
  EXPECT_EQ(by_text["group"],
            std::make_pair(std::string("G2"), std::string("Alice Smith, Bram Jansen, U9")));
  EXPECT_EQ(by_text["by id"], std::make_pair(std::string("C2"), std::string("finance")));
  // The same ts in four channels is four posts: the channel is part of the key.
  std::set<std::string> keys;
  for (const Post& post : drained.posts) {
    keys.insert(post.Key());
  }
  EXPECT_EQ(keys.size(), 4u);
}

constexpr const char* kNewerDay = R"([
  {"type": "message", "user": "U1", "ts": "1709366400.000100", "text": "",
   "blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [
     {"type": "text", "text": "ping "}, {"type": "user", "user_id": "U2"},
     {"type": "text", "text": " "}, {"type": "broadcast", "range": "channel"}]}]}]},
  {"type": "message", "user": "U1", "ts": "1709366401.000200", "text": "text wins",
   "blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [
     {"type": "text", "text": "blocks lose"}]}]}]},
  {"type": "message", "user": "U2", "ts": "1709366500.000300", "thread_ts": "1709366600.000400",
   "parent_user_id": "U1", "text": "a reply older than its root"},
  {"type": "message", "user": "U1", "ts": "1709366600.000400", "thread_ts": "1709366600.000400",
   "text": "root"},
  {"type": "message", "subtype": "thread_broadcast", "user": "U2", "ts": "1709366700.000500",
   "thread_ts": "1709366600.000400", "text": "also in the channel",
   "root": {"type": "message", "user": "U1", "ts": "1709366600.000400", "text": "root"},
   "reactions": [{"name": "eyes", "users": ["U1"], "count": 1}]},
  {"type": "message", "subtype": "tombstone", "user": "USLACKBOT", "hidden": true,
   "ts": "1709366800.000600", "thread_ts": "1709366800.000600",
   "text": "This message was deleted."},
  {"type": "message", "subtype": "message_deleted", "hidden": true, "ts": "1709366900.000700",
   "deleted_ts": "1709366401.000200", "previous_message": {"text": "text wins"}},
  {"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1709367000.000800",
   "message": {"type": "message", "user": "U1", "ts": "1709366400.000100", "text": "ping again",
               "edited": {"user": "U1", "ts": "1709367000.000000"}}},
  {"type": "message", "subtype": "message_changed", "ts": "1709367001.000000"},
  {"type": "message", "subtype": "bot_message", "bot_id": "B2", "ts": "1709367100.000900",
   "text": "", "bot_profile": {"id": "B2", "name": "Jira Cloud"},
   "attachments": [{"fallback": "PROJ-1: Fix it", "title": "PROJ-1: Fix it",
                    "fields": [{"title": "Status", "value": "Open", "short": true},
                               {"title": "", "value": "bare value"}]},
                   {"fallback": "only a fallback"}]},
  {"type": "message", "user": "U7", "ts": "1709367200.001000", "text": "unlisted user",
   "user_profile": {"real_name": "Carol Visser", "display_name": "carol", "name": "carol"}},
  {"type": "message", "subtype": "file_share", "user": "U2", "ts": "1709367300.001100",
   "text": "", "upload": true, "files": [
     {"id": "F1", "name": "q1.pdf", "title": "Q1", "mimetype": "application/pdf", "size": 2048},
     {"id": "F2", "name": "", "title": "Weekly Sync", "mimetype": "application/vnd.slack-docs",
      "size": 602},
     {"id": "F3", "mode": "tombstone"}]},
  {"type": "message", "subtype": "channel_topic", "user": "U1", "ts": "1709367400.001200",
   "text": "<@U1> set the channel topic: money", "topic": "money"},
  {"type": "message", "subtype": "channel_purpose", "user": "U1", "ts": "1709367401.001300",
   "text": "<@U1> set the channel purpose: more money"},
  {"type": "message", "subtype": "channel_leave", "user": "U2", "ts": "1709367402.001400",
   "text": "<@U2> has left the channel"},
  {"type": "message", "subtype": "group_join", "user": "U2", "ts": "1709367403.001500",
   "text": "<@U2> has joined the group"},
  {"type": "message", "subtype": "channel_convert_to_private", "user": "U1",
   "ts": "1709367404.001600", "text": "made this channel private"}
])";

Drained ReadNewerDay() {
  TempDir dir;
  dir.Write("export/users.json", kUsers);
  dir.Write("export/channels.json", kChannels);
  // The file is named for a day before every message in it: times come from ts alone.
  dir.Write("export/general/2020-01-01.json", kNewerDay);
  return Open((dir.path() / "export").string());
}

TEST(SlackSourceTest, TakesTheTextOfABlocksOnlyMessageFromItsRichTextBlocks) {
  const Drained drained = ReadNewerDay();
  EXPECT_EQ(Find(drained, "1709366400.000100").text, "ping @Bram Jansen @channel");
  EXPECT_EQ(Find(drained, "1709366401.000200").text, "text wins");
}

TEST(SlackSourceTest, LinksRepliesAndBroadcastsToTheirThreadWhateverTheOrderOfTheirTs) {
  const Drained drained = ReadNewerDay();
  const Post& early = Find(drained, "1709366500.000300");
  EXPECT_EQ(early.thread_id, "1709366600.000400");
  EXPECT_EQ(early.parent_id, "1709366600.000400");
  EXPECT_EQ(early.created_us, int64_t{1709366500} * 1'000'000 + 300);
  const Post& root = Find(drained, "1709366600.000400");
  EXPECT_EQ(root.thread_id, "1709366600.000400");
  EXPECT_EQ(root.parent_id, "");
  // A broadcast is one post, in the thread; its `root` copy is not a post of its own.
  const Post& broadcast = Find(drained, "1709366700.000500");
  EXPECT_EQ(broadcast.kind, PostKind::kMessage);
  EXPECT_EQ(broadcast.parent_id, "1709366600.000400");
  EXPECT_EQ(broadcast.text, "also in the channel");
  EXPECT_EQ(std::count_if(drained.posts.begin(), drained.posts.end(),
                          [](const Post& p) { return p.native_id == "1709366600.000400"; }),
            1);
  // Reactions have no field in Post: they stay in the original record.
  EXPECT_NE(broadcast.original.find(R"("reactions":[{"name":"eyes")"), std::string::npos);
}

TEST(SlackSourceTest, MakesDeletionsAndChangesRecordsOfTheirOwn) {
  const Drained drained = ReadNewerDay();
  const Post& tombstone = Find(drained, "1709366800.000600");
  EXPECT_EQ(tombstone.kind, PostKind::kDelete);
  EXPECT_EQ(tombstone.version, "deleted");
  const auto find_version = [&](const std::string& ts, const std::string& version) {
    auto it = std::find_if(drained.posts.begin(), drained.posts.end(), [&](const Post& p) {
      return p.native_id == ts && p.version == version;
    });
    EXPECT_NE(it, drained.posts.end()) << ts << " " << version;
    return it == drained.posts.end() ? Post{} : *it;
  };
  const Post deleted = find_version("1709366401.000200", "deleted:1709366900.000700");
  EXPECT_EQ(deleted.kind, PostKind::kDelete);
  EXPECT_EQ(deleted.created_us, int64_t{1709366401} * 1'000'000 + 200);
  const Post changed = find_version("1709366400.000100", "1709367000.000000");
  EXPECT_EQ(changed.kind, PostKind::kEdit);
  EXPECT_EQ(changed.text, "ping again");
  EXPECT_EQ(changed.author_name, "Alice Smith");
  EXPECT_EQ(changed.edited_us, int64_t{1709367000} * 1'000'000);
  EXPECT_NE(changed.Key(), Find(drained, "1709366400.000100").Key());
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 9u);
  EXPECT_EQ(drained.dead_letters[0].reason, "message_changed without the changed 'message' object");
}

TEST(SlackSourceTest, NamesBotsAndUsersMissingFromUsersJson) {
  const Drained drained = ReadNewerDay();
  const Post& bot = Find(drained, "1709367100.000900");
  EXPECT_EQ(bot.author_id, "B2");
  EXPECT_EQ(bot.author_name, "Jira Cloud");
  // Pretext, title, text and fields a line each; the fallback only when there is nothing else.
  EXPECT_EQ(bot.text, "PROJ-1: Fix it\nStatus: Open\nbare value\nonly a fallback");
  const Post& carol = Find(drained, "1709367200.001000");
  EXPECT_EQ(carol.author_id, "U7");
  EXPECT_EQ(carol.author_name, "Carol Visser");
}

TEST(SlackSourceTest, KeepsFileMetadataAsAttachments) {
  const Drained drained = ReadNewerDay();
  const Post& share = Find(drained, "1709367300.001100");
  EXPECT_EQ(share.kind, PostKind::kMessage);
  ASSERT_EQ(share.attachments.size(), 3u);
  EXPECT_EQ(share.attachments[0].name, "q1.pdf");
  EXPECT_EQ(share.attachments[0].type, "application/pdf");
  EXPECT_EQ(share.attachments[0].size, 2048u);
  EXPECT_EQ(share.attachments[1].name, "Weekly Sync");
  EXPECT_EQ(share.attachments[1].type, "application/vnd.slack-docs");
  EXPECT_EQ(share.attachments[2].name, "F3");  // a deleted file keeps only its id
  EXPECT_EQ(share.attachments[2].size, 0u);
}

TEST(SlackSourceTest, MakesJoinLeaveTopicAndPurposeSubtypesSystemPosts) {
  const Drained drained = ReadNewerDay();
  for (const char* ts : {"1709367400.001200", "1709367401.001300", "1709367402.001400",
                         "1709367403.001500", "1709367404.001600"}) {
    EXPECT_EQ(Find(drained, ts).kind, PostKind::kSystem) << ts;
  }
  EXPECT_EQ(Find(drained, "1709367400.001200").text, "@Alice Smith set the channel topic: money");
}

TEST(SlackSourceTest, TakesTimeFromTsExactlyAndNeverFromTheDayFilesName) {
  const Drained drained = ReadNewerDay();
  ASSERT_EQ(drained.posts.size(), 16u);  // 17 records, one dead letter
  for (const Post& post : drained.posts) {
    EXPECT_GT(post.created_us, int64_t{1709251200} * 1'000'000) << post.native_id;  // 2024-03-01
  }
  // ts is kept as written, digit for digit; a double would not hold 16 significant digits.
  TempDir dir;
  dir.Write("export/channels.json", kChannels);
  dir.Write("export/general/2024-03-01.json", R"([
    {"type": "message", "user": "U1", "ts": "1709280000.999999", "text": "a"},
    {"type": "message", "user": "U1", "ts": "1709280000.000001", "text": "b"},
    {"type": "message", "user": "U1", "ts": "1709280000.1", "text": "c"},
    {"type": "message", "user": "U1", "ts": 1709280000.5, "text": "number"}])");
  const Drained exact = Open((dir.path() / "export").string());
  ASSERT_EQ(exact.posts.size(), 3u);
  EXPECT_EQ(Find(exact, "1709280000.999999").created_us, int64_t{1709280000999999});
  EXPECT_EQ(Find(exact, "1709280000.000001").created_us, int64_t{1709280000000001});
  EXPECT_EQ(Find(exact, "1709280000.1").created_us, int64_t{1709280000100000});
  ASSERT_EQ(exact.dead_letters.size(), 1u);
  EXPECT_EQ(exact.dead_letters[0].reason,
            "'ts' is not a string (Slack writes the message id as \"1709280000.000100\")");
}

}  // namespace
}  // namespace holdfast::engine
