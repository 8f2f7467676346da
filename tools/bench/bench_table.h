// The scan benchmark's measurements and how they are printed: a median over runs, one table
// row per engine, and the targets as "met" or "NOT met" lines.
// Thread safety: pure functions and values.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace holdfast::tools::bench {

using Status = tl::expected<void, std::string>;

// The median of `values`. REQUIRES: values is not empty.
double Median(std::vector<double> values);

// The median wall time in seconds of `runs` calls of `body`, or the first error it returns.
[[nodiscard]] tl::expected<double, std::string> MedianSeconds(int runs,
                                                              const std::function<Status()>& body);

// One table row: the whole corpus (`bytes` of post text in `posts` posts) took `seconds` on
// `threads` threads; for a sampled row, the seconds are extrapolated from the sample.
struct Row {
  std::string engine;
  int threads = 1;
  double seconds = 0;
  double bytes = 0;
  double posts = 0;
  double mb_per_s() const { return bytes / seconds / 1e6; }
  double posts_per_s_per_thread() const { return posts / seconds / threads; }
};

// "1.23%" for part / whole, "2.50x" for a ratio.
std::string FormatPercent(size_t part, size_t whole);
std::string FormatRatio(double ratio);

// Prints the rows with each rate as a multiple of `holdfast`'s.
void PrintTable(const std::vector<Row>& rows, const Row& holdfast);

// Prints one target line: "what  value  target  met|NOT met", and a note after it if given.
void PrintTarget(const std::string& what, const std::string& value, const std::string& target,
                 bool met, const std::string& note = "");

}  // namespace holdfast::tools::bench
