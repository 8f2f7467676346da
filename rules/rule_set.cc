// Compile: every pattern of every policy into one Hyperscan database (the prefilter), and per
// rule the RE2 programs that confirm a candidate and give its exact span.
#include "rules/rule_set.h"

#include <algorithm>
#include <climits>
#include <string>

#include "rules/internal/pattern_text.h"
#include "rules/internal/policy_checks.h"
#include "rules/internal/rule_set_impl.h"

namespace holdfast::rules {
namespace {

struct HsExpression {
  std::string text;
  unsigned int flags = 0;
  uint32_t rule_number = 0;
  const Policy* policy = nullptr;
  const Rule* rule = nullptr;
  const Pattern* pattern = nullptr;
};

tl::unexpected<Error> PatternError(const Policy& policy, const Rule& rule, const Pattern* pattern,
                                   std::string message) {
  return tl::unexpected(Error{policy.file, rule.line, rule.id,
                              pattern != nullptr ? pattern->text : "", std::move(message)});
}

// Every pattern is UTF-8 to Hyperscan, as to RE2, so `.` and classes step over whole code
// points in both. No HS_FLAG_UCP: see rules/internal/pattern_text.h.
unsigned int HsFlags(const Pattern& pattern) {
  return HS_FLAG_UTF8 | (pattern.case_insensitive ? HS_FLAG_CASELESS : 0u);
}

re2::RE2::Options Re2Options(bool case_sensitive) {
  re2::RE2::Options options;  // UTF-8, leftmost-first, like the spans a reviewer expects
  options.set_log_errors(false);
  options.set_case_sensitive(case_sensitive);
  return options;
}

// The longest match of `expression` in bytes (kUnboundedWindow if unbounded), or why
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
  return info->max_width == UINT_MAX ? kUnboundedWindow : info->max_width;
}

tl::expected<std::unique_ptr<re2::RE2>, std::string> CompileRe2(const std::string& text,
                                                                bool case_sensitive = true) {
  auto re = std::make_unique<re2::RE2>(text, Re2Options(case_sensitive));
  if (!re->ok()) {
    return tl::unexpected("RE2: " + re->error());
  }
  return re;
}

tl::expected<CompiledRule, Error> CompileRule(const Policy& policy, const Rule& rule,
                                              uint32_t rule_number,
                                              std::vector<HsExpression>& expressions) {
  CompiledRule compiled;
  compiled.validator = rule.validator.empty() ? nullptr : FindValidator(rule.validator);
  compiled.context_window = static_cast<uint32_t>(rule.context_window);
  for (const Pattern& pattern : rule.patterns) {
    std::string text = PatternRegex(pattern);
    const unsigned int flags = HsFlags(pattern);
    auto width = HsMaxWidth(text, flags);
    if (!width) {
      return PatternError(policy, rule, &pattern, width.error());
    }
    compiled.window = std::max(compiled.window, *width);
    // Alone first, so that an RE2 error names this pattern rather than the alternation.
    if (auto alone = CompileRe2(text, !pattern.case_insensitive); !alone) {
      return PatternError(policy, rule, &pattern, alone.error());
    }
    expressions.push_back({std::move(text), flags, rule_number, &policy, &rule, &pattern});
  }
  auto match = CompileRe2(AlternationRegex(rule.patterns));
  if (!match) {
    return PatternError(policy, rule, nullptr, match.error());
  }
  compiled.match = std::move(*match);
  if (!rule.context_words.empty()) {
    auto context = CompileRe2(WordListRegex(rule.context_words));
    if (!context) {
      return PatternError(policy, rule, nullptr, "context words: " + context.error());
    }
    compiled.context = std::move(*context);
  }
  if (!rule.allow.empty()) {
    auto allow = CompileRe2(ExactListRegex(rule.allow));
    if (!allow) {
      return PatternError(policy, rule, nullptr, "allow list: " + allow.error());
    }
    compiled.allow = std::move(*allow);
  }
  return compiled;
}

// One block-mode database; expression id i is expressions[i].
tl::expected<HsDatabase, Error> BuildDatabase(const std::vector<HsExpression>& expressions) {
  if (expressions.empty()) {
    return HsDatabase();  // Hyperscan rejects an empty database; the scanner skips the scan
  }
  std::vector<const char*> texts;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  for (const HsExpression& expression : expressions) {
    ids.push_back(static_cast<unsigned int>(texts.size()));
    texts.push_back(expression.text.c_str());
    flags.push_back(expression.flags);
  }
  hs_database_t* raw_database = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  const hs_error_t status = hs_compile_multi(texts.data(), flags.data(), ids.data(),
                                             static_cast<unsigned int>(ids.size()), HS_MODE_BLOCK,
                                             nullptr, &raw_database, &raw_error);
  HsDatabase database(raw_database);
  const HsCompileError error(raw_error);
  if (status == HS_SUCCESS) {
    return database;
  }
  const std::string message =
      std::string("Hyperscan: ") + (error != nullptr ? error->message : "cannot compile");
  if (error != nullptr && error->expression >= 0 &&
      static_cast<size_t>(error->expression) < expressions.size()) {
    const HsExpression& failed = expressions[static_cast<size_t>(error->expression)];
    return PatternError(*failed.policy, *failed.rule, failed.pattern, message);
  }
  return tl::unexpected(Error{"", 0, "", "", message});
}

}  // namespace

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;

uint32_t RuleSet::size() const { return static_cast<uint32_t>(impl_->rules.size()); }
const RuleInfo& RuleSet::info(uint32_t rule) const { return impl_->infos.at(rule); }
const Rule& RuleSet::rule(uint32_t rule) const { return *impl_->rules.at(rule); }
const std::vector<Policy>& RuleSet::policies() const { return impl_->policies; }

tl::expected<std::shared_ptr<const RuleSet>, Error> Compile(std::vector<Policy> policies) {
  if (auto checked = CheckPolicies(policies); !checked) {
    return tl::unexpected(checked.error());
  }
  auto impl = std::make_unique<RuleSet::Impl>();
  impl->policies = std::move(policies);  // not resized again: `rules` points into it
  std::vector<HsExpression> expressions;
  for (const Policy& policy : impl->policies) {
    for (const Rule& rule : policy.rules) {
      const auto rule_number = static_cast<uint32_t>(impl->rules.size());
      auto compiled = CompileRule(policy, rule, rule_number, expressions);
      if (!compiled) {
        return tl::unexpected(compiled.error());
      }
      impl->rules.push_back(&rule);
      impl->infos.push_back(
          RuleInfo{policy.id, policy.name, rule.id, rule.category, policy.severity});
      impl->compiled.push_back(std::move(*compiled));
    }
  }
  auto database = BuildDatabase(expressions);
  if (!database) {
    return tl::unexpected(database.error());
  }
  impl->database = std::move(*database);
  for (const HsExpression& expression : expressions) {
    impl->pattern_rule.push_back(expression.rule_number);
  }
  return std::shared_ptr<const RuleSet>(new RuleSet(std::move(impl)));
}

}  // namespace holdfast::rules
