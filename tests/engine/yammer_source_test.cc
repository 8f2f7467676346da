#include "engine/sources/yammer_source.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// Written from the export's documented columns: a group thread with a reply, a private
// conversation, an All Company post, a deleted message with an attachment, and a body with
// a comma, quotes and a line break.
constexpr const char* kMessages =
    "id,replied_to_id,thread_id,conversation_id,group_id,group_name,participants,"
    "in_private_group,in_private_conversation,sender_id,sender_type,sender_name,sender_email,"
    "body,api_url,attachments,deleted_by_id,deleted_by_type,created_at,deleted_at\r\n"
    "101,,101,9001,55,Finance (old name),,false,false,7,User,J. de Vries,jan@example.nl,"
    "\"Q3 numbers, \"\"draft\"\":\nsee the deck\",https://x/101,,,,2024-03-01 09:30:00 UTC,\r\n"
    "102,101,101,9001,55,Finance (old name),,false,false,8,User,Pia Smit,pia@example.nl,"
    "thanks!,https://x/102,,,,2024-03-01 10:00:00 UTC,\r\n"
    "103,,103,9002,,,\"7,8\",false,true,8,User,Pia Smit,pia@example.nl,"
    "just between us,https://x/103,,,,2024/03/02 08:00:00 +0100,\r\n"
    "104,,104,9003,,,,false,false,7,User,J. de Vries,jan@example.nl,"
    "welcome all,https://x/104,\"uploadedfile:12,opengraphobject:34\",7,User,"
    "2024-03-03T12:00:00Z,2024-03-04 12:00:00 UTC\r\n";

constexpr const char* kUsers =
    "id,job_title,name,email,state\n7,Controller,Jan de Vries,jan@example.nl,active\n";
constexpr const char* kGroups = "id,name,description,private\n55,Finance,money,false\n";

void ExpectTheFourMessages(const Drained& drained) {
  ASSERT_EQ(drained.posts.size(), 4U);
  EXPECT_TRUE(drained.dead_letters.empty());
  const Post& root = drained.posts[0];
  EXPECT_EQ(root.source, "yammer");
  EXPECT_EQ(root.native_id, "101");
  EXPECT_EQ(root.text, "Q3 numbers, \"draft\":\nsee the deck");
  EXPECT_EQ(root.community_id, "55");
  EXPECT_EQ(root.created_us, *ParseRfc3339("2024-03-01T09:30:00Z"));
  EXPECT_EQ(root.thread_id, "101");
  EXPECT_TRUE(root.parent_id.empty());
  const Post& reply = drained.posts[1];
  EXPECT_EQ(reply.parent_id, "101");
  EXPECT_EQ(reply.thread_id, "101");
  EXPECT_EQ(reply.author_name, "Pia Smit");  // not in Users.csv: the name on the message
  const Post& secret = drained.posts[2];
  EXPECT_EQ(secret.community_id, "conversation:9002");
  EXPECT_EQ(secret.created_us, *ParseRfc3339("2024-03-02T07:00:00Z"));
  const Post& deleted = drained.posts[3];
  EXPECT_EQ(deleted.kind, PostKind::kDelete);
  EXPECT_EQ(deleted.text, "welcome all");  // the deleted body is the evidence
  ASSERT_EQ(deleted.attachments.size(), 2U);
  EXPECT_EQ(deleted.attachments[1].name, "opengraphobject:34");
  EXPECT_NE(root.Key(), reply.Key());
}

