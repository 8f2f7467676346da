// Evidence export: what a query, a hold or a review state selects at one signed head, written
// with native files, RSMF, a DAT load file and HTML transcripts, all covered by the proofs and
// the signed manifest; the same selection at the same head gives the same bytes however the
// archive grew since; progress and cancelling.
#include "engine/evidence.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "archive/bundle.h"
#include "archive/export_reader.h"
#include "archive/merkle.h"
#include "engine/pipeline.h"
#include "engine/retention.h"
#include "engine/review_queue.h"
#include "tests/engine/archive_fixture.h"

namespace holdfast::engine {
namespace {

using nlohmann::json;

std::string Jsonl(int first, int count, const std::string& channel) {
  std::string jsonl;
  for (int i = first; i < first + count; ++i) {
    const std::string text = i % 2 == 0 ? "zorblax note " : "plain note ";
    jsonl += json({{"id", std::to_string(i)},
                   {"text", text + std::to_string(i)},
                   {"author", i % 3 == 0 ? "u1" : "u2"},
                   {"channel", channel},
                   {"time", "2024-01-1" + std::to_string(i % 2) + "T10:00:0" +
                                std::to_string(i % 10) + "Z"}})
                 .dump() +
             "\n";
  }
  return jsonl;
}

std::map<std::string, std::string> ReadZip(const std::filesystem::path& zip) {
  std::map<std::string, std::string> files;
  auto reader = archive::ExportReader::Open(zip);
  EXPECT_TRUE(reader.has_value());
  while (reader.has_value()) {
    auto entry = (*reader)->Next();
    if (!entry.has_value() || !entry->has_value()) {
      break;
    }
    files[(*entry)->path] = (*reader)->ReadAll().value_or("");
  }
  return files;
}

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class EvidenceTest : public ArchiveFixture {
 protected:
  void SetUp() override {
    SetUpArchive(kWordPolicy);
    IngestJsonl(Jsonl(0, 6, "general"));
  }

  EvidenceRequest Request(const std::string& name) {
    EvidenceRequest request;
    request.case_name = "Case 12";
    request.value = "note";
    request.exported_by = "lee";
    request.out = dir_.path() / name;
    return request;
  }

  tl::expected<EvidenceSummary, Error> Export(const EvidenceRequest& request) {
    auto archive = OpenArchive(false);
    return ExportEvidence(*archive, request);
  }

  uint64_t HeadSize() { return OpenArchive(false)->LatestHead().value().size; }
};

TEST_F(EvidenceTest, BundleCarriesEveryFormatAndVerifies) {
  const EvidenceRequest request = Request("b.zip");
  auto summary = Export(request);
  ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
  EXPECT_EQ(summary->posts, 6u);
  EXPECT_EQ(summary->flags, 3u);          // the three posts with the word
  EXPECT_EQ(summary->conversations, 2u);  // one channel over two days
  const archive::BundleReport report = archive::VerifyBundle(request.out);
  ASSERT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.posts, 6u);
  EXPECT_EQ(report.items, 9u);

