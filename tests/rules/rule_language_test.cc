// The rule language of rules/policy.h, end to end through a real Scanner: confidence and
// evidence, unless, placeholders, allow-lists, value groups, triggers, scope and exceptions,
// and batches.
#include <gtest/gtest.h>

#include "rules/scanner.h"
#include "scan_helpers.h"
#include "temp_policies.h"

namespace holdfast::rules {
namespace {

using testing::Find;
using testing::FoundHit;
using testing::MakeScanner;

// A weak format: nine digits pass the 11-check one time in eleven.
constexpr char kBsn[] = R"(id: nl
min_confidence: medium
rules:
  - id: bsn
    category: pii.nl_bsn
    patterns: [{regex: '\b\d{9}\b'}]
    validator: nl_bsn
    confidence: low
    evidence:
      - {words: [bsn, burgerservicenummer], window: 20, confidence: high}
      - {regex: 'nummer\s*:', window: 12, confidence: medium}
    unless:
      - {words: [voorbeeld, example], window: 25}
)";

Confidence ConfidenceOf(Scanner& scanner, std::string_view text) {
  auto hits = scanner.Scan(text);
  EXPECT_TRUE(hits && hits->size() == 1) << text;
  return hits && hits->size() == 1 ? (*hits)[0].confidence : Confidence::kLow;
}

TEST(RuleLanguageTest, EvidenceRaisesConfidenceAndThePolicyFloorDropsTheRest) {
  Scanner scanner = MakeScanner(kBsn);
  EXPECT_TRUE(Find(scanner, "order 111222333 shipped").empty());  // low: below the floor
  EXPECT_EQ(ConfidenceOf(scanner, "mijn BSN is 111222333"), Confidence::kHigh);
  EXPECT_EQ(ConfidenceOf(scanner, "nummer: 111222333"), Confidence::kMedium);
  // Both hold: the highest level wins, whatever the order of the entries.
  EXPECT_EQ(ConfidenceOf(scanner, "bsn nummer: 111222333"), Confidence::kHigh);
  // Outside the window (20 characters) the word does not count.
  EXPECT_TRUE(Find(scanner, "bsn staat in het dossier van HR; 111222333").empty());
}

TEST(RuleLanguageTest, UnlessDropsAMentionWhateverTheEvidence) {
  Scanner scanner = MakeScanner(kBsn);
  EXPECT_TRUE(Find(scanner, "voorbeeld van een BSN: 111222333").empty());
  EXPECT_EQ(Find(scanner, "BSN 111222333").size(), 1u);
}

TEST(RuleLanguageTest, AnotherRulesHitCountsAsEvidence) {
  Scanner scanner = MakeScanner(R"(id: nl
rules:
  - id: postcode
    category: pii.postal_address
    patterns: [{regex: '\b[1-9]\d{3} ?[A-Z]{2}\b', case_insensitive: false}]
    confidence: low
    evidence: [{rule: street, window: 15, confidence: high}]
  - id: street
    category: pii.postal_address
    patterns: [{regex: '\b[A-Z][a-z]+(?:straat|laan|weg) \d+\b', case_insensitive: false}]
    confidence: low
)");
  EXPECT_TRUE(Find(scanner, "kantoor in 1012 AB").empty());
  EXPECT_EQ(Find(scanner, "Damstraat 12, 1012 AB Amsterdam"),
            (std::vector<FoundHit>{{"postcode", 14, "1012 AB"}}));
  EXPECT_TRUE(Find(scanner, "Damstraat 12 is far away from here, 1012 AB").empty());
}

TEST(RuleLanguageTest, PlaceholdersAndMasksAreNotValues) {
  Scanner scanner = MakeScanner(R"(id: s
rules:
  - id: aws
    category: secret.aws_key
    patterns: [{regex: '\bAKIA[0-9A-Z]{16}\b', case_insensitive: false}]
  - id: password
    category: secret.password_in_text
    patterns: [{regex: '\bpassword\s*[:=]\s*(\S{4,})'}]
)");
  EXPECT_TRUE(Find(scanner, "docs use AKIAIOSFODNN7EXAMPLE").empty());
  EXPECT_EQ(Find(scanner, "key AKIA2E0A8F3B244C9986").size(), 1u);
  for (const char* masked :
       {"password: ********", "password: <your-password>", "password=${DB_PASSWORD}",
        "password: xxxxxxxx", "password: changeme", "password: hunter..."}) {
    EXPECT_TRUE(Find(scanner, masked).empty()) << masked;
  }
  // The capturing group is the value and the span.
  EXPECT_EQ(Find(scanner, "password: Zomer2024!"),
            (std::vector<FoundHit>{{"password", 10, "Zomer2024!"}}));
}

// A rule of several patterns takes its value from the pattern that matched, as one regex of
// them all would: the first pattern that matches where the match starts, with its own groups.
TEST(RuleLanguageTest, ValueGroupComesFromThePatternThatMatched) {
  Scanner scanner = MakeScanner(R"(id: s
rules:
  - id: secret
    category: secret.generic
    patterns:
      - {regex: 'code (\d)(\d{3})'}
      - {regex: 'code (\d{4}x)'}
      - {regex: 'pin: \d{4}'}
      - {regex: 'key=(?:([a-z]{6})|([A-Z]{6}))', case_insensitive: false}
)");
  // The first pattern wins at "code 4821x": its first group is the value, not the second
  // pattern's "4821x".
  EXPECT_EQ(Find(scanner, "the code 4821x"), (std::vector<FoundHit>{{"secret", 9, "4"}}));
  EXPECT_EQ(Find(scanner, "pin: 4821 and key=QWERTY"),
            (std::vector<FoundHit>{{"secret", 0, "pin: 4821"}, {"secret", 18, "QWERTY"}}));
  EXPECT_EQ(Find(scanner, "key=qwerty"), (std::vector<FoundHit>{{"secret", 4, "qwerty"}}));
  EXPECT_TRUE(Find(scanner, "key=Qwerty").empty());
}

TEST(RuleLanguageTest, AllowListsOfTheRuleAndThePolicy) {
  Scanner scanner = MakeScanner(R"(id: p
allow: [{regex: '^NL\d\dINGB'}]
rules:
  - id: iban
    category: pii.iban
    patterns: [{regex: '\bNL\d\d[A-Z]{4}\d{10}\b'}]
    validator: iban
    allow: ['nl91abna0417164300']
)");
  EXPECT_TRUE(Find(scanner, "pay NL91ABNA0417164300").empty());  // rule literal, any case
  EXPECT_TRUE(Find(scanner, "pay NL20INGB0001234567").empty());  // policy regex
  EXPECT_EQ(Find(scanner, "pay NL44RABO0123456789").size(), 1u);
}

TEST(RuleLanguageTest, ATriggerFindsAMatchAroundIt) {
  Scanner scanner = MakeScanner(R"(id: p
rules:
  - id: mail
    category: pii.email
    patterns:
      - regex: '[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}'
        trigger: {regex: '[a-z0-9]@[a-z0-9]', before: 64, after: 255}
)");
  EXPECT_EQ(Find(scanner, "mail jan.de.vries@example.co.uk or not"),
            (std::vector<FoundHit>{{"mail", 5, "jan.de.vries@example.co.uk"}}));
  // Beyond the trigger's reach (64 bytes before the end of "a@e") the match is not looked for.
  const std::string far(80, 'a');
  EXPECT_EQ(Find(scanner, "x " + far + "@example.nl"),
            (std::vector<FoundHit>{{"mail", 20, std::string(62, 'a') + "@example.nl"}}));
}

constexpr char kScoped[] = R"(id: p
scope: {sources: [slack, teams]}
exceptions:
  - {community: payroll, rules: [p.iban]}
  - {author: U0HRBOT}
rules:
  - id: p.iban
    category: pii.iban
    patterns: [{regex: '\bNL\d\d[A-Z]{4}\d{10}\b'}]
    validator: iban
  - id: p.word
    category: ip.codename
    patterns: [{literal: bluebird}]
)";

