// Evidence export's progress reports: items gathered while the total is unknown, then the
// total, then all of it written; and a caller that answers false stops the export before
// anything is written.
#include "engine/evidence.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "archive/bundle.h"
#include "engine/pipeline.h"
#include "tests/engine/archive_fixture.h"

namespace holdfast::engine {
namespace {

class EvidenceTest : public ArchiveFixture {
 protected:
  void SetUp() override {
    SetUpArchive(kWordPolicy);
    std::string jsonl;
    for (int i = 0; i < 3; ++i) {
      jsonl += nlohmann::json({{"id", std::to_string(i)},
                               {"text", std::string("zorblax note ").append(std::to_string(i))},
                               {"author", "u1"},
                               {"channel", "general"},
                               {"time", "2024-01-10T10:00:00Z"}})
                   .dump() +
               "\n";
    }
    IngestJsonl(jsonl);
  }
};

TEST_F(EvidenceTest, ReportsItemsGatheredThenWrittenOfTheTotal) {
  auto archive = OpenArchive(false);
  std::vector<EvidenceProgress> reports;
  EvidenceRequest request{"zorblax", "case", dir_.path() / "b.zip"};
  request.progress = [&](const EvidenceProgress& progress) {
    reports.push_back(progress);
    return true;
  };
  auto summary = ExportEvidence(*archive, request);
  ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
  const uint64_t items = summary->posts + summary->flags + summary->reviews;
  EXPECT_EQ(summary->posts, 3u);
  ASSERT_GE(reports.size(), 3u);
  EXPECT_EQ(reports.front().done, 3u);  // the one page of hits, total not known yet
  EXPECT_EQ(reports.front().total, 0u);
  EXPECT_EQ(reports[reports.size() - 2].done, 0u);
  EXPECT_EQ(reports[reports.size() - 2].total, items);
  EXPECT_EQ(reports.back().done, items);
  EXPECT_EQ(reports.back().total, items);
  EXPECT_TRUE(archive::VerifyBundle(request.out).ok);
}

TEST_F(EvidenceTest, StopsBeforeWritingWhenTheCallerAsks) {
  auto archive = OpenArchive(false);
  EvidenceRequest request{"zorblax", "case", dir_.path() / "b.zip"};
  request.progress = [](const EvidenceProgress&) { return false; };
  auto summary = ExportEvidence(*archive, request);
  ASSERT_FALSE(summary.has_value());
  EXPECT_EQ(summary.error().message, "export cancelled");
  EXPECT_FALSE(std::filesystem::exists(request.out));
}

}  // namespace
}  // namespace holdfast::engine
