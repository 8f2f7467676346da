// The engines the scan benchmark sets beside holdfast::rules::Scanner, each compiled from the
// same expressions: every pattern of every rule, with the rule's case sensitivity. They only
// find which patterns match (no spans, validators, context or allow-lists), so they do less
// work per post than the Scanner, whose numbers include its confirmation.
// Thread safety: per-thread (each holds its own scratch or match state).
#pragma once

#include <hs/hs.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/policy.h"

namespace holdfast::tools::bench {

struct BenchPattern {
  std::string regex;  // as the rules component hands it to Hyperscan and RE2
  bool case_insensitive = true;
};

// Every pattern of every rule of `policies`, in rule order, written as rules::Compile writes it
// (a literal is escaped and gets \b at an ASCII word-character end; see
// rules/internal/pattern_text.cc, mirrored here so that the rules component exposes nothing
// new for a benchmark).
std::vector<BenchPattern> PatternsOf(const std::vector<rules::Policy>& policies);

// RE2::Set, unanchored, over all patterns; case per pattern through (?i:...) since a Set has
// one Options for all of them.
class Re2SetEngine {
 public:
  [[nodiscard]] static tl::expected<Re2SetEngine, std::string> Create(
      const std::vector<BenchPattern>& patterns);
  // The number of patterns matching `text`, or an error if RE2 gave up (DFA out of memory).
  [[nodiscard]] tl::expected<size_t, std::string> Scan(std::string_view text);

 private:
  explicit Re2SetEngine(std::unique_ptr<re2::RE2::Set> set) : set_(std::move(set)) {}
  std::unique_ptr<re2::RE2::Set> set_;
  std::vector<int> matched_;
};

struct HsDatabaseFree {
  void operator()(hs_database_t* database) const noexcept { hs_free_database(database); }
};
struct HsScratchFree {
  void operator()(hs_scratch_t* scratch) const noexcept { hs_free_scratch(scratch); }
};

// One Hyperscan block-mode database, compiled with the flags rules::Compile uses
// (HS_FLAG_UTF8, plus HS_FLAG_CASELESS for a case-insensitive pattern).
class HyperscanEngine {
 public:
  [[nodiscard]] static tl::expected<HyperscanEngine, std::string> Create(
      const std::vector<BenchPattern>& patterns);
  size_t database_bytes() const;
  // Every match Hyperscan reports in `text` (end offsets, all patterns), or an error.
  // REQUIRES: text.size() < 4 GiB.
  [[nodiscard]] tl::expected<uint64_t, std::string> Scan(std::string_view text);

 private:
  HyperscanEngine() = default;
  std::unique_ptr<hs_database_t, HsDatabaseFree> database_;
  std::unique_ptr<hs_scratch_t, HsScratchFree> scratch_;
};

// The naive loop: one RE2 per pattern, RE2::PartialMatch of each on every text.
class Re2LoopEngine {
 public:
  [[nodiscard]] static tl::expected<Re2LoopEngine, std::string> Create(
      const std::vector<BenchPattern>& patterns);
  // The number of patterns matching `text`.
  size_t Scan(std::string_view text) const;

 private:
  Re2LoopEngine() = default;
  std::vector<std::unique_ptr<re2::RE2>> programs_;
};

}  // namespace holdfast::tools::bench
