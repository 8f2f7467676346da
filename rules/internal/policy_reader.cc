// PolicyReader, generic reads and the policy level: id, name, severity, action,
// min_confidence, review_sample, scope, exceptions and the policy-wide allow-list.
#include "rules/internal/policy_reader.h"

#include <algorithm>
#include <array>
#include <map>

#include "rules/internal/names.h"

namespace holdfast::rules {
namespace {

constexpr std::array<std::string_view, 10> kPolicyKeys = {
    "id",    "name",       "severity", "action", "min_confidence", "review_sample",
    "scope", "exceptions", "allow",    "rules"};
constexpr std::array<std::string_view, 2> kScopeKeys = {"sources", "communities"};
constexpr std::array<std::string_view, 4> kExceptionKeys = {"source", "community", "author",
                                                            "rules"};
constexpr std::array<std::string_view, 1> kAllowRegexKeys = {"regex"};

std::string KeyList(std::span<const std::string_view> keys) {
  std::string out;
  for (std::string_view key : keys) {
    out += out.empty() ? "" : ", ";
    out += key;
  }
  return out;
}

}  // namespace

int LineOf(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.line + 1; }

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
    if (item.Scalar().empty()) {
      return Fail(item, "empty entry in " + std::string(what));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

tl::expected<int, Error> PolicyReader::ReadPositiveInt(const YAML::Node& node,
                                                       std::string_view what, int max) const {
  int value = 0;
  if (!node.IsScalar() || !YAML::convert<int>::decode(node, value) || value <= 0 || value > max) {
    return Fail(node,
                std::string(what) + " must be a whole number from 1 to " + std::to_string(max));
  }
  return value;
}

tl::expected<std::vector<AllowEntry>, Error> PolicyReader::ReadAllowList(
    const YAML::Node& node) const {
  if (!node.IsSequence()) {
    return Fail(node, "'allow' must be a list of strings or {regex: ...} entries");
  }
  std::vector<AllowEntry> out;
  for (const YAML::Node& item : node) {
    if (item.IsMap()) {
      if (auto keys = CheckKeys(item, kAllowRegexKeys); !keys) {
        return tl::unexpected(keys.error());
      }
      auto regex = ReadString(item, "regex", true);
      if (!regex) {
        return tl::unexpected(regex.error());
      }
      if ((*regex)->empty()) {
        return Fail(item, "empty allow regex");
      }
      out.push_back(AllowEntry{**regex, true});
    } else if (item.IsScalar() && !item.Scalar().empty()) {
      out.push_back(AllowEntry{item.Scalar(), false});
    } else {
      return Fail(item, "an allow entry must be a non-empty string or {regex: ...}");
    }
  }
  return out;
}

tl::expected<Confidence, Error> PolicyReader::ReadConfidence(const YAML::Node& node) const {
  if (node.IsScalar()) {
    if (auto confidence = ParseConfidence(node.Scalar())) {
      return *confidence;
    }
  }
  return Fail(node, "confidence must be low, medium or high");
}

tl::expected<Scope, Error> PolicyReader::ReadScope(const YAML::Node& node) const {
  if (!node.IsMap()) {
    return Fail(node, "'scope' must be a map with 'sources' and/or 'communities'");
  }
  if (auto keys = CheckKeys(node, kScopeKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  Scope scope;
  for (auto [key, target] :
       {std::pair{"sources", &scope.sources}, std::pair{"communities", &scope.communities}}) {
    if (const YAML::Node list = node[key]; list.IsDefined()) {
      auto values = ReadStringList(list, std::string("scope ") + key);
      if (!values) {
        return tl::unexpected(values.error());
      }
      *target = std::move(*values);
    }
  }
  return scope;
}

tl::expected<Exception, Error> PolicyReader::ReadException(const YAML::Node& node) const {
  if (!node.IsMap()) {
    return Fail(node, "an exception must be a map of source, community, author and rules");
  }
  if (auto keys = CheckKeys(node, kExceptionKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  Exception exception;
  exception.line = LineOf(node.Mark());
  for (auto [key, target] :
       {std::pair{"source", &exception.source}, std::pair{"community", &exception.community},
        std::pair{"author", &exception.author}}) {
    auto value = ReadString(node, key, false);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *target = value->value_or("");
  }
  if (exception.source.empty() && exception.community.empty() && exception.author.empty()) {
    return Fail(node, "an exception needs a source, a community or an author");
  }
  if (const YAML::Node rules = node["rules"]; rules.IsDefined()) {
    auto ids = ReadStringList(rules, "exception rules");
    if (!ids) {
      return tl::unexpected(ids.error());
    }
    exception.rules = std::move(*ids);
  }
  return exception;
}

tl::expected<void, Error> PolicyReader::ReadPolicyOptions(const YAML::Node& root,
                                                          Policy& policy) const {
  if (const YAML::Node action = root["action"]; action.IsDefined()) {
    auto parsed = action.IsScalar() ? ParseAction(action.Scalar()) : std::nullopt;
    if (!parsed) {
      return Fail(action, "action must be flag, flag+notify or redact-in-index");
    }
    policy.action = *parsed;
  }
  if (const YAML::Node minimum = root["min_confidence"]; minimum.IsDefined()) {
    auto confidence = ReadConfidence(minimum);
    if (!confidence) {
      return tl::unexpected(confidence.error());
    }
    policy.min_confidence = *confidence;
  }
  if (const YAML::Node sample = root["review_sample"]; sample.IsDefined()) {
    double percent = -1;
    if (!sample.IsScalar() || !YAML::convert<double>::decode(sample, percent) ||
        !(percent >= 0 && percent <= 100)) {
      return Fail(sample, "review_sample must be a percentage from 0 to 100");
    }
    policy.review_sample = percent;
  }
  if (const YAML::Node scope = root["scope"]; scope.IsDefined()) {
    auto read = ReadScope(scope);
    if (!read) {
      return tl::unexpected(read.error());
    }
    policy.scope = std::move(*read);
  }
  if (const YAML::Node exceptions = root["exceptions"]; exceptions.IsDefined()) {
    if (!exceptions.IsSequence()) {
      return Fail(exceptions, "'exceptions' must be a list");
    }
    for (const YAML::Node& item : exceptions) {
      auto exception = ReadException(item);
      if (!exception) {
        return tl::unexpected(exception.error());
      }
      policy.exceptions.push_back(std::move(*exception));
    }
  }
  if (const YAML::Node allow = root["allow"]; allow.IsDefined()) {
    auto entries = ReadAllowList(allow);
    if (!entries) {
      return tl::unexpected(entries.error());
    }
    policy.allow = std::move(*entries);
  }
  return {};
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
  if (auto options = ReadPolicyOptions(root, policy); !options) {
    return tl::unexpected(options.error());
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
  rule_id_.clear();
  return policy;
}

}  // namespace holdfast::rules
