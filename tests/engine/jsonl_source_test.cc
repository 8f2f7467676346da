#include <gtest/gtest.h>

#include "engine/time_format.h"
#include "source_test_util.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Open;
using holdfast::testing::TempDir;

TEST(JsonlSourceTest, ReadsEveryDocumentedField) {
  TempDir dir;
  const auto file = dir.Write(
      "posts.jsonl",
      R"({"id":"m1","text":"hello","source":"teams","workspace":"acme","channel":"c1",)"
      R"("thread":"t1","parent":"m0","author":"u1","author_name":"Ann","time":"2024-05-01T10:00:00Z",)"
      R"("kind":"edit","attachments":[{"name":"a.pdf","type":"application/pdf","size":12}]})"
      "\n");
  auto drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 1u);
  const Post& post = drained.posts[0];
  EXPECT_EQ(post.native_id, "m1");
  EXPECT_EQ(post.text, "hello");
  EXPECT_EQ(post.source, "teams");
  EXPECT_EQ(post.workspace, "acme");
  EXPECT_EQ(post.community_id, "c1");
  EXPECT_EQ(post.thread_id, "t1");
  EXPECT_EQ(post.parent_id, "m0");
  EXPECT_EQ(post.author_id, "u1");
  EXPECT_EQ(post.author_name, "Ann");
  EXPECT_EQ(post.created_us, ParseRfc3339("2024-05-01T10:00:00Z"));
  EXPECT_EQ(post.kind, PostKind::kEdit);
  ASSERT_EQ(post.attachments.size(), 1u);
  EXPECT_EQ(post.attachments[0].size, 12u);
}

TEST(JsonlSourceTest, DeadLettersBadLinesByNumberAndKeepsTheirNeighbours) {
  TempDir dir;
  const auto file = dir.Write("posts.jsonl",
                              "{\"id\":1,\"text\":\"one\"}\n"
                              "{\"id\":2,\"text\":\n"
                              "\n"
                              "{\"text\":\"no id\"}\n"
                              "[1,2]\n"
                              "{\"id\":3,\"text\":\"bad time\",\"time\":\"yesterday\"}\n"
                              "{\"id\":4,\"text\":\"bad kind\",\"kind\":\"poll\"}\n"
                              "{\"id\":5,\"text\":\"five\"}");
  auto drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 2u);
  EXPECT_EQ(drained.posts[0].native_id, "1");
  EXPECT_EQ(drained.posts[1].native_id, "5");
  ASSERT_EQ(drained.dead_letters.size(), 5u);
  EXPECT_EQ(drained.dead_letters[0].record, 2u);
  EXPECT_NE(drained.dead_letters[0].reason.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(drained.dead_letters[1].record, 4u);
  EXPECT_EQ(drained.dead_letters[1].reason, "missing 'id' (a string or a number)");
  EXPECT_EQ(drained.dead_letters[2].reason, "not a JSON object");
  EXPECT_NE(drained.dead_letters[3].reason.find("RFC 3339"), std::string::npos);
  EXPECT_NE(drained.dead_letters[4].reason.find("unknown 'kind'"), std::string::npos);
  EXPECT_EQ(drained.dead_letters[4].source_file, file.string());
}

TEST(JsonlSourceTest, DeadLettersAHugeLineWithoutHoldingItAndGoesOn) {
  TempDir dir;
  std::string huge = "{\"id\":\"big\",\"text\":\"" + std::string(5000, 'x') + "\"}\n";
  const auto file = dir.Write("posts.jsonl", huge + "{\"id\":\"next\",\"text\":\"ok\"}\n");
  SourceOptions options;
  options.max_line_bytes = 1000;
  options.max_dead_letter_bytes = 100;
  auto drained = Open(file.string(), options);
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].reason, "line longer than 1000 bytes");
  EXPECT_EQ(drained.dead_letters[0].raw.size(), 100u);
  ASSERT_EQ(drained.posts.size(), 1u);
  EXPECT_EQ(drained.posts[0].native_id, "next");
}

TEST(JsonlSourceTest, ReplacesInvalidUtf8AndMarksThePost) {
  TempDir dir;
  const auto file = dir.Write("posts.jsonl", "{\"id\":\"u\",\"text\":\"caf\xe9 ok\"}\n");
  auto drained = Open(file.string());
  ASSERT_EQ(drained.posts.size(), 1u);
  EXPECT_TRUE(drained.posts[0].replaced_invalid_utf8);
  EXPECT_EQ(drained.posts[0].text, "caf\xEF\xBF\xBD ok");
}

TEST(JsonlSourceTest, RejectsDeeplyNestedJsonAsADeadLetter) {
  TempDir dir;
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  const auto file = dir.Write("posts.jsonl", deep + "\n{\"id\":\"x\",\"text\":\"after\"}\n");
  auto drained = Open(file.string());
  ASSERT_EQ(drained.dead_letters.size(), 1u);
  EXPECT_EQ(drained.dead_letters[0].record, 1u);
  ASSERT_EQ(drained.posts.size(), 1u);
}

TEST(JsonlSourceTest, AMissingFileIsAnErrorNamingIt) {
  auto source = OpenSource("/nonexistent/posts.jsonl", {});
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().source_file, "/nonexistent/posts.jsonl");
  EXPECT_EQ(source.error().message, "no such file or folder");
}

}  // namespace
}  // namespace holdfast::engine
