#include "tools/bench/bench_table.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace holdfast::tools::bench {

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

tl::expected<double, std::string> MedianSeconds(int runs, const std::function<Status()>& body) {
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    if (Status status = body(); !status) {
      return tl::unexpected(status.error());
    }
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return Median(std::move(times));
}

std::string FormatPercent(size_t part, size_t whole) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

std::string FormatRatio(double ratio) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2fx", ratio);
  return text;
}

void PrintTable(const std::vector<Row>& rows, const Row& holdfast) {
  std::printf("\n%-64s %7s %9s %15s %9s\n", "engine", "threads", "MB/s", "posts/s/thread",
              "vs Holdf.");
  for (const Row& row : rows) {
    std::printf("%-64s %7d %9.1f %15.0f %8.3fx\n", row.engine.c_str(), row.threads, row.mb_per_s(),
                row.posts_per_s_per_thread(), row.mb_per_s() / holdfast.mb_per_s());
  }
  std::printf(
      "MB/s: post text (separators excluded) over wall time, all threads together. vs Holdf.: "
      "rate / rate of '%s'.\n",
      holdfast.engine.c_str());
}

void PrintTarget(const std::string& what, const std::string& value, const std::string& target,
                 bool met, const std::string& note) {
  std::printf("  %-46s %10s   target %-9s %-8s%s%s\n", what.c_str(), value.c_str(), target.c_str(),
              met ? "met" : "NOT met", note.empty() ? "" : "  ", note.c_str());
}

}  // namespace holdfast::tools::bench
