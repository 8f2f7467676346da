// Conformance: the WhatsApp sample exports of other projects (see shared SOURCES.md), read in
// place, must yield what those projects' own tests expect.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/time_format.h"
#include "source_test_util.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Drained;

const std::filesystem::path kExternal =
    std::filesystem::path(HOLDFAST_SHARED_DIR) / "fixtures/external/whatsapp";
const std::filesystem::path kChatMiner = kExternal / "joweich__chat-miner/test/whatsapp";

#define REQUIRE_FIXTURE(path)         \
  if (!std::filesystem::exists(path)) \
  GTEST_SKIP() << "shared fixture absent: " << (path)

// The shared fixtures hold naive local times; read them as UTC to compare.
Drained ReadUtc(const std::filesystem::path& path) {
  SourceOptions options;
  options.tz = "UTC";
  return holdfast::testing::Open(path.string(), options);
}

// chat-miner joins a message's lines with a space and reads U+00A0 as a space.
std::string AsChatMiner(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  for (size_t at; (at = text.find("\xC2\xA0")) != std::string::npos;) {
    text.replace(at, 2, " ");
  }
  return text;
}

struct Expected {
  std::string time;  // "2021-12-30T22:01:00"
  std::string author;
  std::string message;
};

// True when one post has that time, author and text (chat-miner's way); system posts match
// `author` "System".
bool Has(const Drained& drained, const Expected& want) {
  return std::any_of(drained.posts.begin(), drained.posts.end(), [&](const Post& post) {
    const bool system = post.kind == PostKind::kSystem;
    const std::string author = system ? "System" : post.author_name;
    return FormatRfc3339(post.created_us) == want.time + "Z" && author == want.author &&
           AsChatMiner(post.text) == want.message;
  });
}

size_t CountKind(const Drained& drained, PostKind kind) {
  return static_cast<size_t>(std::count_if(drained.posts.begin(), drained.posts.end(),
                                           [&](const Post& post) { return post.kind == kind; }));
}

class ChatMinerTargetTest : public ::testing::TestWithParam<std::string> {};

// Each of the five files holds the six messages of target.json, two system lines and the
// line "John Doe:." (no space after the colon), which chat-miner's current tests say is no
// message: it is kept as a system post so that nothing read is lost.
TEST_P(ChatMinerTargetTest, YieldsTheSixMessagesOfTargetJson) {
  const auto file = kChatMiner / GetParam();
  REQUIRE_FIXTURE(file);
  REQUIRE_FIXTURE(kChatMiner / "target.json");
  simdjson::dom::parser parser;
  simdjson::dom::array targets;
  ASSERT_EQ(parser.load((kChatMiner / "target.json").string()).get_array().get(targets),
            simdjson::SUCCESS);
  const Drained drained = ReadUtc(file);
  EXPECT_TRUE(drained.dead_letters.empty());
  EXPECT_EQ(drained.posts.size(), 9u);
  EXPECT_EQ(CountKind(drained, PostKind::kMessage), 6u);
  EXPECT_EQ(CountKind(drained, PostKind::kSystem), 3u);
  size_t matched = 0;
  for (simdjson::dom::element target : targets) {
    const Expected want{std::string(target["timestamp"].get_string().value()),
                        std::string(target["author"].get_string().value()),
                        std::string(target["message"].get_string().value())};
    EXPECT_TRUE(Has(drained, want)) << GetParam() << ": " << want.time << " " << want.author;
    ++matched;
  }
  EXPECT_EQ(matched, 6u);
  EXPECT_TRUE(
      Has(drained, {"2020-06-20T00:08:00", "System", "+12 345 578 created group \"Groupname\""}))
      << GetParam();
  EXPECT_TRUE(Has(drained, {"2020-06-30T09:10:00", "System", "You were added"})) << GetParam();
  EXPECT_TRUE(Has(drained, {"2019-01-20T11:23:00", "System", "John Doe:."})) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(ChatMiner, ChatMinerTargetTest,
                         ::testing::Values("test_[mmddyy]_24hrs.txt", "test_ddmmyy_24hrs.txt",
                                           "test_mmddyy_24hrs.txt", "test_mmddyyyy_12hrs.txt",
                                           "test_yyyymmdd_24hrs.txt"),
                         [](const auto& test) {
                           std::string name = test.param.substr(5, test.param.size() - 9);
                           if (name.starts_with("[")) {
                             name = "bracketed" + name;  // iOS-style "[01/01/19 11:25]"
                           }
                           std::erase_if(name, [](char c) { return !std::isalnum(c); });
                           return name;
                         });

// A row of chat-miner's pandas CSV: timestamp,author,message,... with "" inside quotes.
std::vector<std::string> CsvRow(std::istream& in) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c; in.get(c);) {
    if (quoted) {
      if (c == '"' && in.peek() == '"') {
        fields.back() += in.get();
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      return fields;
    } else {
      fields.back() += c;
    }
  }
  return fields.size() > 1 ? fields : std::vector<std::string>{};
}

