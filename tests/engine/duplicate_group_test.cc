#include "engine/duplicate_group.h"

#include <gtest/gtest.h>

namespace holdfast::engine {
namespace {

TEST(DuplicateGroupTest, CopiesThatDifferOnlyInWhatCopiesDoShareTheirText) {
  const std::string base = DuplicateText("Buy now, order 12345 at https://x.example/a?b=1 @sam");
  EXPECT_EQ(base, "buy now, order # at <url> @");
  for (const char* copy : {"BUY NOW,  order 9 at http://other.example/ @alex",
                           "buy now, order 777 at www.shop.example\n@kim",
                           "  Buy now, order 1 at "
                           "https://y @jo  "}) {
    EXPECT_EQ(DuplicateText(copy), base) << copy;
  }
  for (const char* other : {"Buy now, order 12345 at the shop",
                            "Buy today, order 1 at "
                            "https://x @sam",
                            "Buy now order 1 at https://x @sam"}) {
    EXPECT_NE(DuplicateText(other), base) << other;
  }
  // An address in a word is not a mention; non-ASCII letters stay as they are.
  EXPECT_EQ(DuplicateText("mail jan@bank.nl"), "mail jan@bank.nl");
  EXPECT_EQ(DuplicateText("Café 42"), "café #");
  EXPECT_EQ(DuplicateText(""), "");
}

TEST(DuplicateGroupTest, AGroupIsPerRuleAndStable) {
  const std::string text = DuplicateText("card 4111 1111 1111 1111 please");
  const std::string group = DuplicateGroup("pii.card", text);
  EXPECT_EQ(group.size(), 16u);
  EXPECT_EQ(group, DuplicateGroup("pii.card", DuplicateText("Card 4000 0000 0000 0002 please")));
  EXPECT_NE(group, DuplicateGroup("pii.iban", text));
  EXPECT_NE(group, DuplicateGroup("pii.card", DuplicateText("card 4111 1111 1111 1111 now")));
}

}  // namespace
}  // namespace holdfast::engine
