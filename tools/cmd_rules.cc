// holdfast rules test.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "rules/examples.h"
#include "rules/validators.h"
#include "tools/commands.h"
#include "tools/policy_files.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

int RunRulesTest(const std::vector<std::string>& files) {
  auto rules = CompilePolicies(files);
  if (!rules) {
    PrintError(rules.error());
    return 1;
  }
  auto results = rules::RunExamples(*rules);
  if (!results) {
    PrintError(results.error().ToString());
    return 1;
  }
  size_t passed = 0;
  size_t failed = 0;
  for (const rules::ExampleResult& result : *results) {
    if (result.passed) {
      ++passed;
      continue;
    }
    ++failed;
    std::printf("FAIL %s: rule %s should %s: \"%s\"\n", result.policy_file.c_str(),
                result.rule_id.c_str(), result.should_match ? "match" : "not match",
                result.example.c_str());
  }
  std::printf("rules: %zu examples passed, %zu failed (%u rules in %zu policies)\n", passed, failed,
              (*rules)->size(), (*rules)->policies().size());
  return failed == 0 ? 0 : 1;
}

int RunRulesValidators() {
  std::printf("%-20s %-7s %s\n", "validator", "strength", "checks");
  for (const rules::ValidatorInfo& info : rules::Validators()) {
    std::printf("%-20.*s %-7s %.*s\n", static_cast<int>(info.name.size()), info.name.data(),
                info.strength == rules::ValidatorStrength::kStrong ? "strong" : "weak",
                static_cast<int>(info.what.size()), info.what.data());
  }
  std::printf(
      "weak validators pass random values too often to flag alone: their rules need "
      "evidence (see rules/policy.h)\n");
  return 0;
}

}  // namespace

void AddRulesCommands(CLI::App& app, int& exit_code) {
  CLI::App* rules = app.add_subcommand("rules", "Work with policy files");
  rules->require_subcommand(1);
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* test = rules->add_subcommand("test", "Run every rule's examples; fail on any miss");
  test->add_option("POLICY_FILE", *files, "Policy files or folders (default: shipped packs)");
  test->callback([files, &exit_code] { exit_code = RunRulesTest(*files); });
  CLI::App* validators = rules->add_subcommand(
      "validators", "List the validators a rule may name, and their strength");
  validators->callback([&exit_code] { exit_code = RunRulesValidators(); });
}

}  // namespace holdfast::tools
