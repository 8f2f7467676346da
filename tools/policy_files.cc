#include "tools/policy_files.h"

namespace holdfast::tools {

std::filesystem::path ShippedPolicyDir() { return HOLDFAST_POLICY_DIR; }

std::filesystem::path ArchivePolicyDir(const std::filesystem::path& archive_dir) {
  return archive_dir / "policies";
}

tl::expected<std::shared_ptr<const rules::RuleSet>, std::string> CompilePolicies(
    const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files(paths.begin(), paths.end());
  if (files.empty()) {
    files.push_back(ShippedPolicyDir());
  }
  auto policies = rules::LoadPolicies(files);
  if (!policies) {
    return tl::unexpected(policies.error().ToString());
  }
  auto compiled = rules::Compile(std::move(*policies));
  if (!compiled) {
    return tl::unexpected(compiled.error().ToString());
  }
  return *compiled;
}

}  // namespace holdfast::tools
