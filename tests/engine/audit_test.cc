// Audit records and the audit listing: spooled events reach the log through a writer's commit,
// are listed by action and time, and print as RFC 4180 CSV; reviews list from their own
// records, old ones (before ids, roles, assignees and tags) included.
#include "engine/audit.h"

#include <gtest/gtest.h>

#include "archive/pending_records.h"
#include "engine/records.h"
#include "engine/review_queue.h"
#include "tests/engine/archive_fixture.h"

namespace holdfast::engine {
namespace {

constexpr int64_t kMay1 = 1'714'521'600'000'000;  // 2024-05-01T00:00:00Z

class AuditTest : public ArchiveFixture {
 protected:
  void SetUp() override { SetUpArchive(kWordPolicy); }

  void Spool(AuditAction action, const std::string& target, int64_t time_us) {
    AuditEvent event{.user = "ann",
                     .role = "compliance",
                     .time_us = time_us,
                     .action = action,
                     .target = target};
    event.results = 3;
    auto spooled = SpoolAudit(archive_dir_, event);
    ASSERT_TRUE(spooled.has_value()) << spooled.error().ToString();
  }

  void Commit() {
    auto writer = OpenArchive(true);
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(writer->Commit().has_value());
  }
};

TEST_F(AuditTest, SpooledEventsAreCommittedAndListedByActionAndTime) {
  Spool(AuditAction::kSearch, "wire transfer", kMay1);
  Spool(AuditAction::kViewPost, "abc", kMay1 + 1'000'000);
  Spool(AuditAction::kSearch, "payroll", kMay1 + 2'000'000);
  Commit();
  auto archive = OpenArchive(false);
  auto all = LoadAuditRows(*archive, "", INT64_MIN);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[1].action, "view-post");
  auto searches = LoadAuditRows(*archive, "search", kMay1 + 1);
  ASSERT_TRUE(searches.has_value());
  ASSERT_EQ(searches->size(), 1u);
  const AuditRow& row = searches->front();
  EXPECT_EQ(row.user, "ann");
  EXPECT_EQ(row.role, "compliance");
  EXPECT_EQ(row.target, "payroll");
  EXPECT_EQ(row.detail, "3 results");
  EXPECT_EQ(row.time_us, kMay1 + 2'000'000);
  auto record = archive->Read(row.sequence);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->record.type, archive::RecordType::kAudit);
  EXPECT_EQ(record->record.key.size(), 6u + 32u);                     // "audit:" and a unique id
  EXPECT_EQ(record->record.meta.find("payroll"), std::string::npos);  // the query is content
  EXPECT_TRUE(archive->Verify().ok);
}

TEST_F(AuditTest, CsvHasAHeaderRowAndQuotesWhatNeedsIt) {
  const std::vector<AuditRow> rows = {
      {kMay1, "ann", "compliance", "search", "plain", "", 7},
      {kMay1, "bob", "admin", "review", "id", "said \"no\", twice\nthen yes", 8}};
  EXPECT_EQ(AuditCsv(rows),
            "time,user,role,action,target,detail,sequence\r\n"
            "2024-05-01T00:00:00Z,ann,compliance,search,plain,,7\r\n"
            "2024-05-01T00:00:00Z,bob,admin,review,id,\"said \"\"no\"\", twice\nthen yes\",8\r\n");
}

TEST_F(AuditTest, CsvShowsWhatLooksLikeAFormulaAsText) {
  const std::vector<AuditRow> rows = {
      {kMay1, "ann", "compliance", "search", "=HYPERLINK(\"http://x\",\"y\")", "page 1", 7},
      {kMay1, "ann", "compliance", "search", "+1", "-2", 8},
      {kMay1, "@ann", "compliance", "search", "a=b", "\tx", 9}};
  EXPECT_EQ(
      AuditCsv(rows),
      "time,user,role,action,target,detail,sequence\r\n"
      "2024-05-01T00:00:00Z,ann,compliance,search,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
      "page 1,7\r\n"
      "2024-05-01T00:00:00Z,ann,compliance,search,\"'+1\",\"'-2\",8\r\n"
      "2024-05-01T00:00:00Z,\"'@ann\",compliance,search,a=b,\"'\tx\",9\r\n");
}

TEST_F(AuditTest, ReviewsListFromTheirRecordsOldOnesIncluded) {
  {
    auto writer = OpenArchive(true);
    // A review as recorded before reviews had ids, roles, assignees or tags.
    ASSERT_TRUE(
        writer
            ->Append({archive::RecordType::kReview, "",
                      R"({"flag_id":"f1","action":"resolve","time":"2024-05-01T00:00:00Z"})",
                      R"({"by":"carl","note":"old"})"})
            .has_value());
    Review review{"f2", ReviewAction::kEscalate, "dana", "see, legal", kMay1 + 5};
    review.role = "compliance";
    review.assignee = "erin";
    review.tags = {"q2"};
    auto spooled = SpoolReview(archive_dir_, review);
    ASSERT_TRUE(spooled.has_value());
    EXPECT_EQ(spooled->id.size(), 32u);
    ASSERT_TRUE(writer->Commit().has_value());
  }
  auto archive = OpenArchive(false);
  auto rows = LoadAuditRows(*archive, "review", INT64_MIN);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].user, "carl");
  EXPECT_EQ((*rows)[0].action, "resolve");
  EXPECT_EQ((*rows)[0].detail, "old");
  EXPECT_EQ((*rows)[1].user, "dana");
  EXPECT_EQ((*rows)[1].role, "compliance");
  EXPECT_EQ((*rows)[1].target, "f2");
  EXPECT_EQ((*rows)[1].detail, "see, legal; assignee: erin; tags: q2");
}

TEST(ReviewStateTest, AssignAndTagKeepTheStateEscalateSetsItAndTheAssignee) {
  FlagStatus status;
  TakeReview(status, {"f", ReviewAction::kTag, "a", "", 1, "", "", "", {"x", "y"}});
  EXPECT_EQ(status.state, "open");
  TakeReview(status, {"f", ReviewAction::kEscalate, "a", "", 2, "", "", "bo", {}});
  EXPECT_EQ(status.state, "escalated");
  EXPECT_EQ(status.assignee, "bo");
  TakeReview(status, {"f", ReviewAction::kAssign, "a", "", 3, "", "", "cy", {"y", "z"}});
  EXPECT_EQ(status.state, "escalated");
  EXPECT_EQ(status.assignee, "cy");
  EXPECT_EQ(status.tags, (std::vector<std::string>{"x", "y", "z"}));
  TakeReview(status, {"f", ReviewAction::kResolve, "a", "", 4});
  EXPECT_EQ(status.state, "resolved");
  EXPECT_EQ(status.reviews.size(), 4u);
}

}  // namespace
}  // namespace holdfast::engine
