#include "engine/sources/teams_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
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

// Channel messages in the shape Graph returns from GET /teams/{id}/channels/{id}/messages
// (and .../replies): a root, two replies, an edit, a reaction-only change, a deletion, a
// system event and a message with a split mention, a link and an attachment.
constexpr const char* kChannelMessages = R"([
  {"id": "1700000000001", "replyToId": null, "messageType": "message",
   "createdDateTime": "2024-03-01T09:30:00.1234567Z", "lastModifiedDateTime": null,
   "lastEditedDateTime": null, "deletedDateTime": null, "subject": "Q1 plan",
   "webUrl": "https://teams.microsoft.com/l/message/19%3Aabc/1700000000001?groupId=team-1&tenantId=tenant-1&createdTime=1",
   "from": {"application": null, "device": null,
            "user": {"id": "u-ann", "displayName": "Ann Smit", "tenantId": "tenant-1"}},
   "body": {"contentType": "html",
            "content": "<p>Hi <at id=\"0\">Jan</at>&nbsp;<at id=\"1\">de Vries</at>, see <a href=\"https://wiki.example/q1?a=1&amp;b=2\">the plan</a> &amp; <attachment id=\"att-1\"></attachment></p><ul><li>budget</li><li>hiring</li></ul>"},
   "channelIdentity": {"teamId": "team-1", "channelId": "19:abc@thread.tacv2"},
   "mentions": [
     {"id": 0, "mentionText": "Jan", "mentioned": {"user": {"id": "u-jan", "displayName": "Jan de Vries"}}},
     {"id": 1, "mentionText": "de Vries", "mentioned": {"user": {"id": "u-jan", "displayName": "Jan de Vries"}}}],
   "attachments": [{"id": "att-1", "contentType": "reference", "name": "q1.xlsx",
                    "contentUrl": "https://contoso.sharepoint.com/q1.xlsx"}],
   "reactions": []},
  {"id": "1700000000002", "replyToId": "1700000000001", "messageType": "message",
   "createdDateTime": "2024-03-01T09:31:00Z", "lastEditedDateTime": null,
   "from": {"user": {"id": "u-jan", "displayName": "Jan de Vries"}},
   "body": {"contentType": "text", "content": "on it"},
   "channelIdentity": {"teamId": "team-1", "channelId": "19:abc@thread.tacv2"}},
  {"id": "1700000000003", "replyToId": "1700000000001", "messageType": "message",
   "createdDateTime": "2024-03-01T09:32:00Z",
   "lastModifiedDateTime": "2024-03-01T09:40:00Z", "lastEditedDateTime": "2024-03-01T09:33:00.5Z",
   "from": {"user": {"id": "u-jan", "displayName": "Jan de Vries"}},
   "body": {"contentType": "html", "content": "<p>fixed typo</p>"},
   "channelIdentity": {"teamId": "team-1", "channelId": "19:abc@thread.tacv2"}},
  {"id": "1700000000004", "messageType": "message", "createdDateTime": "2024-03-01T09:34:00Z",
   "lastModifiedDateTime": "2024-03-01T10:00:00Z", "lastEditedDateTime": null,
   "from": {"user": {"id": "u-ann", "displayName": "Ann Smit"}},
   "body": {"contentType": "html", "content": "<p>liked by many</p>"},
   "reactions": [{"reactionType": "like", "createdDateTime": "2024-03-01T10:00:00Z",
                  "user": {"user": {"id": "u-jan"}}}],
   "channelIdentity": {"teamId": "team-1", "channelId": "19:abc@thread.tacv2"}},
  {"id": "1700000000005", "messageType": "message", "createdDateTime": "2024-03-01T09:35:00Z",
   "deletedDateTime": "2024-03-01T09:36:00Z",
   "from": {"user": {"id": "u-ann", "displayName": "Ann Smit"}},
   "body": {"contentType": "html", "content": ""},
   "channelIdentity": {"teamId": "team-1", "channelId": "19:abc@thread.tacv2"}},
  {"id": "1700000000006", "messageType": "systemEventMessage",
   "createdDateTime": "2024-03-01T09:37:00Z", "from": null,
   "body": {"contentType": "html", "content": "<systemEventMessage/>"},
   "channelIdentity": {"teamId": "team-1", "channelId": "19:abc@thread.tacv2"},
   "eventDetail": {"@odata.type": "#microsoft.graph.membersAddedEventMessageDetail",
                   "members": [{"id": "u-piet", "displayName": "Piet Bakker"}],
                   "initiator": {"user": {"id": "u-ann", "displayName": "Ann Smit"}}}}
])";

