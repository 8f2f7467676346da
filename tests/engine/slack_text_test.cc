#include "engine/sources/slack_text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace holdfast::engine
