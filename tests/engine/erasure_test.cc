// Retention, legal holds and erasure: expired posts and a data subject's posts lose their
// content in the log and the index, each leaves a signed tombstone, holds keep what they cover,
// and the archive still verifies and reindexes to the same answers.
#include "engine/erasure.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/hold_query.h"
#include "engine/json_views.h"
#include "engine/pipeline.h"
#include "engine/records.h"
#include "engine/reindex.h"
#include "engine/retention.h"
#include "tests/engine/archive_fixture.h"

namespace holdfast::engine {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kJune15 = 1718409600000000;  // 2024-06-15T00:00:00Z

std::string Line(const std::string& id, const std::string& text, const std::string& author,
                 const std::string& channel, const std::string& time) {
  return nlohmann::json(
             {{"id", id}, {"text", text}, {"author", author}, {"channel", channel}, {"time", time}})
             .dump() +
         "\n";
}

// Every byte of the files under `dir`.
std::string FilesUnder(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      all += bytes.str();
    }
  }
  return all;
}

class ErasureTest : public ArchiveFixture {
 protected:
  // Old posts (January) by u1 and u2, new ones (June) by u1; two in #legal mention "merger".
  void SetUp() override {
    SetUpArchive(kWordPolicy);
    const std::string jsonl =
        Line("1", "alpha zorblax oldtext", "u1", "general", "2024-01-10T10:00:00Z") +
        Line("2", "bravo oldtext", "u2", "general", "2024-01-11T10:00:00Z") +
        Line("3", "charlie merger oldtext", "u2", "legal", "2024-01-12T10:00:00Z") +
        Line("4", "delta newtext", "u1", "general", "2024-06-10T10:00:00Z") +
        Line("5", "echo merger newtext", "u2", "legal", "2024-06-11T10:00:00Z");
    IngestJsonl(jsonl);
  }

  // Appends the record `make` builds for the log's size, and commits it.
  void Append(const std::function<archive::Record(uint64_t)>& make) {
    auto archive = OpenArchive(true);
    ASSERT_TRUE(archive->Append(make(archive->size())).value().has_value());
    ASSERT_TRUE(archive->Commit().has_value());
  }
  void SetRule(const std::string& name, uint32_t days, const std::string& community = "") {
    Append([&](uint64_t size) {
      return RetentionRecord(RetentionRule{name, days, "", community, "rob"}, size);
    });
  }
  void Hold(const std::string& name, bool place, const std::string& query,
            std::vector<std::string> custodians = {}) {
    const engine::Hold hold{name, place, query, std::move(custodians), "lena", "case"};
    ASSERT_TRUE(CheckHold(*OpenArchive(false), hold).has_value());
    Append([&](uint64_t size) { return HoldRecord(hold, size); });
  }

  EraseReport Run(EraseRequest request) {
    auto archive = OpenArchive(true);
    auto report = Erase(*archive, request);
    EXPECT_TRUE(report.has_value()) << report.error().ToString();
    return report.value_or(EraseReport{});
  }
  EraseReport Expire(bool dry_run = false) {
    EraseRequest request;
    request.actor = "rob";
    request.now_us = kJune15;
    request.dry_run = dry_run;
    return Run(request);
  }

  size_t Hits(const std::string& query) {
    auto archive = OpenArchive(false);
    auto results = archive->index().Search(query, 0, 100, /*history=*/true);
    EXPECT_TRUE(results.has_value()) << query;
    return results ? results->hits.size() : 0;
  }
  std::string Log() { return FilesUnder(archive_dir_ / "log"); }
  std::string IndexFiles() { return FilesUnder(archive_dir_ / "index"); }
  size_t Tombstones() {
    return OpenArchive(false)->SequencesOfType(archive::RecordType::kErasure).value().size();
  }
};