// A chat message (GET /chats/{id}/messages) as a Graph page, reusing an id of the channel.
constexpr const char* kChatPage = R"({
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats('19%3Achat1')/messages",
  "@odata.count": 2,
  "@odata.nextLink": "https://graph.microsoft.com/v1.0/chats/19:chat1/messages?$skip=2",
  "value": [
    {"id": "1700000000001", "chatId": "19:chat1@unq.gbl.spaces", "messageType": "message",
     "createdDateTime": "2024-03-02T08:00:00Z",
     "from": {"user": {"id": "u-jan", "displayName": "Jan de Vries"}},
     "body": {"contentType": "html", "content": "<div>lunch?</div>"}},
    {"id": "1700000000007", "chatId": "19:chat1@unq.gbl.spaces", "messageType": "message",
     "createdDateTime": "2024-03-02T08:01:00Z",
     "from": {"application": {"id": "app-1", "displayName": "Standup Bot"}},
     "body": {"contentType": "html", "content": "Reminder"}}]})";

const Post* Find(const Drained& drained, const std::string& community, const std::string& id) {
  auto it = std::find_if(drained.posts.begin(), drained.posts.end(), [&](const Post& post) {
    return post.native_id == id && post.community_id.ends_with(community);
  });
  return it == drained.posts.end() ? nullptr : &*it;
}

TEST(TeamsSourceTest, ReadsChannelMessagesRepliesAndTheirText) {
  TempDir dir;
  const Drained drained = Open(dir.Write("channel.json", kChannelMessages).string());
  ASSERT_EQ(drained.posts.size(), 6u);
  EXPECT_TRUE(drained.dead_letters.empty());
  const Post* root = Find(drained, "19:abc@thread.tacv2", "1700000000001");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->source, "teams");
  EXPECT_EQ(root->workspace, "tenant-1");
  EXPECT_EQ(root->community_id, "team-1/19:abc@thread.tacv2");
  EXPECT_EQ(root->community_name, "19:abc@thread.tacv2");
  EXPECT_EQ(root->thread_id, "1700000000001");
  EXPECT_EQ(root->parent_id, "");
  EXPECT_EQ(root->author_id, "u-ann");
  EXPECT_EQ(root->author_name, "Ann Smit");
  EXPECT_EQ(root->kind, PostKind::kMessage);
  EXPECT_EQ(root->created_us, *ParseRfc3339("2024-03-01T09:30:00Z") + 123456);
  EXPECT_EQ(root->text,
            "Q1 plan\nHi @Jan de Vries, see the plan (https://wiki.example/q1?a=1&b=2) &\n"
            "- budget\n- hiring");
  ASSERT_EQ(root->attachments.size(), 1u);
  EXPECT_EQ(root->attachments[0].name, "q1.xlsx");
  EXPECT_EQ(root->attachments[0].type, "reference");
  EXPECT_NE(root->original.find("\"mentionText\":\"de Vries\""), std::string::npos);

  const Post* reply = Find(drained, "19:abc@thread.tacv2", "1700000000002");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->parent_id, "1700000000001");
  EXPECT_EQ(reply->thread_id, "1700000000001");
  EXPECT_EQ(reply->text, "on it");
  EXPECT_EQ(reply->author_name, "Jan de Vries");
}

