// holdfast-bench-scan: how fast holdfast::rules::Scanner scans chat posts against a policy
// folder, beside RE2::Set over the same patterns (the baseline), Hyperscan alone on the
// Scanner's own first-stage expressions over one large buffer (the library's ceiling) and
// per-pattern RE2 and PCRE2-JIT loops (what a naive scanner does), all in one run on one
// generated corpus; then the cost of a large codename list at compile and at scan time.
// Each measurement runs --runs times, in rounds of one run of each, and reports the median. It
// measures the scanner as it is: nothing here tunes it, and every engine is built from what the
// compiled RuleSet reports.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rules/policy.h"
#include "rules/rule_set.h"
#include "rules/scanner.h"
#include "tools/bench/bench_table.h"
#include "tools/bench/codename_bench.h"
#include "tools/bench/engines.h"
#include "tools/bench/scan_corpus.h"
#include "tools/bench/scanner_runs.h"
#include "tools/bench/trigger_profile.h"
#ifdef HOLDFAST_BENCH_PCRE2
#include "tools/bench/pcre2_loop.h"
#endif

namespace holdfast::tools::bench {
namespace {

struct Args {
  size_t posts = 1'000'000;
  int runs = 3;
  uint64_t seed = 20241123;
  size_t sample = 20'000;  // posts for the per-pattern loops, which are too slow for all
  size_t codenames = 100'000;
  size_t profile_triggers = 0;  // 0: no per-trigger profile
  size_t profile_rules = 0;     // 0: no per-rule profile
  std::string policies = HOLDFAST_POLICY_DIR;
};

double LoadAverage() {
  double load = 0;
  return getloadavg(&load, 1) == 1 ? load : -1;
}

// One benchmark run: the rules and engines compiled from the policies, the corpus, and what
// each measurement found. Runs on the main thread, which starts the one extra worker itself.
class ScanBench {
 public:
  [[nodiscard]] static tl::expected<ScanBench, std::string> Create(const Args& args);
  [[nodiscard]] Status MeasureAll();
  void Report() const;
  // Prints the trigger and rule profiles asked for (--profile-triggers, --profile-rules).
  [[nodiscard]] Status ProfileTriggers() const;

 private:
  ScanBench(const Args& args, ScanCorpus corpus) : args_(args), corpus_(std::move(corpus)) {}
  // Queues a row for `body`, which scans the corpus, or its first `sample` posts if not 0 (the
  // row then gives the time the whole corpus would take at the sample's byte rate), and
  // returns the index the row will have in rows_. MeasureAll runs the queue.
  size_t Measure(const std::string& engine, int threads, size_t sample,
                 std::function<Status()> body);
  void MeasureHoldfast();
  void MeasureLibraries();
  void MeasureLoops();
  void PrintFacts() const;
  void PrintTargets() const;

  const Args args_;
  ScanCorpus corpus_;  // not const, so that Create can move it out; never changed
  std::shared_ptr<const rules::RuleSet> rules_;
  double compile_seconds_ = 0;
  double ceiling_compile_seconds_ = 0;
  std::vector<rules::StageExpression> patterns_;
  std::vector<rules::Scanner> scanners_;  // one per thread
  std::optional<Re2SetEngine> re2_set_;
  std::optional<HyperscanCeiling> ceiling_;
  std::optional<Re2LoopEngine> re2_loop_;
#ifdef HOLDFAST_BENCH_PCRE2
  std::optional<Pcre2LoopEngine> pcre2_loop_;
  size_t pcre2_loop_matches_ = 0;
#endif
  std::optional<CodenameBench> codenames_;  // absent when the policies take no codenames
  std::string codenames_skipped_;

