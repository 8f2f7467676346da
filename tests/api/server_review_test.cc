// Review actions over the API: who may review which flags, what a body must hold, bulk
// actions, and how a review reaches the signed log: committed at once (200) when no one else
// writes, or left in the pending spool (202) while another writer holds the archive, whose
// commit then signs it.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "archive/pending_records.h"
#include "engine/review_queue.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerReviewTest : public ServerFixture {
 protected:
  // The id of the flag on the post in `channel` ("finance" or "legal-team").
  std::string FlagIn(const std::string& channel) {
    const json flags = Get("/api/v1/flags?state=all").json();
    for (const json& flag : flags["flags"]) {
      if (flag["post"]["channel"] == channel) {
        return flag["flag_id"].get<std::string>();
      }
    }
    ADD_FAILURE() << "no flag in " << channel;
    return "";
  }

  Response Review(const std::string& flag_id, const std::string& user, const json& body) {
    return Post("/api/v1/flags/" + flag_id + "/review", user, body.dump());
  }

  // The flag's state, assignee and tags as the log (committed records only) derives them.
  engine::FlagStatus Committed(const std::string& flag_id) {
    auto archive = archive::Archive::Open(archive_dir_);
    EXPECT_TRUE(archive.has_value());
    auto flags = engine::LoadFlags(**archive);
    EXPECT_TRUE(flags.has_value());
    for (const engine::FlagStatus& status : flags.value_or(std::vector<engine::FlagStatus>{})) {
      if (status.flag.flag_id == flag_id) {
        return status;
      }
    }
    ADD_FAILURE() << "no flag " << flag_id;
    return {};
  }
};

