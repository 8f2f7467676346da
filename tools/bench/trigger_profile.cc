#include "tools/bench/trigger_profile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include "tools/bench/engines.h"

namespace holdfast::tools::bench {
namespace {

struct TriggerTime {
  size_t index = 0;  // into the triggers
  double seconds = 0;
  double compile_seconds = 0;
  uint64_t matches = 0;
};

// The best of three scans of `text` (lexicon triggers over `lowered`) by a database of
// `triggers`, in seconds.
tl::expected<double, std::string> BestScanSeconds(
    const std::vector<rules::StageExpression>& triggers, std::string_view text,
    std::string_view lowered) {
  auto database = HyperscanCeiling::Create(triggers);
  if (!database) {
    return tl::unexpected(database.error());
  }
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    if (auto matches = database->Scan(text, lowered); !matches) {
      return tl::unexpected(matches.error());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = run == 0 ? seconds : std::min(best, seconds);
  }
  return best;
}

}  // namespace

Status PrintSlowestTriggers(const rules::RuleSet& rules,
                            const std::vector<rules::StageExpression>& triggers,
                            std::string_view text, std::string_view lowered, size_t count) {
  std::vector<TriggerTime> times;
  for (size_t i = 0; i < triggers.size(); ++i) {
    const auto compile_start = std::chrono::steady_clock::now();
    auto alone = HyperscanCeiling::Create({triggers[i]});
    const double compile_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - compile_start).count();
    if (!alone) {
      return tl::unexpected("trigger " + triggers[i].regex + ": " + alone.error());
    }
    const auto start = std::chrono::steady_clock::now();
    auto matches = alone->Scan(text, lowered);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!matches) {
      return tl::unexpected(matches.error());
    }
    times.push_back({i, seconds, compile_seconds, *matches});
  }
  // The `count` worst by `key` (larger is worse), worst first.
  auto print_worst = [&](const char* title, auto key) {
    std::sort(times.begin(), times.end(),
              [&](const TriggerTime& a, const TriggerTime& b) { return key(a) > key(b); });
    std::printf(
        "\n%s, each alone in a Hyperscan database, scanning %.1f MB of the joined corpus:\n"
        "%9s %10s %9s  %-7s %-32s %s\n",
        title, static_cast<double>(text.size()) / 1e6, "MB/s", "compile ms", "matches", "view",
        "rule", "expression");
    for (size_t i = 0; i < std::min(count, times.size()); ++i) {
      const rules::StageExpression& trigger = triggers[times[i].index];
      std::string regex = trigger.regex;
      if (regex.size() > 90) {
        regex = regex.substr(0, 87) + "...";
      }
      std::printf("%9.1f %10.1f %9llu  %-7s %-32s %s%s%s\n",
                  static_cast<double>(text.size()) / times[i].seconds / 1e6,
                  times[i].compile_seconds * 1e3, static_cast<unsigned long long>(times[i].matches),
                  trigger.view == rules::View::kText ? "text" : "lexicon",
                  rules.info(trigger.rule).rule_id.c_str(), trigger.case_insensitive ? "(?i)" : "",
                  trigger.utf8 ? "(utf8) " : "", regex.c_str());
    }
  };
  print_worst("slowest trigger expressions to scan",
              [](const TriggerTime& t) { return t.seconds; });
  print_worst("slowest trigger expressions to compile",
              [](const TriggerTime& t) { return t.compile_seconds; });
  return {};
}

Status PrintCostliestRules(const rules::RuleSet& rules,
                           const std::vector<rules::StageExpression>& triggers,
                           std::string_view text, std::string_view lowered, size_t count) {
  const auto whole = BestScanSeconds(triggers, text, lowered);
  if (!whole) {
    return tl::unexpected(whole.error());
  }
  const double bytes = static_cast<double>(text.size());
  std::vector<std::pair<double, uint32_t>> costs;  // ns per byte, rule
  for (uint32_t rule = 0; rule < rules.size(); ++rule) {
    std::vector<rules::StageExpression> others;
    for (const rules::StageExpression& trigger : triggers) {
      if (trigger.rule != rule) {
        others.push_back(trigger);
      }
    }
    if (others.size() == triggers.size()) {
      continue;
    }
    const auto without = BestScanSeconds(others, text, lowered);
    if (!without) {
      return tl::unexpected(without.error());
    }
    costs.emplace_back((*whole - *without) / bytes * 1e9, rule);
  }
  std::sort(costs.begin(), costs.end(), [](const auto& a, const auto& b) { return a > b; });
  std::printf(
      "\nrules whose triggers cost the whole database most (%.2f ns/B, %.1f MB/s over %.1f MB), "
      "each measured by leaving the rule out:\n%9s %9s  %s\n",
      *whole / bytes * 1e9, bytes / *whole / 1e6, bytes / 1e6, "ns/B", "triggers", "rule");
  for (size_t i = 0; i < std::min(count, costs.size()); ++i) {
    const uint32_t rule = costs[i].second;
    const auto expressions = std::count_if(triggers.begin(), triggers.end(),
                                           [&](const auto& t) { return t.rule == rule; });
    std::printf("%9.3f %9lld  %s\n", costs[i].first, static_cast<long long>(expressions),
                rules.info(rule).rule_id.c_str());
  }
  return {};
}

}  // namespace holdfast::tools::bench