TEST_F(ErasureTest, RetentionErasesExpiredPostsAndLeavesSignedTombstones) {
  SetRule("chat", 30);
  ASSERT_NE(IndexFiles().find("oldtext"), std::string::npos);
  const EraseReport report = Expire();
  EXPECT_EQ(report.posts_erased, 3u);
  EXPECT_EQ(report.records_erased, 4u) << "three posts and the flag on zorblax";
  EXPECT_EQ(report.posts_held, 0u);
  EXPECT_EQ(Tombstones(), 3u);

  EXPECT_EQ(Log().find("oldtext"), std::string::npos);
  EXPECT_EQ(Log().find("zorblax"), std::string::npos) << "the flag's matched text goes too";
  EXPECT_NE(Log().find("newtext"), std::string::npos);
  EXPECT_EQ(IndexFiles().find("oldtext"), std::string::npos) << "compacted: no stale pages";
  EXPECT_EQ(Hits("oldtext"), 0u);
  EXPECT_EQ(Hits("newtext"), 2u);
  EXPECT_EQ(Hits("policy:test-words"), 1u) << "the erased post's metadata stays searchable";

  auto archive = OpenArchive(false);
  const archive::VerifyReport verified = archive->Verify();
  EXPECT_TRUE(verified.ok) << verified.message;
  // Each tombstone names its post, why and who, under a signed head.
  const auto tombstones = archive->SequencesOfType(archive::RecordType::kErasure).value();
  const archive::StoredRecord tombstone = archive->Read(tombstones[0]).value();
  const auto meta = nlohmann::json::parse(tombstone.record.meta);
  EXPECT_EQ(meta["reason"], "retention");
  EXPECT_EQ(meta["rule"], "chat");
  EXPECT_TRUE(archive->Read(meta["post_seq"].get<uint64_t>()).value().content_erased);
  EXPECT_EQ(nlohmann::json::parse(tombstone.record.content)["actor"], "rob");
  EXPECT_LT(tombstones.back(), archive->LatestHead().value().size);

  EXPECT_EQ(Expire().already_erased, 3u) << "a second run finds nothing new";
}

TEST_F(ErasureTest, SearchByHoldFindsWhatTheActiveHoldKeeps) {
  Hold("Acme v. Holdfast", true, "merger");
  Hold("Custodian u1", true, "", {"u1"});
  auto search = [&](const std::string& query) {
    auto archive = OpenArchive(false);
    auto expanded = ExpandHolds(*archive, query);
    EXPECT_TRUE(expanded.has_value()) << expanded.error().ToString();
    std::vector<std::string> texts;
    auto results = archive->index().Search(expanded.value_or(""),
                                           {.limit = 10, .sort = archive::SearchSort::kOldest});
    EXPECT_TRUE(results.has_value()) << *expanded << ": " << results.error().ToString();
    for (const archive::SearchHit& hit : results.value_or(archive::SearchResults{}).hits) {
      texts.push_back(SnippetText(hit.snippet, "", ""));
    }
    return texts;
  };
  using Texts = std::vector<std::string>;
  EXPECT_EQ(search("hold:\"acme v. holdfast\""),
            (Texts{"charlie merger oldtext", "echo merger newtext"}));
  EXPECT_EQ(search("hold:\"Custodian u1\" newtext"), Texts{"delta newtext"});
  EXPECT_EQ(search("oldtext -(hold:\"Custodian u1\")"),
            (Texts{"bravo oldtext", "charlie merger oldtext"}));
  EXPECT_EQ(search("hold:nobody"), Texts{}) << "not a hold: nothing";

  Hold("Acme v. Holdfast", false, "");
  EXPECT_EQ(search("hold:\"Acme v. Holdfast\""), Texts{}) << "released: nothing";
}

TEST_F(ErasureTest, RuleScopedToACommunityErasesOnlyThere) {
  SetRule("legal-short", 30, "legal");
  EXPECT_EQ(Expire().posts_erased, 1u);
  EXPECT_EQ(Hits("charlie"), 0u);
  EXPECT_EQ(Hits("alpha"), 1u);
}

TEST_F(ErasureTest, HoldsKeepWhatTheyCoverUntilReleased) {
  SetRule("chat", 30);
  Hold("Acme", true, "merger");
  Hold("Custodian u1", true, "", {"u1"});
  auto archive = OpenArchive(true);
  auto twice = CheckHold(*archive, engine::Hold{"Acme", true, "x", {}, "lena", ""});
  EXPECT_FALSE(twice.has_value()) << "a hold in force is not placed again";
  archive.reset();

  EraseReport report = Expire();
  EXPECT_EQ(report.posts_erased, 1u) << "only bravo: charlie matches the query, alpha is u1's";
  EXPECT_EQ(report.posts_held, 2u);
  EXPECT_EQ(report.holds, (std::vector<std::string>{"Acme", "Custodian u1"}));
  EXPECT_EQ(Hits("charlie"), 1u);
  EXPECT_EQ(Hits("alpha"), 1u);

  Hold("Acme", false, "");
  report = Expire();
  EXPECT_EQ(report.posts_erased, 1u) << "charlie, now that Acme is released";
  EXPECT_EQ(report.posts_held, 1u);
  EXPECT_EQ(report.already_erased, 1u);
  EXPECT_EQ(ActiveHolds(*OpenArchive(false)).value().size(), 1u);
  EXPECT_EQ(HoldHistory(*OpenArchive(false)).value().size(), 3u);
}