TEST_F(ServerReviewTest, ACommunityManagerReviewsAFlagOfTheirCommunityAsThemselves) {
  const std::string flag = FlagIn("finance");
  Response response =
      Review(flag, "cm", {{"action", "dismiss"}, {"note", "test data, not a real key"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(body["pending"], false);
  EXPECT_EQ(body["review"]["by"], "cm");
  EXPECT_EQ(body["review"]["role"], "community-manager");
  EXPECT_EQ(body["review"]["action"], "dismiss");
  EXPECT_EQ(body["review"]["flag_id"], flag);
  EXPECT_EQ(archive::CountPending(archive_dir_).value_or(99), 0u);  // the review and its audit
  const engine::FlagStatus status = Committed(flag);
  EXPECT_EQ(status.state, "dismissed");
  ASSERT_EQ(status.reviews.size(), 1u);
  EXPECT_EQ(status.reviews[0].by, "cm");
  EXPECT_EQ(status.reviews[0].note, "test data, not a real key");
  EXPECT_EQ(status.reviews[0].id, body["review"]["id"]);
  EXPECT_EQ(Get("/api/v1/flags?state=dismissed").json()["total"], 1);
}

TEST_F(ServerReviewTest, AnotherCommunitysFlagAnswersExactlyAsAnUnknownId) {
  const std::string other = FlagIn("legal-team");
  Response guessed = Review(other, "cm", {{"action", "resolve"}});
  Response unknown = Review("ffffffffffffffff", "cm", {{"action", "resolve"}});
  EXPECT_EQ(guessed.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(guessed.json()["error"], "no such flag: " + other);
  EXPECT_EQ(unknown.json()["error"], "no such flag: ffffffffffffffff");
  EXPECT_EQ(Committed(other).state, "open");
  Response bulk = Post("/api/v1/flags/review", "cm",
                       json{{"ids", {FlagIn("finance"), other}}, {"action", "resolve"}}.dump());
  EXPECT_EQ(bulk.status, 404);
  EXPECT_EQ(Committed(FlagIn("finance")).state, "open");  // checked whole: nothing recorded
}

TEST_F(ServerReviewTest, AnalystAndLegalMayNotReviewComplianceAndAdminMay) {
  const std::string flag = FlagIn("legal-team");
  for (const auto& [user, role] : {std::pair{"analyst", "analyst"}, {"legal", "legal"}}) {
    Response refused = Review(flag, user, {{"action", "dismiss"}});
    EXPECT_EQ(refused.status, 403) << user;
    EXPECT_EQ(refused.json()["error"],
              std::string("the role ") + role + " may not use POST /api/v1/flags/{id}/review");
    EXPECT_EQ(Post("/api/v1/flags/review", user, "{}").status, 403) << user;
  }
  EXPECT_EQ(Review(flag, "compliance", {{"action", "escalate"}, {"assignee", "legal"}}).status,
            200);
  EXPECT_EQ(Review(flag, "admin", {{"action", "resolve"}, {"note", "rotated"}}).status, 200);
  const engine::FlagStatus status = Committed(flag);
  EXPECT_EQ(status.state, "resolved");
  EXPECT_EQ(status.assignee, "legal");
  EXPECT_EQ(status.reviews.size(), 2u);
}

TEST_F(ServerReviewTest, RefusesABodyThatIsNotAReviewWith400Json) {
  const std::string flag = FlagIn("finance");
  const std::pair<std::string, std::string> cases[] = {
      {"{not json", "the body must be a JSON object"},
      {"[1]", "the body must be a JSON object"},
      {R"({"action":"delete"})",
       "action must be dismiss, escalate, resolve, assign, tag or notify"},
      {R"({"note":"no action"})",
       "action must be dismiss, escalate, resolve, assign, tag or notify"},
      {R"({"action":"dismiss","by":"someone-else"})", "unknown field \"by\""},
      {R"({"action":"escalate"})", "escalate needs an assignee: the name of a user"},
      {R"({"action":"assign"})", "assign needs an assignee: the name of a user"},
      {R"({"action":"escalate","assignee":"nobody"})", "assignee \"nobody\" is not a user"},
      {R"({"action":"tag"})", "tag needs at least one tag in tags"},
      {R"({"action":"tag","tags":"one"})",
       "tags must be a list of at most 20 non-empty strings of at most 100 bytes"},
      {R"({"action":"dismiss","note":7})", "note must be a string of at most 10000 bytes"},
  };
  for (const auto& [body, error] : cases) {
    Response response = Post("/api/v1/flags/" + flag + "/review", "admin", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(response.json()["error"], error) << body;
  }
  // Refused by its Content-Length, before a byte of it is read (so none is sent here).
  Response large =
      Send("POST", "/api/v1/flags/" + flag + "/review", tokens_.at("admin"), "", (1 << 20) + 1);
  EXPECT_EQ(large.status, 400);
  EXPECT_EQ(Post("/api/v1/flags/review", "admin", R"({"action":"dismiss","ids":[]})").status, 400);
  EXPECT_EQ(Committed(flag).reviews.size(), 0u);
}

// notify records what the author is told, from a template, and leaves the flag where it is.
TEST_F(ServerReviewTest, NotifyRecordsTheNoticeFromATemplateAndKeepsTheState) {
  const std::string flag = FlagIn("finance");
  Response told = Review(flag, "cm", {{"action", "notify"}, {"note", "first time"}});
  ASSERT_EQ(told.status, 200) << told.body;
  const std::string message = told.json()["review"]["message"];
  EXPECT_NE(message.find("Hello ann"), std::string::npos) << message;
  EXPECT_NE(message.find("#finance on 2024-05-01"), std::string::npos) << message;
  EXPECT_NE(message.find("test-secrets policy"), std::string::npos) << message;
  EXPECT_NE(message.find("cm, on behalf"), std::string::npos) << message;
  const engine::FlagStatus status = Committed(flag);
  EXPECT_EQ(status.state, "open");
  ASSERT_EQ(status.reviews.size(), 1u);
  EXPECT_EQ(status.reviews[0].action, engine::ReviewAction::kNotify);
  EXPECT_EQ(status.reviews[0].message, message);  // in the signed log
  const Response trail = Get("/api/v1/audit?type=review", "compliance");
  EXPECT_NE(trail.body.find("notify"), std::string::npos) << trail.body;
  EXPECT_NE(trail.body.find("notice: Hello ann"), std::string::npos) << trail.body;

  // A template of the archive's own, by name; an unknown one or a template without notify
  // is refused.
  std::filesystem::create_directories(archive_dir_ / "notices");
  std::ofstream(archive_dir_ / "notices" / "short.txt") << "{author}: {rule} in #{channel}";
  told = Review(flag, "compliance", {{"action", "notify"}, {"template", "short"}});
  ASSERT_EQ(told.status, 200) << told.body;
  EXPECT_EQ(told.json()["review"]["message"], "ann: test.aws in #finance");
  const Response unknown = Review(flag, "compliance", {{"action", "notify"}, {"template", "nope"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.json()["error"].get<std::string>().find("no notice template \"nope\""),
            std::string::npos);
  EXPECT_EQ(Review(flag, "compliance", {{"action", "notify"}, {"template", "../x"}}).status, 400);
  EXPECT_EQ(Review(flag, "compliance", {{"action", "resolve"}, {"template", "short"}}).status, 400);
}

TEST_F(ServerReviewTest, BulkReviewsEveryFlagNamedAndTagAndAssignKeepTheState) {
  const std::string finance = FlagIn("finance");
  const std::string legal = FlagIn("legal-team");
  Response tagged =
      Post("/api/v1/flags/review", "compliance",
           json{{"ids", {finance, legal}}, {"action", "tag"}, {"tags", {"training", "q2"}}}.dump());
  ASSERT_EQ(tagged.status, 200) << tagged.body;
  EXPECT_EQ(tagged.json()["reviews"].size(), 2u);
  Response assigned =
      Post("/api/v1/flags/" + legal + "/review", "admin",
           json{{"action", "assign"}, {"assignee", "cm"}, {"note", "yours"}}.dump());
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  for (const std::string& id : {finance, legal}) {
    const engine::FlagStatus status = Committed(id);
    EXPECT_EQ(status.state, "open") << id;
    EXPECT_EQ(status.tags, (std::vector<std::string>{"training", "q2"})) << id;
  }
  EXPECT_EQ(Committed(legal).assignee, "cm");
  const json mine = Get("/api/v1/flags?assignee=cm").json();
  ASSERT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["flags"][0]["flag_id"], legal);
  EXPECT_EQ(mine["flags"][0]["tags"], json({"training", "q2"}));
}

TEST_F(ServerReviewTest, AReviewWaitsInTheSpoolWhileAWriterHoldsTheArchiveAndItsCommitSignsIt) {
  const std::string flag = FlagIn("finance");
  auto writer = OpenWritable();  // as a running ingest holds it
  ASSERT_NE(writer, nullptr);
  Response response = Review(flag, "cm", {{"action", "resolve"}, {"note", "rotated the key"}});
  ASSERT_EQ(response.status, 202) << response.body;
  EXPECT_EQ(response.json()["pending"], true);
  EXPECT_EQ(response.json()["review"]["by"], "cm");
  EXPECT_EQ(Committed(flag).state, "open");
  EXPECT_GE(archive::CountPending(archive_dir_).value_or(0), 2u);  // the review and its audit
  ASSERT_TRUE(writer->Commit().has_value());  // the ingest's next commit drains the spool
  EXPECT_EQ(archive::CountPending(archive_dir_).value_or(99), 0u);
  writer.reset();
  EXPECT_EQ(Committed(flag).state, "resolved");
  EXPECT_EQ(Get("/api/v1/flags?state=resolved").json()["total"], 1);
}

TEST_F(ServerReviewTest, TheServerCommitsTheSpoolItselfOnceTheWriterLetsGo) {
  const std::string flag = FlagIn("finance");
  auto writer = OpenWritable();
  ASSERT_NE(writer, nullptr);
  ASSERT_EQ(Review(flag, "admin", {{"action", "dismiss"}}).status, 202);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server tries, and waits
  EXPECT_GE(archive::CountPending(archive_dir_).value_or(0), 1u);
  writer.reset();  // released without a commit
  for (int i = 0; i < 100 && archive::CountPending(archive_dir_).value_or(1) > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(archive::CountPending(archive_dir_).value_or(99), 0u);
  EXPECT_EQ(Committed(flag).state, "dismissed");
  // The server's drain brought the index along: the post is found by its review state.
  EXPECT_EQ(Get("/api/v1/search?q=state:dismissed").json()["total"], 1);
}

// Flags carry their duplicate group (engine/duplicate_group.h); the queue filters by it and a
// bulk review of a group covers its flags the caller may review, and nothing of another
// community.
TEST_F(ServerReviewTest, AGroupIsListedAndReviewedAsOne) {
  const std::string flag = FlagIn("finance");
  const std::string other = FlagIn("legal-team");
  const json listed = Get("/api/v1/flags?state=all").json();
  std::string group;
  std::string other_group;
  for (const json& item : listed["flags"]) {
    EXPECT_EQ(item["group_size"], 1);  // the two flagged posts differ in their words
    (item["flag_id"] == flag ? group : other_group) = item["group"].get<std::string>();
  }
  ASSERT_NE(group, other_group);
  ASSERT_EQ(group.size(), 16u);
  const json only = Get("/api/v1/flags?state=all&group=" + group).json();
  ASSERT_EQ(only["total"], 1);
  EXPECT_EQ(only["flags"][0]["flag_id"], flag);

  Response refused = Post("/api/v1/flags/review", "cm",
                          json{{"action", "resolve"}, {"group", other_group}}.dump());
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_EQ(Committed(other).state, "open");
  Response both = Post("/api/v1/flags/review", "cm",
                       json{{"action", "resolve"}, {"group", group}, {"ids", {flag}}}.dump());
  EXPECT_EQ(both.status, 400) << both.body;
  Response done =
      Post("/api/v1/flags/review", "cm", json{{"action", "resolve"}, {"group", group}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  ASSERT_EQ(done.json()["reviews"].size(), 1u);
  EXPECT_EQ(done.json()["reviews"][0]["flag_id"], flag);
  EXPECT_EQ(Committed(flag).state, "resolved");
  // Resolved, it has left the queue: the group has nothing more to review.
  Response again =
      Post("/api/v1/flags/review", "cm", json{{"action", "resolve"}, {"group", group}}.dump());
  EXPECT_EQ(again.status, 404) << again.body;
}

}  // namespace
}  // namespace holdfast::api
