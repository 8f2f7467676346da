#include "engine/sources/teams_html.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace holdfast::engine {
namespace {

std::string Text(std::string_view html, const std::vector<TeamsMention>& mentions = {}) {
  std::string out;
  AppendTeamsHtmlText(html, mentions, out);
  return out;
}

TEST(TeamsHtmlTest, DropsMarkupAndKeepsText) {
  EXPECT_EQ(Text("<p>asdad</p>"), "asdad");
  EXPECT_EQ(Text("<div><b>bold</b> and <i>italic</i></div>"), "bold and italic");
  EXPECT_EQ(Text("plain text, no tags"), "plain text, no tags");
  EXPECT_EQ(Text("<systemEventMessage/>"), "");
}

TEST(TeamsHtmlTest, BlocksAndBreaksBecomeLineBreaks) {
  EXPECT_EQ(Text("<p>one</p><p>two</p>"), "one\ntwo");
  EXPECT_EQ(Text("<div>a<br>b<br/><br />c</div>"), "a\nb\n\nc");
  EXPECT_EQ(Text("<p>x</p>\n\n<div>  y  </div>"), "x\ny");
}

TEST(TeamsHtmlTest, ListItemsStartWithADash) {
  EXPECT_EQ(Text("<p>Agenda:</p><ul><li>budget</li><li><p>hiring</p></li></ul><p>end</p>"),
            "Agenda:\n- budget\n- hiring\nend");
}

TEST(TeamsHtmlTest, CollapsesWhiteSpaceAndNbsp) {
  EXPECT_EQ(Text("  a \n\t b&nbsp;&nbsp;c&nbsp;"), "a b c");
}

TEST(TeamsHtmlTest, DecodesNamedAndNumericEntities) {
  EXPECT_EQ(Text("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; it&#x2019;s &rsquo;&hellip;"),
            "a & b <c> \"d\" 'e' it\u2019s \u2019\u2026");
  EXPECT_EQ(Text("&#128512; &#x1F600;"), "\U0001F600 \U0001F600");
}

TEST(TeamsHtmlTest, LeavesUnknownOrBrokenEntitiesAsWritten) {
  EXPECT_EQ(Text("AT&T &bogus; &#xZZ; & done"), "AT&T &bogus; &#xZZ; & done");
  EXPECT_EQ(Text("&#0; &#xD800;"), "\uFFFD \uFFFD");
}

TEST(TeamsHtmlTest, KeepsLinkTargetsAfterTheirLabel) {
  EXPECT_EQ(Text(R"(see <a href="https://wiki.example/plan?a=1&amp;b=2">the plan</a>.)"),
            "see the plan (https://wiki.example/plan?a=1&b=2).");
  EXPECT_EQ(Text(R"(<a href="https://x.example/">https://x.example/</a>)"), "https://x.example/");
  EXPECT_EQ(Text(R"(<a href="https://x.example/"></a>)"), "https://x.example/");
  EXPECT_EQ(Text(R"(<a href='mailto:ann@x.example'>ann@x.example</a>)"), "ann@x.example");
  EXPECT_EQ(Text(R"(<a title="t" href=https://u.example/>link</a>)"), "link (https://u.example/)");
}

TEST(TeamsHtmlTest, MergesAMultiWordMentionOfOneUser) {
  const std::vector<TeamsMention> mentions = {{0, "u-jan"}, {1, "u-jan"}, {2, "u-piet"}};
  EXPECT_EQ(Text(R"(<p>Hi <at id="0">Jan</at>&nbsp;<at id="1">de Vries</at>, ask )"
                 R"(<at id="2">Piet</at></p>)",
                 mentions),
            "Hi @Jan de Vries, ask @Piet");
  EXPECT_EQ(Text(R"(<at id="0">Jan</at><at id="1">de Vries</at>)", mentions), "@Jan de Vries");
}

TEST(TeamsHtmlTest, KeepsMentionsOfDifferentUsersApart) {
  const std::vector<TeamsMention> mentions = {{0, "u-jan"}, {1, "u-piet"}};
  EXPECT_EQ(Text(R"(<at id="0">Jan</at> <at id="1">Piet</at>)", mentions), "@Jan @Piet");
  // Without the mentions array nothing says the two are one user.
  EXPECT_EQ(Text(R"(<at id="0">Jan</at> <at id="1">de Vries</at>)"), "@Jan @de Vries");
  // Text between two mentions of one user keeps them apart.
  const std::vector<TeamsMention> same = {{0, "u-jan"}, {1, "u-jan"}};
  EXPECT_EQ(Text(R"(<at id="0">Jan</at> and <at id="1">Jan</at>)", same), "@Jan and @Jan");
}

TEST(TeamsHtmlTest, DropsAttachmentPlaceholdersAndKeepsEmojiAltText) {
  EXPECT_EQ(Text(R"(<div>report <attachment id="a1b2"></attachment></div>)"), "report");
  EXPECT_EQ(Text(R"(ok <emoji id="1f44d_thumbsup" alt="&#128077;" title="Like"></emoji>)"),
            "ok \U0001F44D");
  EXPECT_EQ(Text(R"(hi <img src="https://x/smile.png" alt="🙂" itemtype="Emoji">)"), "hi 🙂");
  EXPECT_EQ(Text(R"(<img src="https://graph/hostedContents/1/$value">)"), "");
}

TEST(TeamsHtmlTest, DropsCommentsScriptsAndStyles) {
  EXPECT_EQ(Text("a<!-- hidden -->b<script>var x = '<p>';</script><style>p{}</style>c"), "abc");
}

TEST(TeamsHtmlTest, TreatsALoneLessThanAsText) {
  EXPECT_EQ(Text("1 < 2 and 3 <= 4"), "1 < 2 and 3 <= 4");
  EXPECT_EQ(Text("cut off <a href="), "cut off");
}

TEST(TeamsHtmlTest, AppendsAfterExistingText) {
  std::string out = "Subject\n";
  AppendTeamsHtmlText("<p> body </p>", {}, out);
  EXPECT_EQ(out, "Subject\nbody");
}

}  // namespace
}  // namespace holdfast::engine
