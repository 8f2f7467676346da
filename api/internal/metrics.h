// Metrics: what GET /metrics shows, in Prometheus's text format (version 0.0.4): requests and
// their latency by route and status, and gauges of the archive (posts archived, flags by
// policy, open flags as the review queue's depth). The gauges are counted from the log once
// per archive size and kept until the log grows.
// Thread safety: shared; every member is guarded by mu_.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "archive/archive.h"

namespace holdfast::api {

class Metrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds (+Inf is added).
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

  void Observe(const std::string& route, int status, double seconds);

  // The exposition text. REQUIRES: no other thread uses `archive` meanwhile.
  std::string Render(const archive::Archive& archive) const;

 private:
  struct Latency {
    std::array<uint64_t, kBuckets.size()> buckets{};  // not cumulative; Render sums them
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauges {
    uint64_t log_size = 0;  // the archive size they were counted at
    uint64_t posts = 0;
    uint64_t open_flags = 0;
    std::map<std::string, uint64_t> flags_by_policy;
    std::string error;  // why they could not be counted, when they could not
  };
  Gauges CountGauges(const archive::Archive& archive) const;

  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // guarded by mu_
  std::map<std::string, Latency> latency_;                    // guarded by mu_
  mutable std::optional<Gauges> gauges_;                      // guarded by mu_
};

}  // namespace holdfast::api
