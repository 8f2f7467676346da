#include "rules/internal/trigger_mode.h"

#include <gtest/gtest.h>
#include <hs/hs.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "rules/scanner.h"
#include "rules/text_view.h"
#include "scan_helpers.h"

namespace holdfast::rules {
namespace {

using testing::Find;
using testing::FoundHit;
using testing::MakeScanner;

TEST(ByteModeRegexTest, WidensEveryAtomThatTakesOneCodePoint) {
  EXPECT_EQ(ByteModeRegex("abc", false), "abc");
  EXPECT_EQ(ByteModeRegex("a.b", false), "a.{1,4}b");
  EXPECT_EQ(ByteModeRegex(R"(\([^()\n]{0,120}\))", false), R"(\([^()\n]{0,}\))");
  EXPECT_EQ(ByteModeRegex("[^y]{1,3}x", false), "[^y]{1,12}x");
  EXPECT_EQ(ByteModeRegex("x[^y]?z", false), "x[^y]{0,4}z");
  EXPECT_EQ(ByteModeRegex(R"(\S{2}:\W+)", false), R"(\S{2,8}:\W+)");
  EXPECT_EQ(ByteModeRegex(R"(.*?;)", false), R"(.*?;)");
  // Classes and escapes that stay one byte, and repetitions of them, are left alone.
  EXPECT_EQ(ByteModeRegex(R"(\b[a-z.]{2,20}\s{1,3}\d+\b)", true), R"(\b[a-z.]{2,20}\s{1,3}\d+\b)");
  // A non-ASCII letter is its bytes when case does not matter.
  EXPECT_EQ(ByteModeRegex("privé", false), "privé");
  EXPECT_EQ(ByteModeRegex("(?:'|’)s", true), "(?:'|’)s");
}

TEST(ByteModeRegexTest, KeepsUtf8ModeWhereBytesCannotStandIn) {
  EXPECT_EQ(ByteModeRegex("[’']s", false), std::nullopt);  // a non-ASCII class member
  EXPECT_EQ(ByteModeRegex(R"(\p{L}+)", false), std::nullopt);
  EXPECT_EQ(ByteModeRegex(R"(a\h+b)", false), std::nullopt);  // Unicode spaces
  EXPECT_EQ(ByteModeRegex("privé", true), std::nullopt);      // É must fold to é
}

// Every match the UTF-8 expression has ends where the byte-mode one has a match.
std::set<unsigned long long> MatchEnds(const std::string& regex, unsigned int flags,
                                       const std::string& text) {
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile(regex.c_str(), flags | HS_FLAG_MULTILINE, HS_MODE_BLOCK, nullptr, &database,
                 &error) != HS_SUCCESS) {
    ADD_FAILURE() << regex << ": " << (error != nullptr ? error->message : "");
    hs_free_compile_error(error);
    return {};
  }
  hs_scratch_t* scratch = nullptr;
  EXPECT_EQ(hs_alloc_scratch(database, &scratch), HS_SUCCESS);
  std::set<unsigned long long> ends;
  hs_scan(
      database, text.data(), static_cast<unsigned int>(text.size()), 0, scratch,
      [](unsigned int, unsigned long long, unsigned long long to, unsigned int, void* context) {
        static_cast<std::set<unsigned long long>*>(context)->insert(to);
        return 0;
      },
      &ends);
  hs_free_scratch(scratch);
  hs_free_database(database);
  return ends;
}

TEST(ByteModeRegexTest, FindsEveryUtf8MatchAtTheSameEnd) {
  const std::vector<std::string> regexes = {
      R"(\bdef [A-Za-z_]\w{0,60}\([^()\n]{0,12}\)(?:\s{0,2}->\s{0,2}[^:\n]{1,6})?:)",
      R"(\breturn\s[^\n;]{1,8};)", "a.b", R"(x\S{2}y)", R"(id: .{3}\b)"};
  const std::vector<std::string> texts = {"def f(été, ü) -> Ωμέγα:",
                                          "def g(日本語テキスト) -> 値:",
                                          "return “ok” ∞;",
                                          "return naïve;",
                                          "a€b aéb ab",
                                          "x€€y xééy xaay",
                                          "id: 😀😀😀 id: abc"};
  for (const std::string& regex : regexes) {
    const auto bytes = ByteModeRegex(regex, false);
    ASSERT_TRUE(bytes.has_value()) << regex;
    for (const std::string& text : texts) {
      const auto utf8_ends = MatchEnds(regex, HS_FLAG_UTF8, text);
      const auto byte_ends = MatchEnds(*bytes, 0, text);
      for (unsigned long long end : utf8_ends) {
        EXPECT_TRUE(byte_ends.count(end) == 1) << regex << " on '" << text << "' at " << end;
      }
    }
  }
  // And the check can fail: the unwidened expression misses multi-byte matches.
  EXPECT_FALSE(MatchEnds("a.b", HS_FLAG_UTF8, "a€b").empty());
  EXPECT_TRUE(MatchEnds("a.b", 0, "a€b").empty());
}

TEST(LowercaseRegexTest, LowersLettersThatStandForThemselves) {
  EXPECT_EQ(LowercaseRegex(R"((?:Confidential|[A-Z]{2}-\d)\S)"),
            R"((?:confidential|[a-z]{2}-\d)\S)");
  EXPECT_EQ(LowercaseRegex(R"((?P<Name>Ab)\x{41}\p{Lu})"), R"((?P<Name>ab)\x{41}\p{Lu})");
  EXPECT_EQ(LowercaseRegex("(?i)WHATSAPP"), "(?i)whatsapp");
  EXPECT_EQ(LowercaseRegex("privé"), "privé");
}

TEST(LowercaseRegexTest, RefusesWhatLowercasingWouldChange) {
  EXPECT_EQ(LowercaseRegex("[A-z]"), std::nullopt);
  EXPECT_EQ(LowercaseRegex("(?-i:AB)"), std::nullopt);
  EXPECT_EQ(LowercaseRegex(R"(\QAB\E)"), std::nullopt);
  EXPECT_EQ(LowercaseRegex("[[:upper:]]"), std::nullopt);
  EXPECT_EQ(LowercaseRegex("PRIVÉ"), std::nullopt);  // É is not in folded form
}

TEST(CollapsedSpaceRegexTest, WritesRepeatedWhiteSpaceAsOne) {
  EXPECT_EQ(CollapsedSpaceRegex(R"(\bkill\s{1,3}you\s{0,2}now\s+ok\s*!)"),
            R"(\bkill\syou\s?now\sok\s?!)");
  EXPECT_EQ(CollapsedSpaceRegex(R"(a\s{1,3}?b\s{1}c\s?d)"), R"(a\sb\sc\s?d)");
  // Classes, other escapes, literal braces and repetitions of two or more stay.
  EXPECT_EQ(CollapsedSpaceRegex(R"([\s-]{1,3}\S{2,5}\\s{1,3}\s{2,}x\s{a})"),
            R"([\s-]{1,3}\S{2,5}\\s{1,3}\s{2,}x\s{a})");
}

// On lexicon views, where white space never repeats, the collapsed expression ends its
// matches where the original does.
TEST(CollapsedSpaceRegexTest, MatchesLexiconViewsAsTheOriginalDoes) {
  const std::vector<std::string> regexes = {R"(\bi\s{0,2}will\s{1,3}(?:hurt|find)\s{1,3}you\b)",
                                            R"(^\s{0,3}confidential\s*$)",
                                            R"(let(?:'|’)?s\s+take\s{1,3}this\s{1,3}offline)"};
  const std::vector<std::string> texts = {
      "I  will \t hurt\n\nyou",     "i will find  you later",      "  Confidential  \n\nok",
      "let’s   take this  offline", "lets take\n\n\nthis offline", "i willhurt you"};
  size_t matched = 0;
  for (const std::string& regex : regexes) {
    const std::string collapsed = CollapsedSpaceRegex(regex);
    ASSERT_NE(collapsed, regex);
    for (const std::string& text : texts) {
      TextView view;
      view.Build(text, View::kLexicon);
      const std::string lexicon(view.text());
      const auto original_ends = MatchEnds(regex, HS_FLAG_UTF8, lexicon);
      EXPECT_EQ(MatchEnds(collapsed, HS_FLAG_UTF8, lexicon), original_ends)
          << regex << " on '" << lexicon << "'";
      matched += original_ends.empty() ? 0 : 1;
    }
  }
  EXPECT_EQ(matched, 5U);  // "i willhurt you" matches nothing
}

constexpr char kWords[] = R"(id: t
rules:
  - id: word
    category: conduct.profanity
    view: lexicon
    patterns: [{literal: ass}, {literal: project alpha}, {literal: project alpha centauri},
               {literal: 'c++'}]
)";