  auto files = ReadZip(request.out);
  const json manifest = json::parse(files["manifest.json"]);
  EXPECT_EQ(manifest["counts"]["posts"], 6);
  EXPECT_EQ(manifest["exported_by"], "lee");
  EXPECT_EQ(manifest["selection"]["kind"], "query");
  EXPECT_EQ(manifest["formats"], json({"native", "rsmf", "dat", "html"}));
  EXPECT_EQ(manifest["head"]["tree_size"], summary->head_size);
  EXPECT_EQ(summary->manifest_sha256, archive::ToHex(archive::Sha256(files["manifest.json"])));
  size_t rsmf = 0;
  size_t html = 0;
  size_t posts = 0;
  for (const auto& [name, bytes] : files) {
    rsmf += name.starts_with("rsmf/") && name.ends_with(".rsmf") ? 1 : 0;
    html += name.starts_with("html/") && name.ends_with(".html") ? 1 : 0;
    if (name.ends_with("/post.json")) {
      ++posts;
      const json post = json::parse(bytes);
      const std::string dir = name.substr(0, name.size() - std::string("post.json").size());
      EXPECT_EQ(files[post["original_file"].get<std::string>()].empty(), false) << name;
      EXPECT_EQ(post["content_sha256"],
                archive::ToHex(archive::Sha256(files[dir + "content.json"])));
      EXPECT_EQ(post["flags"].size(),
                post["text"].get<std::string>().starts_with("zorblax") ? 1u : 0u);
    }
  }
  EXPECT_EQ(posts, 6u);
  EXPECT_EQ(rsmf, 2u);
  EXPECT_EQ(html, 3u);  // two transcripts and the index
  ASSERT_TRUE(files.contains("load/export.dat"));
  EXPECT_TRUE(files["load/export.dat"].starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(files["CHAIN-OF-CUSTODY.txt"].find("lee"), std::string::npos);
  EXPECT_TRUE(files.contains("verify_bundle.py"));
}

TEST_F(EvidenceTest, TheSameSelectionAtTheSameHeadGivesTheSameBytesAfterTheArchiveGrew) {
  const uint64_t head = HeadSize();
  EvidenceRequest request = Request("first.zip");
  request.head_size = head;
  ASSERT_TRUE(Export(request).has_value());

  IngestJsonl(Jsonl(6, 4, "general"), "more.jsonl");  // more matching posts, a later head
  ASSERT_GT(HeadSize(), head);
  request.out = dir_.path() / "second.zip";
  auto again = Export(request);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(again->posts, 6u);  // what matched at that head, not what matches now
  EXPECT_EQ(Slurp(dir_.path() / "first.zip"), Slurp(request.out));

  EvidenceRequest latest = Request("latest.zip");
  auto now = Export(latest);
  ASSERT_TRUE(now.has_value());
  EXPECT_EQ(now->posts, 10u);
  EXPECT_TRUE(archive::VerifyBundle(latest.out).ok);
}

TEST_F(EvidenceTest, FlagsSelectionTakesTheStateAtTheHead) {
  const uint64_t head = HeadSize();
  {
    auto archive = OpenArchive(true);
    auto flags = LoadFlags(*archive);
    ASSERT_TRUE(flags.has_value());
    ASSERT_EQ(flags->size(), 3u);
    const Review review{.flag_id = (*flags)[0].flag.flag_id,
                        .action = ReviewAction::kDismiss,
                        .by = "kim",
                        .note = "harmless",
                        .time_us = 1};
    ASSERT_TRUE(ApplyReview(*archive, review).has_value());
  }
  EvidenceRequest open = Request("open.zip");
  open.selection = EvidenceSelection::kFlags;
  open.value = "open";
  auto now = Export(open);
  ASSERT_TRUE(now.has_value()) << now.error().ToString();
  EXPECT_EQ(now->posts, 2u);
  EXPECT_EQ(now->flags, 2u);

  open.head_size = head;  // before the review
  auto before = Export(open);
  ASSERT_TRUE(before.has_value()) << before.error().ToString();
  EXPECT_EQ(before->posts, 3u);
  EXPECT_EQ(before->reviews, 0u);

  EvidenceRequest dismissed = Request("dismissed.zip");
  dismissed.selection = EvidenceSelection::kFlags;
  dismissed.value = "dismissed";
  auto reviewed = Export(dismissed);
  ASSERT_TRUE(reviewed.has_value());
  EXPECT_EQ(reviewed->posts, 1u);
  EXPECT_EQ(reviewed->reviews, 1u);
  const auto files = ReadZip(dismissed.out);
  for (const auto& [name, bytes] : files) {
    if (name.ends_with("/post.json")) {
      const json flag = json::parse(bytes)["flags"][0];
      EXPECT_EQ(flag["state"], "dismissed");
      EXPECT_EQ(flag["reviews"][0]["by"], "kim");
    }
  }
  EXPECT_TRUE(archive::VerifyBundle(dismissed.out).ok);

  dismissed.value = "closed";
  auto unknown = Export(dismissed);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("unknown flag state \"closed\""), std::string::npos);
}

TEST_F(EvidenceTest, HoldSelectionNeedsAHoldInForceAtTheHead) {
  EvidenceRequest request = Request("hold.zip");
  request.selection = EvidenceSelection::kHold;
  request.value = "Acme";
  auto none = Export(request);
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().message.find("no hold named \"Acme\" was in force"), std::string::npos);
  {
    auto archive = OpenArchive(true);
    Hold hold;
    hold.name = "Acme";
    hold.query = "zorblax";
    hold.actor = "counsel";
    ASSERT_TRUE(archive->Append(HoldRecord(hold, archive->size())).has_value());
    ASSERT_TRUE(archive->Commit().has_value());
  }
  auto held = Export(request);
  ASSERT_TRUE(held.has_value()) << held.error().ToString();
  EXPECT_EQ(held->posts, 3u);
  EXPECT_EQ(held->query, "(zorblax)");
}

TEST_F(EvidenceTest, AHeadTheArchiveNeverSignedIsRefused) {
  EvidenceRequest request = Request("b.zip");
  request.head_size = HeadSize() + 1;
  auto summary = Export(request);
  ASSERT_FALSE(summary.has_value());
  EXPECT_NE(summary.error().message.find("the latest signed head has"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(request.out));
}

TEST_F(EvidenceTest, ReportsPostsFoundThenRecordsWrittenOfTheTotal) {
  EvidenceRequest request = Request("b.zip");
  std::vector<EvidenceProgress> reports;
  request.progress = [&](const EvidenceProgress& progress) {
    reports.push_back(progress);
    return true;
  };
  auto summary = Export(request);
  ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
  ASSERT_GE(reports.size(), 3u);
  EXPECT_EQ(reports.front().done, 6u);  // the one page of hits, total not known yet
  EXPECT_EQ(reports.front().total, 0u);
  const uint64_t total = 2 * summary->posts + summary->flags + summary->reviews;
  EXPECT_EQ(reports[1].done, 1u);
  EXPECT_EQ(reports[1].total, total);
  EXPECT_EQ(reports.back().done, total);
  EXPECT_EQ(reports.back().total, total);
}

TEST_F(EvidenceTest, StopsWhenTheCallerAsksAndLeavesNoFile) {
  EvidenceRequest request = Request("b.zip");
  request.progress = [](const EvidenceProgress&) { return false; };
  auto summary = Export(request);
  ASSERT_FALSE(summary.has_value());
  EXPECT_EQ(summary.error().message, "export cancelled");
  EXPECT_FALSE(std::filesystem::exists(request.out));
}

}  // namespace
}  // namespace holdfast::engine
