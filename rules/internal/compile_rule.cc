#include "rules/internal/compile_rule.h"

#include <hs/hs.h>

#include <algorithm>
#include <climits>
#include <string>
#include <unordered_map>

#include "rules/internal/pattern_text.h"
#include "rules/internal/trigger_mode.h"
#include "rules/text_view.h"
#include "rules/validators.h"

namespace holdfast::rules {
namespace {

tl::unexpected<Error> RuleError(const Policy& policy, const Rule& rule, const Pattern* pattern,
                                std::string message, int line = 0) {
  return tl::unexpected(Error{policy.file, line > 0 ? line : rule.line, rule.id,
                              pattern != nullptr ? pattern->text : "", std::move(message)});
}

// The longest match of `expression` in bytes (kUnboundedReach if unbounded), or why
// Hyperscan rejects it. A pattern that can match the empty string is rejected: it would
// report a candidate at every offset.
tl::expected<uint32_t, std::string> HsMaxWidth(const std::string& expression, unsigned int flags) {
  hs_expr_info_t* raw_info = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  // ALLOWEMPTY here only, so such a pattern gets our message instead of Hyperscan's advice
  // to set the flag.
  const hs_error_t status =
      hs_expression_info(expression.c_str(), flags | HS_FLAG_ALLOWEMPTY, &raw_info, &raw_error);
  const HsExpressionInfo info(raw_info);
  const HsCompileError error(raw_error);
  if (status != HS_SUCCESS) {
    return tl::unexpected(std::string("Hyperscan: ") +
                          (error != nullptr ? error->message : "cannot compile"));
  }
  if (info->min_width == 0) {
    return tl::unexpected(std::string("pattern can match the empty string"));
  }
  return info->max_width == UINT_MAX ? kUnboundedReach : info->max_width;
}

tl::expected<std::unique_ptr<re2::RE2>, std::string> CompileRe2(const std::string& text,
                                                                bool case_sensitive = true) {
  re2::RE2::Options options = Re2Options(case_sensitive);
  // RE2's default budget (8 MiB) holds a few thousand alternatives; a rule fed a codename
  // list of 100,000 terms needs about 40 bytes of budget per byte of pattern for its program
  // and DFA cache. The budget is a cap, not an allocation.
  constexpr int64_t kBytesPerPatternByte = 64;
  options.set_max_mem(std::max<int64_t>(options.max_mem(),
                                        static_cast<int64_t>(text.size()) * kBytesPerPatternByte));
  auto re = std::make_unique<re2::RE2>(text, options);
  if (!re->ok()) {
    return tl::unexpected("RE2: " + re->error());
  }
  return re;
}

// The Hyperscan expression for `pattern` and the reach of its candidates. A literal runs bare,
// so that Hyperscan keeps it in its literal matcher; RE2 checks its word boundaries afterwards.
// Lexicon patterns come folded (LexiconPatterns) and the scanner lowercases the lexicon
// buffer, so they run in lower case without HS_FLAG_CASELESS where lowercasing is exact, with
// repeated \s as one (white space never repeats in that view); and
// whatever cannot tell bytes from code points runs in byte mode, and without a trailing \b
// (rules/internal/trigger_mode.h).
tl::expected<HsExpression, std::string> TriggerOf(const Pattern& pattern, View view,
                                                  uint32_t rule_number) {
  HsExpression expression;
  expression.reach.rule = rule_number;
  bool caseless = pattern.case_insensitive;
  const bool literal = !pattern.regex && !pattern.trigger;
  expression.text = pattern.trigger ? pattern.trigger->regex
                    : literal       ? EscapeLiteral(pattern.text)
                                    : pattern.text;
  if (view == View::kLexicon && caseless) {
    if (auto lowered = LowercaseRegex(expression.text)) {
      expression.text = std::move(*lowered);
      caseless = false;
    }
  }
  if (view == View::kLexicon && !literal) {
    expression.text = CollapsedSpaceRegex(expression.text);
  }
  expression.flags = HS_FLAG_MULTILINE | (caseless ? HS_FLAG_CASELESS : 0u);
  std::optional<std::string> bytes = ByteModeRegex(expression.text, caseless);
  if (literal) {
    expression.reach.before = static_cast<uint32_t>(pattern.text.size());
    if (bytes && !pattern.text.empty()) {
      expression.reach.literal = static_cast<uint32_t>(pattern.text.size());
      expression.reach.bound_before = IsAsciiWordChar(pattern.text.front());
      expression.reach.bound_after = IsAsciiWordChar(pattern.text.back());
    }
  } else {
    // The width of the expression as RE2 reads it (UTF-8), not of its byte-mode form.
    auto width = HsMaxWidth(expression.text, expression.flags | HS_FLAG_UTF8);
    if (!width) {
      return tl::unexpected(pattern.trigger ? "trigger: " + width.error() : width.error());
    }
    expression.reach.before =
        pattern.trigger ? static_cast<uint32_t>(pattern.trigger->before) : *width;
    expression.reach.after = pattern.trigger ? static_cast<uint32_t>(pattern.trigger->after) : 0;
  }
  // A byte-mode form Hyperscan rejects (it should not happen) leaves the expression as it is.
  if (bytes && (literal || HsMaxWidth(*bytes, expression.flags))) {
    expression.text = std::move(*bytes);
  } else {
    expression.flags |= HS_FLAG_UTF8;
  }
  // A trailing word boundary is RE2's to check. The reach stays: the ends are the same, and
  // the width (a boundary takes none).
  if (!literal) {
    if (auto loose = WithoutTrailingWordBoundary(expression.text)) {
      expression.text = std::move(*loose);
    }
  }
  return expression;
}

tl::expected<CompiledAllow, std::string> CompileAllow(const std::vector<AllowEntry>& entries) {
  CompiledAllow allow;
  std::string regex;
  for (const AllowEntry& entry : entries) {
    if (!entry.regex) {
      allow.literals.push_back(entry.text);
      continue;
    }
    if (auto alone = CompileRe2(entry.text, false); !alone) {
      return tl::unexpected("allow regex '" + entry.text + "': " + alone.error());
    }
    regex += (regex.empty() ? "(?:" : "|(?:") + entry.text + ")";
  }
  if (!regex.empty()) {
    auto compiled = CompileRe2(regex, false);
    if (!compiled) {
      return tl::unexpected("allow list: " + compiled.error());
    }
    allow.regex = std::move(*compiled);
  }
  return allow;
}

tl::expected<CompiledCheck, std::string> CompileCheck(const ContextCheck& check,
                                                      const RuleNumbers& rule_numbers) {
  CompiledCheck compiled;
  compiled.window = static_cast<uint32_t>(check.window);
  compiled.confidence = check.confidence;
  if (!check.rule.empty()) {
    const auto found = rule_numbers.find(check.rule);
    if (found == rule_numbers.end()) {
      return tl::unexpected("evidence names unknown rule '" + check.rule + "'");
    }
    compiled.rule = found->second;
    return compiled;
  }
  auto regex = check.words.empty() ? CompileRe2("(?m)" + check.regex, false)
                                   : CompileRe2(WordListRegex(check.words));
  if (!regex) {
    return tl::unexpected(regex.error());
  }
  compiled.regex = std::move(*regex);
  return compiled;
}

tl::expected<void, Error> CompileChecks(const Policy& policy, const Rule& rule,
                                        const RuleNumbers& rule_numbers, CompiledRule& compiled) {
  for (bool evidence : {true, false}) {
    for (const ContextCheck& check : evidence ? rule.evidence : rule.unless) {
      auto read = CompileCheck(check, rule_numbers);
      if (!read) {
        return RuleError(policy, rule, nullptr,
                         (evidence ? "evidence: " : "unless: ") + read.error(), check.line);
      }
      if (read->rule == rule_numbers.at(rule.id)) {
        return RuleError(policy, rule, nullptr, "a rule cannot be its own evidence", check.line);
      }
      (evidence ? compiled.evidence : compiled.unless).push_back(std::move(*read));
    }
  }
  // Text checks first: they are settled while confirming, rule checks only once every rule
  // has been confirmed.
  std::stable_partition(compiled.evidence.begin(), compiled.evidence.end(),
                        [](const CompiledCheck& check) { return check.rule == kNoRule; });
  compiled.rule_evidence = std::any_of(compiled.evidence.begin(), compiled.evidence.end(),
                                       [](const CompiledCheck& c) { return c.rule != kNoRule; });
  return {};
}

}  // namespace

re2::RE2::Options Re2Options(bool case_sensitive) {
  re2::RE2::Options options;  // UTF-8, leftmost-first, like the spans a reviewer expects
  options.set_log_errors(false);
  options.set_case_sensitive(case_sensitive);
  return options;
}

// A weak validator passes by chance too often to flag on its own: the rule must start below
// its policy's floor and have evidence to rise above it.
tl::expected<void, Error> CheckValidatorStrength(const Policy& policy, const Rule& rule) {
  const ValidatorInfo* info = FindValidatorInfo(rule.validator);
  if (info == nullptr || info->strength == ValidatorStrength::kStrong) {
    return {};
  }
  if (rule.confidence >= policy.min_confidence || rule.evidence.empty()) {
    return RuleError(policy, rule, nullptr,
                     "validator '" + rule.validator +
                         "' is weak (random values pass it too often): give the rule a "
                         "confidence below the policy's min_confidence and evidence to rise "
                         "above it");
  }
  return {};
}

// Lexicon literals are folded as the lexicon view folds text, so that "Privénummer" or
// "WH4TSAPP" in a policy file means what the view will hold. Regexes are left alone: folding
// would turn their $ into s.
std::vector<Pattern> LexiconPatterns(const Rule& rule) {
  std::vector<Pattern> patterns = rule.patterns;
  TextView view;
  for (Pattern& pattern : patterns) {
    pattern.case_insensitive = true;
    if (!pattern.regex) {
      view.Build(pattern.text, View::kLexicon);
      pattern.text = std::string(view.text());
    }
  }
  return patterns;
}

// The rule's evidence, unless and allow entries, added to `compiled`.
tl::expected<CompiledRule, Error> CompileRuleChecks(const Policy& policy, const Rule& rule,
                                                    const RuleNumbers& rule_numbers,
                                                    CompiledRule compiled) {
  if (auto checks = CompileChecks(policy, rule, rule_numbers, compiled); !checks) {
    return tl::unexpected(checks.error());
  }
  auto allow = CompileAllow(rule.allow);
  if (!allow) {
    return RuleError(policy, rule, nullptr, allow.error());
  }
  compiled.allow = std::move(*allow);
  return compiled;
}

tl::expected<CompiledRule, Error> CompileRule(const Policy& policy, uint32_t policy_index,
                                              const Rule& rule, uint32_t rule_number,
                                              const RuleNumbers& rule_numbers,
                                              std::vector<HsExpression>& expressions) {
  if (auto strength = CheckValidatorStrength(policy, rule); !strength) {
    return tl::unexpected(strength.error());
  }
  CompiledRule compiled;
  compiled.view = rule.view;
  compiled.policy = policy_index;
  compiled.validator = rule.validator.empty() ? nullptr : FindValidator(rule.validator);
  compiled.min_length = static_cast<uint32_t>(rule.min_length);
  compiled.max_length = static_cast<uint32_t>(rule.max_length);
  compiled.confidence = rule.confidence;
  compiled.placeholders = rule.category.starts_with("pii.") || rule.category.starts_with("secret.");
  const std::vector<Pattern> patterns =
      rule.view == View::kLexicon ? LexiconPatterns(rule) : rule.patterns;
  const size_t first = expressions.size();
  std::unordered_map<std::string, size_t> triggers;  // text and flags -> index in `expressions`
  for (size_t i = 0; i < patterns.size(); ++i) {
    const Pattern& pattern = patterns[i];
    const Pattern* as_written = &rule.patterns[i];  // outlives this call, for error messages
    auto expression = TriggerOf(pattern, rule.view, rule_number);
    if (!expression) {
      return RuleError(policy, rule, as_written, expression.error());
    }
    // Alone first, so that an RE2 error names this pattern rather than the alternation. A
    // plain literal always compiles (it is escaped), and a codename list holds 100,000.
    if (pattern.regex || pattern.trigger) {
      auto alone = CompileRe2(PatternRegex(pattern), !pattern.case_insensitive);
      if (!alone) {
        return RuleError(policy, rule, as_written, alone.error());
      }
      // A triggered pattern never goes to Hyperscan (that is the point of its trigger), so RE2
      // says whether it can match the empty string.
      if (pattern.trigger && re2::RE2::FullMatch("", **alone)) {
        return RuleError(policy, rule, as_written, "pattern can match the empty string");
      }
    } else if (pattern.text.empty()) {
      return RuleError(policy, rule, as_written, "pattern is empty in the lexicon view");
    }
    compiled.unbounded = compiled.unbounded || expression->reach.before == kUnboundedReach;
    // Patterns that share a trigger ("trigger: *keyword") are found by one expression with the
    // widest window of theirs: the same ranges their matches gave when merged per rule, for
    // one report instead of one per pattern.
    const auto [same, added] = triggers.try_emplace(
        expression->text + '\0' + std::to_string(expression->flags), expressions.size());
    if (!added) {
      ExpressionReach& reach = expressions[same->second].reach;
      reach.before = std::max(reach.before, expression->reach.before);
      reach.after = std::max(reach.after, expression->reach.after);
      continue;
    }
    expression->policy = &policy;
    expression->rule = &rule;
    expression->pattern = as_written;
    expressions.push_back(std::move(*expression));
  }
  compiled.exact =
      compiled.validator == nullptr &&
      std::all_of(expressions.begin() + static_cast<std::ptrdiff_t>(first), expressions.end(),
                  [](const HsExpression& e) { return e.reach.literal > 0; });
  for (size_t e = first; e < expressions.size(); ++e) {
    expressions[e].reach.exact = compiled.exact;
  }
  if (compiled.exact) {
    return CompileRuleChecks(policy, rule, rule_numbers, std::move(compiled));
  }
  auto match = CompileRe2(AlternationRegex(patterns));
  if (!match) {
    return RuleError(policy, rule, nullptr, match.error());
  }
  compiled.match = std::move(*match);
  compiled.groups = compiled.match->NumberOfCapturingGroups();
  if (compiled.groups > kMaxGroups) {
    return RuleError(policy, rule, nullptr,
                     "patterns hold " + std::to_string(compiled.groups) +
                         " capturing groups (at most " + std::to_string(kMaxGroups) +
                         "); use (?:...) for groups that are not the value");
  }
  if (compiled.groups > 0 && patterns.size() > 1) {
    for (const Pattern& pattern : patterns) {
      auto alternative = CompileRe2(AlternativeRegex(pattern));
      if (!alternative) {
        return RuleError(policy, rule, nullptr, alternative.error());
      }
      compiled.alternatives.push_back(std::move(*alternative));
    }
  }
  return CompileRuleChecks(policy, rule, rule_numbers, std::move(compiled));
}

tl::expected<CompiledPolicy, Error> CompilePolicy(const Policy& policy,
                                                  const RuleNumbers& rule_numbers) {
  CompiledPolicy compiled;
  compiled.min_confidence = policy.min_confidence;
  compiled.sources = policy.scope.sources;
  compiled.communities = policy.scope.communities;
  for (const Exception& exception : policy.exceptions) {
    CompiledException out{exception.source, exception.community, exception.author, {}};
    for (const std::string& id : exception.rules) {
      const auto found = rule_numbers.find(id);
      const bool in_policy = found != rule_numbers.end() &&
                             std::any_of(policy.rules.begin(), policy.rules.end(),
                                         [&](const Rule& rule) { return rule.id == id; });
      if (!in_policy) {
        return tl::unexpected(
            Error{policy.file, exception.line, "", "",
                  "exception names rule '" + id + "', not a rule of policy '" + policy.id + "'"});
      }
      out.rules.push_back(found->second);
    }
    std::sort(out.rules.begin(), out.rules.end());
    compiled.exceptions.push_back(std::move(out));
  }
  auto allow = CompileAllow(policy.allow);
  if (!allow) {
    return tl::unexpected(Error{policy.file, 0, "", "", allow.error()});
  }
  compiled.allow = std::move(*allow);
  return compiled;
}

}  // namespace holdfast::rules