TEST(TeamsSourceTest, AnEditIsANewVersionButAReactionIsNot) {
  TempDir dir;
  const Drained drained = Open(dir.Write("channel.json", kChannelMessages).string());
  const Post* edited = Find(drained, "thread.tacv2", "1700000000003");
  ASSERT_NE(edited, nullptr);
  EXPECT_EQ(edited->kind, PostKind::kEdit);
  EXPECT_EQ(edited->version, "2024-03-01T09:33:00.5Z");
  EXPECT_EQ(edited->edited_us, *ParseRfc3339("2024-03-01T09:33:00Z") + 500000);
  EXPECT_EQ(edited->text, "fixed typo");

  const Post* reacted = Find(drained, "thread.tacv2", "1700000000004");
  ASSERT_NE(reacted, nullptr);
  EXPECT_EQ(reacted->kind, PostKind::kMessage);
  EXPECT_EQ(reacted->version, "");
  EXPECT_EQ(reacted->edited_us, 0);
}

TEST(TeamsSourceTest, ADeletionHasNoTextAndItsOwnKey) {
  TempDir dir;
  const Drained drained = Open(dir.Write("channel.json", kChannelMessages).string());
  const Post* deleted = Find(drained, "thread.tacv2", "1700000000005");
  ASSERT_NE(deleted, nullptr);
  EXPECT_EQ(deleted->kind, PostKind::kDelete);
  EXPECT_EQ(deleted->text, "");
  EXPECT_EQ(deleted->version, "2024-03-01T09:36:00Z");
  Post undeleted = *deleted;
  undeleted.version.clear();
  EXPECT_NE(deleted->Key(), undeleted.Key());
}

TEST(TeamsSourceTest, SystemEventsSayWhatHappened) {
  TempDir dir;
  const Drained drained = Open(dir.Write("channel.json", kChannelMessages).string());
  const Post* event = Find(drained, "thread.tacv2", "1700000000006");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->kind, PostKind::kSystem);
  EXPECT_EQ(event->text, "membersAdded: Piet Bakker (by Ann Smit)");
  EXPECT_EQ(event->author_id, "u-ann");
}

// Graph often leaves the names in an event's details null; the names its messages show fill in.
TEST(TeamsSourceTest, AnEventWithoutNamesTakesThemFromEarlierMessages) {
  TempDir dir;
  const Drained drained = Open(dir.Write("channel.json", R"([
  {"id": "1", "messageType": "message", "createdDateTime": "2024-03-01T09:30:00Z",
   "from": {"user": {"id": "u-piet", "displayName": "Piet Bakker"}},
   "body": {"contentType": "text", "content": "hallo"},
   "channelIdentity": {"teamId": "t", "channelId": "19:c@thread.tacv2"}},
  {"id": "2", "messageType": "systemEventMessage", "createdDateTime": "2024-03-01T09:31:00Z",
   "from": null, "body": {"contentType": "html", "content": "<systemEventMessage/>"},
   "channelIdentity": {"teamId": "t", "channelId": "19:c@thread.tacv2"},
   "eventDetail": {"@odata.type": "#microsoft.graph.membersAddedEventMessageDetail",
                   "members": [{"id": "u-piet", "displayName": null},
                               {"id": "u-unknown", "displayName": null}],
                   "initiator": {"user": {"id": "u-piet", "displayName": null}}}}
])")
                                   .string());
  const Post* event = Find(drained, "thread.tacv2", "2");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->text, "membersAdded: Piet Bakker, u-unknown (by Piet Bakker)");
}

