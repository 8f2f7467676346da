// The shipped policies against the labelled evaluation set (tests/quality/eval.jsonl, written
// from the labelling guide in tests/quality/README.md, blind to the rules): every category
// must reach precision >= 0.95 and recall >= 0.95. On failure it prints the per-category table
// and every miss; tools/bench-quality prints the same report without failing.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rules/evaluation.h"
#include "rules/policy.h"
#include "rules/rule_set.h"

namespace holdfast::rules {
namespace {

const std::filesystem::path kSource(HOLDFAST_SOURCE_DIR);
const std::filesystem::path kPolicies = kSource / "policies";
const std::filesystem::path kQuality = kSource / "tests" / "quality";
constexpr double kTarget = 0.95;  // the message below says 0.95 too

std::string Table(const Evaluation& evaluation) {
  std::string out = "category                      labelled    TP    FP    FN  precision  recall\n";
  char row[160];
  for (const CategoryScore& score : evaluation.categories) {
    std::snprintf(row, sizeof row, "%-28s %9d %5d %5d %5d %10.3f %7.3f%s\n", score.category.c_str(),
                  score.labelled(), score.true_positives, score.false_positives,
                  score.false_negatives, score.precision(), score.recall(),
                  score.precision() >= kTarget && score.recall() >= kTarget ? "" : "  <- below");
    out += row;
  }
  return out;
}

std::string Misses(const Evaluation& evaluation) {
  std::string out;
  for (const EvaluationMiss& miss : evaluation.misses) {
    std::string text = miss.text.substr(0, 160);
    for (char& c : text) {
      c = c == '\n' ? ' ' : c;
    }
    out += miss.post_id + " " + (miss.false_positive ? "FP " : "FN ") + miss.category;
    if (miss.false_positive) {
      out += " (" + miss.rule_id + ": '" + miss.matched + "')";
    }
    out += " | " + text + "\n";
  }
  return out;
}

// Labelled posts per category of a set; every category is present, with 0 if unlabelled.
std::map<std::string, int> LabelsPerCategory(const std::vector<LabelledPost>& posts) {
  std::map<std::string, int> labels;
  for (const std::string_view category : Categories()) {
    labels[std::string(category)] = 0;
  }
  for (const LabelledPost& post : posts) {
    for (const std::string& label : post.labels) {
      ++labels[label];
    }
  }
  return labels;
}

TEST(QualitySetTest, HoldsTwelveHundredPostsAndFifteenPositivesPerLabelledCategory) {
  auto posts = LoadLabelledPosts(kQuality / "eval.jsonl");
  ASSERT_TRUE(posts) << posts.error().ToString();
  EXPECT_GE(posts->size(), 1200u);
  for (const auto& [category, count] : LabelsPerCategory(*posts)) {
    if (count > 0) {
      EXPECT_GE(count, 15) << category;
    }
  }
}

// The blind set (tests/quality/README.md) is reported, not enforced: it measures how the rules
// do on posts their authors never saw. It must stay loadable and cover every category.
TEST(QualitySetTest, BlindSetLoadsAndLabelsEveryCategoryFifteenTimesOrMore) {
  auto posts = LoadLabelledPosts(kQuality / "blind.jsonl");
  ASSERT_TRUE(posts) << posts.error().ToString();
  EXPECT_GE(posts->size(), 1000u);
  for (const auto& [category, count] : LabelsPerCategory(*posts)) {
    EXPECT_GE(count, 15) << category;
  }
}

// Categories that do not yet reach the 0.95 target on this set, with the precision and recall
// they reached. Every other category must meet the target; these must not fall below what
// they reached. Empty since every category met it; a category may only be listed here with a
// closing note that says why it fell short.
const std::map<std::string, std::pair<double, double>> kKnownShortfalls = {};

TEST(QualityThresholdsTest, ShippedPoliciesReachPrecisionAndRecallTargetsPerCategory) {
  auto policies = LoadPolicies({kPolicies});
  ASSERT_TRUE(policies) << policies.error().ToString();
  auto added = AddCodenames(*policies, kQuality / "codenames.txt");
  ASSERT_TRUE(added) << added.error().ToString();
  auto rules = Compile(std::move(*policies));
  ASSERT_TRUE(rules) << rules.error().ToString();
  auto posts = LoadLabelledPosts(kQuality / "eval.jsonl");
  ASSERT_TRUE(posts) << posts.error().ToString();
  auto evaluation = Evaluate(*rules, *posts);
  ASSERT_TRUE(evaluation) << evaluation.error().ToString();

  std::string below;
  std::string regressed;
  for (const CategoryScore& score : evaluation->categories) {
    const auto known = kKnownShortfalls.find(score.category);
    if (known == kKnownShortfalls.end()) {
      if (score.precision() < kTarget || score.recall() < kTarget) {
        below += " " + score.category;
      }
      continue;
    }
    // A category listed short of the target must not fall below what it reached, and must
    // leave the list once it meets the target.
    const auto [precision, recall] = known->second;
    if (score.precision() + 1e-9 < precision || score.recall() + 1e-9 < recall) {
      regressed += " " + score.category;
    }
    if (score.precision() >= kTarget && score.recall() >= kTarget) {
      below += " " + score.category + "(met: remove it from kKnownShortfalls)";
    }
  }
  EXPECT_EQ(below, "") << "categories below precision or recall 0.95:\n"
                       << Table(*evaluation) << "\nmisses:\n"
                       << Misses(*evaluation);
  EXPECT_EQ(regressed, "") << "categories below their recorded shortfall:\n"
                           << Table(*evaluation) << "\nmisses:\n"
                           << Misses(*evaluation);
}

}  // namespace
}  // namespace holdfast::rules
