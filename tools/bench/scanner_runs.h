// How the benchmark drives the rules component: rules::Compile timed over runs, and
// rules::Scanner over the corpus in batches as the pipeline hands posts to a worker, one post
// per call, or in batches on two threads with a Scanner each; with what the hits add up to, so
// that the table's speed comes with the proof that the same posts were found.
// Thread safety: each function uses only the scanners passed in; the posts are read-only.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "rules/policy.h"
#include "rules/rule_set.h"
#include "rules/scanner.h"
#include "tools/bench/bench_table.h"

namespace holdfast::tools::bench {

// Texts per ScanBatch call: the pipeline's default batch (engine::PipelineOptions::batch_size)
// and the Scanner's default max_batch.
inline constexpr size_t kPipelineBatch = rules::ScannerOptions{}.max_batch;
// The batch before it, for a row beside it.
inline constexpr size_t kFormerBatch = 128;

// "N posts per call".
std::string PostsPerCall(size_t batch);

struct TimedCompile {
  std::shared_ptr<const rules::RuleSet> rules;  // from the last run
  double seconds = 0;                           // median
};

// Compiles `policies` `runs` times; copying them for each run is not timed.
[[nodiscard]] tl::expected<TimedCompile, std::string> MedianCompile(
    const std::vector<rules::Policy>& policies, int runs);

struct ScanTally {
  size_t hits = 0;
  size_t posts_with_hits = 0;
  size_t truncated_scans = 0;  // calls that filled max_hits and may have missed hits

  ScanTally& operator+=(const ScanTally& other) {
    hits += other.hits;
    posts_with_hits += other.posts_with_hits;
    truncated_scans += other.truncated_scans;
    return *this;
  }
};

// Scans `posts` with ScanBatch, `batch` at a time, no ScanContext (every policy applies).
// REQUIRES: batch <= the scanner's max_batch.
[[nodiscard]] Status ScanInBatches(rules::Scanner& scanner, std::span<const std::string_view> posts,
                                   ScanTally& tally, size_t batch = kPipelineBatch);

// Scans `posts` with Scan, one post per call.
[[nodiscard]] Status ScanOneByOne(rules::Scanner& scanner, std::span<const std::string_view> posts,
                                  ScanTally& tally);

// Scans the two halves of `posts` at once as ScanInBatches does, the first half with
// scanners[0] on this thread and the second with scanners[1] on a new one.
// REQUIRES: scanners.size() >= 2.
[[nodiscard]] Status ScanInBatchesTwoThreads(std::vector<rules::Scanner>& scanners,
                                             std::span<const std::string_view> posts,
                                             ScanTally& tally);

}  // namespace holdfast::tools::bench