TEST(TeamsSourceTest, ReadsAGraphPageOfChatMessages) {
  TempDir dir;
  const Drained drained = Open(dir.Write("chat.json", kChatPage).string());
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_TRUE(drained.dead_letters.empty());
  const Post& chat = drained.posts[0];
  EXPECT_EQ(chat.community_id, "19:chat1@unq.gbl.spaces");
  EXPECT_EQ(chat.thread_id, "");  // chats have no threads
  EXPECT_EQ(chat.text, "lunch?");
  EXPECT_EQ(drained.posts[1].author_id, "app-1");
  EXPECT_EQ(drained.posts[1].author_name, "Standup Bot");
}

TEST(TeamsSourceTest, OneIdInTwoConversationsGivesTwoKeys) {
  TempDir dir;
  dir.Write("export/channel.json", kChannelMessages);
  dir.Write("export/chat.json", kChatPage);
  const Drained drained = Open((dir / "export").string());
  ASSERT_EQ(drained.posts.size(), 8u);
  const Post* in_channel = Find(drained, "thread.tacv2", "1700000000001");
  const Post* in_chat = Find(drained, "gbl.spaces", "1700000000001");
  ASSERT_NE(in_channel, nullptr);
  ASSERT_NE(in_chat, nullptr);
  EXPECT_NE(in_channel->Key(), in_chat->Key());
}

TEST(TeamsSourceTest, ReadsJsonLinesOfChatMessages) {
  TempDir dir;
  const std::string lines =
      R"({"id": "1", "chatId": "19:c", "messageType": "message", "createdDateTime": "2024-03-02T08:00:00Z", "body": {"contentType": "text", "content": "one"}})"
      "\n\n"
      R"({"id": "2", "chatId": "19:c", "messageType": "message", "createdDateTime": "2024-03-02T08:01:00Z", "body": {"contentType": "text", "content": "two"}})"
      "\n"
      R"({"id": "3", "chatId": "19:c", "messageType": "mess)"
      "\n";
  const Drained drained = Open(dir.Write("messages.jsonl", lines).string());
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(drained.posts[1].text, "two");
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 4u);  // the line number

  // The same lines in a .json file are still read line by line.
  const Drained in_json = Open(dir.Write("messages.json", lines).string());
  EXPECT_EQ(in_json.posts.size(), 2u);
  ASSERT_EQ(in_json.dead_letters.size(), 1u);
  EXPECT_EQ(in_json.dead_letters[0].record, 4u);
}

TEST(TeamsSourceTest, ATruncatedFileLosesOnlyItsRest) {
  TempDir dir;
  std::string cut = kChannelMessages;
  cut.resize(cut.find("\"id\": \"1700000000003\"") + 40);
  dir.Write("export/a_cut.json", cut);
  dir.Write("export/b_chat.json", kChatPage);
  const Drained drained = Open((dir / "export").string());
  ASSERT_EQ(drained.posts.size(), 4u);  // two from the cut file, both chat messages
  EXPECT_NE(Find(drained, "thread.tacv2", "1700000000002"), nullptr);
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  const DeadLetter& dead = drained.dead_letters[0];
  EXPECT_TRUE(dead.source_file.ends_with("a_cut.json")) << dead.source_file;
  EXPECT_EQ(dead.record, 3u);
  EXPECT_NE(dead.reason.find("truncated"), std::string::npos) << dead.reason;
  EXPECT_TRUE(dead.raw.starts_with("{\"id\": \"1700000000003\"")) << dead.raw;
}

TEST(TeamsSourceTest, ABrokenRecordKeepsItsNeighbours) {
  TempDir dir;
  const std::string text = R"([
    {"id": "1", "chatId": "19:c", "createdDateTime": "2024-03-02T08:00:00Z", "body": {"content": "a"}},
    "not a message",
    {"id": "2", "chatId": "19:c", "createdDateTime": bad},
    {"id": "3", "chatId": "19:c", "createdDateTime": "2024-03-02T08:01:00Z", "body": {"content": "c"}},
    {"id": "4", "createdDateTime": "2024-03-02T08:01:00Z"}
  ])";
  const Drained drained = Open(dir.Write("messages.json", text).string(), {.format = "teams"});
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(drained.posts[1].native_id, "3");
  ASSERT_EQ(drained.dead_letters.size(), 3u);
  EXPECT_EQ(drained.dead_letters[0].record, 2u);
  EXPECT_NE(drained.dead_letters[0].reason.find("not a JSON object"), std::string::npos);
  EXPECT_EQ(drained.dead_letters[1].record, 3u);
  EXPECT_NE(drained.dead_letters[1].reason.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(drained.dead_letters[2].record, 5u);
  EXPECT_NE(drained.dead_letters[2].reason.find("chatId"), std::string::npos);
}

