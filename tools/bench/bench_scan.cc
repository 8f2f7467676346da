// holdfast-bench-scan: how fast holdfast::rules::Scanner scans chat posts against the shipped
// policies, beside RE2::Set (the baseline), Hyperscan alone over one large buffer (the ceiling)
// and a per-pattern loop (what a naive scanner does), all measured in one run on one generated
// corpus. Each measurement runs --runs times and reports the median. It measures the scanner
// as it is: nothing here tunes it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rules/policy.h"
#include "rules/rule_set.h"
#include "rules/scanner.h"
#include "tools/bench/engines.h"
#include "tools/bench/scan_corpus.h"
#ifdef HOLDFAST_BENCH_PCRE2
#include "tools/bench/pcre2_loop.h"
#endif

namespace holdfast::tools::bench {
namespace {

using Clock = std::chrono::steady_clock;
using Status = tl::expected<void, std::string>;

struct Args {
  size_t posts = 1'000'000;
  int runs = 3;
  uint64_t seed = 20241123;
  size_t sample = 20'000;  // posts for the per-pattern loops, which are too slow for all
  std::string policies = HOLDFAST_POLICY_DIR;
};

// One table row: `posts` posts of `bytes` bytes took `seconds` on `threads` threads.
struct Row {
  std::string engine;
  double seconds = 0;
  double bytes = 0;
  double posts = 0;
  int threads = 1;
  double mb_per_s() const { return bytes / seconds / 1e6; }
  double posts_per_s_per_thread() const { return posts / seconds / threads; }
};

// The median wall time of `runs` calls of `body`, or the first error it returns.
tl::expected<double, std::string> MedianSeconds(int runs, const std::function<Status()>& body) {
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    if (Status status = body(); !status) {
      return tl::unexpected(status.error());
    }
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  const size_t mid = times.size() / 2;
  return times.size() % 2 == 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

struct ScanTally {
  size_t hits = 0;
  size_t posts_with_hits = 0;
  size_t truncated = 0;
};

// Scans posts [begin, end) with `scanner`, confirmation included, as the pipeline does.
Status ScanPosts(rules::Scanner& scanner, const ScanCorpus& corpus, size_t begin, size_t end,
                 ScanTally& tally) {
  tally = ScanTally{};
  for (size_t i = begin; i < end; ++i) {
    auto hits = scanner.Scan(corpus.post(i));
    if (!hits) {
      return tl::unexpected("post " + std::to_string(i) + ": " + hits.error().message);
    }
    tally.hits += hits->size();
    tally.posts_with_hits += hits->empty() ? 0 : 1;
    tally.truncated += scanner.last_scan_truncated() ? 1 : 0;
  }
  return {};
}

// Scans the two halves of the corpus at once, each with its own Scanner on the shared rules.
Status ScanPostsTwoThreads(std::vector<rules::Scanner>& scanners, const ScanCorpus& corpus) {
  const size_t half = corpus.size() / 2;
  ScanTally tallies[2];
  Status second;
  std::thread worker(
      [&] { second = ScanPosts(scanners[1], corpus, half, corpus.size(), tallies[1]); });
  Status first = ScanPosts(scanners[0], corpus, 0, half, tallies[0]);
  worker.join();
  return first ? second : first;
}

void PrintTable(const std::vector<Row>& rows, double re2_set_mb_per_s) {
  std::printf("\n%-50s %9s %10s %14s %10s\n", "engine", "seconds", "MB/s", "posts/s/thread",
              "x RE2::Set");
  for (const Row& row : rows) {
    std::printf("%-50s %9.3f %10.1f %14.0f %9.2fx\n", row.engine.c_str(), row.seconds,
                row.mb_per_s(), row.posts_per_s_per_thread(), row.mb_per_s() / re2_set_mb_per_s);
  }
}

void PrintRatio(const char* what, double ratio, const char* target, bool met) {
  std::printf("  %-44s %9.2fx   target %-7s %s\n", what, ratio, target, met ? "met" : "NOT met");
}

// One benchmark run: the rules and engines compiled from the policies, the corpus, and what
// each measurement found. Runs on the main thread, which starts the one extra worker itself.
class ScanBench {
 public:
  [[nodiscard]] static tl::expected<ScanBench, std::string> Create(const Args& args);
  [[nodiscard]] Status MeasureAll();
  void Report() const;

 private:
  ScanBench(const Args& args, ScanCorpus corpus) : args_(args), corpus_(std::move(corpus)) {}
  [[nodiscard]] Status Measure(const std::string& engine, size_t posts, int threads,
                               const std::function<Status()>& body);
  [[nodiscard]] Status MeasureHoldfast();
  [[nodiscard]] Status MeasureLibraries();
  [[nodiscard]] Status MeasureLoops();
  void PrintFacts() const;
  void PrintRatios() const;

  const Args args_;
  ScanCorpus corpus_;  // not const, so that Create can move it out; never changed
  std::vector<BenchPattern> patterns_;
  std::shared_ptr<const rules::RuleSet> rules_;
  double compile_seconds_ = 0;
  std::vector<rules::Scanner> scanners_;  // one per thread
  std::optional<Re2SetEngine> re2_set_;
  std::optional<HyperscanEngine> hyperscan_;
  std::optional<Re2LoopEngine> re2_loop_;
#ifdef HOLDFAST_BENCH_PCRE2
  std::optional<Pcre2LoopEngine> pcre2_loop_;
  size_t pcre2_loop_matches_ = 0;
#endif
  std::vector<Row> rows_;  // in MeasureAll's order; PrintRatios relies on it
  ScanTally tally_;
  size_t set_posts_matched_ = 0;
  uint64_t buffer_matches_ = 0;
  size_t re2_loop_matches_ = 0;
};

tl::expected<ScanBench, std::string> ScanBench::Create(const Args& args) {
  auto policies = rules::LoadPolicies({args.policies});
  if (!policies) {
    return tl::unexpected("policies: " + policies.error().message);
  }
  ScanBench bench(args, ScanCorpus::Generate(args.posts, args.seed));
  bench.patterns_ = PatternsOf(*policies);
  const auto compile_start = Clock::now();
  auto rule_set = rules::Compile(std::move(*policies));
  bench.compile_seconds_ = std::chrono::duration<double>(Clock::now() - compile_start).count();
  if (!rule_set) {
    return tl::unexpected("rules::Compile: " + rule_set.error().message);
  }
  bench.rules_ = *rule_set;
  for (int i = 0; i < 2; ++i) {
    auto scanner = rules::Scanner::Create(bench.rules_);
    if (!scanner) {
      return tl::unexpected("rules::Scanner: " + scanner.error().message);
    }
    bench.scanners_.push_back(std::move(*scanner));
  }
  auto re2_set = Re2SetEngine::Create(bench.patterns_);
  auto hyperscan = HyperscanEngine::Create(bench.patterns_);
  auto re2_loop = Re2LoopEngine::Create(bench.patterns_);
  if (!re2_set || !hyperscan || !re2_loop) {
    return tl::unexpected(!re2_set     ? re2_set.error()
                          : !hyperscan ? hyperscan.error()
                                       : re2_loop.error());
  }
  bench.re2_set_ = std::move(*re2_set);
  bench.hyperscan_ = std::move(*hyperscan);
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

// Adds a row for `body`, which scans the first `posts` posts (the joined buffer if `posts` is
// 0). A sampled row's seconds are extrapolated to the whole corpus at the sample's byte rate.
Status ScanBench::Measure(const std::string& engine, size_t posts, int threads,
                          const std::function<Status()>& body) {
  auto seconds = MedianSeconds(args_.runs, body);
  if (!seconds) {
    return tl::unexpected(engine + ": " + seconds.error());
  }
  const double all_bytes = static_cast<double>(corpus_.post_bytes());
  const double all_posts = static_cast<double>(corpus_.size());
  if (posts == 0) {
    rows_.push_back(
        {engine, *seconds, static_cast<double>(corpus_.joined().size()), all_posts, threads});
    return {};
  }
  double bytes = 0;
  for (size_t i = 0; i < posts; ++i) {
    bytes += static_cast<double>(corpus_.post(i).size());
  }
  rows_.push_back({engine, *seconds * all_bytes / bytes, all_bytes, all_posts, threads});
  return {};
}

Status ScanBench::MeasureAll() {
  if (Status status = MeasureHoldfast(); !status) {
    return status;
  }
  if (Status status = MeasureLibraries(); !status) {
    return status;
  }
  return MeasureLoops();
}

Status ScanBench::MeasureHoldfast() {
  const size_t n = corpus_.size();
  if (Status status = Measure("Holdfast rules::Scanner, 1 thread", n, 1,
                              [&] { return ScanPosts(scanners_[0], corpus_, 0, n, tally_); });
      !status) {
    return status;
  }
  return Measure("Holdfast rules::Scanner, 2 threads", n, 2,
                 [&] { return ScanPostsTwoThreads(scanners_, corpus_); });
}

Status ScanBench::MeasureLibraries() {
  const size_t n = corpus_.size();
  Status status = Measure("RE2::Set, per post (baseline)", n, 1, [&]() -> Status {
    set_posts_matched_ = 0;
    for (size_t i = 0; i < n; ++i) {
      auto matched = re2_set_->Scan(corpus_.post(i));
      if (!matched) {
        return tl::unexpected(matched.error());
      }
      set_posts_matched_ += *matched > 0 ? 1 : 0;
    }
    return {};
  });
  if (!status) {
    return status;
  }
  status = Measure("Hyperscan alone, one large buffer (ceiling)", 0, 1, [&]() -> Status {
    auto matches = hyperscan_->Scan(corpus_.joined());
    if (!matches) {
      return tl::unexpected(matches.error());
    }
    buffer_matches_ = *matches;
    return {};
  });
  if (!status) {
    return status;
  }
  return Measure("Hyperscan alone, per post (no confirmation)", n, 1, [&]() -> Status {
    for (size_t i = 0; i < n; ++i) {
      if (auto matches = hyperscan_->Scan(corpus_.post(i)); !matches) {
        return tl::unexpected(matches.error());
      }
    }
    return {};
  });
}

Status ScanBench::MeasureLoops() {
  const size_t sample = std::min(args_.sample, corpus_.size());
  Status status = Measure("RE2 per pattern, per post (sample, extrapolated)", sample, 1, [&] {
    re2_loop_matches_ = 0;
    for (size_t i = 0; i < sample; ++i) {
      re2_loop_matches_ += re2_loop_->Scan(corpus_.post(i));
    }
    return Status{};
  });
#ifdef HOLDFAST_BENCH_PCRE2
  if (!status) {
    return status;
  }
  status = Measure("PCRE2-JIT per pattern, per post (sample, extrap.)", sample, 1, [&] {
    pcre2_loop_matches_ = 0;
    for (size_t i = 0; i < sample; ++i) {
      pcre2_loop_matches_ += pcre2_loop_->Scan(corpus_.post(i));
    }
    return Status{};
  });
#endif
  return status;
}

void ScanBench::PrintFacts() const {
  const double n = static_cast<double>(corpus_.size());
  const double bytes = static_cast<double>(corpus_.post_bytes());
  std::printf(
      "holdfast-bench-scan: %zu posts, %.1f MB of post text (mean %.0f bytes), seed %llu,"
      " %d run%s each, medians\n",
      corpus_.size(), bytes / 1e6, bytes / n, static_cast<unsigned long long>(args_.seed),
      args_.runs, args_.runs == 1 ? "" : "s");
  std::printf("policies: %s (%zu policies, %u rules, %zu patterns)\n", args_.policies.c_str(),
              rules_->policies().size(), rules_->size(), patterns_.size());
  std::printf("rules::Compile: %.1f ms; Hyperscan database of the same expressions: %zu bytes\n",
              compile_seconds_ * 1e3, hyperscan_->database_bytes());
  std::printf("Holdfast hits: %zu in %zu posts (%.2f%% of posts; %zu planted = %.2f%%)",
              tally_.hits, tally_.posts_with_hits,
              100.0 * static_cast<double>(tally_.posts_with_hits) / n, corpus_.planted(),
              100.0 * static_cast<double>(corpus_.planted()) / n);
  if (tally_.truncated > 0) {
    std::printf(", %zu truncated", tally_.truncated);
  }
  std::printf("\n");
  std::printf("unconfirmed matches: RE2::Set in %zu posts; Hyperscan %llu on the large buffer\n",
              set_posts_matched_, static_cast<unsigned long long>(buffer_matches_));
  std::printf("per-pattern matches on the %zu-post sample: RE2 %zu",
              std::min(args_.sample, corpus_.size()), re2_loop_matches_);
#ifdef HOLDFAST_BENCH_PCRE2
  std::printf(", PCRE2-JIT %zu (%zu match errors)\n", pcre2_loop_matches_, pcre2_loop_->errors());
#else
  std::printf("\nPCRE2-JIT row left out: built without libpcre2-8\n");
#endif
}

void ScanBench::PrintRatios() const {
  const double holdfast = rows_[0].mb_per_s();
  const double vs_set = holdfast / rows_[2].mb_per_s();
  const double ceiling = rows_[3].mb_per_s() / holdfast;
  const double vs_loop = holdfast / rows_[5].mb_per_s();
  std::printf("\nratios the issue targets (Holdfast = 1 thread):\n");
  PrintRatio("Holdfast / RE2::Set", vs_set, ">= 2x", vs_set >= 2.0);
  PrintRatio("Holdfast / per-pattern RE2", vs_loop, ">= 100x", vs_loop >= 100.0);
  PrintRatio("Hyperscan large buffer / Holdfast", ceiling, "<= 1.5x", ceiling <= 1.5);
  std::printf("  %-44s %9.2fx   (2 threads / 1 thread, %u hardware threads)\n", "scaling",
              rows_[1].mb_per_s() / holdfast, std::thread::hardware_concurrency());
}

void ScanBench::Report() const {
  PrintFacts();
  PrintTable(rows_, rows_[2].mb_per_s());
  PrintRatios();
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
  app.add_option("--seed", args.seed, "corpus seed");
  app.add_option("--sample", args.sample, "posts for the per-pattern loops")
      ->check(CLI::PositiveNumber);
  app.add_option("--policies", args.policies, "policy folder or file");
  CLI11_PARSE(app, argc, argv);
  return holdfast::tools::bench::Run(args);
}