TEST(YammerSourceTest, ReadsAZippedNetworkExportWithNamesFromUsersAndGroups) {
  TempDir dir;
  const std::string zip_path = (dir / "export.zip").string();
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  // Messages first: the names still come from the files after it.
  ASSERT_TRUE((*zip)->Add("Messages.csv", kMessages).has_value());
  ASSERT_TRUE((*zip)->Add("Users.csv", kUsers).has_value());
  ASSERT_TRUE((*zip)->Add("Groups.csv", kGroups).has_value());
  ASSERT_TRUE((*zip)->Add("Files/12.pdf", "%PDF").has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  ASSERT_TRUE(YammerSource::Detect(zip_path));
  const Drained drained = Open(zip_path);
  ExpectTheFourMessages(drained);
  ASSERT_EQ(drained.posts.size(), 4U);
  EXPECT_EQ(drained.posts[0].author_name, "Jan de Vries");  // Users.csv over the message
  EXPECT_EQ(drained.posts[0].community_name, "Finance");    // Groups.csv: the current name
}

TEST(YammerSourceTest, ReadsAFolderAndAMessagesFileAlone) {
  TempDir dir;
  dir.Write("export/Messages.csv", kMessages);
  dir.Write("export/Users.csv", kUsers);
  ExpectTheFourMessages(Open((dir / "export").string()));
  const Drained alone = Open((dir / "export/Messages.csv").string());
  ExpectTheFourMessages(alone);
  ASSERT_EQ(alone.posts.size(), 4U);
  EXPECT_EQ(alone.posts[0].author_name, "Jan de Vries");  // Users.csv beside it
  EXPECT_EQ(alone.posts[0].community_name, "Finance (old name)");
}

TEST(YammerSourceTest, DeadLettersBadRecordsAndKeepsTheirNeighbours) {
  TempDir dir;
  const std::string header = "id,body,created_at,deleted_at\n";
  dir.Write("Messages.csv", header +
                                "1,fine,2024-01-01 00:00:00 UTC,\n"
                                "2,\"stray\"quote,2024-01-01 00:00:00 UTC,\n"
                                "3,too,many,fields,here\n"
                                "4,no time,yesterday,\n"
                                ",no id,2024-01-01 00:00:00 UTC,\n"
                                "\n"
                                "6,bad \xC3\x28 byte,2024-01-01 00:00:00 UTC,\n"
                                "7,\"never closed,2024-01-01 00:00:00 UTC,\n"
                                "8,last,2024-01-01 00:00:01 UTC,\n");
  const Drained drained = Open((dir / "Messages.csv").string());
  ASSERT_EQ(drained.posts.size(), 3U);
  EXPECT_EQ(drained.posts[0].native_id, "1");
  EXPECT_EQ(drained.posts[1].native_id, "6");
  EXPECT_TRUE(drained.posts[1].replaced_invalid_utf8);
  EXPECT_EQ(drained.posts[1].text, "bad \xEF\xBF\xBD( byte");
  EXPECT_FALSE(drained.posts[0].replaced_invalid_utf8);
  EXPECT_EQ(drained.posts[2].native_id, "8");
  ASSERT_EQ(drained.dead_letters.size(), 5U);
  const std::string file = (dir / "Messages.csv").string();
  const auto expect = [&](size_t i, uint64_t line, const std::string& reason) {
    EXPECT_EQ(drained.dead_letters[i].source_file, file);
    EXPECT_EQ(drained.dead_letters[i].record, line);
    EXPECT_NE(drained.dead_letters[i].reason.find(reason), std::string::npos)
        << drained.dead_letters[i].reason;
  };
  expect(0, 3, "closes its quote");
  expect(1, 4, "5 fields where the header has 4");
  expect(2, 5, "created_at is not a time: \"yesterday\"");
  expect(3, 6, "no id");
  expect(4, 9, "never closed");
}

TEST(YammerSourceTest, NamesAMissingColumnAndAnExportWithoutMessages) {
  TempDir dir;
  dir.Write("Messages.csv", "id,text,created_at\n1,x,2024-01-01 00:00:00 UTC\n");
  auto source = OpenSource((dir / "Messages.csv").string(), {});
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().message, "the header has no 'body' column");
  dir.Write("other/Users.csv", kUsers);
  source = OpenSource((dir / "other").string(), {.format = "yammer"});
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().message, "not a Yammer export: no Messages.csv found");
}

TEST(YammerSourceTest, StreamsAMessagesFileLargerThanOneReadPiece) {
  TempDir dir;
  std::string csv = "id,body,created_at\n";
  constexpr int kMessagesCount = 20000;
  for (int i = 1; i <= kMessagesCount; ++i) {
    csv += std::to_string(i) + ",\"message " + std::to_string(i) +
           ",\nwith a second line\",2024-01-01 00:00:00 UTC\n";
  }
  const std::string zip_path = (dir / "big.zip").string();
  auto zip = archive::ZipWriter::Create(zip_path);
  ASSERT_TRUE(zip.has_value());
  ASSERT_TRUE((*zip)->Add("export/Messages.csv", csv).has_value());
  ASSERT_TRUE((*zip)->Close().has_value());
  const Drained drained = Open(zip_path);
  ASSERT_EQ(drained.posts.size(), static_cast<size_t>(kMessagesCount));
  EXPECT_TRUE(drained.dead_letters.empty());
  EXPECT_EQ(drained.posts.back().text, "message 20000,\nwith a second line");
}

}  // namespace
}  // namespace holdfast::engine