TEST(TeamsSourceTest, MarksOnlyThePostsWhoseInvalidUtf8WasReplaced) {
  TempDir dir;
  const std::string text =
      "[{\"id\": \"1\", \"chatId\": \"19:c\", \"messageType\": \"message\", "
      "\"createdDateTime\": \"2024-03-02T08:00:00Z\", "
      "\"body\": {\"contentType\": \"html\", \"content\": \"bad \xC3\x28 byte\"}},"
      "{\"id\": \"2\", \"chatId\": \"19:c\", \"messageType\": \"message\", "
      "\"createdDateTime\": \"2024-03-02T08:01:00Z\", "
      "\"body\": {\"contentType\": \"html\", \"content\": \"fine\"}}]";
  const Drained drained = Open(dir.Write("messages.json", text).string());
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_TRUE(drained.posts[0].replaced_invalid_utf8);
  EXPECT_EQ(drained.posts[0].text, "bad \uFFFD( byte");
  EXPECT_FALSE(drained.posts[1].replaced_invalid_utf8);
}

TEST(TeamsSourceTest, MarksAStreamedJsonLineWhoseInvalidUtf8WasReplaced) {
  TempDir dir;
  const std::string lines =
      "{\"id\": \"1\", \"chatId\": \"19:c\", \"createdDateTime\": \"2024-03-02T08:00:00Z\", "
      "\"body\": {\"contentType\": \"text\", \"content\": \"bad \xFF byte\"}}\n"
      "{\"id\": \"2\", \"chatId\": \"19:c\", \"createdDateTime\": \"2024-03-02T08:01:00Z\", "
      "\"body\": {\"contentType\": \"text\", \"content\": \"fine\"}}\n";
  const Drained drained = Open(dir.Write("messages.ndjson", lines).string(), {.format = "teams"});
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_TRUE(drained.posts[0].replaced_invalid_utf8);
  EXPECT_EQ(drained.posts[0].text, "bad \uFFFD byte");
  EXPECT_FALSE(drained.posts[1].replaced_invalid_utf8);
}

