#include "rules/evaluation.h"

#include <gtest/gtest.h>

#include "temp_policies.h"

namespace holdfast::rules {
namespace {

using testing::CompileYaml;
using testing::TempPolicies;

constexpr char kPolicy[] = R"(id: t
rules:
  - id: t.card
    category: pii.credit_card
    patterns: [{regex: '\b4\d{15}\b'}]
    validator: luhn
  - id: t.swear
    category: conduct.profanity
    patterns: [{literal: 'darn'}]
  - id: t.codename
    category: ip.codename
    patterns: [{literal: 'café'}]
)";

LabelledPost Post(std::string id, std::string text, std::vector<std::string> labels,
                  std::vector<std::string> tags = {}) {
  LabelledPost post;
  post.id = std::move(id);
  post.text = std::move(text);
  post.labels = std::move(labels);
  post.tags = std::move(tags);
  return post;
}

// card: 2 found, 1 missed (Luhn-invalid); profanity: 1 right, 1 wrong; email: 1 missed and
// no rule for it; codename: none labelled, none found.
std::vector<LabelledPost> SmallSet() {
  return {
      Post("p1", "card 4111111111111111", {"pii.credit_card"}),
      Post("p2", "card 4111111111111112", {"pii.credit_card"}, {"obfuscated"}),
      Post("p3", "oh darn it", {}, {"hard_negative"}),
      Post("p4", "darn, card 4111111111111111", {"pii.credit_card", "conduct.profanity"},
           {"multi"}),
      Post("p5", "hello there", {}, {"clean"}),
      Post("p6", "mail me", {"pii.email"}),
  };
}

const CategoryScore* Find(const Evaluation& evaluation, std::string_view category) {
  for (const CategoryScore& score : evaluation.categories) {
    if (score.category == category) {
      return &score;
    }
  }
  return nullptr;
}

const TagScore* FindTag(const Evaluation& evaluation, std::string_view tag) {
  for (const TagScore& score : evaluation.tags) {
    if (score.tag == tag) {
      return &score;
    }
  }
  return nullptr;
}

TEST(EvaluationTest, CountsEachPostAndCategoryOnce) {
  auto evaluation = Evaluate(CompileYaml(kPolicy), SmallSet());
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();
  EXPECT_EQ(evaluation->posts, 6);
  const CategoryScore* card = Find(*evaluation, "pii.credit_card");
  ASSERT_NE(card, nullptr);
  EXPECT_EQ(card->true_positives, 2);
  EXPECT_EQ(card->false_positives, 0);
  EXPECT_EQ(card->false_negatives, 1);
  EXPECT_DOUBLE_EQ(card->precision(), 1.0);
  EXPECT_DOUBLE_EQ(card->recall(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(card->f1(), 0.8);
  const CategoryScore* swear = Find(*evaluation, "conduct.profanity");
  ASSERT_NE(swear, nullptr);
  EXPECT_EQ(swear->true_positives, 1);
  EXPECT_EQ(swear->false_positives, 1);
  EXPECT_EQ(swear->false_negatives, 0);
  EXPECT_DOUBLE_EQ(swear->precision(), 0.5);
  EXPECT_DOUBLE_EQ(swear->recall(), 1.0);
  EXPECT_DOUBLE_EQ(swear->f1(), 2.0 / 3.0);
}

TEST(EvaluationTest, ListsCategoriesWithALabelOrAPredictionInTaxonomyOrder) {
  auto evaluation = Evaluate(CompileYaml(kPolicy), SmallSet());
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();
  std::vector<std::string> names;
  for (const CategoryScore& score : evaluation->categories) {
    names.push_back(score.category);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"pii.credit_card", "pii.email", "conduct.profanity"}));
}

TEST(EvaluationTest, ScoresALabelledCategoryWithoutPredictionsAsPrecisionOneRecallZero) {
  auto evaluation = Evaluate(CompileYaml(kPolicy), SmallSet());
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();
  const CategoryScore* email = Find(*evaluation, "pii.email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->false_negatives, 1);
  EXPECT_DOUBLE_EQ(email->precision(), 1.0);
  EXPECT_DOUBLE_EQ(email->recall(), 0.0);
  EXPECT_DOUBLE_EQ(email->f1(), 0.0);
}

TEST(EvaluationTest, DefinesZeroOverZeroAsPerfectAndAllWrongAsZero) {
  const CategoryScore nothing{"x"};
  EXPECT_DOUBLE_EQ(nothing.precision(), 1.0);
  EXPECT_DOUBLE_EQ(nothing.recall(), 1.0);
  EXPECT_DOUBLE_EQ(nothing.f1(), 1.0);
  const CategoryScore all_wrong{"x", 0, 2, 3};
  EXPECT_DOUBLE_EQ(all_wrong.precision(), 0.0);
  EXPECT_DOUBLE_EQ(all_wrong.recall(), 0.0);
  EXPECT_DOUBLE_EQ(all_wrong.f1(), 0.0);
}

TEST(EvaluationTest, MicroAveragesTheTotals) {
  auto evaluation = Evaluate(CompileYaml(kPolicy), SmallSet());
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();
  const CategoryScore total = evaluation->Total();
  EXPECT_EQ(total.category, "all");
  EXPECT_EQ(total.true_positives, 3);
  EXPECT_EQ(total.false_positives, 1);
  EXPECT_EQ(total.false_negatives, 2);
  EXPECT_DOUBLE_EQ(total.precision(), 0.75);
  EXPECT_DOUBLE_EQ(total.recall(), 0.6);
}

TEST(EvaluationTest, ReportsEveryMissWithTheRuleAndTextOfAFalsePositive) {
  auto evaluation = Evaluate(CompileYaml(kPolicy), SmallSet());
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();
  ASSERT_EQ(evaluation->misses.size(), 3u);
  const EvaluationMiss& missed_card = evaluation->misses[0];
  EXPECT_EQ(missed_card.post_id, "p2");
  EXPECT_EQ(missed_card.category, "pii.credit_card");
  EXPECT_FALSE(missed_card.false_positive);
  EXPECT_EQ(missed_card.text, "card 4111111111111112");
  EXPECT_EQ(missed_card.rule_id, "");
  const EvaluationMiss& wrong_swear = evaluation->misses[1];
  EXPECT_EQ(wrong_swear.post_id, "p3");
  EXPECT_EQ(wrong_swear.category, "conduct.profanity");
  EXPECT_TRUE(wrong_swear.false_positive);
  EXPECT_EQ(wrong_swear.rule_id, "t.swear");
  EXPECT_EQ(wrong_swear.matched, "darn");
  EXPECT_EQ(evaluation->misses[2].post_id, "p6");
  EXPECT_EQ(evaluation->misses[2].category, "pii.email");
}

TEST(EvaluationTest, CountsPerTag) {
  auto evaluation = Evaluate(CompileYaml(kPolicy), SmallSet());
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();
  std::vector<std::string> tags;
  for (const TagScore& score : evaluation->tags) {
    tags.push_back(score.tag);
  }
  EXPECT_EQ(tags, (std::vector<std::string>{"clean", "hard_negative", "obfuscated", "multi"}));
  const TagScore* hard = FindTag(*evaluation, "hard_negative");
  ASSERT_NE(hard, nullptr);
  EXPECT_EQ(hard->posts, 1);
  EXPECT_EQ(hard->posts_with_false_positive, 1);
  EXPECT_DOUBLE_EQ(hard->false_positive_rate(), 1.0);
  const TagScore* clean = FindTag(*evaluation, "clean");
  ASSERT_NE(clean, nullptr);
  EXPECT_DOUBLE_EQ(clean->false_positive_rate(), 0.0);
  const TagScore* obfuscated = FindTag(*evaluation, "obfuscated");
  ASSERT_NE(obfuscated, nullptr);
  EXPECT_EQ(obfuscated->totals.false_negatives, 1);
  EXPECT_DOUBLE_EQ(obfuscated->totals.recall(), 0.0);
  const TagScore* multi = FindTag(*evaluation, "multi");
  ASSERT_NE(multi, nullptr);
  EXPECT_EQ(multi->totals.true_positives, 2);
}

TEST(EvaluationTest, ScansTheNfcFormOfEachPost) {
  // "cafe" + U+0301 COMBINING ACUTE ACCENT is "café" once composed.
  auto evaluation =
      Evaluate(CompileYaml(kPolicy), {Post("n1", "cafe\xCC\x81 plans", {"ip.codename"})});
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();
  ASSERT_EQ(evaluation->categories.size(), 1u);
  EXPECT_EQ(evaluation->categories[0].true_positives, 1);
}

TEST(EvaluationTest, RejectsAPostBuiltWithAnUnknownCategory) {
  LabelledPost post = Post("x9", "hello", {"pii.nope"});
  post.line = 4;
  auto evaluation = Evaluate(CompileYaml(kPolicy), {post});
  ASSERT_FALSE(evaluation);
  EXPECT_EQ(evaluation.error().line, 4);
  EXPECT_EQ(evaluation.error().message, "post x9: unknown category 'pii.nope'");
}

class LoadLabelledPostsTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& jsonl) { return temp_.Write("eval.jsonl", jsonl); }

