// RSMF 2.0 files of conversation slices: a 7-bit RFC 5322 message with CRLF line endings, the
// X-RSMF headers consistent with the manifest, a quoted-printable text body a reviewer's search
// reads, and exactly one attachment, rsmf.zip, holding rsmf_manifest.json (whose own tests are in
// rsmf_manifest_test.cc).
#include "engine/export/rsmf.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "engine/time_format.h"
#include "tests/engine/rsmf_fixture.h"
#include "tests/engine/rsmf_read_back.h"
#include "tests/engine/rsmf_schema.h"

namespace holdfast::engine {
namespace {

using holdfast::testing::Context;
using holdfast::testing::DecodeEncodedWords;
using holdfast::testing::FileOf;
using holdfast::testing::Item;
using holdfast::testing::kDay;
using holdfast::testing::kMinute;
using holdfast::testing::Read;
using holdfast::testing::ReadBack;
using holdfast::testing::Slice;
using holdfast::testing::ValidateRsmfManifest;

TEST(RsmfTest, PathIsUnderRsmfNamedBySlug) {
  EXPECT_EQ(RsmfPath(Slice()), "rsmf/slack-general-2024-01-02.rsmf");
}

TEST(RsmfTest, MessageIsSevenBitWithCrlfAndShortLines) {
  ConversationSlice slice = Slice();
  slice.posts[3].post.text = std::string(3000, 'x') + " é " + std::string(200, '=');
  const std::string bytes = FileOf(slice);
  ASSERT_FALSE(bytes.empty());
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    ASSERT_LT(c, 0x80) << "byte " << i;
    ASSERT_NE(c, 0) << "byte " << i;
    if (c == '\n') {
      ASSERT_TRUE(i > 0 && bytes[i - 1] == '\r') << "bare LF at " << i;
    }
    if (c == '\r') {
      ASSERT_TRUE(i + 1 < bytes.size() && bytes[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  ASSERT_TRUE(bytes.ends_with("\r\n"));
  size_t start = 0;
  while (start < bytes.size()) {
    const size_t end = bytes.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 78u) << bytes.substr(start, end - start);
    start = end + 2;
  }
}

TEST(RsmfTest, HeadersCarryRsmfFieldsCountsAndDates) {
  const ConversationSlice slice = Slice();
  const ReadBack back = Read(FileOf(slice));
  const auto& h = back.message.top.headers;
  EXPECT_EQ(h.at("mime-version"), "1.0");
  EXPECT_EQ(h.at("x-rsmf-version"), "2.0.0");
  EXPECT_NE(h.at("x-rsmf-generator").find("Holdfast"), std::string::npos);
  EXPECT_EQ(h.at("x-rsmf-eventcount"), std::to_string(slice.posts.size()));
  EXPECT_EQ(h.at("x-rsmf-attachmentcount"), "0");
  EXPECT_EQ(h.at("x-rsmf-begindate"), "2024-01-02T09:00:00Z");
  EXPECT_EQ(h.at("x-rsmf-enddate"), "2024-01-02T13:00:00Z");
  EXPECT_EQ(ParseRfc3339(h.at("x-rsmf-begindate")), slice.posts.front().post.created_us);
  EXPECT_EQ(ParseRfc3339(h.at("x-rsmf-enddate")), slice.posts.back().post.created_us);
  EXPECT_EQ(h.at("x-rsmf-application"), "Slack");
  EXPECT_EQ(h.at("x-rsmf-eventcollectionid"), back.manifest["eventcollectionid"]);
  EXPECT_EQ(DecodeEncodedWords(h.at("x-rsmf-participants")), "Alice, Zoë, Bob, Carol, U5");
  EXPECT_EQ(h.at("date"), "Tue, 02 Jan 2024 09:00:00 +0000");
  EXPECT_TRUE(std::regex_match(h.at("message-id"), std::regex(R"(<[0-9a-f]{32}@[a-z0-9.-]+>)")))
      << h.at("message-id");
  EXPECT_EQ(h.at("from"), "\"Holdfast export\" <holdfast-export@holdfast-test-archive.invalid>");
  EXPECT_EQ(h.at("to"), "\"#general\" <slack-general-2024-01-02@holdfast-test-archive.invalid>");
  EXPECT_EQ(h.at("subject"), "#general - 2024-01-02");
  EXPECT_EQ(h.at("x-holdfast-case"), "Acme v. Widget");
  // The manifest's events and the headers agree.
  ASSERT_TRUE(back.manifest["events"].is_array());
  EXPECT_EQ(back.manifest["events"].size(), slice.posts.size());
  EXPECT_EQ(back.manifest["events"].front()["timestamp"], h.at("x-rsmf-begindate"));
  EXPECT_EQ(back.manifest["events"].back()["timestamp"], h.at("x-rsmf-enddate"));
}

TEST(RsmfTest, NonAsciiHeadersAreEncodedWords) {
  ConversationSlice slice = Slice();
  slice.title = "Café ☕ planning, \"Q3\" — Zoë's group";
  const ReadBack back = Read(FileOf(slice));
  const auto& h = back.message.top.headers;
  EXPECT_NE(h.at("subject").find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(DecodeEncodedWords(h.at("subject")), slice.title + " - 2024-01-02");
  const std::string to = DecodeEncodedWords(h.at("to"));
  EXPECT_EQ(to, slice.title + " <slack-general-2024-01-02@holdfast-test-archive.invalid>");
  EXPECT_EQ(back.manifest["conversations"][0]["display"], slice.title);
}

TEST(RsmfTest, ExactlyOneAttachmentRsmfZipHoldingTheManifest) {
  const ConversationSlice slice = Slice();
  const ReadBack back = Read(FileOf(slice));
  ASSERT_EQ(back.message.parts.size(), 2u);
  EXPECT_EQ(back.message.parts[0].headers.at("content-type"), "text/plain; charset=\"utf-8\"");
  EXPECT_EQ(back.message.parts[1].headers.at("content-type"), "application/zip; name=\"rsmf.zip\"");
  EXPECT_EQ(back.entries, std::vector<std::string>{"rsmf_manifest.json"});
  EXPECT_EQ(back.manifest_text, RsmfManifest(slice));
  // Base64 lines of at most 76 characters.
  const std::string& encoded = back.message.parts[1].body;
  size_t start = 0;
  while (start < encoded.size()) {
    const size_t end = encoded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
}

TEST(RsmfTest, SameSliceAndContextGiveTheSameBytes) {
  const std::string first = FileOf(Slice());
  EXPECT_EQ(first, FileOf(Slice()));
  EXPECT_EQ(RsmfManifest(Slice()), RsmfManifest(Slice()));
  // Another context or another slice: another message, another Message-ID.
  ExportContext other = Context();
  other.case_name = "Another matter";
  const std::string second = FileOf(Slice(), other);
  EXPECT_NE(first, second);
  EXPECT_NE(Read(first).message.top.headers.at("message-id"),
            Read(second).message.top.headers.at("message-id"));
}

TEST(RsmfTest, TextBodyCarriesEveryMessageAndItsMarks) {
  const ConversationSlice slice = Slice();
  const ReadBack back = Read(FileOf(slice));
  const std::string& text = back.text;
  for (const ExportPost& item : slice.posts) {
    size_t start = 0;
    const std::string& body = item.post.text;
    while (start < body.size()) {  // each line of a multi-line text
      size_t end = body.find('\n', start);
      if (end == std::string::npos) {
        end = body.size();
      }
      const std::string line = body.substr(start, end - start);
      EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
      start = end + 1;
    }
    EXPECT_NE(text.find(item.control_number), std::string::npos) << item.control_number;
  }
  // In order, one line or block each.
  size_t last = 0;
  for (const ExportPost& item : slice.posts) {
    const size_t at = text.find("[" + FormatRfc3339(item.post.created_us) + "]", last);
    ASSERT_NE(at, std::string::npos) << item.control_number;
    last = at + 1;
  }
  EXPECT_NE(text.find("Zoë <U2> (HF0000000013; reply to HF0000000011): café ☕ sounds good"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("edit of HF0000000011 at 2024-01-02T09:05:00Z"), std::string::npos);
  EXPECT_NE(text.find("deleted HF0000000015"), std::string::npos);
  EXPECT_NE(text.find("content erased"), std::string::npos);
  EXPECT_NE(text.find("flag: credential-sharing (security) open"), std::string::npos);
  EXPECT_NE(text.find("reply to 1704100000.000001, not in this file"), std::string::npos);
  EXPECT_NE(text.find("Case: Acme v. Widget"), std::string::npos);
  EXPECT_NE(text.find("#general"), std::string::npos);
}

TEST(RsmfTest, AwkwardTextSurvivesTheEncodings) {
  ConversationSlice slice = Slice();
  // Trailing blanks, '=' signs, a line that looks like the MIME boundary and a CR mid-line.
  slice.posts[4].post.text = "a=b, tail  \t\n--=_holdfast_rsmf_0123\nx\rz";
  // A title that tries to add a header line.
  slice.title = "#general\r\nBcc: someone@example.com";
  const ReadBack back = Read(FileOf(slice));
  ASSERT_EQ(back.message.parts.size(), 2u);
  EXPECT_EQ(back.message.top.headers.count("bcc"), 0u);
  EXPECT_EQ(back.message.top.headers.at("subject"),
            "#general  Bcc: someone@example.com - 2024-01-02");
  // Hard line breaks come back as CRLF, the canonical form of text in MIME.
  EXPECT_NE(back.text.find("a=b, tail  \t\r\n"), std::string::npos);
  EXPECT_NE(back.text.find("    --=_holdfast_rsmf_0123\r\n    x\rz\r\n"), std::string::npos);
  EXPECT_EQ(back.manifest["events"][4]["body"], slice.posts[4].post.text);
  EXPECT_TRUE(ValidateRsmfManifest(back.manifest).empty());
}

TEST(RsmfTest, LongTextAndManyParticipantsStayWithinLineLimits) {
  ConversationSlice slice = Slice();
  for (int i = 0; i < 40; ++i) {
    ExportPost item = Item(100 + static_cast<uint64_t>(i), kDay + 14 * 60 * kMinute + i * kMinute,
                           "1704204000." + std::to_string(100000 + i), "W" + std::to_string(i),
                           "Wörker Number " + std::to_string(i), std::string(500, 'y'));
    slice.posts.push_back(item);
  }
  const std::string bytes = FileOf(slice);
  size_t start = 0;
  while (start < bytes.size()) {
    const size_t end = bytes.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    ASSERT_LE(end - start, 78u) << bytes.substr(start, end - start);
    start = end + 2;
  }
  const ReadBack back = Read(bytes);
  EXPECT_EQ(back.message.top.headers.at("x-rsmf-eventcount"), std::to_string(slice.posts.size()));
  EXPECT_NE(DecodeEncodedWords(back.message.top.headers.at("x-rsmf-participants"))
                .find("Wörker Number 39"),
            std::string::npos);
  EXPECT_TRUE(ValidateRsmfManifest(back.manifest).empty());
  EXPECT_NE(back.text.find(std::string(500, 'y')), std::string::npos);
}

}  // namespace
}  // namespace holdfast::engine
