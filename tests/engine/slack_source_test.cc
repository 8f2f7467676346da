#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
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

// Conformance: a real 2016 Slack export made by another project (see shared SOURCES.md).
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
  EXPECT_EQ(count([](const Post& p) { return p.kind == PostKind::kSystem; }),
            11);  // 8 joins, 3 bot_add
  EXPECT_EQ(count([](const Post& p) { return p.kind == PostKind::kEdit; }), 1);
  // GitHub integration posts have empty text; their content comes from attachments.
  EXPECT_EQ(count([](const Post& p) { return p.text.empty() && p.kind == PostKind::kMessage; }), 0);
}

}  // namespace
}  // namespace holdfast::engine
