// `email`. The TLD checks use the Public Suffix List installed with libpsl (Debian's
// publicsuffix package); the TLDs used here have been in that list for years.
#include <gtest/gtest.h>

#include <string>

#include "rules/validators.h"

namespace holdfast::rules {
namespace {

TEST(EmailTest, AcceptsAddressesWithARealTopLevelDomain) {
  EXPECT_TRUE(ValidEmail("jan.jansen@example.nl"));
  EXPECT_TRUE(ValidEmail("j.doe+hr@gmail.com"));
  EXPECT_TRUE(ValidEmail("Support-Team@Corp.Example.co.uk"));
  EXPECT_TRUE(ValidEmail("info@gemeente.amsterdam"));
  EXPECT_TRUE(ValidEmail("o'brien@example.ie"));
  EXPECT_TRUE(ValidEmail("x_y@sub-domain.example.org"));
  EXPECT_TRUE(ValidEmail("post@example.xn--p1ai"));  // .рф in its ASCII form
  EXPECT_TRUE(ValidEmail("JAN@EXAMPLE.NL"));
}

TEST(EmailTest, RejectsUnknownTopLevelDomains) {
  EXPECT_FALSE(ValidEmail("foo@1.2.3"));
  EXPECT_FALSE(ValidEmail("config@build.local"));
  EXPECT_FALSE(ValidEmail("logo@2x.png"));
  EXPECT_FALSE(ValidEmail("jan@example.invalid"));
  EXPECT_FALSE(ValidEmail("jan@example.nll"));
  EXPECT_FALSE(ValidEmail("jan@localhost"));
}

TEST(EmailTest, RejectsADomainThatIsItselfAPublicSuffix) {
  EXPECT_FALSE(ValidEmail("jan@co.uk"));
  EXPECT_FALSE(ValidEmail("jan@nl"));
}

TEST(EmailTest, RejectsMalformedLocalParts) {
  EXPECT_FALSE(ValidEmail("@example.nl"));
  EXPECT_FALSE(ValidEmail("jan..jansen@example.nl"));
  EXPECT_FALSE(ValidEmail(".jan@example.nl"));
  EXPECT_FALSE(ValidEmail("jan.@example.nl"));
  EXPECT_FALSE(ValidEmail("jan jansen@example.nl"));
  EXPECT_FALSE(ValidEmail("\"jan\"@example.nl"));  // quoted local parts are not in chat
  EXPECT_FALSE(ValidEmail("j\xC3\xA4n@example.nl"));
}

TEST(EmailTest, RejectsMalformedDomains) {
  EXPECT_FALSE(ValidEmail("jan@"));
  EXPECT_FALSE(ValidEmail("jan@@example.nl"));
  EXPECT_FALSE(ValidEmail("jan@exa@mple.nl"));
  EXPECT_FALSE(ValidEmail("jan@-example.nl"));
  EXPECT_FALSE(ValidEmail("jan@example-.nl"));
  EXPECT_FALSE(ValidEmail("jan@example..nl"));
  EXPECT_FALSE(ValidEmail("jan@.example.nl"));
  EXPECT_FALSE(ValidEmail("jan@example.nl."));
  EXPECT_FALSE(ValidEmail("jan@exa_mple.nl"));
  EXPECT_FALSE(ValidEmail("jan@ex\xC3\xA4mple.nl"));
}

TEST(EmailTest, EnforcesRfc5321Lengths) {
  const std::string local64(64, 'a');
  const std::string label63(63, 'b');
  EXPECT_TRUE(ValidEmail(local64 + "@example.nl"));
  EXPECT_FALSE(ValidEmail(local64 + "a@example.nl"));
  EXPECT_TRUE(ValidEmail("jan@" + label63 + ".nl"));
  EXPECT_FALSE(ValidEmail("jan@" + label63 + "b.nl"));
  // 4 labels of 63 and ".nl": 4 * 64 + 2 = 258 characters, over 253.
  EXPECT_FALSE(
      ValidEmail("jan@" + label63 + "." + label63 + "." + label63 + "." + label63 + ".nl"));
  // 3 labels of 63, one of 58 and "nl", with their 4 dots: exactly 253.
  const std::string longest =
      label63 + "." + label63 + "." + label63 + "." + std::string(58, 'c') + ".nl";
  ASSERT_EQ(longest.size(), 253u);
  EXPECT_TRUE(ValidEmail("jan@" + longest));
  EXPECT_FALSE(ValidEmail("jan@c" + longest));
}

}  // namespace
}  // namespace holdfast::rules
