#include "tools/policy_files.h"

namespace holdfast::tools {

std::filesystem::path ShippedPolicyDir() { return HOLDFAST_POLICY_DIR; }

std::filesystem::path ArchivePolicyDir(const std::filesystem::path& archive_dir) {
  return archive_dir / "policies";
}

std::string ArchiveCodenames(const std::filesystem::path& archive_dir) {
  const std::filesystem::path file = ArchivePolicyDir(archive_dir) / "codenames.txt";
  std::error_code error;
  return std::filesystem::is_regular_file(file, error) ? file.string() : std::string();
}

tl::expected<std::shared_ptr<const rules::RuleSet>, std::string> CompilePolicies(
    const std::vector<std::string>& paths, const std::string& codenames) {
  std::vector<std::filesystem::path> files(paths.begin(), paths.end());
  if (files.empty()) {
    files.push_back(ShippedPolicyDir());
  }
  auto policies = rules::LoadPolicies(files);
  if (!policies) {
    return tl::unexpected(policies.error().ToString());
  }
  if (!codenames.empty()) {
    if (auto added = rules::AddCodenames(*policies, codenames); !added) {
      return tl::unexpected(added.error().ToString());
    }
  }
  auto compiled = rules::Compile(std::move(*policies));
  if (!compiled) {
    return tl::unexpected(compiled.error().ToString());
  }
  return *compiled;
}

}  // namespace holdfast::tools
