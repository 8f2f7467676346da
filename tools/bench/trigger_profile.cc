#include "tools/bench/trigger_profile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "tools/bench/engines.h"

namespace holdfast::tools::bench {
namespace {

struct TriggerTime {
  size_t index = 0;  // into the triggers
  double seconds = 0;
  double compile_seconds = 0;
  uint64_t matches = 0;
};

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

}  // namespace holdfast::tools::bench