TEST(ExactLiteralTest, MatchesWholeWordsInAnyCaseWithoutRe2) {
  Scanner scanner = MakeScanner(kWords);
  EXPECT_TRUE(Find(scanner, "reset the password, in class, assume nothing").empty());
  EXPECT_EQ(Find(scanner, "you ASS"), (std::vector<FoundHit>{{"word", 4, "ASS"}}));
  EXPECT_EQ(Find(scanner, "ass."), (std::vector<FoundHit>{{"word", 0, "ass"}}));
  // A literal ending in a non-word character needs no boundary after it.
  EXPECT_EQ(Find(scanner, "we use c++17"), (std::vector<FoundHit>{{"word", 7, "c++"}}));
}

TEST(ExactLiteralTest, OverlappingLiteralsGiveTheLongestFirstMatch) {
  Scanner scanner = MakeScanner(kWords);
  EXPECT_EQ(Find(scanner, "on Project Alpha Centauri today"),
            (std::vector<FoundHit>{{"word", 3, "Project Alpha Centauri"}}));
  EXPECT_EQ(Find(scanner, "project alpha, project alphabet"),
            (std::vector<FoundHit>{{"word", 0, "project alpha"}}));
}

TEST(ExactLiteralTest, AListOfThousandsGetsADatabaseOfItsOwn) {
  std::string yaml = R"(id: t
rules:
  - id: phrase
    category: compliance.off_channel
    view: lexicon
    patterns: [{regex: '\bmove\s{1,3}this\s{1,3}to\s{1,3}signal\b'}]
  - id: codename
    category: ip.codename
    view: lexicon
    patterns:
)";
  for (int i = 0; i < 6000; ++i) {
    yaml += "      - {literal: 'project " + std::to_string(100000 + i * 7) + "'}\n";
  }
  Scanner scanner = MakeScanner(yaml);
  const auto triggers = scanner.rules().TriggerExpressions();
  EXPECT_EQ(std::count_if(triggers.begin(), triggers.end(),
                          [](const StageExpression& e) { return e.own_database; }),
            6000);
  EXPECT_EQ(Find(scanner, "Project 100014 is late; move this to Signal"),
            (std::vector<FoundHit>{{"codename", 0, "Project 100014"},
                                   {"phrase", 24, "move this to Signal"}}));
  EXPECT_TRUE(Find(scanner, "project 100015 and project 1000140").empty());
}

