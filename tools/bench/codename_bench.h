// The benchmark's large-lexicon rows: the policies loaded again with a generated list of
// codenames added through rules::AddCodenames, the time rules::Compile takes on them (the
// issue's target: 100,000 codenames in under 10 s), and the corpus scanned with that rule set,
// by the Scanner and by Hyperscan alone, so that the cost of a big lexicon at scan time shows.
// A failure here (a codename the loader rejects, a compile error) is reported in the output
// instead of ending the benchmark: the other rows stand without it.
// Thread safety: per-thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/policy.h"
#include "rules/rule_set.h"
#include "tools/bench/bench_table.h"
#include "tools/bench/engines.h"
#include "tools/bench/scan_corpus.h"
#include "tools/bench/scanner_runs.h"

namespace holdfast::tools::bench {

// Whether some rule of `policies` takes codenames (category ip.codename).
bool HasCodenameRule(const std::vector<rules::Policy>& policies);

class CodenameBench {
 public:
  // Measures `count` codenames generated from `seed`, added to the policies at `policies`.
  CodenameBench(std::string policies, size_t count, uint64_t seed);

  // Compiles `runs` times (median), then scans `corpus` with ScanBatch and with Hyperscan alone
  // over one large buffer, adding a row to `rows` for each.
  void Measure(const ScanCorpus& corpus, int runs, std::vector<Row>& rows);

  // A line of what was measured; `without` is the tally of the same corpus without codenames.
  void PrintFacts(const ScanTally& without) const;
  void PrintTarget() const;

 private:
  [[nodiscard]] Status Compile(int runs);

  const std::string policies_;
  const size_t count_;
  const uint64_t seed_;
  std::string error_;  // why nothing or only part was measured; empty if all went well
  double compile_seconds_ = 0;
  double ceiling_compile_seconds_ = 0;  // the bench's own Hyperscan-only compile of the triggers
  std::shared_ptr<const rules::RuleSet> rules_;
  std::optional<HyperscanCeiling> ceiling_;
  ScanTally tally_;
};

}  // namespace holdfast::tools::bench