TEST_F(ErasureTest, SubjectRequestErasesAllOfAnAuthorAndReindexAgrees) {
  EraseRequest request;
  request.reason = EraseReason::kSubjectRequest;
  request.author = "u1";
  request.reference = "DSR-17";
  request.actor = "priya";
  const EraseReport report = Run(request);
  EXPECT_EQ(report.posts_erased, 2u);
  EXPECT_EQ(Hits("author:u1"), 0u);
  EXPECT_EQ(Hits("alpha"), 0u);
  EXPECT_EQ(Hits("delta"), 0u);
  EXPECT_EQ(Hits("bravo"), 1u);

  const auto answers = [&] {
    std::string out;
    auto archive = OpenArchive(false);
    for (const char* query : {"", "policy:test-words", "state:open", "author:u2", "merger"}) {
      const archive::SearchResults results = archive->index().Search(query, 0, 100, true).value();
      for (const archive::SearchHit& hit : results.hits) {
        out += std::string(query) + " " + hit.key + " " + hit.data + " " + hit.snippet + "\n";
      }
    }
    return out;
  };
  const std::string before = answers();
  {
    auto archive = OpenArchive(true);
    ASSERT_TRUE(archive->ResetIndex().has_value());
    ASSERT_TRUE(Reindex(*archive, 0).has_value());
  }
  EXPECT_EQ(answers(), before) << "the index stays a view of the log";
}

TEST_F(ErasureTest, SubjectRequestUnderHoldIsRefused) {
  Hold("Custodian u1", true, "", {"u1"});
  EraseRequest request;
  request.reason = EraseReason::kSubjectRequest;
  request.author = "u1";
  request.actor = "priya";
  const EraseReport report = Run(request);
  EXPECT_EQ(report.posts_erased, 0u);
  EXPECT_EQ(report.posts_held, 2u);
  EXPECT_NE(Log().find("alpha zorblax"), std::string::npos);
}

TEST_F(ErasureTest, DryRunChangesNothing) {
  SetRule("chat", 30);
  const std::string log = Log();
  const EraseReport report = Expire(/*dry_run=*/true);
  EXPECT_EQ(report.posts_erased, 3u);
  EXPECT_EQ(Log(), log);
  EXPECT_EQ(Hits("oldtext"), 3u);
}

TEST_F(ErasureTest, ARunCutShortAfterItsTombstonesIsFinishedByTheNext) {
  // The tombstone is committed, the crash comes before the content is erased.
  uint64_t post_sequence = 0;
  {
    auto archive = OpenArchive(true);
    auto hits = archive->index().Search("bravo", 0, 10, true).value().hits;
    ASSERT_EQ(hits.size(), 1u);
    post_sequence = hits[0].sequence;
    const nlohmann::json meta = {{"post_key", hits[0].key},
                                 {"post_seq", post_sequence},
                                 {"erased", {post_sequence}},
                                 {"reason", "subject-request"}};
    ASSERT_TRUE(archive
                    ->Append({archive::RecordType::kErasure, "erasure:" + hits[0].key, meta.dump(),
                              R"({"actor":"priya"})"})
                    .has_value());
    ASSERT_TRUE(archive->Commit().has_value());
  }
  ASSERT_NE(Log().find("bravo"), std::string::npos);
  auto archive = OpenArchive(true);
  EXPECT_EQ(FinishErasures(*archive).value(), 1u);
  EXPECT_TRUE(archive->Read(post_sequence).value().content_erased);
  EXPECT_EQ(FinishErasures(*archive).value(), 0u);
  archive.reset();
  EXPECT_EQ(Log().find("bravo"), std::string::npos);
  EXPECT_EQ(Hits("bravo"), 0u);
}

TEST_F(ErasureTest, RequestsWithoutActorOrSubjectAreRefused) {
  auto archive = OpenArchive(true);
  EraseRequest request;
  EXPECT_FALSE(Erase(*archive, request).has_value());
  request.actor = "rob";
  request.reason = EraseReason::kSubjectRequest;
  EXPECT_FALSE(Erase(*archive, request).has_value());
  EXPECT_FALSE(CheckHold(*archive, engine::Hold{"x", true, "", {}, "lena", ""}).has_value())
      << "a hold must say what it keeps";
  EXPECT_FALSE(CheckHold(*archive, engine::Hold{"x", false, "", {}, "lena", ""}).has_value())
      << "nothing to release";
}

}  // namespace
}  // namespace holdfast::engine
