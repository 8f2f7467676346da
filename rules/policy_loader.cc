// Reads policy YAML into Policy values. yaml-cpp exceptions stop here: every problem leaves
// as a rules::Error naming the file, the 1-based line of the offending node and the rule.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <span>
#include <sstream>
#include <string_view>

#include "rules/internal/names.h"
#include "rules/internal/policy_checks.h"
#include "rules/policy.h"

namespace holdfast::rules {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> kPolicyKeys = {"id", "name", "severity", "rules"};
constexpr std::array<std::string_view, 7> kRuleKeys = {
    "id", "category", "patterns", "validator", "context", "allow", "examples"};
constexpr std::array<std::string_view, 3> kPatternKeys = {"regex", "literal", "case_insensitive"};
constexpr std::array<std::string_view, 2> kContextKeys = {"words", "window"};
constexpr std::array<std::string_view, 2> kExampleKeys = {"match", "no_match"};

int LineOf(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.line + 1; }

std::string KeyList(std::span<const std::string_view> keys) {
  std::string out;
  for (std::string_view key : keys) {
    out += out.empty() ? "" : ", ";
    out += key;
  }
  return out;
}

// Reads one file's YAML tree. Holds the rule being read so every error can name it.
class PolicyReader {
 public:
  explicit PolicyReader(std::string file) : file_(std::move(file)) {}

  tl::expected<Policy, Error> ReadPolicy(const YAML::Node& root);

 private:
  tl::unexpected<Error> Fail(const YAML::Node& node, std::string message) const {
    return tl::unexpected(Error{file_, LineOf(node.Mark()), rule_id_, "", std::move(message)});
  }
  tl::expected<void, Error> CheckKeys(const YAML::Node& map,
                                      std::span<const std::string_view> keys) const;
  // Empty optional when the key is absent and not required.
  tl::expected<std::optional<std::string>, Error> ReadString(const YAML::Node& map,
                                                             const std::string& key,
                                                             bool required) const;
  tl::expected<std::vector<std::string>, Error> ReadStringList(const YAML::Node& node,
                                                               std::string_view what) const;
  tl::expected<Rule, Error> ReadRule(const YAML::Node& node);
  tl::expected<Pattern, Error> ReadPattern(const YAML::Node& node) const;
  tl::expected<void, Error> ReadPatterns(const YAML::Node& map, Rule& rule) const;
  tl::expected<void, Error> ReadContext(const YAML::Node& node, Rule& rule) const;
  tl::expected<void, Error> ReadExamples(const YAML::Node& node, Rule& rule) const;

  const std::string file_;
  std::string rule_id_;  // the rule being read; empty at policy level
};

tl::expected<void, Error> PolicyReader::CheckKeys(const YAML::Node& map,
                                                  std::span<const std::string_view> keys) const {
  std::map<std::string, int> seen;
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      return Fail(key, "keys must be plain names");
    }
    const std::string& name = key.Scalar();
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) {
      return Fail(key, "unknown key '" + name + "' (expected one of " + KeyList(keys) + ")");
    }
    // yaml-cpp keeps both entries of a repeated key; which one wins would be an accident.
    if (!seen.emplace(name, LineOf(key.Mark())).second) {
      return Fail(key, "key '" + name + "' appears twice");
    }
  }
  return {};
}

tl::expected<std::optional<std::string>, Error> PolicyReader::ReadString(const YAML::Node& map,
                                                                         const std::string& key,
                                                                         bool required) const {
  const YAML::Node node = map[key];
  if (!node.IsDefined()) {
    if (required) {
      return Fail(map, "missing '" + key + "'");
    }
    return std::optional<std::string>();
  }
  if (!node.IsScalar()) {
    return Fail(node, "'" + key + "' must be a string");
  }
  return node.Scalar();
}