  // Loads `jsonl` and returns the error it must produce.
  Error LoadError(const std::string& jsonl) {
    auto posts = LoadLabelledPosts(Write(jsonl));
    EXPECT_FALSE(posts.has_value()) << "expected an error";
    return posts ? Error{} : posts.error();
  }

  TempPolicies temp_;
};

TEST_F(LoadLabelledPostsTest, ReadsEveryField) {
  auto posts = LoadLabelledPosts(Write(
      R"({"id": "q1", "lang": "nl", "text": "IBAN NL91ABNA0417164300", "labels": ["pii.iban"],)"
      R"( "tags": ["multi", "obfuscated"], "source": "teams", "community": "T-fin", "author": "U7"})"
      "\n"));
  ASSERT_TRUE(posts) << posts.error().ToString();
  ASSERT_EQ(posts->size(), 1u);
  const LabelledPost& post = (*posts)[0];
  EXPECT_EQ(post.id, "q1");
  EXPECT_EQ(post.lang, "nl");
  EXPECT_EQ(post.text, "IBAN NL91ABNA0417164300");
  EXPECT_EQ(post.labels, (std::vector<std::string>{"pii.iban"}));
  EXPECT_EQ(post.tags, (std::vector<std::string>{"multi", "obfuscated"}));
  EXPECT_EQ(post.source, "teams");
  EXPECT_EQ(post.community, "T-fin");
  EXPECT_EQ(post.author, "U7");
  EXPECT_EQ(post.line, 1);
}

