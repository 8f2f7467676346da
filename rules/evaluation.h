// Measures a rule set against a labelled evaluation set (tests/quality/eval.jsonl): per
// category, how many labelled posts it finds (recall) and how many of its findings are right
// (precision). This is what the quality threshold test and holdfast-bench-quality run.
//
// Scoring is per post and category: a post is predicted to hold category c when any confirmed
// hit's rule has category c, and is labelled with c when its "labels" list c. Each (post, c)
// pair then counts once as a true positive, a false positive or a false negative, however
// many hits the post has.
//
// The evaluation file is JSONL, one post per line:
//   {"id": "q0001", "lang": "en", "text": "...", "labels": ["pii.iban"], "tags": ["obfuscated"],
//    "source": "slack", "community": "C-general", "author": "U123"}
// id and text are required; labels (each one of Categories()) and tags (each one of
// EvaluationTags()) default to empty; lang, source, community and author are optional.
// Thread safety: functions; safe to call from any thread. Values are plain data.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/rule_set.h"

namespace holdfast::rules {

// One post of the evaluation set. source, community and author are kept for when the Scanner
// takes a post's context; today only text is scanned.
struct LabelledPost {
  std::string id;
  std::string text;
  std::string lang;
  std::string source;
  std::string community;
  std::string author;
  std::vector<std::string> labels;  // categories the post holds; empty for a clean post
  std::vector<std::string> tags;    // from EvaluationTags()
  int line = 0;                     // 1-based line in the JSONL file
};

// The tags a post may carry: clean, hard_negative (looks like a category but is not),
// obfuscated (disguised on purpose), mention (talks about a thing instead of holding it),
// multi (holds more than one category).
const std::vector<std::string_view>& EvaluationTags();

// Reads a JSONL evaluation set. Blank lines are skipped. Errors name the file and the line:
// invalid JSON, a missing or non-string id or text, an id used twice, a label that is not
// one of Categories() or is listed twice, a tag that is not one of EvaluationTags().
[[nodiscard]] tl::expected<std::vector<LabelledPost>, Error> LoadLabelledPosts(
    const std::filesystem::path& jsonl);

// Counts for one category, or for a sum of categories.
// Ratios with a zero denominator are defined so that a category is not penalised for what it
// had no chance to get wrong: precision is 1.0 when nothing was predicted (no wrong claims),
// recall is 1.0 when nothing was labelled (nothing to miss), so a category with neither
// scores 1.0 on both. F1 is 0.0 when precision and recall are both 0.
struct CategoryScore {
  std::string category;
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;

  int labelled() const { return true_positives + false_negatives; }
  int predicted() const { return true_positives + false_positives; }
  double precision() const;
  double recall() const;
  double f1() const;
};

// A post scored wrongly for one category.
struct EvaluationMiss {
  std::string post_id;
  std::string category;
  bool false_positive = false;  // true: predicted, not labelled; false: labelled, not found
  std::string text;             // the post text as scanned (NFC)
  std::string rule_id;          // false positives: the first rule that hit; else empty
  std::string matched;          // false positives: that hit's text; else empty
};

// Counts over the posts carrying one tag. The category counts are summed over all categories
// of those posts; posts_with_false_positive counts posts that had at least one.
struct TagScore {
  std::string tag;
  int posts = 0;
  int posts_with_false_positive = 0;
  CategoryScore totals;  // category is the tag name

  // Share of this tag's posts with a prediction they were not labelled with (0 when no posts).
  double false_positive_rate() const;
};

struct Evaluation {
  int posts = 0;
  // One per category, in Categories() order, for each category with a label or a prediction.
  std::vector<CategoryScore> categories;
  // In post order, then category order.
  std::vector<EvaluationMiss> misses;
  // One per tag in EvaluationTags() order that some post carries.
  std::vector<TagScore> tags;
  int scans_truncated = 0;  // posts whose scan filled the Scanner's hit buffer

  // Micro-average: the sum of every category's counts, category "all".
  CategoryScore Total() const;
};

// Scans every post's text, normalized with NormalizeNfc as the engine normalizes posts, with
// one Scanner over `rules`, and scores the hits against the labels.
// REQUIRES: rules is not null. Errors: the Scanner cannot be created, or a scan fails
// (the message names the post id).
[[nodiscard]] tl::expected<Evaluation, Error> Evaluate(const std::shared_ptr<const RuleSet>& rules,
                                                       const std::vector<LabelledPost>& posts);

}  // namespace holdfast::rules
