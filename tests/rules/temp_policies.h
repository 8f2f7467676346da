// Test fixture support: policy YAML written to a fresh temporary folder, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "rules/policy.h"
#include "rules/rule_set.h"

namespace holdfast::rules::testing {

class TempPolicies {
 public:
  TempPolicies() {
    std::string pattern = (std::filesystem::temp_directory_path() / "holdfast-rules-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
    }
    dir_ = pattern;
  }
  ~TempPolicies() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempPolicies(const TempPolicies&) = delete;
  TempPolicies& operator=(const TempPolicies&) = delete;

  const std::filesystem::path& dir() const { return dir_; }

  std::filesystem::path Write(const std::string& name, const std::string& yaml) const {
    const std::filesystem::path file = dir_ / name;
    std::ofstream(file, std::ios::binary) << yaml;
    return file;
  }

 private:
  std::filesystem::path dir_;
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
