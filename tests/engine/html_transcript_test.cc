// Transcripts escape whatever the log holds, indent replies under what they answer, highlight
// exactly the flagged bytes, mark erased and deleted posts, and are the same bytes every time.
#include "engine/export/html_transcript.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/engine/export_slice.h"

namespace holdfast::engine {
namespace {

constexpr int64_t kDay = 1704153600'000000;  // 2024-01-02T00:00:00Z

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (length == 0 || lead > 0xF4 || i + length > text.size()) {
      return false;
    }
    uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if ((byte & 0xC0) != 0x80) {
        return false;
      }
      code = (code << 6) | (byte & 0x3F);
    }
    const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < least[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

size_t Count(std::string_view text, std::string_view what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

// The <article> element with this control number as its id, up to its end tag.
std::string Article(const std::string& html, const std::string& control) {
  const size_t id = html.find("id=\"" + control + "\"");
  if (id == std::string::npos) {
    return "";
  }
  const size_t begin = html.rfind("<article", id);
  const size_t end = html.find("</article>", id);
  return html.substr(begin, end - begin);
}

ExportPost MakePost(uint64_t sequence, std::string native_id, std::string text) {
  ExportPost item;
  item.sequence = sequence;
  item.control_number = "HF000000000" + std::to_string(sequence);
  item.native_dir = "native/" + std::to_string(sequence) + "/";
  item.post.source = "slack";
  item.post.workspace = "acme";
  item.post.native_id = std::move(native_id);
  item.post.author_id = "U" + std::to_string(sequence);
  item.post.author_name = "Zoë";
  item.post.text = std::move(text);
  item.post.created_us = kDay + 36000'000000 + static_cast<int64_t>(sequence) * 1'000'000;
  return item;
}

ExportFlag MakeFlag(uint32_t begin, uint32_t end) {
  ExportFlag flag;
  flag.flag.policy = "conduct";
  flag.flag.policy_name = "Code of conduct";
  flag.flag.rule = "insider-tip";
  flag.flag.category = "markets";
  flag.flag.confidence = "high";
  flag.flag.severity = "high";
  flag.flag.begin = begin;
  flag.flag.end = end;
  flag.state = "escalated";
  return flag;
}

ConversationSlice MakeSlice() {
  ConversationSlice slice = GeneralChannelSlice("chat-7f3a");
  slice.posts.push_back(MakePost(1, "100.1", "<script>alert(1)</script>"));
  slice.posts.push_back(MakePost(2, "100.2", "\"><img src=x onerror=alert(2)> & 'q'"));
  slice.posts.push_back(MakePost(3, "100.3", "line one\nline two"));
  slice.posts[2].post.parent_id = "100.1";  // answers the first post, across the second
  slice.posts.push_back(MakePost(4, "100.4", "answers something older"));
  slice.posts[3].post.thread_id = "099.9";
  // "日本語 " is 10 bytes: the flag covers "buy now" at [10, 17).
  slice.posts.push_back(MakePost(5, "100.5", "日本語 buy now, Zoë"));
  slice.posts[4].flags.push_back(MakeFlag(10, 17));
  return slice;
}

ExportContext MakeContext() {
  ExportContext context;
  context.case_name = "Acme v. <Widgets>";
  context.selection = "query: buy";
  context.exported_by = "counsel@example.com";
  context.origin = "holdfast/a1b2";
  context.head_size = 4242;
  context.head_time_us = 1704200000'000000;
  return context;
}

TEST(HtmlTranscriptTest, EscapesHostileText) {
  const std::string html = HtmlTranscript(MakeSlice(), MakeContext());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39;q&#39;"),
            std::string::npos);
  EXPECT_NE(html.find("Acme v. &lt;Widgets&gt;"), std::string::npos);
}

TEST(HtmlTranscriptTest, IsSelfContainedAndPrintable) {
  const std::string html = HtmlTranscript(MakeSlice(), MakeContext());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("break-inside:avoid"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), html.find("src=x"));  // only the escaped hostile text
  EXPECT_NE(html.find("<title>#general \xE2\x80\x94 slack \xE2\x80\x94 acme \xE2\x80\x94 "
                      "2024-01-02</title>"),
            std::string::npos);
  EXPECT_NE(html.find("size 4242, 2024-01-02T12:53:20Z"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"index.html\">"), std::string::npos);
}

TEST(HtmlTranscriptTest, NestsAReplyUnderThePostItAnswers) {
  const std::string html = HtmlTranscript(MakeSlice(), MakeContext());
  const std::string reply = Article(html, "HF0000000003");
  EXPECT_NE(reply.find("data-parent=\"HF0000000001\""), std::string::npos);
  EXPECT_NE(reply.find(" d1"), std::string::npos);
  EXPECT_NE(reply.find("reply to <a href=\"#HF0000000001\">"), std::string::npos);
  // Thread order: the reply follows its parent, before the post between them in time.
  const size_t parent = html.find("id=\"HF0000000001\"");
  const size_t answer = html.find("id=\"HF0000000003\"");
  const size_t between = html.find("id=\"HF0000000002\"");
  EXPECT_LT(parent, answer);
  EXPECT_LT(answer, between);
  EXPECT_EQ(Article(html, "HF0000000002").find("data-parent"), std::string::npos);
  EXPECT_NE(reply.find("line one\nline two"), std::string::npos);
}

TEST(HtmlTranscriptTest, NestsRepliesToRepliesDeeper) {
  ConversationSlice slice = MakeSlice();
  slice.posts.push_back(MakePost(6, "100.6", "deeper"));
  slice.posts.back().post.parent_id = "100.3";
  const std::string html = HtmlTranscript(slice, MakeContext());
  const std::string deeper = Article(html, "HF0000000006");
  EXPECT_NE(deeper.find("data-parent=\"HF0000000003\""), std::string::npos);
  EXPECT_NE(deeper.find(" d2"), std::string::npos);
  EXPECT_LT(html.find("id=\"HF0000000006\""), html.find("id=\"HF0000000002\""));
}

TEST(HtmlTranscriptTest, NotesAReplyToAPostOutsideTheTranscript) {
  const std::string html = HtmlTranscript(MakeSlice(), MakeContext());
  const std::string orphan = Article(html, "HF0000000004");
  EXPECT_NE(orphan.find("reply to a message outside this transcript"), std::string::npos);
  EXPECT_EQ(orphan.find("data-parent"), std::string::npos);
  EXPECT_EQ(Count(html, "outside this transcript"), 1u);
}

TEST(HtmlTranscriptTest, HighlightsExactlyTheFlaggedBytesAfterMultiByteText) {
  const std::string html = HtmlTranscript(MakeSlice(), MakeContext());
  const std::string flagged = Article(html, "HF0000000005");
  EXPECT_NE(flagged.find("flagged"), std::string::npos);
  EXPECT_NE(flagged.find("日本語 <mark>buy now</mark>, Zoë"), std::string::npos);
  for (std::string_view shown :
       {"Code of conduct", "insider-tip", "markets", "confidence high", "<b>escalated</b>"}) {
    EXPECT_NE(flagged.find(shown), std::string::npos) << shown;
  }
}

TEST(HtmlTranscriptTest, LeavesOutOfRangeAndSplitCharacterSpansUnmarked) {
  ConversationSlice slice = MakeSlice();
  slice.posts[4].flags = {MakeFlag(10, 4000), MakeFlag(1, 5), MakeFlag(4000, 4001), MakeFlag(7, 7)};
  const std::string html = HtmlTranscript(slice, MakeContext());
  const std::string flagged = Article(html, "HF0000000005");
  EXPECT_EQ(flagged.find("<mark>"), std::string::npos);
  EXPECT_NE(flagged.find("日本語 buy now, Zoë"), std::string::npos);
  EXPECT_EQ(Count(flagged, "its span is not in this text"), 4u);
  EXPECT_TRUE(IsUtf8(html));
}

TEST(HtmlTranscriptTest, MergesOverlappingSpansAndEscapesEachPart) {
  ConversationSlice slice = MakeSlice();
  slice.posts[0].flags = {MakeFlag(0, 8), MakeFlag(4, 13), MakeFlag(14, 22)};
  const std::string html = HtmlTranscript(slice, MakeContext());
  EXPECT_NE(Article(html, "HF0000000001")
                .find("<mark>&lt;script&gt;alert</mark>(<mark>1)&lt;/scri</mark>pt&gt;"),
            std::string::npos);
}

TEST(HtmlTranscriptTest, MarksErasedDeletedEditedAndSystemPosts) {
  ConversationSlice slice = MakeSlice();
  ExportPost& erased = slice.posts[1];
  erased.content_erased = true;
  erased.post.text.clear();
  erased.post.author_name.clear();
  ExportPost deleted = MakePost(7, "100.1", "");
  deleted.post.kind = PostKind::kDelete;
  ExportPost edited = MakePost(8, "100.5", "日本語 buy later");
  edited.post.kind = PostKind::kEdit;
  ExportPost system = MakePost(9, "100.9", "Zoë joined #general");
  system.post.kind = PostKind::kSystem;
  slice.posts.insert(slice.posts.end(), {deleted, edited, system});
  const std::string html = HtmlTranscript(slice, MakeContext());
  const std::string erased_html = Article(html, "HF0000000002");
  EXPECT_NE(erased_html.find("[content erased]"), std::string::npos);
  EXPECT_NE(erased_html.find(" erased"), std::string::npos);
  EXPECT_NE(erased_html.find("U2"), std::string::npos);  // the id stands in for the name
  const std::string deleted_html = Article(html, "HF0000000007");
  EXPECT_NE(deleted_html.find("kind-delete"), std::string::npos);
  EXPECT_NE(deleted_html.find(">deleted</span>"), std::string::npos);
  EXPECT_NE(deleted_html.find("[message deleted]"), std::string::npos);
  EXPECT_NE(deleted_html.find("later version of <a href=\"#HF0000000001\">"), std::string::npos);
  const std::string edited_html = Article(html, "HF0000000008");
  EXPECT_NE(edited_html.find(">edited</span>"), std::string::npos);
  EXPECT_NE(edited_html.find("later version of <a href=\"#HF0000000005\">"), std::string::npos);
  EXPECT_NE(Article(html, "HF0000000009").find("kind-system"), std::string::npos);
}

TEST(HtmlTranscriptTest, LinksEachPostToItsNativeFile) {
  ConversationSlice slice = MakeSlice();
  slice.posts[0].original_file = "native/1/original.json";
  const std::string html = HtmlTranscript(slice, MakeContext());
  EXPECT_NE(Article(html, "HF0000000001").find("href=\"../native/1/original.json\">HF0000000001"),
            std::string::npos);
  EXPECT_NE(Article(html, "HF0000000002").find("href=\"../native/2/post.json\">HF0000000002"),
            std::string::npos);
  EXPECT_NE(html.find("<time datetime=\"2024-01-02T10:00:01Z\">10:00:01</time>"),
            std::string::npos);
}

TEST(HtmlTranscriptTest, GivesTheSameValidUtf8BytesForTheSameInput) {
  ConversationSlice slice = MakeSlice();
  slice.posts[1].post.author_name = "bad \xC3\x28 \xED\xA0\x80 name";
  const std::string first = HtmlTranscript(slice, MakeContext());
  EXPECT_EQ(first, HtmlTranscript(slice, MakeContext()));
  EXPECT_TRUE(IsUtf8(first));
  EXPECT_NE(first.find("bad \xEF\xBF\xBD( \xEF\xBF\xBD"), std::string::npos);
}

TEST(HtmlTranscriptTest, IndexLinksEveryTranscript) {
  ConversationSlice other = MakeSlice();
  other.slug = "teams-deals-2024-01-02";
  other.title = "Deals & <Offers>";
  std::vector<TranscriptEntry> entries = {
      {"slack-general-2024-01-02", "#general", "slack", kDay, 5, 1},
      {other.slug, other.title, "teams", kDay, 12, 3},
  };
  const std::string index = HtmlIndex(entries, MakeContext());
  EXPECT_EQ(std::string(kHtmlIndexPath), "html/index.html");
  EXPECT_EQ(HtmlTranscriptPath(other), "html/teams-deals-2024-01-02.html");
  EXPECT_NE(index.find("<a href=\"slack-general-2024-01-02.html\">#general</a>"),
            std::string::npos);
  EXPECT_NE(index.find("<a href=\"teams-deals-2024-01-02.html\">Deals &amp; &lt;Offers&gt;</a>"),
            std::string::npos);
  EXPECT_EQ(Count(index, "<tr><td><a href="), entries.size());
  EXPECT_NE(index.find("size 4242"), std::string::npos);
  EXPECT_NE(index.find(">17</td><td class=\"n\">4</td>"), std::string::npos);  // totals
  EXPECT_EQ(index, HtmlIndex(entries, MakeContext()));
  EXPECT_TRUE(IsUtf8(index));
}

}  // namespace
}  // namespace holdfast::engine
