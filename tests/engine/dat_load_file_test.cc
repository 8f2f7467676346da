// The DAT load file read back the way a loader reads it: rows split on CRLF, the þ qualifiers
// stripped, fields split on 0x14; separators inside values replaced as dat_load_file.cc says.
#include "engine/export/dat_load_file.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tests/engine/export_slice.h"

namespace holdfast::engine {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kThorn = "\xC3\xBE";

struct ParsedFile {
  bool bom = false;
  bool ends_with_crlf = false;
  std::vector<std::vector<std::string>> rows;  // the header first
};

std::vector<std::string> SplitOn(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, at - start));
    start = at + separator.size();
  }
}

std::string StripThorns(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field.substr(i, kThorn.size()) == kThorn) {
      ++i;
      continue;
    }
    out += field[i];
  }
  return out;
}

ParsedFile Parse(std::string_view bytes) {
  ParsedFile file;
  file.bom = bytes.substr(0, kBom.size()) == kBom;
  if (file.bom) {
    bytes.remove_prefix(kBom.size());
  }
  file.ends_with_crlf = bytes.size() >= 2 && bytes.substr(bytes.size() - 2) == "\r\n";
  std::vector<std::string> lines = SplitOn(bytes, "\r\n");
  if (!lines.empty() && lines.back().empty()) {
    lines.pop_back();  // after the last CRLF
  }
  for (const std::string& line : lines) {
    std::vector<std::string> row;
    for (const std::string& field : SplitOn(line, "\x14")) {
      row.push_back(StripThorns(field));
    }
    file.rows.push_back(std::move(row));
  }
  return file;
}

// Field name -> value of data row `row` (1-based past the header).
std::map<std::string, std::string> Row(const ParsedFile& file, size_t row) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < file.rows[0].size(); ++i) {
    out[file.rows[0][i]] = file.rows[row][i];
  }
  return out;
}

ExportPost MakePost(uint64_t sequence, std::string author, std::string text) {
  ExportPost item;
  item.sequence = sequence;
  item.control_number =
      "HF" + std::string(10 - std::to_string(sequence).size(), '0') + std::to_string(sequence);
  item.native_dir = "native/" + std::to_string(sequence) + "/";
  item.content_sha256 = std::string(64, 'a');
  item.post.source = "slack";
  item.post.workspace = "acme";
  item.post.native_id = "1704189600." + std::to_string(sequence);
  item.post.author_id = "U" + std::to_string(sequence);
  item.post.author_name = std::move(author);
  item.post.text = std::move(text);
  item.post.created_us = 1704189600'000000 + static_cast<int64_t>(sequence) * 1'000'000;
  return item;
}

ConversationSlice MakeSlice() {
  ConversationSlice slice = GeneralChannelSlice("chat-7f3a");
  slice.posts.push_back(MakePost(1, "Zoë", "first line\nsecond line\r\nthird"));
  slice.posts.push_back(MakePost(2, "Doe; Jane", "日本語のメッセージ"));
  slice.posts.push_back(MakePost(3, "Zoë",
                                 "a\x14"
                                 "b þorn c;d ®"));
  ExportFlag flag;
  flag.flag.category = "pii";
  flag.flag.rule = "ssn";
  flag.state = "open";
  ExportFlag odd;
  odd.flag.category = "a\\b";
  odd.flag.rule = "x;y";
  odd.state = "dismissed";
  slice.posts[2].flags = {flag, odd};
  slice.posts[2].post.parent_id = "1704189600.1";
  slice.posts[2].post.thread_id = "1704189600.1";
  return slice;
}

ParsedFile Written(const ConversationSlice& slice) {
  DatLoadFile dat;
  for (const ExportPost& item : slice.posts) {
    dat.Add(slice, item);
  }
  EXPECT_EQ(dat.rows(), slice.posts.size());
  return Parse(dat.Take());
}

