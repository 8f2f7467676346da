// The audit trail over the API: every search, post view, flags listing and review writes an
// audit record through the pending spool, the server commits it, and GET /api/v1/audit lists
// the trail as CSV for compliance and admin. A request whose audit record cannot be stored is
// refused with 503.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "archive/pending_records.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerAuditTest : public ServerFixture {
 protected:
  // Waits (at most 5 s) until the server has committed its spool.
  void WaitForDrain() {
    for (int i = 0; i < 100 && archive::CountPending(archive_dir_).value_or(1) > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(archive::CountPending(archive_dir_).value_or(99), 0u);
  }

  // The CSV's lines without their CRLF.
  static std::vector<std::string> Lines(const std::string& csv) {
    std::vector<std::string> lines;
    size_t at = 0;
    while (at < csv.size()) {
      const size_t end = csv.find("\r\n", at);
      EXPECT_NE(end, std::string::npos) << "a line without CRLF";
      lines.push_back(csv.substr(at, end - at));
      at = end == std::string::npos ? csv.size() : end + 2;
    }
    return lines;
  }
};

TEST_F(ServerAuditTest, ASearchAPostViewAndAListingAreAuditedAndListedAsCsv) {
  ASSERT_EQ(Get("/api/v1/search?q=leak", "compliance").status, 200);
  const std::string key = KeyOf("quarterly");  // an admin's search, audited too
  ASSERT_EQ(Get("/api/v1/posts/" + key, "cm").status, 200);
  ASSERT_EQ(Get("/api/v1/flags?state=all&policy=test-secrets", "analyst").status, 200);
  WaitForDrain();
  Response searches = Get("/api/v1/audit?type=search", "compliance");
  ASSERT_EQ(searches.status, 200);
  EXPECT_EQ(searches.content_type, "text/csv; charset=utf-8; header=present");
  std::vector<std::string> lines = Lines(searches.body);
  ASSERT_EQ(lines.size(), 3u) << searches.body;
  EXPECT_EQ(lines[0], "time,user,role,action,target,detail,sequence");
  EXPECT_NE(lines[1].find(",compliance,compliance,search,leak,page 1; 1 results,"),
            std::string::npos)
      << lines[1];
  EXPECT_NE(lines[2].find(",admin,admin,search,quarterly,"), std::string::npos) << lines[2];
  lines = Lines(Get("/api/v1/audit?type=view-post", "admin").body);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find(",cm,community-manager,view-post," + key + ",context 5; 2 results,"),
            std::string::npos)
      << lines[1];
  lines = Lines(Get("/api/v1/audit?type=list-flags", "admin").body);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_NE(lines[1].find(",analyst,analyst,list-flags,state=all policy=test-secrets,page 1; "
                          "2 results,"),
            std::string::npos)
      << lines[1];
  // Every audit record, as JSON: the searches, the view, the listing (and no others yet).
  const json all = Get("/api/v1/audit?format=json", "admin").json();
  EXPECT_EQ(all["rows"].size(), 4u);
}

TEST_F(ServerAuditTest, TypeReviewListsTheReviewRecordsWithTheirNotesQuoted) {
  std::string flag;
  const json flags = Get("/api/v1/flags").json();
  for (const json& item : flags["flags"]) {
    if (item["post"]["channel"] == "finance") {
      flag = item["flag_id"].get<std::string>();
    }
  }
  const json body = {{"action", "dismiss"}, {"note", "a \"test\" key, not real"}};
  ASSERT_EQ(Post("/api/v1/flags/" + flag + "/review", "cm", body.dump()).status, 200);
  const std::vector<std::string> lines = Lines(Get("/api/v1/audit?type=review", "admin").body);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(
      lines[1].find(",cm,community-manager,dismiss," + flag + ",\"a \"\"test\"\" key, not real\","),
      std::string::npos)
      << lines[1];
  const json since_later =
      Get("/api/v1/audit?type=review&format=json&since=2999-01-01T00:00:00Z", "admin").json();
  EXPECT_TRUE(since_later["rows"].empty());
}

TEST_F(ServerAuditTest, TheAuditTrailIsForComplianceAndAdminOnly) {
  for (const char* user : {"cm", "analyst", "legal"}) {
    EXPECT_EQ(Get("/api/v1/audit", user).status, 403) << user;
  }
  EXPECT_EQ(Get("/api/v1/audit?type=nothing", "admin").status, 400);
  EXPECT_EQ(Get("/api/v1/audit?since=yesterday", "admin").status, 400);
  EXPECT_EQ(Get("/api/v1/audit?format=xml", "admin").status, 400);
}

TEST_F(ServerAuditTest, RefusesWith503WhenTheAuditRecordCannotBeStored) {
  const std::string key = KeyOf("quarterly");
  const std::string flag = Get("/api/v1/flags").json()["flags"][0]["flag_id"].get<std::string>();
  WaitForDrain();
  std::filesystem::remove_all(archive_dir_ / "pending");
  dir_.Write("archive/pending", "a file where the spool folder should be");
  for (const std::string& target :
       std::vector<std::string>{"/api/v1/search?q=leak", "/api/v1/posts/" + key, "/api/v1/flags"}) {
    Response refused = Get(target, "admin");
    EXPECT_EQ(refused.status, 503) << target;
    EXPECT_TRUE(refused.json()["error"].get<std::string>().starts_with(
        "the request could not be audited, so it is refused: "))
        << refused.body;
  }
  Response review = Post("/api/v1/flags/" + flag + "/review", "admin", R"({"action":"dismiss"})");
  EXPECT_EQ(review.status, 503);
  EXPECT_TRUE(review.json()["error"].get<std::string>().starts_with(
      "the request could not be audited, so it is refused: "))
      << review.body;
  std::filesystem::remove(archive_dir_ / "pending");
  EXPECT_EQ(Get("/api/v1/search?q=leak", "admin").status, 200);
  WaitForDrain();
  EXPECT_EQ(Get("/api/v1/flags?state=dismissed").json()["total"], 0);  // never recorded
}

}  // namespace
}  // namespace holdfast::api
