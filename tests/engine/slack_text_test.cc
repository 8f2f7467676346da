#include "engine/sources/slack_text.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/sources/slack_blocks.h"

namespace holdfast::engine {
namespace {

SlackNames Names() {
  SlackNames names;
  names.users["U123"] = "Alice Smith";
  names.channels["C42"] = "finance";
  return names;
}

TEST(SlackTextTest, RendersUserMentionsWithTheUsersName) {
  EXPECT_EQ(RenderSlackText("hi <@U123>, see this", Names()), "hi @Alice Smith, see this");
  EXPECT_EQ(RenderSlackText("<@U999>", Names()), "@U999");
  EXPECT_EQ(RenderSlackText("<@U123|alice>", Names()), "@alice");
}

TEST(SlackTextTest, RendersChannelsLinksAndBroadcasts) {
  EXPECT_EQ(RenderSlackText("in <#C42|finance>", Names()), "in #finance");
  EXPECT_EQ(RenderSlackText("in <#C42>", Names()), "in #finance");
  EXPECT_EQ(RenderSlackText("<https://x.example/a|the doc>", Names()),
            "the doc (https://x.example/a)");
  EXPECT_EQ(RenderSlackText("<https://x.example/a>", Names()), "https://x.example/a");
  EXPECT_EQ(RenderSlackText("<mailto:a@b.nl|a@b.nl>", Names()), "a@b.nl");
  EXPECT_EQ(RenderSlackText("<!here> <!channel>", Names()), "@here @channel");
  EXPECT_EQ(RenderSlackText("<!subteam^S1|@finance-team>", Names()), "@finance-team");
}

TEST(SlackTextTest, DecodesTheThreeEscapedEntitiesOnly) {
  EXPECT_EQ(RenderSlackText("a &lt;b&gt; &amp; c &quot;", Names()), "a <b> & c &quot;");
}

TEST(SlackTextTest, LeavesAnUnclosedBracketAlone) {
  EXPECT_EQ(RenderSlackText("a <@U123", Names()), "a <@U123");
}

// Renders a JSON array of blocks, as a message's "blocks" field holds it.
std::string Blocks(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::array blocks;
  const simdjson::padded_string bytes(json);
  EXPECT_EQ(parser.parse(bytes).get_array().get(blocks), simdjson::SUCCESS) << json;
  return RenderSlackBlocks(blocks, Names());
}

TEST(SlackBlocksTest, RendersARichTextSectionsElements) {
  EXPECT_EQ(Blocks(R"([{"type": "rich_text", "elements": [{"type": "rich_text_section",
    "elements": [
      {"type": "user", "user_id": "U123"}, {"type": "text", "text": " see "},
      {"type": "link", "url": "https://x.example/a", "text": "the doc"},
      {"type": "text", "text": " and "}, {"type": "link", "url": "https://x.example/b"},
      {"type": "text", "text": " in "}, {"type": "channel", "channel_id": "C42"},
      {"type": "text", "text": " "}, {"type": "emoji", "name": "tada", "unicode": "1f389"},
      {"type": "text", "text": " "}, {"type": "broadcast", "range": "here"},
      {"type": "text", "text": " "}, {"type": "user", "user_id": "U999"},
      {"type": "text", "text": " "}, {"type": "usergroup", "usergroup_id": "S1"},
      {"type": "text", "text": " "},
      {"type": "date", "timestamp": 1709280000, "format": "{date}", "fallback": "1 March"}
    ]}]}])"),
            "@Alice Smith see the doc (https://x.example/a) and https://x.example/b in #finance "
            ":tada: @here @U999 @S1 1 March");
}

TEST(SlackBlocksTest, PutsListItemsQuotesAndCodeOnLinesOfTheirOwn) {
  EXPECT_EQ(Blocks(R"([{"type": "rich_text", "elements": [
      {"type": "rich_text_section", "elements": [{"type": "text", "text": "todo:"}]},
      {"type": "rich_text_list", "style": "bullet", "indent": 0, "elements": [
        {"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]},
        {"type": "rich_text_section", "elements": [{"type": "text", "text": "two"}]}]},
      {"type": "rich_text_list", "style": "ordered", "indent": 1, "elements": [
        {"type": "rich_text_section", "elements": [{"type": "text", "text": "sub"}]}]},
      {"type": "rich_text_quote", "elements": [{"type": "text", "text": "said\nthis"}]},
      {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "x = 1"}]}
    ]}])"),
            "todo:\n- one\n- two\n  1. sub\n> said\n> this\nx = 1");
}

TEST(SlackBlocksTest, ReadsTextObjectsOfSectionHeaderAndContextBlocks) {
  EXPECT_EQ(Blocks(R"([
      {"type": "header", "text": {"type": "plain_text", "text": "Deploy <done> &amp;"}},
      {"type": "divider"},
      {"type": "section", "text": {"type": "mrkdwn", "text": "by <@U123> &amp; co"},
       "fields": [{"type": "mrkdwn", "text": "*Env*"}, {"type": "plain_text", "text": "prod"}]},
      {"type": "image", "image_url": "https://x.example/i.png", "alt_text": "chart"},
      {"type": "context", "elements": [{"type": "image", "image_url": "https://x.example/a"},
                                       {"type": "mrkdwn", "text": "in <#C42>"}]}])"),
            "Deploy <done> &amp;\nby @Alice Smith & co\n*Env*\nprod\nin #finance");
}

TEST(SlackBlocksTest, SkipsWhatIsNotABlockOrHasNoText) {
  EXPECT_EQ(Blocks(R"([1, "x", {"type": "rich_text"}, {"type": "rich_text", "elements": 5},
                       {"type": "section"}, {"type": "actions", "elements": []}])"),
            "");
}

}  // namespace
}  // namespace holdfast::engine
