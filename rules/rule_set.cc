// Compile: every rule's triggers into one Hyperscan database per view (the first stage), and
// per rule and policy what confirms and keeps a hit (the second stage).
#include "rules/rule_set.h"

#include <algorithm>
#include <array>
#include <future>
#include <string>

#include "rules/internal/compile_rule.h"
#include "rules/internal/pattern_text.h"
#include "rules/internal/policy_checks.h"
#include "rules/internal/rule_set_impl.h"

namespace holdfast::rules {
namespace {

// Values that stand for a value rather than being one: documentation keys (AWS's own
// AKIAIOSFODNN7EXAMPLE), template variables, masks. Matched anywhere in a hit's value; only
// EXAMPLE in capitals, so that addresses at example.nl stay addresses.
constexpr const char* kPlaceholderRegex =
    R"(EXAMPLE|(?i:xxxx|<[^<>\s]*(?:token|key|secret|pass|pwd|user|name|here|value|id)[^<>\s]*>|\$\{[^}]*\}|\*{4}|•{4}|#{4}|changeme|placeholder|dummy|redacted|)"
    R"(your[-_ ]?(?:token|key|secret|password|api)|\.\.\.))";

// One block-mode database of expressions[i] for each i in `chosen`, with expression id i.
tl::expected<HsDatabase, Error> BuildDatabase(const std::vector<HsExpression>& expressions,
                                              const std::vector<uint32_t>& chosen) {
  if (chosen.empty()) {
    return HsDatabase();  // Hyperscan rejects an empty database; the scanner skips the scan
  }
  std::vector<const char*> texts;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  for (const uint32_t i : chosen) {
    ids.push_back(i);
    texts.push_back(expressions[i].text.c_str());
    flags.push_back(expressions[i].flags);
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
    return tl::unexpected(Error{failed.policy->file, failed.rule->line, failed.rule->id,
                                failed.pattern != nullptr ? failed.pattern->text : "", message});
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

std::vector<StageExpression> RuleSet::TriggerExpressions() const {
  std::vector<StageExpression> out;
  for (const ViewDatabase& view : impl_->views) {
    out.insert(out.end(), view.expressions.begin(), view.expressions.end());
  }
  return out;
}

std::vector<StageExpression> RuleSet::PatternExpressions() const {
  std::vector<StageExpression> out;
  for (uint32_t number = 0; number < impl_->rules.size(); ++number) {
    const Rule& rule = *impl_->rules[number];
    for (const Pattern& pattern : rule.patterns) {
      out.push_back(StageExpression{PatternRegex(pattern), pattern.case_insensitive, true, false,
                                    rule.view, number});
    }
  }
  return out;
}

tl::expected<std::shared_ptr<const RuleSet>, Error> Compile(std::vector<Policy> policies) {
  if (auto checked = CheckPolicies(policies); !checked) {
    return tl::unexpected(checked.error());
  }
  auto impl = std::make_unique<RuleSet::Impl>();
  impl->policies = std::move(policies);  // not resized again: `rules` points into it
  RuleNumbers rule_numbers;
  for (const Policy& policy : impl->policies) {
    for (const Rule& rule : policy.rules) {
      rule_numbers.emplace(rule.id, static_cast<uint32_t>(impl->rules.size()));
      impl->rules.push_back(&rule);
      impl->infos.push_back(RuleInfo{policy.id, policy.name, rule.id, rule.category,
                                     policy.severity, policy.action, policy.review_sample});
    }
  }
  std::array<std::vector<HsExpression>, 2> expressions;  // by View
  uint32_t rule_number = 0;
  for (uint32_t p = 0; p < impl->policies.size(); ++p) {
    const Policy& policy = impl->policies[p];
    for (const Rule& rule : policy.rules) {
      auto compiled = CompileRule(policy, p, rule, rule_number++, rule_numbers,
                                  expressions[static_cast<size_t>(rule.view)]);
      if (!compiled) {
        return tl::unexpected(compiled.error());
      }
      impl->compiled.push_back(std::move(*compiled));
    }
    auto compiled_policy = CompilePolicy(policy, rule_numbers);
    if (!compiled_policy) {
      return tl::unexpected(compiled_policy.error());
    }
    impl->compiled_policies.push_back(std::move(*compiled_policy));
  }
  // Which expressions go to which database: per view, the plain literals apart once they
  // are many (ViewDatabase::literals).
  std::array<std::array<std::vector<uint32_t>, 2>, 2> chosen;  // [view][0: main, 1: literals]
  for (size_t view = 0; view < expressions.size(); ++view) {
    const auto literals = static_cast<size_t>(
        std::count_if(expressions[view].begin(), expressions[view].end(),
                      [](const HsExpression& e) { return e.reach.literal > 0; }));
    for (uint32_t i = 0; i < expressions[view].size(); ++i) {
      const bool apart = literals > kOwnLiteralDatabase && expressions[view][i].reach.literal > 0;
      chosen[view][apart ? 1 : 0].push_back(i);
    }
  }
  // Hyperscan's compiler is single-threaded and the databases are independent: the largest
  // (the lexicon's literals when a codename list is loaded, else the lexicon's database)
  // builds on a second thread meanwhile.
  const size_t lexicon = static_cast<size_t>(View::kLexicon);
  const size_t aside = chosen[lexicon][1].empty() ? 0 : 1;
  auto aside_database = std::async(std::launch::async, [&] {
    return BuildDatabase(expressions[lexicon], chosen[lexicon][aside]);
  });
  std::array<std::array<tl::expected<HsDatabase, Error>, 2>, 2> databases;
  for (size_t view = 0; view < expressions.size(); ++view) {
    for (size_t part = 0; part < 2; ++part) {
      if (view != lexicon || part != aside) {
        databases[view][part] = BuildDatabase(expressions[view], chosen[view][part]);
      }
    }
  }
  databases[lexicon][aside] = aside_database.get();
  for (size_t view = 0; view < expressions.size(); ++view) {
    for (auto& database : databases[view]) {
      if (!database) {
        return tl::unexpected(database.error());
      }
    }
    impl->views[view].database = std::move(*databases[view][0]);
    impl->views[view].literals = std::move(*databases[view][1]);
    std::vector<bool> apart(expressions[view].size(), false);
    for (const uint32_t i : chosen[view][1]) {
      apart[i] = true;
    }
    for (size_t i = 0; i < expressions[view].size(); ++i) {
      const HsExpression& expression = expressions[view][i];
      impl->views[view].reach.push_back(expression.reach);
      impl->views[view].expressions.push_back(
          StageExpression{expression.text, (expression.flags & HS_FLAG_CASELESS) != 0,
                          (expression.flags & HS_FLAG_UTF8) != 0, apart[i], static_cast<View>(view),
                          expression.reach.rule});
    }
  }
  impl->placeholder = std::make_unique<re2::RE2>(kPlaceholderRegex, Re2Options(true));
  return std::shared_ptr<const RuleSet>(new RuleSet(std::move(impl)));
}

}  // namespace holdfast::rules
