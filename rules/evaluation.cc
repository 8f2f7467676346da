// Loads a labelled evaluation set and scores a rule set against it, one Scanner over all posts,
// each post normalized as the engine normalizes it.
#include "rules/evaluation.h"

#include <algorithm>
#include <cassert>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <unordered_map>

#include "rules/policy.h"
#include "rules/scanner.h"
#include "rules/unicode_text.h"

namespace holdfast::rules {
namespace {

using nlohmann::json;

double Ratio(int numerator, int denominator, double if_empty) {
  return denominator == 0 ? if_empty : static_cast<double>(numerator) / denominator;
}

// Position of `name` in `names`, if it is there.
std::optional<size_t> IndexOf(const std::vector<std::string_view>& names, std::string_view name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    return std::nullopt;
  }
  return static_cast<size_t>(it - names.begin());
}

// Reads an optional string field; an error message when it is there but not a string.
std::optional<std::string> ReadString(const json& object, const char* key, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::nullopt;
  }
  if (!it->is_string()) {
    return std::string("\"") + key + "\" must be a string";
  }
  out = it->get<std::string>();
  return std::nullopt;
}

// Reads an optional list of names, each one of `allowed` and listed once.
std::optional<std::string> ReadNames(const json& object, const char* key, const char* noun,
                                     const std::vector<std::string_view>& allowed,
                                     std::vector<std::string>& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::nullopt;
  }
  if (!it->is_array()) {
    return std::string("\"") + key + "\" must be a list of strings";
  }
  for (const json& item : *it) {
    if (!item.is_string()) {
      return std::string("\"") + key + "\" must be a list of strings";
    }
    std::string name = item.get<std::string>();
    if (!IndexOf(allowed, name)) {
      return std::string("unknown ") + noun + " '" + name + "' in \"" + key + "\"";
    }
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      return "'" + name + "' listed twice in \"" + key + "\"";
    }
    out.push_back(std::move(name));
  }
  return std::nullopt;
}

// Parses one line into `post`; an error message when the line is not a valid post.
std::optional<std::string> ParsePost(const std::string& line, LabelledPost& post) {
  const json object = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) {
    return "invalid JSON";
  }
  if (!object.is_object()) {
    return "expected a JSON object";
  }
  for (const char* required : {"id", "text"}) {
    const auto it = object.find(required);
    if (it == object.end() || !it->is_string()) {
      return std::string("missing \"") + required + "\" (a string)";
    }
  }
  std::optional<std::string> error;
  for (auto [key, field] :
       {std::pair{"id", &post.id}, std::pair{"text", &post.text}, std::pair{"lang", &post.lang},
        std::pair{"source", &post.source}, std::pair{"community", &post.community},
        std::pair{"author", &post.author}}) {
    if (!error) {
      error = ReadString(object, key, *field);
    }
  }
  if (!error && post.id.empty()) {
    error = "\"id\" is empty";
  }
  if (!error) {
    error = ReadNames(object, "labels", "category", Categories(), post.labels);
  }
  if (!error) {
    error = ReadNames(object, "tags", "tag", EvaluationTags(), post.tags);
  }
  return error;
}

// Adds one (post, category) verdict to `score`.
void Count(CategoryScore& score, bool labelled, bool predicted) {
  score.true_positives += labelled && predicted ? 1 : 0;
  score.false_positives += !labelled && predicted ? 1 : 0;
  score.false_negatives += labelled && !predicted ? 1 : 0;
}

// The running counts of one Evaluate call, fed one scanned post at a time.
class Tally {
 public:
  explicit Tally(const RuleSet& rules)
      : rules_(rules),
        scores_(Categories().size()),
        tag_scores_(EvaluationTags().size()),
        first_hit_(Categories().size()),
        labelled_(Categories().size()) {
    for (uint32_t rule = 0; rule < rules.size(); ++rule) {
      auto index = IndexOf(Categories(), rules.info(rule).category);
      assert(index && "Compile accepts only categories from Categories()");
      rule_category_.push_back(index.value_or(0));
    }
    for (size_t c = 0; c < scores_.size(); ++c) {
      scores_[c].category = Categories()[c];
    }
    for (size_t t = 0; t < tag_scores_.size(); ++t) {
      tag_scores_[t].tag = tag_scores_[t].totals.category = EvaluationTags()[t];
    }
  }

