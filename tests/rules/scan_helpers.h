// Test support: a scanner compiled from policy YAML, and its hits as (rule id, begin, text).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "rules/scanner.h"
#include "temp_policies.h"

namespace holdfast::rules::testing {

struct FoundHit {
  std::string rule_id;
  uint32_t begin;
  std::string text;
  bool operator==(const FoundHit&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const FoundHit& hit) {
  return out << "{" << hit.rule_id << " @" << hit.begin << " '" << hit.text << "'}";
}

inline std::vector<FoundHit> Find(Scanner& scanner, std::string_view text,
                                  const ScanContext& context = {}) {
  auto hits = scanner.Scan(text, context);
  if (!hits) {
    ADD_FAILURE() << hits.error().ToString();
    return {};
  }
  std::vector<FoundHit> out;
  for (const Hit& hit : *hits) {
    out.push_back({scanner.rules().info(hit.rule).rule_id, hit.begin,
                   std::string(text.substr(hit.begin, hit.end - hit.begin))});
  }
  return out;
}

inline Scanner MakeScanner(const std::string& yaml, ScannerOptions options = {}) {
  auto rules = CompileYaml(yaml);
  auto scanner = Scanner::Create(rules, options);
  if (!scanner) {
    ADD_FAILURE() << scanner.error().ToString();
    std::abort();
  }
  return std::move(*scanner);
}

}  // namespace holdfast::rules::testing