TEST(RuleLanguageTest, ScopeAndExceptionsByContext) {
  Scanner scanner = MakeScanner(kScoped);
  const std::string text = "bluebird NL91ABNA0417164300";
  EXPECT_EQ(Find(scanner, text, {.source = "slack"}).size(), 2u);
  EXPECT_EQ(Find(scanner, text, {}).size(), 2u);  // unknown context: inside the scope
  EXPECT_TRUE(Find(scanner, text, {.source = "whatsapp"}).empty());
  // The payroll channel may carry IBANs, by id or by name; other rules still apply.
  EXPECT_EQ(Find(scanner, text, {.source = "slack", .community = "payroll"}),
            (std::vector<FoundHit>{{"p.word", 0, "bluebird"}}));
  EXPECT_EQ(Find(scanner, text, {.source = "slack", .community = "C1", .community_name = "payroll"})
                .size(),
            1u);
  EXPECT_TRUE(Find(scanner, text, {.source = "teams", .author = "U0HRBOT"}).empty());
}

TEST(RuleLanguageTest, LiteralsMatchWholeWordsOnly) {
  Scanner scanner = MakeScanner(R"(id: c
rules:
  - id: word
    category: conduct.profanity
    view: lexicon
    patterns: [{literal: cunt}, {literal: ass}]
)");
  for (const char* clean : {"Scunthorpe United", "my assistant", "first class", "Sussex"}) {
    EXPECT_TRUE(Find(scanner, clean).empty()) << clean;
  }
  EXPECT_EQ(Find(scanner, "what an ass.").size(), 1u);
}