tl::expected<std::vector<std::string>, Error> PolicyReader::ReadStringList(
    const YAML::Node& node, std::string_view what) const {
  if (!node.IsSequence()) {
    return Fail(node, std::string(what) + " must be a list of strings");
  }
  std::vector<std::string> out;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) {
      return Fail(item, std::string(what) + " must be a list of strings");
    }
    out.push_back(item.Scalar());
  }
  return out;
}

tl::expected<Pattern, Error> PolicyReader::ReadPattern(const YAML::Node& node) const {
  if (!node.IsMap()) {
    return Fail(node, "a pattern must be a map with 'regex' or 'literal'");
  }
  if (auto keys = CheckKeys(node, kPatternKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  const YAML::Node regex = node["regex"];
  const YAML::Node literal = node["literal"];
  if (regex.IsDefined() == literal.IsDefined()) {
    return Fail(node, "a pattern needs exactly one of 'regex' or 'literal'");
  }
  const YAML::Node& text = regex.IsDefined() ? regex : literal;
  if (!text.IsScalar()) {
    return Fail(text, "a pattern must be a string");
  }
  Pattern pattern{text.Scalar(), regex.IsDefined(), true};
  if (pattern.text.empty()) {
    return Fail(text, "empty pattern");
  }
  if (const YAML::Node flag = node["case_insensitive"]; flag.IsDefined()) {
    if (!flag.IsScalar() || !YAML::convert<bool>::decode(flag, pattern.case_insensitive)) {
      return Fail(flag, "case_insensitive must be true or false");
    }
  }
  return pattern;
}

tl::expected<void, Error> PolicyReader::ReadPatterns(const YAML::Node& map, Rule& rule) const {
  const YAML::Node patterns = map["patterns"];
  if (!patterns.IsDefined()) {
    return Fail(map, "missing 'patterns'");
  }
  if (!patterns.IsSequence() || patterns.size() == 0) {
    return Fail(patterns, "'patterns' must be a non-empty list");
  }
  for (const YAML::Node& item : patterns) {
    auto pattern = ReadPattern(item);
    if (!pattern) {
      return tl::unexpected(pattern.error());
    }
    rule.patterns.push_back(std::move(*pattern));
  }
  return {};
}

tl::expected<void, Error> PolicyReader::ReadContext(const YAML::Node& node, Rule& rule) const {
  if (!node.IsMap()) {
    return Fail(node, "'context' must be a map with 'words' and 'window'");
  }
  if (auto keys = CheckKeys(node, kContextKeys); !keys) {
    return keys;
  }
  const YAML::Node words = node["words"];
  const YAML::Node window = node["window"];
  if (!words.IsDefined() || !window.IsDefined()) {
    return Fail(node, "'context' needs both 'words' and 'window'");
  }
  auto list = ReadStringList(words, "context words");
  if (!list) {
    return tl::unexpected(list.error());
  }
  if (list->empty()) {
    return Fail(words, "context words must not be empty");
  }
  for (const std::string& word : *list) {
    if (word.empty()) {
      return Fail(words, "empty context word");
    }
  }
  rule.context_words = std::move(*list);
  if (!window.IsScalar() || !YAML::convert<int>::decode(window, rule.context_window) ||
      rule.context_window <= 0) {
    return Fail(window, "context window must be a positive number of characters");
  }
  return {};
}

tl::expected<void, Error> PolicyReader::ReadExamples(const YAML::Node& node, Rule& rule) const {
  if (!node.IsMap()) {
    return Fail(node, "'examples' must be a map with 'match' and 'no_match'");
  }
  if (auto keys = CheckKeys(node, kExampleKeys); !keys) {
    return keys;
  }
  for (const auto& [key, target] :
       {std::pair{"match", &rule.examples_match}, std::pair{"no_match", &rule.examples_no_match}}) {
    if (const YAML::Node list = node[key]; list.IsDefined()) {
      auto examples = ReadStringList(list, std::string("examples ") + key);
      if (!examples) {
        return tl::unexpected(examples.error());
      }
      *target = std::move(*examples);
    }
  }
  return {};
}

tl::expected<Rule, Error> PolicyReader::ReadRule(const YAML::Node& node) {
  rule_id_.clear();
  if (!node.IsMap()) {
    return Fail(node, "a rule must be a map");
  }
  Rule rule;
  rule.line = LineOf(node.Mark());
  auto id = ReadString(node, "id", true);
  if (!id) {
    return tl::unexpected(id.error());
  }
  if ((*id)->empty()) {
    return Fail(node["id"], "empty rule id");
  }
  rule.id = **id;
  rule_id_ = rule.id;
  if (auto keys = CheckKeys(node, kRuleKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  auto category = ReadString(node, "category", true);
  if (!category) {
    return tl::unexpected(category.error());
  }
  rule.category = **category;
  if (!IsCategory(rule.category)) {
    return Fail(node["category"], "unknown category '" + rule.category + "'");
  }
  if (auto patterns = ReadPatterns(node, rule); !patterns) {
    return tl::unexpected(patterns.error());
  }
  auto validator = ReadString(node, "validator", false);
  if (!validator) {
    return tl::unexpected(validator.error());
  }
  rule.validator = validator->value_or("");
  if (validator->has_value() && FindValidator(rule.validator) == nullptr) {
    return Fail(node["validator"], "unknown validator '" + rule.validator + "'");
  }
  if (const YAML::Node context = node["context"]; context.IsDefined()) {
    if (auto read = ReadContext(context, rule); !read) {
      return tl::unexpected(read.error());
    }
  }
  if (const YAML::Node allow = node["allow"]; allow.IsDefined()) {
    auto entries = ReadStringList(allow, "allow");
    if (!entries) {
      return tl::unexpected(entries.error());
    }
    rule.allow = std::move(*entries);
  }
  if (const YAML::Node examples = node["examples"]; examples.IsDefined()) {
    if (auto read = ReadExamples(examples, rule); !read) {
      return tl::unexpected(read.error());
    }
  }
  return rule;
}

tl::expected<Policy, Error> PolicyReader::ReadPolicy(const YAML::Node& root) {
  if (root.IsNull() || !root.IsDefined()) {
    return tl::unexpected(Error{file_, 0, "", "", "policy file is empty"});
  }
  if (!root.IsMap()) {
    return Fail(root, "a policy must be a map with id, name, severity and rules");
  }
  if (auto keys = CheckKeys(root, kPolicyKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  Policy policy;
  policy.file = file_;
  auto id = ReadString(root, "id", true);
  auto name = ReadString(root, "name", false);
  auto severity = ReadString(root, "severity", false);
  for (const auto* read : {&id, &name, &severity}) {
    if (!*read) {
      return tl::unexpected(read->error());
    }
  }
  policy.id = **id;
  if (policy.id.empty()) {
    return Fail(root["id"], "empty policy id");
  }
  policy.name = name->value_or(policy.id);
  if (severity->has_value()) {
    auto parsed = ParseSeverity(**severity);
    if (!parsed) {
      return Fail(root["severity"],
                  "unknown severity '" + **severity + "' (expected low, medium, high or critical)");
    }
    policy.severity = *parsed;
  }
  const YAML::Node rules = root["rules"];
  if (!rules.IsDefined()) {
    return Fail(root, "missing 'rules'");
  }
  if (!rules.IsSequence() || rules.size() == 0) {
    return Fail(rules, "'rules' must be a non-empty list");
  }
  std::map<std::string, int> rule_lines;
  for (const YAML::Node& node : rules) {
    auto rule = ReadRule(node);
    if (!rule) {
      return tl::unexpected(rule.error());
    }
    if (auto [it, added] = rule_lines.emplace(rule->id, rule->line); !added) {
      return Fail(node, "rule id '" + rule->id + "' is already used in " + file_ + ":" +
                            std::to_string(it->second));
    }
    policy.rules.push_back(std::move(*rule));
  }
  return policy;
}

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

}  // namespace holdfast::rules