TEST(TeamsSourceTest, ReadsAZipOfMessageFiles) {
  TempDir dir;
  const auto zip_path = dir.path() / "teams.zip";
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  ASSERT_TRUE((*zip)->Add("graph/channel.json", kChannelMessages).has_value());
  ASSERT_TRUE((*zip)->Add("graph/chat.json", kChatPage).has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  const Drained drained = Open(zip_path.string());
  EXPECT_EQ(drained.posts.size(), 8u);
  EXPECT_TRUE(drained.dead_letters.empty());
}

TEST(TeamsSourceTest, DetectsTeamsAndLeavesOtherFormatsAlone) {
  TempDir dir;
  EXPECT_TRUE(TeamsSource::Recognizes(dir.Write("a/channel.json", kChannelMessages).string()));
  EXPECT_TRUE(TeamsSource::Recognizes((dir / "a").string()));
  dir.Write("b/users/usersList.json", "[]");
  EXPECT_TRUE(TeamsSource::Recognizes((dir / "b").string()));  // a TeamsDataExport
  const std::string plain = R"({"id": "1", "text": "hello"})";
  EXPECT_FALSE(TeamsSource::Recognizes(dir.Write("posts.jsonl", plain).string()));
  dir.Write("slack/users.json", "[]");
  EXPECT_FALSE(TeamsSource::Recognizes((dir / "slack").string()));
  const Drained jsonl = Open((dir / "posts.jsonl").string());
  ASSERT_EQ(jsonl.posts.size(), 1u);
  EXPECT_EQ(jsonl.posts[0].source, "jsonl");
}

std::filesystem::path ZulipTeamsExport() {
  return std::filesystem::path(HOLDFAST_SHARED_DIR) /
         "fixtures/external/teams/zulip__zulip/zerver/tests/fixtures/microsoft_teams_fixtures/"
         "TeamsDataExport";
}

// What Zulip's importer tests expect of its fixture: one channel of "will begon's team" with
// one user message and two system events.
void ExpectZulipsTeamsDataExport(const Drained& drained) {
  ASSERT_EQ(drained.posts.size(), 3u);
  EXPECT_TRUE(drained.dead_letters.empty());
  const std::string channel = "19:lqdix95v6et7PTYxDZlXmlKIwt77DeH_WikzPVX7kuU1@thread.tacv2";
  const Post* message = Find(drained, channel, "1758810613079");
  ASSERT_NE(message, nullptr);
  EXPECT_EQ(message->kind, PostKind::kMessage);
  EXPECT_EQ(message->text, "hello! this is a channel message \nasdad");
  EXPECT_EQ(message->author_id, "28cc9dbd-07ba-458c-9cf7-c95745618966");
  EXPECT_EQ(message->author_name, "Will Begon");
  EXPECT_EQ(message->community_id, "4707a9cc-9fe0-4bc2-980a-cd722ffbff06/" + channel);
  EXPECT_EQ(message->community_name, "will begon's team / generakl");
  EXPECT_EQ(message->workspace, "5caa9117-09e5-47f0-b85b-6e013617af34");
  EXPECT_EQ(message->thread_id, "1758810613079");
  EXPECT_EQ(message->created_us, *ParseRfc3339("2025-09-25T14:30:13.079Z"));
  int system = 0;
  for (const Post& post : drained.posts) {
    system += post.kind == PostKind::kSystem ? 1 : 0;
  }
  EXPECT_EQ(system, 2);
  const Post* event = Find(drained, channel, "1758896097283");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->kind, PostKind::kSystem);
  EXPECT_EQ(event->author_id, "62b732f7-fc71-40bc-b27d-35efcb0509de");  // the initiating app
  EXPECT_EQ(event->created_us, *ParseRfc3339("2025-09-26T14:14:57.283Z"));
}

// Conformance: Zulip's Teams importer fixture, a TeamsDataExport (see shared SOURCES.md),
// read in place as a folder.
TEST(TeamsSourceConformanceTest, ReadsZulipsTeamsDataExport) {
  const std::filesystem::path root = ZulipTeamsExport();
  if (!std::filesystem::exists(root)) {
    GTEST_SKIP() << "shared fixture absent: " << root;
  }
  ExpectZulipsTeamsDataExport(Open(root.string()));
}

// The same export zipped (as the tenant admin downloads it), built from the fixture's bytes.
TEST(TeamsSourceConformanceTest, ReadsZulipsTeamsDataExportAsAZip) {
  const std::filesystem::path root = ZulipTeamsExport();
  if (!std::filesystem::exists(root)) {
    GTEST_SKIP() << "shared fixture absent: " << root;
  }
  TempDir dir;
  const auto zip_path = dir.path() / "TeamsDataExport.zip";
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    const std::string name =
        "TeamsDataExport/" + std::filesystem::relative(entry.path(), root).generic_string();
    ASSERT_TRUE((*zip)->Add(name, bytes).has_value());
  }
  ASSERT_TRUE((*zip)->Close().has_value());
  ExpectZulipsTeamsDataExport(Open(zip_path.string()));
}

}  // namespace
}  // namespace holdfast::engine
