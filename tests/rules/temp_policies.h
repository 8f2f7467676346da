// Test fixture support: policy YAML written to a fresh temporary folder, removed afterwards.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "rules/policy.h"
#include "rules/rule_set.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::rules::testing {

class TempPolicies {
 public:
  TempPolicies() = default;
  TempPolicies(const TempPolicies&) = delete;
  TempPolicies& operator=(const TempPolicies&) = delete;

  const std::filesystem::path& dir() const { return tmp_.path(); }

  std::filesystem::path Write(const std::string& name, const std::string& yaml) const {
    const std::filesystem::path file = tmp_.path() / name;
    std::ofstream(file, std::ios::binary) << yaml;
    return file;
  }

 private:
  holdfast::testing::TempDir tmp_;
};

// Loads and compiles one policy file's text; fails the test on an error.
inline std::shared_ptr<const RuleSet> CompileYaml(const std::string& yaml) {
  TempPolicies temp;
  auto policy = LoadPolicyFile(temp.Write("policy.yaml", yaml));
  if (!policy) {
    ADD_FAILURE() << policy.error().ToString();
    return nullptr;
  }
  std::vector<Policy> policies;
  policies.push_back(std::move(*policy));
  auto rules = Compile(std::move(policies));
  if (!rules) {
    ADD_FAILURE() << rules.error().ToString();
    return nullptr;
  }
  return *rules;
}

}  // namespace holdfast::rules::testing
