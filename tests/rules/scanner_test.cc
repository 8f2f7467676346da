#include "rules/scanner.h"

#include <gtest/gtest.h>

#include <thread>

#include "rules/unicode_text.h"
#include "scan_helpers.h"
#include "temp_policies.h"

namespace holdfast::rules {
namespace {

using testing::Find;
using testing::FoundHit;
using testing::MakeScanner;

constexpr char kCards[] = R"(id: t
rules:
  - id: card
    category: pii.credit_card
    patterns: [{regex: '\b(?:4\d|5[1-5])(?:[ -]?\d){11,17}\b'}]
    validator: luhn
)";

TEST(ScannerTest, FindsExactByteSpans) {
  Scanner scanner = MakeScanner(kCards);
  EXPECT_EQ(Find(scanner, "pay 4111111111111111 now"),
            (std::vector<FoundHit>{{"card", 4, "4111111111111111"}}));
  EXPECT_EQ(Find(scanner, "4111 1111 1111 1111"),
            (std::vector<FoundHit>{{"card", 0, "4111 1111 1111 1111"}}));
}

TEST(ScannerTest, DropsHitsTheValidatorRejects) {
  Scanner scanner = MakeScanner(kCards);
  EXPECT_TRUE(Find(scanner, "pay 4111111111111112 now").empty());
}

TEST(ScannerTest, ShortensAGreedyMatchToTheSpanTheValidatorAccepts) {
  Scanner scanner = MakeScanner(kCards);
  EXPECT_EQ(Find(scanner, "card 4111 1111 1111 1111 12/26"),
            (std::vector<FoundHit>{{"card", 5, "4111 1111 1111 1111"}}));
}

TEST(ScannerTest, FindsAValidNumberStartingInsideARejectedMatch) {
  Scanner scanner = MakeScanner(kCards);
  EXPECT_EQ(Find(scanner, "ref 40 4111 1111 1111 1111"),
            (std::vector<FoundHit>{{"card", 7, "4111 1111 1111 1111"}}));
}

TEST(ScannerTest, ReportsEachRuleOncePerSpan) {
  Scanner scanner = MakeScanner(R"(id: t
rules:
  - id: word
    category: ip.codename
    patterns: [{literal: bluebird}, {regex: 'blue\w+'}, {literal: BLUEBIRD}]
  - id: also
    category: ip.codename
    patterns: [{literal: bluebird}]
)");
  EXPECT_EQ(Find(scanner, "project Bluebird ships"),
            (std::vector<FoundHit>{{"word", 8, "Bluebird"}, {"also", 8, "Bluebird"}}));
}

TEST(ScannerTest, OrdersHitsByBeginThenRule) {
  Scanner scanner = MakeScanner(R"(id: t
rules:
  - id: first
    category: ip.codename
    patterns: [{literal: redwing}]
  - id: second
    category: ip.codename
    patterns: [{literal: bluebird}, {literal: redwing}]
)");
  EXPECT_EQ(Find(scanner, "bluebird, redwing and bluebird"),
            (std::vector<FoundHit>{{"second", 0, "bluebird"},
                                   {"first", 10, "redwing"},
                                   {"second", 10, "redwing"},
                                   {"second", 22, "bluebird"}}));
}

TEST(ScannerTest, MatchesLiteralsAsWholeWordsAndRespectsCaseSensitivity) {
  Scanner scanner = MakeScanner(R"(id: t
rules:
  - id: marking
    category: ip.confidential_marking
    patterns: [{literal: intern gebruik}, {literal: CONFIDENTIAL, case_insensitive: false}]
)");
  EXPECT_TRUE(Find(scanner, "internet gebruik is traag").empty());
  EXPECT_TRUE(Find(scanner, "extern gebruik").empty());
  EXPECT_TRUE(Find(scanner, "this is confidential").empty());
  EXPECT_TRUE(Find(scanner, "NONCONFIDENTIAL").empty());
  EXPECT_EQ(Find(scanner, "alleen voor INTERN GEBRUIK."),
            (std::vector<FoundHit>{{"marking", 12, "INTERN GEBRUIK"}}));
  EXPECT_EQ(Find(scanner, "[CONFIDENTIAL]"),
            (std::vector<FoundHit>{{"marking", 1, "CONFIDENTIAL"}}));
}

constexpr char kBsn[] = R"(id: t
rules:
  - id: bsn
    category: pii.nl_bsn
    patterns: [{regex: '\b\d{9}\b'}]
    validator: nl_bsn
    confidence: low
    evidence: [{words: [bsn, sofinummer], window: 12}]
)";

TEST(ScannerTest, RequiresAContextWordWithinTheWindow) {
  Scanner scanner = MakeScanner(kBsn);
  EXPECT_EQ(Find(scanner, "BSN: 111222333"), (std::vector<FoundHit>{{"bsn", 5, "111222333"}}));
  EXPECT_EQ(Find(scanner, "111222333 (sofinummer)"),
            (std::vector<FoundHit>{{"bsn", 0, "111222333"}}));
  EXPECT_TRUE(Find(scanner, "order 111222333").empty());
  EXPECT_TRUE(Find(scanner, "bsn is in the file, 111222333").empty());  // 21 chars away
  EXPECT_TRUE(Find(scanner, "bsnx 111222333").empty());                 // not a whole word
  EXPECT_TRUE(Find(scanner, "111222333 sofinummers").empty());
}

