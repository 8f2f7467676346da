#include "tools/bench/scanner_runs.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>

namespace holdfast::tools::bench {
namespace {

// Adds one call's hits to `tally`. Hits come ordered by item, so each new item is a new post.
void Count(std::span<const rules::Hit> hits, bool truncated, ScanTally& tally) {
  uint32_t last_item = std::numeric_limits<uint32_t>::max();
  for (const rules::Hit& hit : hits) {
    if (hit.item != last_item) {
      ++tally.posts_with_hits;
      last_item = hit.item;
    }
  }
  tally.hits += hits.size();
  tally.truncated_scans += truncated ? 1 : 0;
}

}  // namespace

tl::expected<TimedCompile, std::string> MedianCompile(const std::vector<rules::Policy>& policies,
                                                      int runs) {
  TimedCompile timed;
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    std::vector<rules::Policy> copy = policies;
    const auto start = std::chrono::steady_clock::now();
    auto compiled = rules::Compile(std::move(copy));
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!compiled) {
      return tl::unexpected("rules::Compile: " + compiled.error().ToString());
    }
    timed.rules = std::move(*compiled);
  }
  timed.seconds = Median(std::move(times));
  return timed;
}

std::string PostsPerCall(size_t batch) { return std::to_string(batch) + " posts per call"; }

Status ScanInBatches(rules::Scanner& scanner, std::span<const std::string_view> posts,
                     ScanTally& tally, size_t batch_size) {
  tally = ScanTally{};
  for (size_t first = 0; first < posts.size(); first += batch_size) {
    const auto batch = posts.subspan(first, std::min(batch_size, posts.size() - first));
    auto hits = scanner.ScanBatch(batch);
    if (!hits) {
      return tl::unexpected("batch at post " + std::to_string(first) + ": " +
                            hits.error().ToString());
    }
    Count(*hits, scanner.last_scan_truncated(), tally);
  }
  return {};
}

Status ScanOneByOne(rules::Scanner& scanner, std::span<const std::string_view> posts,
                    ScanTally& tally) {
  tally = ScanTally{};
  for (size_t i = 0; i < posts.size(); ++i) {
    auto hits = scanner.Scan(posts[i]);
    if (!hits) {
      return tl::unexpected("post " + std::to_string(i) + ": " + hits.error().ToString());
    }
    Count(*hits, scanner.last_scan_truncated(), tally);
  }
  return {};
}

Status ScanInBatchesTwoThreads(std::vector<rules::Scanner>& scanners,
                               std::span<const std::string_view> posts, ScanTally& tally) {
  const size_t half = posts.size() / 2;
  ScanTally second_tally;
  Status second;
  std::thread worker(
      [&] { second = ScanInBatches(scanners[1], posts.subspan(half), second_tally); });
  Status first = ScanInBatches(scanners[0], posts.first(half), tally);
  worker.join();
  tally += second_tally;
  return first ? second : first;
}

}  // namespace holdfast::tools::bench
