// The compiled form of a RuleSet: per view, one Hyperscan database over every trigger (the
// first stage), and per rule the RE2 programs, validator and context checks that confirm a
// candidate and give its span (the second stage); per policy, what keeps or drops a hit.
// Thread safety: immutable after Compile; RE2 objects are safe to share between threads.
#pragma once

#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "rules/internal/hyperscan_handles.h"
#include "rules/internal/names.h"
#include "rules/policy.h"
#include "rules/rule_set.h"

namespace holdfast::rules {

inline constexpr uint32_t kNoRule = std::numeric_limits<uint32_t>::max();
// Reach of a trigger whose pattern has no longest match: to the start of the post.
inline constexpr uint32_t kUnboundedReach = std::numeric_limits<uint32_t>::max();
// Capturing groups a rule's patterns may hold together; their matches live on the stack.
inline constexpr int kMaxGroups = 8;

// Words, a regex or another rule's hits within `window` code points of a hit.
struct CompiledCheck {
  std::unique_ptr<re2::RE2> regex;  // null for a rule check
  uint32_t rule = kNoRule;          // the rule whose hits count; kNoRule for text checks
  uint32_t window = 0;
  Confidence confidence = Confidence::kHigh;
};

// Hit values a rule or policy never flags.
struct CompiledAllow {
  std::vector<std::string> literals;  // compared with the whole value, ignoring ASCII case
  std::unique_ptr<re2::RE2> regex;    // any entry; null without regex entries
  bool empty() const { return literals.empty() && regex == nullptr; }
};

struct CompiledRule {
  View view = View::kText;
  uint32_t policy = 0;  // index into RuleSet::Impl::policies
  // Every pattern is a plain literal matched as bytes, and there is no validator: a trigger's
  // match is the span, and `match` is null (a list of 100,000 codenames needs no RE2).
  bool exact = false;
  std::unique_ptr<re2::RE2> match;  // the rule's patterns as one alternation; null if exact
  int groups = 0;                   // capturing groups in `match`; the first that took part
                                    // is the value
  // With groups and more than one pattern: each pattern as its alternative of `match`, alone.
  // RE2 extracts groups from the alternative that made a match, a fraction of the program.
  std::vector<std::unique_ptr<re2::RE2>> alternatives;
  ValidatorFn validator = nullptr;  // null without a validator
  uint32_t min_length = 0;          // code points of the value; 0 = no bound (Rule::min_length)
  uint32_t max_length = 0;
  bool unbounded = false;     // some pattern has no longest match
  bool placeholders = false;  // values (pii.*, secret.*) face the placeholder filter
  Confidence confidence = Confidence::kMedium;
  std::vector<CompiledCheck> evidence;  // text checks, then rule checks
  bool rule_evidence = false;           // some evidence entry is a rule check
  std::vector<CompiledCheck> unless;
  CompiledAllow allow;
};

struct CompiledException {
  std::string source, community, author;  // "" = any
  std::vector<uint32_t> rules;            // sorted rule numbers; empty = every rule
};

struct CompiledPolicy {
  Confidence min_confidence = Confidence::kMedium;
  std::vector<std::string> sources, communities;  // empty = all
  std::vector<CompiledException> exceptions;
  CompiledAllow allow;
};

// One Hyperscan expression: where a match of `rule` may lie around its end offset e is
// [e - before, e + after], clipped to the post.
struct ExpressionReach {
  uint32_t rule = 0;
  uint32_t before = 0;
  uint32_t after = 0;
  // A plain literal matched as bytes: its length, and whether its first / last byte is an
  // ASCII word character, so that the match needs a word boundary there (as LiteralRegex
  // writes it). Such a match is its own span; the scanner checks the boundaries itself.
  uint32_t literal = 0;  // 0: not such a literal
  bool bound_before = false;
  bool bound_after = false;
  bool exact = false;  // the rule's every pattern is such a literal (CompiledRule::exact)
};

// The first stage for one view: every trigger of the rules that scan that view.
// Expression ids run over both databases of a view.
struct ViewDatabase {
  // Every trigger, or those that are not plain literals when `literals` is set; null if none.
  HsDatabase database;
  // The plain literals, in a database of their own once a view has more than
  // kOwnLiteralDatabase of them (a codename list), so that they compile beside the regexes.
  HsDatabase literals;
  std::vector<ExpressionReach> reach;        // by Hyperscan expression id
  std::vector<StageExpression> expressions;  // by Hyperscan expression id
  bool empty() const { return database == nullptr && literals == nullptr; }
};

inline constexpr size_t kOwnLiteralDatabase = 5000;

struct RuleSet::Impl {
  std::vector<Policy> policies;
  std::vector<const Rule*> rules;  // points into `policies`, in rule number order
  std::vector<RuleInfo> infos;     // by rule number
  std::vector<CompiledRule> compiled;
  std::vector<CompiledPolicy> compiled_policies;
  std::array<ViewDatabase, 2> views;      // by View
  std::unique_ptr<re2::RE2> placeholder;  // values that stand for a value: EXAMPLE, <token>...
};

}  // namespace holdfast::rules