TEST(ScannerTest, CountsTheContextWindowInCharactersNotBytes) {
  Scanner scanner = MakeScanner(kBsn);
  // "bsn", a space, seven characters and a space: 12 characters, 19 bytes.
  EXPECT_EQ(Find(scanner, "bsn \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 111222333")
                .size(),
            1u);
  EXPECT_EQ(Find(scanner,
                 "bsn \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 111222333")
                .size(),
            0u);
}

TEST(ScannerTest, DropsHitsOnTheAllowListIgnoringCase) {
  Scanner scanner = MakeScanner(R"(id: t
rules:
  - id: mail
    category: pii.email
    patterns: [{regex: '\b[a-z0-9.]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}\b'}]
    allow: [noreply@example.com]
)");
  EXPECT_TRUE(Find(scanner, "from NoReply@Example.com").empty());
  EXPECT_EQ(Find(scanner, "from noreply@example.com.au"),
            (std::vector<FoundHit>{{"mail", 5, "noreply@example.com.au"}}));
}

TEST(ScannerTest, HandlesNonAsciiTextWithByteOffsets) {
  Scanner scanner = MakeScanner(R"(id: t
rules:
  - id: phone
    category: compliance.off_channel
    patterns: [{literal: privénummer}]
  - id: card
    category: pii.credit_card
    patterns: [{regex: '\b4\d{15}\b'}]
    validator: luhn
)");
  const std::string text = "Überweisung 4111111111111111 \xE2\x80\x94 app mijn PRIVÉNUMMER";
  EXPECT_EQ(Find(scanner, text), (std::vector<FoundHit>{{"card", 13, "4111111111111111"},
                                                        {"phone", 43, "PRIVÉNUMMER"}}));
  // Decomposed input matches once normalized, as the engine normalizes every post.
  EXPECT_EQ(Find(scanner, NormalizeNfc("mijn prive\xCC\x81nummer").text).size(), 1u);
}

TEST(ScannerTest, ConfirmsPatternsWithoutAMaximumLength) {
  Scanner scanner = MakeScanner(R"(id: t
rules:
  - id: quoted
    category: ip.codename
    patterns: [{regex: 'codename "[^"]+"'}]
)");
  const std::string padding(5000, 'q');
  EXPECT_EQ(Find(scanner, padding + " codename \"" + padding + "\" and codename \"b\""),
            (std::vector<FoundHit>{{"quoted", 5001, "codename \"" + padding + "\""},
                                   {"quoted", 10017, "codename \"b\""}}));
}

TEST(ScannerTest, StopsCollectingAtMaxHitsAndSaysSo) {
  Scanner scanner = MakeScanner(R"(id: t
rules:
  - id: word
    category: ip.codename
    patterns: [{literal: bluebird}]
)",
                                ScannerOptions{.max_hits = 2});
  EXPECT_EQ(Find(scanner, "bluebird bluebird").size(), 2u);
  EXPECT_FALSE(scanner.last_scan_truncated());
  EXPECT_EQ(Find(scanner, "bluebird bluebird bluebird bluebird").size(), 2u);
  EXPECT_TRUE(scanner.last_scan_truncated());
}

TEST(ScannerTest, RejectsInvalidUtf8AndOverlongTexts) {
  Scanner scanner = MakeScanner(kCards);
  auto invalid = scanner.Scan("4111111111111111 \xFF");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().message,
            "text 0 is not valid UTF-8 (normalize it with NormalizeNfc first)");
  // Only the length is looked at before the text is refused.
  const char byte = 'x';
  auto huge = scanner.Scan(std::string_view(&byte, (size_t{1} << 32) + 1));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().message,
            "text of 4294967297 bytes is over Hyperscan's limit for one scan (2 GiB)");
  EXPECT_TRUE(Find(scanner, "").empty());
}

TEST(ScannerTest, GivesEachThreadTheSameHitsFromASharedRuleSet) {
  auto policies = LoadPolicies({std::filesystem::path(HOLDFAST_SOURCE_DIR) / "policies"});
  ASSERT_TRUE(policies) << policies.error().ToString();
  auto rules = Compile(std::move(*policies));
  ASSERT_TRUE(rules) << rules.error().ToString();
  const std::vector<std::string> texts = {
      "card 4111 1111 1111 1111 exp 12/26, IBAN NL91ABNA0417164300",
      "mijn BSN is 111222333, mail jan@example.nl",
      "CONFIDENTIAL: let's take this to WhatsApp",
      "nothing to see here",
      "key AKIA2E3A4F5B6C7D2Q7Z, kut, ghp_ token",
  };
  auto reference_scanner = Scanner::Create(*rules);
  ASSERT_TRUE(reference_scanner);
  std::vector<std::vector<FoundHit>> expected;
  for (const std::string& text : texts) {
    expected.push_back(Find(*reference_scanner, text));
    EXPECT_FALSE(expected.back().empty() && text != "nothing to see here") << text;
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto scanner = Scanner::Create(*rules);
      for (int round = 0; round < 200 && scanner; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (Find(*scanner, texts[i]) != expected[i]) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace holdfast::rules
