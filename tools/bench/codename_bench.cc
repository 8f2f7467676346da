#include "tools/bench/codename_bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "rules/scanner.h"
#include "tools/bench/codename_list.h"

namespace holdfast::tools::bench {

bool HasCodenameRule(const std::vector<rules::Policy>& policies) {
  return std::any_of(policies.begin(), policies.end(), [](const rules::Policy& policy) {
    return std::any_of(policy.rules.begin(), policy.rules.end(),
                       [](const rules::Rule& rule) { return rule.category == "ip.codename"; });
  });
}

CodenameBench::CodenameBench(std::string policies, size_t count, uint64_t seed)
    : policies_(std::move(policies)), count_(count), seed_(seed) {}

Status CodenameBench::Compile(int runs) {
  auto policies = rules::LoadPolicies({policies_});
  if (!policies) {
    return tl::unexpected("policies: " + policies.error().ToString());
  }
  auto file = WriteCodenameFile(GenerateCodenames(count_, seed_));
  if (!file) {
    return tl::unexpected(file.error());
  }
  auto added = rules::AddCodenames(*policies, *file);
  std::error_code ignored;
  std::filesystem::remove(*file, ignored);
  if (!added) {
    return tl::unexpected("rules::AddCodenames: " + added.error().ToString());
  }
  auto compiled = MedianCompile(*policies, runs);
  if (!compiled) {
    return tl::unexpected(compiled.error());
  }
  rules_ = compiled->rules;
  compile_seconds_ = compiled->seconds;
  const auto start = std::chrono::steady_clock::now();
  auto ceiling = HyperscanCeiling::Create(rules_->TriggerExpressions());
  ceiling_compile_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!ceiling) {
    return tl::unexpected(ceiling.error());
  }
  ceiling_ = std::move(*ceiling);
  return {};
}

void CodenameBench::Measure(const ScanCorpus& corpus, int runs, std::vector<Row>& rows) {
  if (Status compiled = Compile(runs); !compiled) {
    error_ = compiled.error();
    return;
  }
  auto scanner = rules::Scanner::Create(rules_);
  if (!scanner) {
    error_ = "rules::Scanner: " + scanner.error().ToString();
    return;
  }
  const std::string with = " + " + std::to_string(count_) + " codenames";
  const auto bytes = static_cast<double>(corpus.post_bytes());
  const auto posts = static_cast<double>(corpus.size());
  auto seconds =
      MedianSeconds(runs, [&] { return ScanInBatches(*scanner, corpus.posts(), tally_); });
  if (!seconds) {
    error_ = "ScanBatch: " + seconds.error();
    return;
  }
  rows.push_back(
      {"Holdfast ScanBatch, " + PostsPerCall(kPipelineBatch) + with, 1, *seconds, bytes, posts});
  seconds = MedianSeconds(runs, [&]() -> Status {
    auto matches = ceiling_->Scan(corpus.joined(), corpus.lowered(corpus.joined()));
    return matches ? Status{} : tl::unexpected(matches.error());
  });
  if (!seconds) {
    error_ = "Hyperscan: " + seconds.error();
    return;
  }
  rows.push_back({"Hyperscan alone, triggers, one large buffer" + with, 1, *seconds, bytes, posts});
}

void CodenameBench::PrintFacts(const ScanTally& without) const {
  if (rules_ == nullptr) {
    std::printf("codenames: %zu generated; FAILED: %s\n", count_, error_.c_str());
    return;
  }
  std::printf(
      "codenames: %zu generated; rules::Compile with them: %.2f s; Hyperscan databases: text "
      "%zu bytes, lexicon %zu bytes (compiled by the bench in %.2f s)\n",
      count_, compile_seconds_, ceiling_->database_bytes(rules::View::kText),
      ceiling_->database_bytes(rules::View::kLexicon), ceiling_compile_seconds_);
  if (!error_.empty()) {
    std::printf("codenames: scan FAILED: %s\n", error_.c_str());
    return;
  }
  std::printf("codenames: posts with a hit %zu (%zu without codenames), hits %zu (%zu)\n",
              tally_.posts_with_hits, without.posts_with_hits, tally_.hits, without.hits);
}

void CodenameBench::PrintTarget() const {
  const std::string what = "rules::Compile with " + std::to_string(count_) + " codenames";
  if (rules_ == nullptr) {
    bench::PrintTarget(what, "-", "< 10 s", false, "(failed, see above)");
    return;
  }
  char value[32];
  std::snprintf(value, sizeof(value), "%.2f s", compile_seconds_);
  bench::PrintTarget(what, value, "< 10 s", compile_seconds_ < 10.0,
                     count_ == 100'000 ? "" : "(the target is for 100000)");
}

}  // namespace holdfast::tools::bench
