// ArchiveFixture: what the engine tests that ingest share: a temporary folder, an archive
// created in it, and the rules compiled from one policy file written there.
// Thread safety: per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "engine/pipeline.h"
#include "engine/source.h"
#include "rules/policy.h"
#include "rules/rule_set.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::engine {

// One rule that flags the made-up word "zorblax": posts with it get a flag, others none.
inline constexpr const char* kWordPolicy = R"(id: test-words
name: Test words
severity: low
rules:
  - id: test.word
    category: conduct.profanity
    patterns:
      - regex: '\bzorblax\b'
    examples:
      match: ['zorblax']
      no_match: ['zorbla']
)";

class ArchiveFixture : public ::testing::Test {
 protected:
  // Compiles `policy_yaml` into rules_ and creates the archive.
  void SetUpArchive(const std::string& policy_yaml) {
    auto policy = rules::LoadPolicyFile(dir_.Write("policy.yaml", policy_yaml));
    ASSERT_TRUE(policy.has_value()) << policy.error().ToString();
    auto compiled = rules::Compile({*policy});
    ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();
    rules_ = *compiled;
    ASSERT_TRUE(archive::Archive::Create(archive_dir_).has_value());
  }

  // Opens the archive without fsync (throwaway); nullptr, with a test failure, if it cannot.
  std::unique_ptr<archive::Archive> OpenArchive(bool writable) {
    archive::Options options;
    options.read_only = !writable;
    options.sync = false;
    auto archive = archive::Archive::Open(archive_dir_, options);
    EXPECT_TRUE(archive.has_value()) << archive.error().ToString();
    return archive ? std::move(*archive) : nullptr;
  }

  // Ingests `jsonl` (Holdfast's JSONL, written to `name` in the test folder) with rules_, from
  // its first line; the stats, with a test failure when the ingest fails.
  IngestStats IngestJsonl(const std::string& jsonl, const std::string& name = "posts.jsonl") {
    std::vector<std::unique_ptr<Source>> sources;
    sources.push_back(OpenSource(dir_.Write(name, jsonl).string(), {}).value());
    auto archive = OpenArchive(true);
    IngestOptions options;
    options.resume = false;
    auto stats = Ingest(*archive, rules_, std::move(sources), options);
    EXPECT_TRUE(stats.has_value()) << stats.error().ToString();
    return stats.value_or(IngestStats{});
  }

  holdfast::testing::TempDir dir_;
  std::filesystem::path archive_dir_ = dir_.path() / "archive";
  std::shared_ptr<const rules::RuleSet> rules_;
};

}  // namespace holdfast::engine