struct CsvCase {
  std::string chat;
  size_t rows;
};

class ChatMinerCsvTest : public ::testing::TestWithParam<CsvCase> {};

// The older targets: every row is a post at the same time, by the same author, with the same
// text. One row differs by design: chat-miner 71990a9 called "John Doe:." a
// "<Disappearing Message>" by John Doe; its later tests drop that line, and here it is a
// system post that keeps the line as written.
TEST_P(ChatMinerCsvTest, YieldsEveryRowOfTheTarget) {
  const auto chat = kChatMiner / (GetParam().chat + ".txt");
  const auto target = kChatMiner / (GetParam().chat + "_target.csv");
  REQUIRE_FIXTURE(chat);
  REQUIRE_FIXTURE(target);
  const Drained drained = ReadUtc(chat);
  EXPECT_TRUE(drained.dead_letters.empty());
  EXPECT_EQ(drained.posts.size(), GetParam().rows);
  std::ifstream in(target);
  CsvRow(in);  // header
  size_t rows = 0;
  for (auto row = CsvRow(in); row.size() >= 3; row = CsvRow(in)) {
    ++rows;
    Expected want{row[0], row[1], row[2]};
    want.time[10] = 'T';
    if (want.message == "<Disappearing Message>") {
      want = {want.time, "System", want.author + ":."};
    }
    EXPECT_TRUE(Has(drained, want))
        << GetParam().chat << ": " << want.time << " " << want.author << " " << want.message;
  }
  EXPECT_EQ(rows, GetParam().rows);
}

INSTANTIATE_TEST_SUITE_P(
    ChatMiner, ChatMinerCsvTest,
    ::testing::Values(CsvCase{"test_dateformat1", 10}, CsvCase{"test_dateformat2", 4},
                      CsvCase{"test_dateformat3", 4}, CsvCase{"test_dateformat4", 4},
                      CsvCase{"test_dateformat5", 4}, CsvCase{"test_unicode", 3}),
    [](const auto& test) { return test.param.chat.substr(5); });

TEST(WhatsAppSourceConformanceTest, ReadsWhatsappChatParsersShortChatMonthFirst) {
  const auto chat = kExternal / "Pustur__whatsapp-chat-parser/samples/short-chat.txt";
  REQUIRE_FIXTURE(chat);
  const Drained drained = ReadUtc(chat);
  EXPECT_TRUE(drained.dead_letters.empty());
  ASSERT_EQ(drained.posts.size(), 5u);
  EXPECT_EQ(CountKind(drained, PostKind::kSystem), 2u);
  const auto& p = drained.posts;
  EXPECT_EQ(p[2].author_name, "Sample User");
  EXPECT_EQ(p[3].author_name, "TestBot");
  EXPECT_EQ(p[4].author_name, "+410123456789");
  EXPECT_EQ(p[4].text, "How are you?\n\nIs everything alright?");
  EXPECT_EQ(FormatRfc3339(p[2].created_us), "2017-06-03T00:45:00Z");
  EXPECT_EQ(FormatRfc3339(p[3].created_us), "2017-08-05T01:48:00Z");
  EXPECT_EQ(FormatRfc3339(p[4].created_us), "2017-09-04T01:50:00Z");
}

}  // namespace
}  // namespace holdfast::engine
