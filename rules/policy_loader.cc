// Loads policy files and folders, and codename lists, into Policy values. The YAML itself is
// read by PolicyReader (rules/internal/policy_reader.h).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "rules/internal/policy_checks.h"
#include "rules/internal/policy_reader.h"
#include "rules/policy.h"

namespace holdfast::rules {
namespace {

namespace fs = std::filesystem;

// A codename is a name, not a sentence; longer lines are almost surely a wrong file.
constexpr size_t kMaxCodenameBytes = 200;

tl::expected<std::string, Error> ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return tl::unexpected(
        Error{file.string(), 0, "", "", std::string("cannot open: ") + std::strerror(errno)});
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return tl::unexpected(Error{file.string(), 0, "", "", "cannot read"});
  }
  return std::move(content).str();
}

bool IsPolicyFile(const fs::directory_entry& entry) {
  const fs::path extension = entry.path().extension();
  std::error_code error;
  return entry.is_regular_file(error) && (extension == ".yaml" || extension == ".yml");
}

}  // namespace

tl::expected<Policy, Error> LoadPolicyFile(const fs::path& file) {
  std::error_code error;
  if (fs::is_directory(file, error)) {
    return tl::unexpected(Error{file.string(), 0, "", "", "is a folder, not a policy file"});
  }
  auto content = ReadFile(file);
  if (!content) {
    return tl::unexpected(content.error());
  }
  try {
    const YAML::Node root = YAML::Load(*content);
    return PolicyReader(file.string()).ReadPolicy(root);
  } catch (const YAML::Exception& e) {
    return tl::unexpected(Error{file.string(), LineOf(e.mark), "", "", "YAML: " + e.msg});
  }
}

tl::expected<std::vector<Policy>, Error> LoadPolicies(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.push_back(path);  // a missing file fails in LoadPolicyFile with the reason
      continue;
    }
    std::vector<fs::path> in_folder;
    for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
      if (IsPolicyFile(*it)) {
        in_folder.push_back(it->path());
      }
    }
    if (error) {
      return tl::unexpected(Error{path.string(), 0, "", "", "cannot list: " + error.message()});
    }
    std::sort(in_folder.begin(), in_folder.end());
    files.insert(files.end(), in_folder.begin(), in_folder.end());
  }
  std::vector<Policy> policies;
  for (const fs::path& file : files) {
    auto policy = LoadPolicyFile(file);
    if (!policy) {
      return tl::unexpected(policy.error());
    }
    policies.push_back(std::move(*policy));
  }
  if (auto checked = CheckPolicies(policies); !checked) {
    return tl::unexpected(checked.error());
  }
  return policies;
}

tl::expected<void, Error> AddCodenames(std::vector<Policy>& policies, const fs::path& terms) {
  auto content = ReadFile(terms);
  if (!content) {
    return tl::unexpected(content.error());
  }
  std::vector<Pattern> patterns;
  std::istringstream lines(*content);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') {
      continue;
    }
    const size_t last = line.find_last_not_of(" \t");
    std::string term = line.substr(first, last - first + 1);
    if (term.size() > kMaxCodenameBytes) {
      return tl::unexpected(Error{terms.string(), number, "", "",
                                  "codename of " + std::to_string(term.size()) +
                                      " bytes (at most " + std::to_string(kMaxCodenameBytes) +
                                      ")"});
    }
    patterns.push_back(Pattern{std::move(term), false, true, std::nullopt});
  }
  bool added = false;
  for (Policy& policy : policies) {
    for (Rule& rule : policy.rules) {
      if (rule.category == "ip.codename") {
        rule.patterns.insert(rule.patterns.end(), patterns.begin(), patterns.end());
        added = true;
      }
    }
  }
  if (!added) {
    return tl::unexpected(Error{terms.string(), 0, "", "",
                                "no loaded policy has a rule of category ip.codename to take "
                                "these codenames"});
  }
  return {};
}

}  // namespace holdfast::rules
