// Where policies come from: the packs shipped with Holdfast, or the copies an archive keeps
// in DIR/policies (taken at `holdfast init`, so every later ingest scans with the same rules).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "rules/rule_set.h"

namespace holdfast::tools {

std::filesystem::path ShippedPolicyDir();
std::filesystem::path ArchivePolicyDir(const std::filesystem::path& archive_dir);

// The codename list an archive keeps next to its policies (copied at `holdfast init
// --codenames`), or "" if it has none.
std::string ArchiveCodenames(const std::filesystem::path& archive_dir);

// Loads and compiles policy files and folders, or every shipped pack when `paths` is empty,
// with the terms of `codenames` (a plain file, one a line) in the ip.codename rules when it is
// not "". The error string names file, line, rule and reason.
[[nodiscard]] tl::expected<std::shared_ptr<const rules::RuleSet>, std::string> CompilePolicies(
    const std::vector<std::string>& paths, const std::string& codenames = "");

}  // namespace holdfast::tools