TEST(RuleLanguageTest, LinesAnchorTheSameInBothStages) {
  Scanner scanner = MakeScanner(R"(id: c
rules:
  - id: include
    category: ip.source_code
    patterns: [{regex: '^#include <\w+(?:\.h)?>$'}]
)");
  EXPECT_EQ(Find(scanner, "look:\n#include <vector>\nint x;"),
            (std::vector<FoundHit>{{"include", 6, "#include <vector>"}}));
  EXPECT_TRUE(Find(scanner, "they wrote #include <vector> inline").empty());
}

TEST(RuleLanguageTest, ABatchGivesEachTextItsOwnHitsAndNothingAcrossTexts) {
  Scanner scanner = MakeScanner(kScoped);
  const std::vector<std::string_view> texts = {"bluebird", "",     "NL91ABNA0417164300 bluebird",
                                               "blue",     "bird", "nothing"};
  const std::vector<ScanContext> contexts = {
      {.source = "slack"}, {}, {.community = "payroll"}, {}, {}, {.author = "U0HRBOT"}};
  auto hits = scanner.ScanBatch(texts, contexts);
  ASSERT_TRUE(hits) << hits.error().ToString();
  std::vector<std::tuple<uint32_t, std::string, uint32_t>> found;
  for (const Hit& hit : *hits) {
    found.emplace_back(hit.item, scanner.rules().info(hit.rule).rule_id, hit.begin);
  }
  // "blue" + separator + "bird" never reads as one word; text 2's IBAN is excused.
  EXPECT_EQ(found, (std::vector<std::tuple<uint32_t, std::string, uint32_t>>{{0, "p.word", 0},
                                                                             {2, "p.word", 19}}));
  // Same answers as one text at a time.
  for (size_t i = 0; i < texts.size(); ++i) {
    auto alone = scanner.Scan(texts[i], contexts[i]);
    ASSERT_TRUE(alone);
    const auto expected = std::count_if(found.begin(), found.end(),
                                        [&](const auto& f) { return std::get<0>(f) == i; });
    EXPECT_EQ(static_cast<long>(alone->size()), expected) << i;
  }
}

TEST(RuleLanguageTest, ABatchLargerThanConfiguredIsRefused) {
  Scanner scanner = MakeScanner(kScoped, ScannerOptions{.max_batch = 2});
  const std::vector<std::string_view> texts = {"a", "b", "c"};
  auto hits = scanner.ScanBatch(texts);
  ASSERT_FALSE(hits);
  EXPECT_EQ(hits.error().message, "3 texts in one batch (at most 2)");
}

TEST(RuleLanguageTest, CompileNamesUnknownEvidenceRulesAndTooManyGroups) {
  testing::TempPolicies temp;
  auto policy = LoadPolicyFile(temp.Write("p.yaml", R"(id: p
rules:
  - id: p.r
    category: ip.codename
    patterns: [{literal: bluebird}]
    evidence: [{rule: p.nothing, window: 5}]
)"));
  ASSERT_TRUE(policy) << policy.error().ToString();
  auto rules = Compile({*policy});
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().line, 6);
  EXPECT_EQ(rules.error().message, "evidence: evidence names unknown rule 'p.nothing'");
  policy = LoadPolicyFile(temp.Write("q.yaml", R"(id: q
rules:
  - id: q.r
    category: ip.codename
    patterns: [{regex: '(a)(b)(c)(d)(e)(f)(g)(h)(i)'}]
)"));
  ASSERT_TRUE(policy) << policy.error().ToString();
  rules = Compile({*policy});
  ASSERT_FALSE(rules);
  EXPECT_NE(rules.error().message.find("9 capturing groups (at most 8)"), std::string::npos);
}

TEST(RuleLanguageTest, AWeakValidatorMustNotFlagWithoutEvidence) {
  testing::TempPolicies temp;
  auto policy = LoadPolicyFile(temp.Write("p.yaml", R"(id: p
rules:
  - id: p.bsn
    category: pii.nl_bsn
    patterns: [{regex: '\b\d{9}\b'}]
    validator: nl_bsn
)"));
  ASSERT_TRUE(policy) << policy.error().ToString();
  auto rules = Compile({*policy});
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().line, 3);
  EXPECT_NE(rules.error().message.find("validator 'nl_bsn' is weak"), std::string::npos)
      << rules.error().message;
  // A strong checksum stands alone.
  policy->rules[0].validator = "luhn";
  EXPECT_TRUE(Compile({*policy}));
}

TEST(RuleLanguageTest, LexiconRulesCatchEvasionsAndMapSpansBack) {
  Scanner scanner = MakeScanner(R"(id: o
rules:
  - id: app
    category: compliance.off_channel
    view: lexicon
    patterns: [{literal: 'WhatsApp'}, {literal: 'privénummer'}]
)");
  const std::string cyrillic = "via Wh\u0430ts\u0410pp?";  // Cyrillic a and A
  for (const std::string& text :
       {std::string("ga naar wh4tsapp"), std::string("W h a t s A p p pls"),
        std::string("Whats\u200bApp"), std::string("\uFF37hatsApp"), cyrillic,
        std::string("mijn PRIV\u00c9NUMMER")}) {
    auto hits = scanner.Scan(text);
    ASSERT_TRUE(hits) << text;
    ASSERT_EQ(hits->size(), 1u) << text;
    // The span covers the evasion as written, whole code points, nothing around it.
    const std::string_view span(text.data() + (*hits)[0].begin, (*hits)[0].end - (*hits)[0].begin);
    EXPECT_TRUE(span.ends_with("p") || span.ends_with("MMER")) << text << " -> " << span;
    EXPECT_TRUE(span.starts_with("W") || span.starts_with("w") || span.starts_with("\uFF37") ||
                span.starts_with("PRIV"))
        << text << " -> " << span;
  }
  // The text view keeps digits: a text rule never sees leetspeak folded.
  EXPECT_TRUE(Find(scanner, "whatsapp2024").empty());
  // In one batch, a text whose folding keeps each character's length ("É" -> "é") and
  // one whose folding does not ("ß" -> "ss") map their spans back alike.
  const std::string_view batch[] = {"Bel mijn PRIVÉNUMMER", "Große PRIVÉNUMMER"};
  auto hits = scanner.ScanBatch(batch);
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->size(), 2u);
  for (const Hit& hit : *hits) {
    EXPECT_EQ(batch[hit.item].substr(hit.begin, hit.end - hit.begin), "PRIVÉNUMMER");
  }
}

