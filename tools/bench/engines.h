// The engines the scan benchmark sets beside holdfast::rules::Scanner, built from what a
// compiled RuleSet says it runs, so that the benchmark never re-derives the rules component's
// expressions:
// - RE2::Set and the per-pattern RE2 loop run RuleSet::PatternExpressions(), the full
//   patterns a scanner without a prefilter would run on every post; the set gets a 1 GiB
//   budget, as RE2's default 8 MiB thrashes its DFA on these patterns (0.4 MB/s);
// - HyperscanCeiling runs RuleSet::TriggerExpressions(), one database per view compiled with
//   the flags rules::Compile uses, to show what Hyperscan alone costs on Holdfast's own
//   first stage.
// They only count matches (no spans, validators, context or allow-lists), so they do less
// work per post than the Scanner, whose numbers include its confirmation.
// Thread safety: per-thread (each holds its own scratch or match state).
#pragma once

#include <hs/hs.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/policy.h"
#include "rules/rule_set.h"

namespace holdfast::tools::bench {

// A pattern as RE2 text with its case and multiline flags inlined, ^ and $ at line ends as
// the rules component reads every pattern (see rules/policy.h).
std::string FlaggedRe2Regex(const rules::StageExpression& expression);

// RE2::Set, unanchored, over all patterns; flags per pattern inlined by FlaggedRe2Regex since a
// Set has one Options for all of them.
class Re2SetEngine {
 public:
  [[nodiscard]] static tl::expected<Re2SetEngine, std::string> Create(
      const std::vector<rules::StageExpression>& patterns);
  // The number of patterns matching `text`, or an error if RE2 gave up (DFA out of memory).
  [[nodiscard]] tl::expected<size_t, std::string> Scan(std::string_view text);

 private:
  explicit Re2SetEngine(std::unique_ptr<re2::RE2::Set> set) : set_(std::move(set)) {}
  std::unique_ptr<re2::RE2::Set> set_;
  std::vector<int> matched_;
};

// The naive loop: one RE2 per pattern, RE2::PartialMatch of each on every text.
class Re2LoopEngine {
 public:
  [[nodiscard]] static tl::expected<Re2LoopEngine, std::string> Create(
      const std::vector<rules::StageExpression>& patterns);
  // The number of patterns matching `text`.
  size_t Scan(std::string_view text) const;

 private:
  Re2LoopEngine() = default;
  std::vector<std::unique_ptr<re2::RE2>> programs_;
};

struct HsDatabaseFree {
  void operator()(hs_database_t* database) const noexcept { hs_free_database(database); }
};
struct HsScratchFree {
  void operator()(hs_scratch_t* scratch) const noexcept { hs_free_scratch(scratch); }
};

// Hyperscan alone on Holdfast's first stage: the block-mode databases of each view, compiled
// from that view's trigger expressions with the flags rules::Compile gives them. A scan runs
// every database with a callback that only counts: the text database over the text as given,
// the lexicon database over the same text with ASCII letters in lower case, as the Scanner
// hands it an ASCII post's lexicon view (building views of other posts is part of what the
// Scanner is measured for).
class HyperscanCeiling {
 public:
  static constexpr size_t kViews = 2;  // rules::View::kText, rules::View::kLexicon

  [[nodiscard]] static tl::expected<HyperscanCeiling, std::string> Create(
      const std::vector<rules::StageExpression>& triggers);
  // Bytes of the view's database (hs_database_size), 0 when no expression scans that view.
  size_t database_bytes(rules::View view) const;
  size_t expressions(rules::View view) const { return expressions_[static_cast<size_t>(view)]; }
  // Every match Hyperscan reports in `text` (text view) and `lowered` (lexicon view: `text`
  // with ASCII letters in lower case) over all databases, or an error.
  [[nodiscard]] tl::expected<uint64_t, std::string> Scan(std::string_view text,
                                                         std::string_view lowered);

 private:
  HyperscanCeiling() = default;
  // Per view, its database and its database of plain literals (rules::StageExpression::
  // own_database), as rules::Compile splits them: [view * 2 + (own_database ? 1 : 0)].
  static constexpr size_t kDatabases = 2 * kViews;
  std::array<std::unique_ptr<hs_database_t, HsDatabaseFree>, kDatabases> databases_;
  std::array<size_t, kViews> expressions_ = {};
  std::unique_ptr<hs_scratch_t, HsScratchFree> scratch_;  // large enough for every database
};

}  // namespace holdfast::tools::bench
