// The naive loop with PCRE2's JIT: one compiled program per pattern, each run on every text.
// Patterns are RuleSet::PatternExpressions(), as for the RE2 loop. Built only when libpcre2-8
// is installed (HOLDFAST_BENCH_PCRE2).
// Thread safety: per-thread (one match-data block shared by all programs).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/rule_set.h"

namespace holdfast::tools::bench {

class Pcre2LoopEngine {
 public:
  ~Pcre2LoopEngine();
  Pcre2LoopEngine(Pcre2LoopEngine&&) noexcept;
  Pcre2LoopEngine& operator=(Pcre2LoopEngine&&) noexcept;

  // Compiles each pattern in UTF and multiline mode (caseless as the rule says), as RE2 reads
  // it, and JIT-compiles it.
  [[nodiscard]] static tl::expected<Pcre2LoopEngine, std::string> Create(
      const std::vector<rules::StageExpression>& patterns);
  // The number of patterns matching `text`. REQUIRES: `text` is valid UTF-8 (not re-checked
  // per pattern, as a caller who validated once would do).
  size_t Scan(std::string_view text);
  // Matches that ended in an error (e.g. the JIT stack limit) rather than a match or no match.
  size_t errors() const;

 private:
  struct State;
  explicit Pcre2LoopEngine(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace holdfast::tools::bench