// With rules in both views, texts that are their own views (ASCII, "É" folded to "é") and
// texts that are not (an invisible space, "ß") share a batch and take each other's places in
// the next one; every span maps back to the text it was found in.
TEST(RuleLanguageTest, BatchesMixTextsThatAreTheirOwnViewsWithTextsThatAreNot) {
  Scanner scanner = MakeScanner(R"(id: o
rules:
  - id: app
    category: compliance.off_channel
    view: lexicon
    patterns: [{literal: 'privénummer'}]
  - id: word
    category: ip.confidential_marking
    patterns: [{literal: 'Geheim'}]
)");
  const std::string_view own = "ok PRIV\u00c9NUMMER, Geheim";
  const std::string_view other = "Gro\u00dfe\u200b PRIV\u00c9NUMMER, Geheim";
  const std::string_view plain = "mijn priv\u00e9nummer: Geheim";
  const std::vector<std::vector<std::string_view>> batches = {
      {own, other, plain}, {other, own, other}, {plain, plain, own}};
  for (const std::vector<std::string_view>& batch : batches) {
    auto hits = scanner.ScanBatch(batch);
    ASSERT_TRUE(hits);
    ASSERT_EQ(hits->size(), 2 * batch.size());
    for (const Hit& hit : *hits) {
      const std::string_view span = batch[hit.item].substr(hit.begin, hit.end - hit.begin);
      EXPECT_TRUE(span == "Geheim" || span == "PRIV\u00c9NUMMER" || span == "priv\u00e9nummer")
          << batch[hit.item] << " -> " << span;
    }
  }
}

TEST(RuleLanguageTest, CodenamesComeFromAPlainFile) {
  testing::TempPolicies temp;
  auto policy = LoadPolicyFile(temp.Write("ip.yaml", R"(id: ip
rules:
  - id: ip.codename
    category: ip.codename
    view: lexicon
    patterns: [{literal: holdfast-placeholder-codename}]
)"));
  ASSERT_TRUE(policy) << policy.error().ToString();
  std::vector<Policy> policies = {*policy};
  const auto terms =
      temp.Write("codenames.txt", "# our projects\nBluefin\n\n  Operatie Zeearend \n");
  ASSERT_TRUE(AddCodenames(policies, terms));
  auto rules = Compile(policies);
  ASSERT_TRUE(rules) << rules.error().ToString();
  auto scanner = Scanner::Create(*rules);
  ASSERT_TRUE(scanner);
  EXPECT_EQ(Find(*scanner, "status of bluefin and operatie zeearend?").size(), 2u);
  EXPECT_TRUE(Find(*scanner, "bluefinch").empty());
  // A term too long to be a name is refused with its line.
  const auto bad = temp.Write("bad.txt", "ok\n" + std::string(201, 'n') + "\n");
  auto added = AddCodenames(policies, bad);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().line, 2);
}

}  // namespace
}  // namespace holdfast::rules
