// Runs each rule's own examples through a real Scanner, normalized as the engine normalizes
// posts, so a policy author tests exactly what production runs.
#include "rules/examples.h"

#include <algorithm>

#include "rules/scanner.h"
#include "rules/unicode_text.h"

namespace holdfast::rules {
namespace {

tl::expected<bool, Error> RuleHits(Scanner& scanner, uint32_t rule_number, const Policy& policy,
                                   const Rule& rule, const std::string& example) {
  const NormalizedText normalized = NormalizeNfc(example);
  auto hits = scanner.Scan(normalized.text);
  if (!hits) {
    return tl::unexpected(Error{policy.file, rule.line, rule.id, "",
                                "example '" + example + "': " + hits.error().message});
  }
  return std::any_of(hits->begin(), hits->end(),
                     [&](const Hit& hit) { return hit.rule == rule_number; });
}

}  // namespace

tl::expected<std::vector<ExampleResult>, Error> RunExamples(
    const std::shared_ptr<const RuleSet>& rules) {
  auto scanner = Scanner::Create(rules);
  if (!scanner) {
    return tl::unexpected(scanner.error());
  }
  std::vector<ExampleResult> results;
  uint32_t rule_number = 0;  // rules are numbered in policy order, then rule order
  for (const Policy& policy : rules->policies()) {
    for (const Rule& rule : policy.rules) {
      for (bool should_match : {true, false}) {
        const auto& examples = should_match ? rule.examples_match : rule.examples_no_match;
        for (const std::string& example : examples) {
          auto hit = RuleHits(*scanner, rule_number, policy, rule, example);
          if (!hit) {
            return tl::unexpected(hit.error());
          }
          results.push_back(
              ExampleResult{policy.file, rule.id, example, should_match, *hit == should_match});
        }
      }
      ++rule_number;
    }
  }
  return results;
}

}  // namespace holdfast::rules