  // Scores `post`, whose normalized text `text` gave `hits`; an error message for a label or
  // tag outside the fixed lists (possible for posts built in code rather than loaded).
  std::optional<std::string> Add(const LabelledPost& post, const std::string& text,
                                 std::span<const Hit> hits, bool truncated) {
    std::fill(first_hit_.begin(), first_hit_.end(), std::nullopt);
    for (const Hit& hit : hits) {
      auto& first = first_hit_[rule_category_[hit.rule]];
      first = first.value_or(hit);
    }
    std::fill(labelled_.begin(), labelled_.end(), false);
    for (const std::string& label : post.labels) {
      auto index = IndexOf(Categories(), label);
      if (!index) {
        return "unknown category '" + label + "'";
      }
      labelled_[*index] = true;
    }
    CategoryScore post_totals;
    for (size_t c = 0; c < scores_.size(); ++c) {
      const bool predicted = first_hit_[c].has_value();
      Count(scores_[c], labelled_[c], predicted);
      Count(post_totals, labelled_[c], predicted);
      if (labelled_[c] != predicted) {
        AddMiss(post, c, text);
      }
    }
    for (const std::string& tag : post.tags) {
      auto index = IndexOf(EvaluationTags(), tag);
      if (!index) {
        return "unknown tag '" + tag + "'";
      }
      TagScore& score = tag_scores_[*index];
      ++score.posts;
      score.posts_with_false_positive += post_totals.false_positives > 0 ? 1 : 0;
      score.totals.true_positives += post_totals.true_positives;
      score.totals.false_positives += post_totals.false_positives;
      score.totals.false_negatives += post_totals.false_negatives;
    }
    ++evaluation_.posts;
    evaluation_.scans_truncated += truncated ? 1 : 0;
    return std::nullopt;
  }

  Evaluation Finish() && {
    for (CategoryScore& score : scores_) {
      if (score.labelled() > 0 || score.predicted() > 0) {
        evaluation_.categories.push_back(std::move(score));
      }
    }
    for (TagScore& score : tag_scores_) {
      if (score.posts > 0) {
        evaluation_.tags.push_back(std::move(score));
      }
    }
    return std::move(evaluation_);
  }

 private:
  void AddMiss(const LabelledPost& post, size_t category, const std::string& text) {
    EvaluationMiss miss{
        post.id, scores_[category].category, first_hit_[category].has_value(), text, "", ""};
    if (miss.false_positive) {
      const Hit& hit = *first_hit_[category];
      miss.rule_id = rules_.info(hit.rule).rule_id;
      miss.matched = text.substr(hit.begin, hit.end - hit.begin);
    }
    evaluation_.misses.push_back(std::move(miss));
  }

  const RuleSet& rules_;
  std::vector<size_t> rule_category_;          // per rule: its category's index in Categories()
  std::vector<CategoryScore> scores_;          // per category in Categories() order
  std::vector<TagScore> tag_scores_;           // per tag in EvaluationTags() order
  std::vector<std::optional<Hit>> first_hit_;  // per category: the current post's first hit
  std::vector<bool> labelled_;                 // per category: the current post's labels
  Evaluation evaluation_;
};

}  // namespace

const std::vector<std::string_view>& EvaluationTags() {
  static const std::vector<std::string_view> kTags = {"clean", "hard_negative", "obfuscated",
                                                      "mention", "multi"};
  return kTags;
}

double CategoryScore::precision() const { return Ratio(true_positives, predicted(), 1.0); }

double CategoryScore::recall() const { return Ratio(true_positives, labelled(), 1.0); }

double CategoryScore::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

double TagScore::false_positive_rate() const {
  return Ratio(posts_with_false_positive, posts, 0.0);
}

CategoryScore Evaluation::Total() const {
  CategoryScore total{"all"};
  for (const CategoryScore& score : categories) {
    total.true_positives += score.true_positives;
    total.false_positives += score.false_positives;
    total.false_negatives += score.false_negatives;
  }
  return total;
}

tl::expected<std::vector<LabelledPost>, Error> LoadLabelledPosts(
    const std::filesystem::path& jsonl) {
  std::ifstream in(jsonl, std::ios::binary);
  if (!in) {
    return tl::unexpected(Error{jsonl.string(), 0, "", "", "cannot open the evaluation set"});
  }
  std::vector<LabelledPost> posts;
  std::unordered_map<std::string, int> id_lines;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      continue;
    }
    LabelledPost post;
    post.line = number;
    if (auto error = ParsePost(line, post)) {
      return tl::unexpected(Error{jsonl.string(), number, "", "", *error});
    }
    if (auto [it, added] = id_lines.emplace(post.id, number); !added) {
      return tl::unexpected(
          Error{jsonl.string(), number, "", "",
                "id '" + post.id + "' already used on line " + std::to_string(it->second)});
    }
    posts.push_back(std::move(post));
  }
  if (in.bad()) {
    return tl::unexpected(Error{jsonl.string(), 0, "", "", "read error"});
  }
  return posts;
}

tl::expected<Evaluation, Error> Evaluate(const std::shared_ptr<const RuleSet>& rules,
                                         const std::vector<LabelledPost>& posts) {
  assert(rules != nullptr);
  auto scanner = Scanner::Create(rules);
  if (!scanner) {
    return tl::unexpected(scanner.error());
  }
  Tally tally(*rules);
  for (const LabelledPost& post : posts) {
    const NormalizedText normalized = NormalizeNfc(post.text);
    const ScanContext context{
        .source = post.source, .community = post.community, .author = post.author};
    auto hits = scanner->Scan(normalized.text, context);
    if (!hits) {
      return tl::unexpected(
          Error{"", post.line, "", "", "post " + post.id + ": " + hits.error().message});
    }
    if (auto error = tally.Add(post, normalized.text, *hits, scanner->last_scan_truncated())) {
      return tl::unexpected(Error{"", post.line, "", "", "post " + post.id + ": " + *error});
    }
  }
  return std::move(tally).Finish();
}

}  // namespace holdfast::rules
