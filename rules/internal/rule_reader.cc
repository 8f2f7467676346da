// PolicyReader, the rule level: patterns and their triggers, validator, confidence, evidence,
// unless, allow-list and examples.
#include <array>

#include "rules/internal/names.h"
#include "rules/internal/policy_reader.h"

namespace holdfast::rules {
namespace {

constexpr std::array<std::string_view, 12> kRuleKeys = {
    "id",         "category", "view",   "patterns", "validator", "length",
    "confidence", "evidence", "unless", "allow",    "examples",  "context"};
constexpr std::array<std::string_view, 4> kPatternKeys = {"regex", "literal", "case_insensitive",
                                                          "trigger"};
constexpr std::array<std::string_view, 3> kTriggerKeys = {"regex", "before", "after"};
constexpr std::array<std::string_view, 5> kEvidenceKeys = {"words", "regex", "rule", "window",
                                                           "confidence"};
constexpr std::array<std::string_view, 3> kUnlessKeys = {"words", "regex", "window"};
constexpr std::array<std::string_view, 2> kExampleKeys = {"match", "no_match"};
constexpr std::array<std::string_view, 2> kLengthKeys = {"min", "max"};

// Windows are in characters around a hit, triggers in bytes around a trigger's end. Both stay
// small: a window is scanned per candidate on the hot path.
constexpr int kMaxWindow = 1000;
constexpr int kMaxTriggerReach = 4096;
// Length bounds of a value, at most as far as a trigger reaches.
constexpr int kMaxValueLength = kMaxTriggerReach;

}  // namespace

tl::expected<Trigger, Error> PolicyReader::ReadTrigger(const YAML::Node& node) const {
  if (!node.IsMap()) {
    return Fail(node, "'trigger' must be a map with regex, before and after");
  }
  if (auto keys = CheckKeys(node, kTriggerKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  auto regex = ReadString(node, "regex", true);
  if (!regex) {
    return tl::unexpected(regex.error());
  }
  if ((*regex)->empty()) {
    return Fail(node, "empty trigger regex");
  }
  Trigger trigger{**regex, 0, 0};
  for (auto [key, target] :
       {std::pair{"before", &trigger.before}, std::pair{"after", &trigger.after}}) {
    const YAML::Node reach = node[key];
    if (!reach.IsDefined()) {
      return Fail(node, std::string("trigger needs '") + key + "'");
    }
    // Zero is allowed here (a match that ends at its trigger), unlike other windows.
    if (!reach.IsScalar() || !YAML::convert<int>::decode(reach, *target) || *target < 0 ||
        *target > kMaxTriggerReach) {
      return Fail(reach, std::string("trigger '") + key + "' must be a whole number from 0 to " +
                             std::to_string(kMaxTriggerReach));
    }
  }
  return trigger;
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
  Pattern pattern{text.Scalar(), regex.IsDefined(), true, std::nullopt};
  if (pattern.text.empty()) {
    return Fail(text, "empty pattern");
  }
  if (const YAML::Node flag = node["case_insensitive"]; flag.IsDefined()) {
    if (!flag.IsScalar() || !YAML::convert<bool>::decode(flag, pattern.case_insensitive)) {
      return Fail(flag, "case_insensitive must be true or false");
    }
  }
  if (const YAML::Node trigger = node["trigger"]; trigger.IsDefined()) {
    auto read = ReadTrigger(trigger);
    if (!read) {
      return tl::unexpected(read.error());
    }
    pattern.trigger = std::move(*read);
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

tl::expected<ContextCheck, Error> PolicyReader::ReadContextCheck(const YAML::Node& node,
                                                                 bool evidence) const {
  const std::string what = evidence ? "evidence" : "unless";
  if (!node.IsMap()) {
    return Fail(node, "an " + what + " entry must be a map");
  }
  if (auto keys = evidence ? CheckKeys(node, kEvidenceKeys) : CheckKeys(node, kUnlessKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  ContextCheck check;
  check.line = LineOf(node.Mark());
  const int kinds = static_cast<int>(node["words"].IsDefined()) +
                    static_cast<int>(node["regex"].IsDefined()) +
                    static_cast<int>(node["rule"].IsDefined());
  if (kinds != 1) {
    return Fail(node, "an " + what + " entry needs exactly one of words, regex" +
                          (evidence ? " or rule" : ""));
  }
  if (const YAML::Node words = node["words"]; words.IsDefined()) {
    auto list = ReadStringList(words, what + " words");
    if (!list) {
      return tl::unexpected(list.error());
    }
    if (list->empty()) {
      return Fail(words, what + " words must not be empty");
    }
    check.words = std::move(*list);
  }
  for (auto [key, target] : {std::pair{"regex", &check.regex}, std::pair{"rule", &check.rule}}) {
    auto value = ReadString(node, key, false);
    if (!value) {
      return tl::unexpected(value.error());
    }
    if (value->has_value() && (*value)->empty()) {
      return Fail(node[key], "empty " + what + " " + key);
    }
    *target = value->value_or("");
  }
  const YAML::Node window = node["window"];
  if (!window.IsDefined()) {
    return Fail(node, "an " + what + " entry needs a 'window' in characters");
  }
  auto read_window = ReadPositiveInt(window, what + " window", kMaxWindow);
  if (!read_window) {
    return tl::unexpected(read_window.error());
  }
  check.window = *read_window;
  if (const YAML::Node confidence = node["confidence"]; confidence.IsDefined()) {
    auto level = ReadConfidence(confidence);
    if (!level) {
      return tl::unexpected(level.error());
    }
    check.confidence = *level;
  }
  return check;
}

tl::expected<std::vector<ContextCheck>, Error> PolicyReader::ReadContextChecks(
    const YAML::Node& node, bool evidence) const {
  if (!node.IsSequence() || node.size() == 0) {
    return Fail(
        node, std::string("'") + (evidence ? "evidence" : "unless") + "' must be a non-empty list");
  }
  std::vector<ContextCheck> checks;
  for (const YAML::Node& item : node) {
    auto check = ReadContextCheck(item, evidence);
    if (!check) {
      return tl::unexpected(check.error());
    }
    checks.push_back(std::move(*check));
  }
  return checks;
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

tl::expected<void, Error> PolicyReader::ReadLength(const YAML::Node& node, Rule& rule) const {
  if (!node.IsMap() || node.size() == 0) {
    return Fail(node, "'length' must be a map with min, max or both");
  }
  if (auto keys = CheckKeys(node, kLengthKeys); !keys) {
    return tl::unexpected(keys.error());
  }
  for (auto [key, target] :
       {std::pair{"min", &rule.min_length}, std::pair{"max", &rule.max_length}}) {
    if (const YAML::Node bound = node[key]; bound.IsDefined()) {
      auto value = ReadPositiveInt(bound, std::string("length ") + key, kMaxValueLength);
      if (!value) {
        return tl::unexpected(value.error());
      }
      *target = *value;
    }
  }
  if (rule.max_length > 0 && rule.min_length > rule.max_length) {
    return Fail(node, "length min " + std::to_string(rule.min_length) + " is over max " +
                          std::to_string(rule.max_length));
  }
  return {};
}

tl::expected<void, Error> PolicyReader::ReadRuleOptions(const YAML::Node& node, Rule& rule) const {
  if (const YAML::Node view = node["view"]; view.IsDefined()) {
    if (!view.IsScalar() || (view.Scalar() != "text" && view.Scalar() != "lexicon")) {
      return Fail(view, "view must be text or lexicon");
    }
    rule.view = view.Scalar() == "lexicon" ? View::kLexicon : View::kText;
  }
  auto validator = ReadString(node, "validator", false);
  if (!validator) {
    return tl::unexpected(validator.error());
  }
  rule.validator = validator->value_or("");
  if (validator->has_value() && FindValidator(rule.validator) == nullptr) {
    return Fail(node["validator"], "unknown validator '" + rule.validator + "'");
  }
  if (const YAML::Node length = node["length"]; length.IsDefined()) {
    if (auto read = ReadLength(length, rule); !read) {
      return read;
    }
  }
  if (const YAML::Node confidence = node["confidence"]; confidence.IsDefined()) {
    auto level = ReadConfidence(confidence);
    if (!level) {
      return tl::unexpected(level.error());
    }
    rule.confidence = *level;
  }
  for (auto [key, target, evidence] :
       {std::tuple{"evidence", &rule.evidence, true}, std::tuple{"unless", &rule.unless, false}}) {
    if (const YAML::Node checks = node[key]; checks.IsDefined()) {
      auto read = ReadContextChecks(checks, evidence);
      if (!read) {
        return tl::unexpected(read.error());
      }
      *target = std::move(*read);
    }
  }
  if (const YAML::Node allow = node["allow"]; allow.IsDefined()) {
    auto entries = ReadAllowList(allow);
    if (!entries) {
      return tl::unexpected(entries.error());
    }
    rule.allow = std::move(*entries);
  }
  if (const YAML::Node examples = node["examples"]; examples.IsDefined()) {
    return ReadExamples(examples, rule);
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
  if (node["context"].IsDefined()) {
    return Fail(node["context"],
                "'context' is replaced by 'confidence: low' plus 'evidence: [{words: [...], "
                "window: N, confidence: high}]' (see rules/policy.h)");
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
  if (auto options = ReadRuleOptions(node, rule); !options) {
    return tl::unexpected(options.error());
  }
  return rule;
}

}  // namespace holdfast::rules