TEST(DatLoadFileTest, StartsWithBomAndHeaderAndEndsEveryRowWithCrlf) {
  DatLoadFile dat;
  const ConversationSlice slice = MakeSlice();
  for (const ExportPost& item : slice.posts) {
    dat.Add(slice, item);
  }
  const std::string bytes = dat.Take();
  ASSERT_EQ(bytes.substr(0, 3), kBom);
  EXPECT_EQ(bytes.substr(3, 22),
            "\xC3\xBE"
            "BEGDOC\xC3\xBE\x14\xC3\xBE"
            "ENDDOC\xC3\xBE\x14");
  size_t crlf = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(bytes[i - 1], '\r') << "bare LF at " << i;
      ++crlf;
    } else if (bytes[i] == '\r') {
      ASSERT_LT(i + 1, bytes.size());
      EXPECT_EQ(bytes[i + 1], '\n') << "bare CR at " << i;
    }
  }
  EXPECT_EQ(crlf, 1 + slice.posts.size());
  EXPECT_EQ(bytes.substr(bytes.size() - 2), "\r\n");
}

TEST(DatLoadFileTest, EveryRowHasTheHeaderFields) {
  const ParsedFile file = Written(MakeSlice());
  EXPECT_TRUE(file.bom);
  EXPECT_TRUE(file.ends_with_crlf);
  ASSERT_EQ(file.rows.size(), 4u);
  const std::vector<std::string> expected = {
      "BEGDOC",       "ENDDOC",          "GROUPID",       "CUSTODIAN",     "AUTHOR_ID",
      "CONVERSATION", "CONVERSATION_ID", "PLATFORM",      "WORKSPACE",     "PARTICIPANTS",
      "DATE_SENT",    "TIME_SENT",       "DATETIME_SENT", "KIND",          "MESSAGE_ID",
      "THREAD_ID",    "PARENT_ID",       "TEXT_EXCERPT",  "SHA256",        "NATIVE_PATH",
      "RSMF_PATH",    "FLAGS",           "FLAG_STATES",   "CONTENT_ERASED"};
  EXPECT_EQ(file.rows[0], expected);
  for (const auto& row : file.rows) {
    EXPECT_EQ(row.size(), expected.size());
  }
}

TEST(DatLoadFileTest, WritesThePostsFields) {
  const ParsedFile file = Written(MakeSlice());
  auto row = Row(file, 1);
  EXPECT_EQ(row["BEGDOC"], "HF0000000001");
  EXPECT_EQ(row["ENDDOC"], "HF0000000001");
  EXPECT_EQ(row["GROUPID"], "chat-7f3a");
  EXPECT_EQ(row["CONVERSATION_ID"], "chat-7f3a");
  EXPECT_EQ(row["CONVERSATION"], "#general");
  EXPECT_EQ(row["CUSTODIAN"], "Zoë");
  EXPECT_EQ(row["AUTHOR_ID"], "U1");
  EXPECT_EQ(row["PLATFORM"], "slack");
  EXPECT_EQ(row["WORKSPACE"], "acme");
  EXPECT_EQ(row["DATE_SENT"], "2024-01-02");
  EXPECT_EQ(row["TIME_SENT"], "10:00:01");
  EXPECT_EQ(row["DATETIME_SENT"], "2024-01-02T10:00:01Z");
  EXPECT_EQ(row["KIND"], "message");
  EXPECT_EQ(row["SHA256"], std::string(64, 'a'));
  EXPECT_EQ(row["NATIVE_PATH"], "native/1/post.json");
  EXPECT_EQ(row["RSMF_PATH"], "rsmf/slack-general-2024-01-02.rsmf");
  EXPECT_EQ(row["FLAGS"], "");
  EXPECT_EQ(row["CONTENT_ERASED"], "N");
  auto reply = Row(file, 3);
  EXPECT_EQ(reply["PARENT_ID"], "1704189600.1");
  EXPECT_EQ(reply["THREAD_ID"], "1704189600.1");
}

TEST(DatLoadFileTest, WritesNewlinesInAValueAsRegisteredSign) {
  const ParsedFile file = Written(MakeSlice());
  EXPECT_EQ(Row(file, 1)["TEXT_EXCERPT"], "first line\xC2\xAEsecond line\xC2\xAEthird");
}