TEST_F(LoadLabelledPostsTest, SkipsBlankLinesAndKeepsLineNumbers) {
  auto posts = LoadLabelledPosts(
      Write("{\"id\": \"a\", \"text\": \"x\"}\r\n\n   \n{\"id\": \"b\", \"text\": \"y\"}"));
  ASSERT_TRUE(posts) << posts.error().ToString();
  ASSERT_EQ(posts->size(), 2u);
  EXPECT_EQ((*posts)[0].text, "x");
  EXPECT_TRUE((*posts)[0].labels.empty());
  EXPECT_EQ((*posts)[1].line, 4);
}

TEST_F(LoadLabelledPostsTest, NamesTheFileAndLineOfAPostWithoutText) {
  const Error error =
      LoadError("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"labels\": []}\n");
  EXPECT_EQ(error.file, (temp_.dir() / "eval.jsonl").string());
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.message, "missing \"text\" (a string)");
}

TEST_F(LoadLabelledPostsTest, RejectsAnUnknownCategory) {
  const Error error = LoadError("{\"id\": \"a\", \"text\": \"x\", \"labels\": [\"pii.bsn\"]}\n");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.message, "unknown category 'pii.bsn' in \"labels\"");
}

TEST_F(LoadLabelledPostsTest, RejectsInvalidJson) {
  const Error error = LoadError("{\"id\": \"a\", \"text\": \"x\"}\n\n{\"id\": \"b\", \"text\": \n");
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.message, "invalid JSON");
}

TEST_F(LoadLabelledPostsTest, RejectsALineThatIsNotAnObject) {
  EXPECT_EQ(LoadError("[1, 2]\n").message, "expected a JSON object");
}

TEST_F(LoadLabelledPostsTest, RejectsAnUnknownTag) {
  EXPECT_EQ(LoadError("{\"id\": \"a\", \"text\": \"x\", \"tags\": [\"hard-negative\"]}").message,
            "unknown tag 'hard-negative' in \"tags\"");
}

TEST_F(LoadLabelledPostsTest, RejectsALabelListedTwice) {
  EXPECT_EQ(LoadError("{\"id\": \"a\", \"text\": \"x\", \"labels\": [\"pii.iban\", \"pii.iban\"]}")
                .message,
            "'pii.iban' listed twice in \"labels\"");
}

TEST_F(LoadLabelledPostsTest, RejectsFieldsOfTheWrongType) {
  EXPECT_EQ(LoadError("{\"id\": \"a\", \"text\": \"x\", \"labels\": \"pii.iban\"}").message,
            "\"labels\" must be a list of strings");
  EXPECT_EQ(LoadError("{\"id\": \"a\", \"text\": \"x\", \"lang\": 3}").message,
            "\"lang\" must be a string");
  EXPECT_EQ(LoadError("{\"id\": 7, \"text\": \"x\"}").message, "missing \"id\" (a string)");
}

TEST_F(LoadLabelledPostsTest, RejectsAnIdUsedTwice) {
  const Error error =
      LoadError("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.message, "id 'a' already used on line 1");
}

TEST_F(LoadLabelledPostsTest, NamesAMissingFile) {
  auto posts = LoadLabelledPosts(temp_.dir() / "nope.jsonl");
  ASSERT_FALSE(posts);
  EXPECT_EQ(posts.error().file, (temp_.dir() / "nope.jsonl").string());
  EXPECT_EQ(posts.error().message, "cannot open the evaluation set");
}

}  // namespace
}  // namespace holdfast::rules