  // A queued measurement and the seconds of each of its runs.
  struct Pending {
    std::string engine;
    int threads = 1;
    size_t sample = 0;
    std::function<Status()> body;
    std::vector<double> seconds;
  };
  std::vector<Pending> pending_;
  std::vector<Row> rows_;
  size_t batch_row_ = 0, two_threads_row_ = 0, set_row_ = 0, ceiling_row_ = 0, loop_row_ = 0;
  ScanTally batch_tally_, former_tally_, two_threads_tally_, single_tally_;
  size_t set_posts_matched_ = 0;
  uint64_t ceiling_matches_ = 0;
  size_t re2_loop_matches_ = 0;
  double load_before_ = 0, load_after_ = 0;
};

tl::expected<ScanBench, std::string> ScanBench::Create(const Args& args) {
  auto policies = rules::LoadPolicies({args.policies});
  if (!policies) {
    return tl::unexpected("policies: " + policies.error().ToString());
  }
  ScanBench bench(args, ScanCorpus::Generate(args.posts, args.seed));
  if (HasCodenameRule(*policies)) {
    bench.codenames_.emplace(args.policies, args.codenames, args.seed);
  } else {
    bench.codenames_skipped_ = "the policies have no rule of category ip.codename";
  }
  auto compiled = MedianCompile(*policies, args.runs);
  if (!compiled) {
    return tl::unexpected(compiled.error());
  }
  bench.rules_ = compiled->rules;
  bench.compile_seconds_ = compiled->seconds;
  for (int i = 0; i < 2; ++i) {
    auto scanner = rules::Scanner::Create(bench.rules_);
    if (!scanner) {
      return tl::unexpected("rules::Scanner: " + scanner.error().ToString());
    }
    bench.scanners_.push_back(std::move(*scanner));
  }
  bench.patterns_ = bench.rules_->PatternExpressions();
  const auto ceiling_start = std::chrono::steady_clock::now();
  auto ceiling = HyperscanCeiling::Create(bench.rules_->TriggerExpressions());
  bench.ceiling_compile_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - ceiling_start).count();
  auto re2_set = Re2SetEngine::Create(bench.patterns_);
  auto re2_loop = Re2LoopEngine::Create(bench.patterns_);
  if (!ceiling || !re2_set || !re2_loop) {
    return tl::unexpected(!ceiling   ? ceiling.error()
                          : !re2_set ? re2_set.error()
                                     : re2_loop.error());
  }
  bench.ceiling_ = std::move(*ceiling);
  bench.re2_set_ = std::move(*re2_set);
  bench.re2_loop_ = std::move(*re2_loop);
#ifdef HOLDFAST_BENCH_PCRE2
  auto pcre2_loop = Pcre2LoopEngine::Create(bench.patterns_);
  if (!pcre2_loop) {
    return tl::unexpected(pcre2_loop.error());
  }
  bench.pcre2_loop_ = std::move(*pcre2_loop);
#endif
  return bench;
}

size_t ScanBench::Measure(const std::string& engine, int threads, size_t sample,
                          std::function<Status()> body) {
  pending_.push_back(Pending{engine, threads, sample, std::move(body), {}});
  return pending_.size() - 1;
}

// Runs every queued measurement once per round, --runs rounds, so that a burst of load on a
// shared machine falls on every engine alike rather than on the one measured at the time;
// each row is the median of its runs.
Status ScanBench::MeasureAll() {
  load_before_ = LoadAverage();
  MeasureHoldfast();
  MeasureLibraries();
  MeasureLoops();
  for (int round = 0; round < args_.runs; ++round) {
    for (Pending& pending : pending_) {
      const auto start = std::chrono::steady_clock::now();
      if (Status status = pending.body(); !status) {
        return tl::unexpected(pending.engine + ": " + status.error());
      }
      pending.seconds.push_back(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }
  const auto all_bytes = static_cast<double>(corpus_.post_bytes());
  for (const Pending& pending : pending_) {
    double scale = 1;
    if (pending.sample != 0) {
      double sample_bytes = 0;
      for (std::string_view post : corpus_.posts().first(pending.sample)) {
        sample_bytes += static_cast<double>(post.size());
      }
      scale = all_bytes / sample_bytes;
    }
    rows_.push_back({pending.engine, pending.threads, Median(pending.seconds) * scale, all_bytes,
                     static_cast<double>(corpus_.size())});
  }
  if (former_tally_.hits != batch_tally_.hits) {
    return tl::unexpected(std::string("batches of ") + std::to_string(kFormerBatch) +
                          " found other hits than batches of " + std::to_string(kPipelineBatch));
  }
  if (codenames_) {
    codenames_->Measure(corpus_, args_.runs, rows_);
  }
  load_after_ = LoadAverage();
  return {};
}

void ScanBench::MeasureHoldfast() {
  const auto posts = corpus_.posts();
  batch_row_ = Measure("Holdfast ScanBatch, " + PostsPerCall(kPipelineBatch), 1, 0,
                       [this, posts] { return ScanInBatches(scanners_[0], posts, batch_tally_); });
  // The batch before, to show what the batch size buys; its hits are the same.
  Measure("Holdfast ScanBatch, " + PostsPerCall(kFormerBatch), 1, 0, [this, posts] {
    return ScanInBatches(scanners_[0], posts, former_tally_, kFormerBatch);
  });
  two_threads_row_ = Measure(
      "Holdfast ScanBatch, " + PostsPerCall(kPipelineBatch), 2, 0,
      [this, posts] { return ScanInBatchesTwoThreads(scanners_, posts, two_threads_tally_); });
  Measure("Holdfast Scan, one post per call", 1, 0,
          [this, posts] { return ScanOneByOne(scanners_[0], posts, single_tally_); });
}

void ScanBench::MeasureLibraries() {
  const auto posts = corpus_.posts();
  set_row_ =
      Measure("RE2::Set over all patterns, per post (baseline)", 1, 0, [this, posts]() -> Status {
        set_posts_matched_ = 0;
        for (std::string_view post : posts) {
          auto matched = re2_set_->Scan(post);
          if (!matched) {
            return tl::unexpected(matched.error());
          }
          set_posts_matched_ += *matched > 0 ? 1 : 0;
        }
        return {};
      });
  ceiling_row_ =
      Measure("Hyperscan alone, triggers, one large buffer (ceiling)", 1, 0, [this]() -> Status {
        auto matches = ceiling_->Scan(corpus_.joined(), corpus_.lowered(corpus_.joined()));
        if (!matches) {
          return tl::unexpected(matches.error());
        }
        ceiling_matches_ = *matches;
        return {};
      });
  // The batches the Scanner scans, without its views and confirmation.
  Measure("Hyperscan alone, triggers, " + PostsPerCall(kPipelineBatch), 1, 0,
          [this, posts]() -> Status {
            for (size_t first = 0; first < posts.size(); first += kPipelineBatch) {
              const std::string_view batch = corpus_.joined(first, kPipelineBatch);
              if (auto matches = ceiling_->Scan(batch, corpus_.lowered(batch)); !matches) {
                return tl::unexpected(matches.error());
              }
            }
            return {};
          });
  Measure("Hyperscan alone, triggers, one post per call", 1, 0, [this, posts]() -> Status {
    for (std::string_view post : posts) {
      if (auto matches = ceiling_->Scan(post, corpus_.lowered(post)); !matches) {
        return tl::unexpected(matches.error());
      }
    }
    return {};
  });
}

void ScanBench::MeasureLoops() {
  const size_t sample = std::min(args_.sample, corpus_.size());
  const auto posts = corpus_.posts().first(sample);
  const std::string label = " (sample of " + std::to_string(sample) + ", extrapolated)";
  loop_row_ = Measure("RE2 per pattern, per post" + label, 1, sample, [this, posts] {
    re2_loop_matches_ = 0;
    for (std::string_view post : posts) {
      re2_loop_matches_ += re2_loop_->Scan(post);
    }
    return Status{};
  });
#ifdef HOLDFAST_BENCH_PCRE2
  Measure("PCRE2-JIT per pattern, per post" + label, 1, sample, [this, posts] {
    pcre2_loop_matches_ = 0;
    for (std::string_view post : posts) {
      pcre2_loop_matches_ += pcre2_loop_->Scan(post);
    }
    return Status{};
  });
#endif
}

void ScanBench::PrintFacts() const {
  const size_t n = corpus_.size();
  const LengthStats lengths = corpus_.lengths();
  std::printf(
      "holdfast-bench-scan: %zu posts, %.1f MB of post text, seed %llu, %d run%s per "
      "measurement, medians\n",
      n, static_cast<double>(corpus_.post_bytes()) / 1e6,
      static_cast<unsigned long long>(args_.seed), args_.runs, args_.runs == 1 ? "" : "s");
  std::printf("post lengths in bytes: mean %.0f, median %zu, p90 %zu, p99 %zu, max %zu\n",
              lengths.mean, lengths.median, lengths.p90, lengths.p99, lengths.max);
  std::printf("machine: %u hardware threads; load average %.2f before, %.2f after\n",
              std::thread::hardware_concurrency(), load_before_, load_after_);
  size_t triggers[HyperscanCeiling::kViews] = {ceiling_->expressions(rules::View::kText),
                                               ceiling_->expressions(rules::View::kLexicon)};
  std::printf(
      "policies: %s: %zu policies, %u rules; %zu patterns (RE2::Set, loops), %zu + %zu "
      "trigger expressions (Hyperscan, text + lexicon view)\n",
      args_.policies.c_str(), rules_->policies().size(), rules_->size(), patterns_.size(),
      triggers[0], triggers[1]);
  std::printf(
      "rules::Compile: %.1f ms. Hyperscan databases of the same triggers: text %zu bytes, "
      "lexicon %zu bytes (compiled by the bench in %.1f ms)\n",
      compile_seconds_ * 1e3, ceiling_->database_bytes(rules::View::kText),
      ceiling_->database_bytes(rules::View::kLexicon), ceiling_compile_seconds_ * 1e3);
  std::printf(
      "posts with a Holdfast hit: %zu = %s (ScanBatch, %zu hits); planted %zu = %s; "
      "Scan one by one: %zu posts, %zu hits; 2 threads: %zu posts, %zu hits%s\n",
      batch_tally_.posts_with_hits, FormatPercent(batch_tally_.posts_with_hits, n).c_str(),
      batch_tally_.hits, corpus_.planted(), FormatPercent(corpus_.planted(), n).c_str(),
      single_tally_.posts_with_hits, single_tally_.hits, two_threads_tally_.posts_with_hits,
      two_threads_tally_.hits,
      batch_tally_.hits == single_tally_.hits && batch_tally_.hits == two_threads_tally_.hits
          ? " (agree)"
          : " (DISAGREE)");
  if (batch_tally_.truncated_scans + single_tally_.truncated_scans > 0) {
    std::printf("truncated scans (max_hits reached): ScanBatch %zu, Scan %zu\n",
                batch_tally_.truncated_scans, single_tally_.truncated_scans);
  }
  std::printf(
      "unconfirmed: RE2::Set matched in %zu posts (%s); Hyperscan reported %llu trigger matches "
      "on the large buffer\n",
      set_posts_matched_, FormatPercent(set_posts_matched_, n).c_str(),
      static_cast<unsigned long long>(ceiling_matches_));
  std::printf("per-pattern loops on the first %zu posts: RE2 %zu pattern matches",
              std::min(args_.sample, n), re2_loop_matches_);
#ifdef HOLDFAST_BENCH_PCRE2
  std::printf(", PCRE2-JIT %zu (%zu match errors)\n", pcre2_loop_matches_, pcre2_loop_->errors());
#else
  std::printf("; PCRE2-JIT row left out: built without libpcre2-8\n");
#endif
  if (codenames_) {
    codenames_->PrintFacts(batch_tally_);
  } else {
    std::printf("codenames: skipped: %s\n", codenames_skipped_.c_str());
  }
}

void ScanBench::PrintTargets() const {
  const double holdfast = rows_[batch_row_].mb_per_s();
  const double vs_set = holdfast / rows_[set_row_].mb_per_s();
  const double vs_loop = holdfast / rows_[loop_row_].mb_per_s();
  const double ceiling = rows_[ceiling_row_].mb_per_s() / holdfast;
  std::printf("\ntargets (Holdfast = ScanBatch, %s, 1 thread):\n",
              PostsPerCall(kPipelineBatch).c_str());
  PrintTarget("Holdfast / RE2::Set", FormatRatio(vs_set), ">= 2x", vs_set >= 2.0,
              vs_set >= 3.0 ? "(aim 3x: met)" : "(aim 3x: not met)");
  PrintTarget("Holdfast / RE2 per-pattern loop", FormatRatio(vs_loop), ">= 100x", vs_loop >= 100.0,
              "(loop extrapolated from a " +
                  std::to_string(std::min(args_.sample, corpus_.size())) + "-post sample)");
  PrintTarget("Hyperscan ceiling / Holdfast", FormatRatio(ceiling), "<= 1.5x", ceiling <= 1.5);
  if (codenames_) {
    codenames_->PrintTarget();
  } else {
    std::printf("  %-46s %10s   target %-9s %s\n", "rules::Compile with codenames", "-", "< 10 s",
                "not measured (no ip.codename rule)");
  }
  std::printf("  %-46s %10s   (%u hardware threads)\n", "scaling, ScanBatch 2 threads / 1 thread",
              FormatRatio(rows_[two_threads_row_].mb_per_s() / holdfast).c_str(),
              std::thread::hardware_concurrency());
}

void ScanBench::Report() const {
  PrintFacts();
  PrintTable(rows_, rows_[batch_row_]);
  PrintTargets();
}

Status ScanBench::ProfileTriggers() const {
  if (args_.profile_triggers == 0 && args_.profile_rules == 0) {
    return {};
  }
  // Enough text for stable times; a few hundred compiles and scans of the whole corpus would
  // take long.
  constexpr size_t kProfileBytes = 16'000'000;
  std::string_view text = corpus_.joined();
  if (text.size() > kProfileBytes) {
    text = text.substr(0, text.rfind('\n', kProfileBytes) + 1);
  }
  const std::vector<rules::StageExpression> triggers = rules_->TriggerExpressions();
  if (args_.profile_triggers > 0) {
    if (Status status = PrintSlowestTriggers(*rules_, triggers, text, corpus_.lowered(text),
                                             args_.profile_triggers);
        !status) {
      return status;
    }
  }
  if (args_.profile_rules == 0) {
    return {};
  }
  return PrintCostliestRules(*rules_, triggers, text, corpus_.lowered(text), args_.profile_rules);
}

int Run(const Args& args) {
  auto bench = ScanBench::Create(args);
  if (!bench) {
    std::fprintf(stderr, "holdfast-bench-scan: %s\n", bench.error().c_str());
    return 1;
  }
  if (Status status = bench->MeasureAll(); !status) {
    std::fprintf(stderr, "holdfast-bench-scan: %s\n", status.error().c_str());
    return 1;
  }
  bench->Report();
  if (Status status = bench->ProfileTriggers(); !status) {
    std::fprintf(stderr, "holdfast-bench-scan: profile: %s\n", status.error().c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace holdfast::tools::bench

int main(int argc, char** argv) {
  holdfast::tools::bench::Args args;
  CLI::App app{"Scan throughput of holdfast::rules::Scanner beside RE2::Set and Hyperscan"};
  app.add_option("--posts", args.posts, "posts to generate")->check(CLI::PositiveNumber);
  app.add_option("--runs", args.runs, "runs per measurement (median reported)")
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", args.seed, "corpus and codename seed");
  app.add_option("--sample", args.sample, "posts for the per-pattern loops")
      ->check(CLI::PositiveNumber);
  app.add_option("--codenames", args.codenames, "codenames for the large-lexicon rows")
      ->check(CLI::PositiveNumber);
  app.add_option("--policies", args.policies, "policy folder or file");
  app.add_option("--profile-triggers", args.profile_triggers,
                 "also print the N slowest trigger expressions, each timed alone");
  app.add_option("--profile-rules", args.profile_rules,
                 "also print the N rules whose triggers cost the whole database most");
  CLI11_PARSE(app, argc, argv);
  return holdfast::tools::bench::Run(args);
}
