// Metrics: what GET /metrics shows, in Prometheus's text format (version 0.0.4): requests and
// their latency by route and status, and gauges of the archive (posts archived, flags by
// policy, open flags as the review queue's depth). Posts are counted from the log as it grows
// (each record read once); flags come from the server's FlagBook.
// Thread safety: shared; every member is guarded by mu_.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "archive/archive.h"
#include "engine/flag_book.h"

namespace holdfast::api {

class Metrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds (+Inf is added).
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

  void Observe(const std::string& route, int status, double seconds);

  // The exposition text, for a snapshot `archive` and the review queue `book`.
  // REQUIRES: no other thread uses `archive` or `book` meanwhile.
  std::string Render(const archive::Archive& archive, const engine::FlagBook& book) const;

 private:
  struct Latency {
    std::array<uint64_t, kBuckets.size()> buckets{};  // not cumulative; Render sums them
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauges {
    uint64_t counted_to = 0;  // records below this sequence are counted in posts
    uint64_t posts = 0;
    std::string error;  // why the posts could not be counted, when they could not
  };
  void CountPosts(const archive::Archive& archive) const;

  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // guarded by mu_
  std::map<std::string, Latency> latency_;                    // guarded by mu_
  mutable Gauges gauges_;                                     // guarded by mu_
};

}  // namespace holdfast::api