TEST(WithoutTrailingWordBoundaryTest, DropsOnlyAWordBoundaryThatEndsTheRegex) {
  EXPECT_EQ(WithoutTrailingWordBoundary(R"(\b(?:idiot|moron)\b)"), R"(\b(?:idiot|moron))");
  EXPECT_EQ(WithoutTrailingWordBoundary(R"(a|b\b)"), "a|b");
  EXPECT_EQ(WithoutTrailingWordBoundary(R"(x\\\b)"), R"(x\\)");     // a backslash, then \b
  EXPECT_EQ(WithoutTrailingWordBoundary(R"(x\\b)"), std::nullopt);  // a backslash and "b"
  EXPECT_EQ(WithoutTrailingWordBoundary(R"(\bword)"), std::nullopt);
  EXPECT_EQ(WithoutTrailingWordBoundary(R"((?:a\b))"), std::nullopt);
  EXPECT_EQ(WithoutTrailingWordBoundary(R"(\b)"), std::nullopt);
  EXPECT_EQ(WithoutTrailingWordBoundary(R"(\Qa\b)"), std::nullopt);
}

// Hyperscan runs a regex trigger without its trailing \b; RE2 must still hold hits to it.
TEST(WithoutTrailingWordBoundaryTest, HitsStillEndAtAWordBoundary) {
  Scanner scanner = MakeScanner(R"(id: c
rules:
  - id: insult
    category: conduct.harassment
    view: lexicon
    patterns: [{regex: '\b(?:idiot|moron)s?\b'}]
  - id: tail
    category: conduct.harassment
    patterns: [{regex: 'x{0,2}q\b'}]
)");
  const auto triggers = scanner.rules().TriggerExpressions();
  const auto has = [&](std::string_view regex) {
    return std::any_of(triggers.begin(), triggers.end(),
                       [&](const StageExpression& e) { return e.regex == regex; });
  };
  EXPECT_TRUE(has(R"(\b(?:idiot|moron)s?)"));
  EXPECT_TRUE(has(R"(x{0,2}q)"));
  EXPECT_EQ(Find(scanner, "what an IDIOT."), (std::vector<FoundHit>{{"insult", 8, "IDIOT"}}));
  EXPECT_EQ(Find(scanner, "morons"), (std::vector<FoundHit>{{"insult", 0, "morons"}}));
  EXPECT_TRUE(Find(scanner, "idiotic moronic idiotproof").empty());
  EXPECT_EQ(Find(scanner, "xq xxqa"), (std::vector<FoundHit>{{"tail", 0, "xq"}}));
}

}  // namespace
}  // namespace holdfast::rules
