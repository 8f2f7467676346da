// holdfast-bench-quality: how well the policies find what the labelled evaluation set
// (tests/quality/eval.jsonl) says is there. Prints, per category, the labelled posts, true and
// false positives, false negatives, precision, recall, F1 and whether the 0.95 targets are
// met; then micro-averaged totals, per-tag figures (obfuscated recall, false-positive rates of
// hard negatives and clean posts) and the scan time. It is a report: it exits 0 whatever the
// scores, and 1 only when the inputs do not load (tests/rules/quality_thresholds_test.cc
// enforces the targets).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rules/evaluation.h"
#include "rules/policy.h"
#include "rules/rule_set.h"

namespace holdfast::tools::bench {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr double kTarget = 0.95;

struct Args {
  std::vector<std::string> policies;  // empty: the shipped policies
  std::string codenames = HOLDFAST_QUALITY_DIR "/codenames.txt";
  std::string eval = HOLDFAST_QUALITY_DIR "/eval.jsonl";
  bool misses = false;
  bool json = false;
  std::string half = "all";  // all | tune | holdout
};

// The posts of one half of the set: tuning looks only at even-numbered posts ("q0002"), so the
// odd-numbered ones stay a held-out measure of rules that were tuned on the set.
std::vector<rules::LabelledPost> HalfOf(std::vector<rules::LabelledPost> posts,
                                        const std::string& half) {
  if (half == "all") {
    return posts;
  }
  const bool want_even = half == "tune";
  std::erase_if(posts, [&](const rules::LabelledPost& post) {
    const char last = post.id.empty() ? '0' : post.id.back();
    const bool even = last >= '0' && last <= '9' && (last - '0') % 2 == 0;
    return even != want_even;
  });
  return posts;
}

struct Report {
  rules::Evaluation evaluation;
  size_t policies = 0;
  uint32_t rules = 0;
  double compile_seconds = 0;
  double scan_seconds = 0;
};

bool TargetMet(const rules::CategoryScore& score) {
  return score.precision() >= kTarget && score.recall() >= kTarget;
}

tl::expected<Report, std::string> Run(const Args& args) {
  std::vector<std::filesystem::path> paths(args.policies.begin(), args.policies.end());
  if (paths.empty()) {
    paths.emplace_back(HOLDFAST_POLICY_DIR);
  }
  auto policies = rules::LoadPolicies(paths);
  if (!policies) {
    return tl::unexpected("policies: " + policies.error().ToString());
  }
  if (auto added = rules::AddCodenames(*policies, args.codenames); !added) {
    return tl::unexpected("codenames: " + added.error().ToString());
  }
  Report report;
  report.policies = policies->size();
  const auto compile_start = Clock::now();
  auto rule_set = rules::Compile(std::move(*policies));
  report.compile_seconds = std::chrono::duration<double>(Clock::now() - compile_start).count();
  if (!rule_set) {
    return tl::unexpected("rules::Compile: " + rule_set.error().ToString());
  }
  report.rules = (*rule_set)->size();
  auto posts = rules::LoadLabelledPosts(args.eval);
  if (!posts) {
    return tl::unexpected("evaluation set: " + posts.error().ToString());
  }
  *posts = HalfOf(std::move(*posts), args.half);
  const auto scan_start = Clock::now();
  auto evaluation = rules::Evaluate(*rule_set, *posts);
  report.scan_seconds = std::chrono::duration<double>(Clock::now() - scan_start).count();
  if (!evaluation) {
    return tl::unexpected("evaluate: " + evaluation.error().ToString());
  }
  report.evaluation = std::move(*evaluation);
  return report;
}

void PrintRow(const rules::CategoryScore& score, const char* target) {
  std::printf("%-28s %8d %5d %5d %5d %9.3f %7.3f %6.3f  %s\n", score.category.c_str(),
              score.labelled(), score.true_positives, score.false_positives, score.false_negatives,
              score.precision(), score.recall(), score.f1(), target);
}

const rules::TagScore* FindTag(const rules::Evaluation& evaluation, std::string_view tag) {
  for (const rules::TagScore& score : evaluation.tags) {
    if (score.tag == tag) {
      return &score;
    }
  }
  return nullptr;
}

void PrintText(const Args& args, const Report& report) {
  const rules::Evaluation& evaluation = report.evaluation;
  std::printf("holdfast-bench-quality: %d posts from %s\n", evaluation.posts, args.eval.c_str());
  std::printf("policies: %zu policies, %u rules (compiled in %.1f ms); codenames: %s\n\n",
              report.policies, report.rules, report.compile_seconds * 1e3, args.codenames.c_str());
  std::printf("%-28s %8s %5s %5s %5s %9s %7s %6s  %s\n", "category", "labelled", "TP", "FP", "FN",
              "precision", "recall", "F1", "target met? (P and R >= 0.95)");
  int met = 0;
  for (const rules::CategoryScore& score : evaluation.categories) {
    met += TargetMet(score) ? 1 : 0;
    PrintRow(score, TargetMet(score) ? "yes" : "NO");
  }
  std::printf("\n");
  PrintRow(evaluation.Total(), "(micro-average)");
  std::printf("categories meeting the target: %d of %zu\n\n", met, evaluation.categories.size());
  std::printf("per tag:\n");
  if (const rules::TagScore* tag = FindTag(evaluation, "obfuscated")) {
    std::printf("  %-34s %6.3f  (%d of %d labels in %d posts)\n", "obfuscated recall",
                tag->totals.recall(), tag->totals.true_positives, tag->totals.labelled(),
                tag->posts);
  }
  for (const char* name : {"hard_negative", "clean", "mention"}) {
    if (const rules::TagScore* tag = FindTag(evaluation, name)) {
      std::printf("  %-34s %6.3f  (%d of %d posts)\n",
                  (std::string(name) + " false-positive rate").c_str(), tag->false_positive_rate(),
                  tag->posts_with_false_positive, tag->posts);
    }
  }
  if (const rules::TagScore* tag = FindTag(evaluation, "multi")) {
    std::printf("  %-34s %6.3f  (%d posts)\n", "multi recall", tag->totals.recall(), tag->posts);
  }
  std::printf("\nscan: %.1f ms for %d posts (%.1f us per post, one thread, NFC included)",
              report.scan_seconds * 1e3, evaluation.posts,
              evaluation.posts > 0 ? report.scan_seconds * 1e6 / evaluation.posts : 0.0);
  if (evaluation.scans_truncated > 0) {
    std::printf("; %d scans hit the hit-buffer limit", evaluation.scans_truncated);
  }
  std::printf("\n");
  if (!args.misses) {
    return;
  }
  std::printf("\nmisses (%zu):\n", evaluation.misses.size());
  for (const rules::EvaluationMiss& miss : evaluation.misses) {
    std::string text = miss.text;
    for (char& c : text) {
      c = c == '\n' ? ' ' : c;
    }
    std::printf("%s %s %-26s", miss.post_id.c_str(), miss.false_positive ? "FP" : "FN",
                miss.category.c_str());
    if (miss.false_positive) {
      std::printf(" [%s: '%s']", miss.rule_id.c_str(), miss.matched.c_str());
    }
    std::printf(" %s\n", text.c_str());
  }
}

json ScoreJson(const rules::CategoryScore& score) {
  return {{"category", score.category},    {"labelled", score.labelled()},
          {"tp", score.true_positives},    {"fp", score.false_positives},
          {"fn", score.false_negatives},   {"precision", score.precision()},
          {"recall", score.recall()},      {"f1", score.f1()},
          {"target_met", TargetMet(score)}};
}

void PrintJson(const Args& args, const Report& report) {
  const rules::Evaluation& evaluation = report.evaluation;
  json out = {{"eval", args.eval},
              {"posts", evaluation.posts},
              {"policies", report.policies},
              {"rules", report.rules},
              {"target", kTarget},
              {"categories", json::array()},
              {"total", ScoreJson(evaluation.Total())},
              {"tags", json::array()},
              {"scan_seconds", report.scan_seconds},
              {"compile_seconds", report.compile_seconds},
              {"scans_truncated", evaluation.scans_truncated}};
  for (const rules::CategoryScore& score : evaluation.categories) {
    out["categories"].push_back(ScoreJson(score));
  }
  for (const rules::TagScore& tag : evaluation.tags) {
    out["tags"].push_back({{"tag", tag.tag},
                           {"posts", tag.posts},
                           {"posts_with_false_positive", tag.posts_with_false_positive},
                           {"false_positive_rate", tag.false_positive_rate()},
                           {"recall", tag.totals.recall()},
                           {"tp", tag.totals.true_positives},
                           {"fp", tag.totals.false_positives},
                           {"fn", tag.totals.false_negatives}});
  }
  if (args.misses) {
    out["misses"] = json::array();
    for (const rules::EvaluationMiss& miss : evaluation.misses) {
      out["misses"].push_back({{"id", miss.post_id},
                               {"category", miss.category},
                               {"kind", miss.false_positive ? "FP" : "FN"},
                               {"rule", miss.rule_id},
                               {"matched", miss.matched},
                               {"text", miss.text}});
    }
  }
  std::printf("%s\n", out.dump(2, ' ', false, json::error_handler_t::replace).c_str());
}

}  // namespace
}  // namespace holdfast::tools::bench

int main(int argc, char** argv) {
  holdfast::tools::bench::Args args;
  CLI::App app{"Precision and recall of the policies on the labelled evaluation set"};
  app.add_option("--policies", args.policies,
                 "policy folder or file, repeatable (default: the shipped policies)");
  app.add_option("--codenames", args.codenames, "codename list, one term per line");
  app.add_option("--eval", args.eval, "labelled evaluation set (JSONL)");
  app.add_flag("--misses", args.misses, "list every miss: post id, category, FP/FN and the text");
  app.add_flag("--json", args.json, "print the report as JSON");
  app.add_option("--half", args.half,
                 "all posts, or the even-numbered half rules are tuned on (tune), or the "
                 "odd-numbered half kept out of tuning (holdout)")
      ->check(CLI::IsMember({"all", "tune", "holdout"}));
  CLI11_PARSE(app, argc, argv);
  auto report = holdfast::tools::bench::Run(args);
  if (!report) {
    std::fprintf(stderr, "holdfast-bench-quality: %s\n", report.error().c_str());
    return 1;
  }
  if (args.json) {
    holdfast::tools::bench::PrintJson(args, *report);
  } else {
    holdfast::tools::bench::PrintText(args, *report);
  }
  return 0;
}