TEST(DatLoadFileTest, ListsDistinctParticipantsKeepingSemicolonsInNames) {
  const ParsedFile file = Written(MakeSlice());
  for (size_t i = 1; i < file.rows.size(); ++i) {
    const std::string participants = Row(file, i)["PARTICIPANTS"];
    const std::vector<std::string> names = SplitOn(participants, ";");
    ASSERT_EQ(names.size(), 2u) << participants;
    EXPECT_EQ(names[0], "Zoë");
    EXPECT_EQ(names[1], "Doe\xEF\xBC\x9B Jane");  // full-width semicolon
  }
  // A single-value field keeps its ';'.
  EXPECT_EQ(Row(file, 2)["CUSTODIAN"], "Doe; Jane");
}

TEST(DatLoadFileTest, ReplacesSeparatorQualifierAndRegisteredSignInValues) {
  const ParsedFile file = Written(MakeSlice());
  EXPECT_EQ(Row(file, 3)["TEXT_EXCERPT"], "a b thorn c;d (R)");
}

TEST(DatLoadFileTest, NestsFlagsAsCategoryBackslashRuleWithStatesInOrder) {
  const ParsedFile file = Written(MakeSlice());
  auto row = Row(file, 3);
  const std::vector<std::string> flags = SplitOn(row["FLAGS"], ";");
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(SplitOn(flags[0], "\\"), (std::vector<std::string>{"pii", "ssn"}));
  EXPECT_EQ(SplitOn(flags[1], "\\"), (std::vector<std::string>{"a\xEF\xBC\xBC"
                                                               "b",
                                                               "x\xEF\xBC\x9By"}));
  EXPECT_EQ(SplitOn(row["FLAG_STATES"], ";"), (std::vector<std::string>{"open", "dismissed"}));
}

TEST(DatLoadFileTest, KeepsNonAsciiAsUtf8) {
  const ParsedFile file = Written(MakeSlice());
  EXPECT_EQ(Row(file, 2)["TEXT_EXCERPT"], "日本語のメッセージ");
  EXPECT_EQ(Row(file, 1)["CUSTODIAN"], "Zo\xC3\xAB");
}

TEST(DatLoadFileTest, MarksErasedPostsAndLeavesTheirTextOut) {
  ConversationSlice slice = MakeSlice();
  ExportPost& erased = slice.posts[0];
  erased.content_erased = true;
  erased.content_sha256.clear();
  erased.post.author_name.clear();
  erased.post.text.clear();
  erased.original_file.clear();
  slice.posts[1].original_file = "native/2/original.json";
  slice.posts[1].post.kind = PostKind::kDelete;
  const ParsedFile file = Written(slice);
  auto row = Row(file, 1);
  EXPECT_EQ(row["CONTENT_ERASED"], "Y");
  EXPECT_EQ(row["CUSTODIAN"], "U1");  // names are content: the id stands in
  EXPECT_EQ(row["TEXT_EXCERPT"], "");
  EXPECT_EQ(row["SHA256"], "");
  EXPECT_EQ(Row(file, 2)["NATIVE_PATH"], "native/2/original.json");
  EXPECT_EQ(Row(file, 2)["KIND"], "delete");
}

TEST(DatLoadFileTest, CutsALongTextOnACharacterBoundary) {
  ConversationSlice slice = MakeSlice();
  std::string text = "x";
  for (int i = 0; i < 200; ++i) {
    text += "ë";  // two bytes each: the 200-byte cut falls inside one
  }
  slice.posts[0].post.text = text;
  const ParsedFile file = Written(slice);
  const std::string excerpt = Row(file, 1)["TEXT_EXCERPT"];
  EXPECT_EQ(excerpt, text.substr(0, 199) + "\xE2\x80\xA6");
}

TEST(DatLoadFileTest, TakeEmptiesTheWriter) {
  DatLoadFile dat;
  const ConversationSlice slice = MakeSlice();
  dat.Add(slice, slice.posts[0]);
  EXPECT_FALSE(dat.Take().empty());
  EXPECT_TRUE(dat.Take().empty());
}

}  // namespace
}  // namespace holdfast::engine
