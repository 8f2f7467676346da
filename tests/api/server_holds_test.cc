// Legal holds over the API: compliance places and releases them as themselves, compliance,
// legal and admin list them, every other role is refused; bad bodies are 400 with a message,
// placing a hold in force again or releasing one not in force 409; and a hold placed while
// another writer holds the archive waits in the spool (202) until that writer commits.
#include <gtest/gtest.h>

#include "archive/pending_records.h"
#include "engine/retention.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerHoldsTest : public ServerFixture {
 protected:
  Response Change(const std::string& user, const json& body) {
    return Post("/api/v1/holds", user, body.dump());
  }

  json Holds(const std::string& user = "legal") {
    Response response = Get("/api/v1/holds", user);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.json()["holds"];
  }

  std::vector<engine::Hold> Active() {
    auto archive = archive::Archive::Open(archive_dir_);
    EXPECT_TRUE(archive.has_value());
    auto active = engine::ActiveHolds(**archive);
    EXPECT_TRUE(active.has_value());
    return active.value_or(std::vector<engine::Hold>{});
  }
};

const json kPlace = {{"action", "place"},
                     {"name", "Acme v. Holdfast"},
                     {"query", "channel:finance"},
                     {"custodians", {"cat"}},
                     {"reason", "litigation letter of 2024-05-02"}};

TEST_F(ServerHoldsTest, CompliancePlacesAndAdminReleasesAHoldAsThemselves) {
  Response placed = Change("compliance", kPlace);
  ASSERT_EQ(placed.status, 200) << placed.body;
  EXPECT_EQ(placed.json()["pending"], false);
  EXPECT_EQ(placed.json()["hold"]["by"], "compliance");
  ASSERT_EQ(Active().size(), 1u);
  EXPECT_EQ(Active()[0].actor, "compliance");
  EXPECT_EQ(Active()[0].custodians, std::vector<std::string>{"cat"});

  json holds = Holds("legal");
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0]["name"], "Acme v. Holdfast");
  EXPECT_EQ(holds[0]["active"], true);
  EXPECT_EQ(holds[0]["query"], "channel:finance");
  EXPECT_EQ(holds[0]["custodians"], json({"cat"}));
  EXPECT_EQ(holds[0]["placed"]["by"], "compliance");
  EXPECT_EQ(holds[0]["placed"]["reason"], "litigation letter of 2024-05-02");
  EXPECT_TRUE(holds[0]["released"].is_null());

  Response released =
      Change("admin", {{"action", "release"}, {"name", "Acme v. Holdfast"}, {"reason", "settled"}});
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_TRUE(Active().empty());
  holds = Holds("compliance");
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0]["active"], false);
  EXPECT_EQ(holds[0]["released"]["by"], "admin");
  EXPECT_EQ(holds[0]["released"]["reason"], "settled");

  // Placed again under the same name: a new placement, listed first.
  ASSERT_EQ(Change("compliance",
                   {{"action", "place"}, {"name", "Acme v. Holdfast"}, {"custodians", {"ann"}}})
                .status,
            200);
  holds = Holds("admin");
  ASSERT_EQ(holds.size(), 2u);
  EXPECT_EQ(holds[0]["active"], true);
  EXPECT_EQ(holds[0]["custodians"], json({"ann"}));
  EXPECT_EQ(holds[1]["active"], false);
}

TEST_F(ServerHoldsTest, PlacingAHoldInForceAgainOrReleasingOneNotInForceIsAConflict) {
  ASSERT_EQ(Change("compliance", kPlace).status, 200);
  Response again = Change("compliance", kPlace);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"], "the hold \"Acme v. Holdfast\" is in force already");
  Response unknown = Change("compliance", {{"action", "release"}, {"name", "No such case"}});
  EXPECT_EQ(unknown.status, 409);
  EXPECT_EQ(unknown.json()["error"],
            "the hold \"No such case\" is not in force: nothing to release");
  EXPECT_EQ(Active().size(), 1u);
}

TEST_F(ServerHoldsTest, RefusesABodyThatIsNotAHoldWith400Json) {
  const std::string long_query(1001, 'a');
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "the body must be a JSON object"},
      {"[1]", "the body must be a JSON object"},
      {R"({"action":"place","name":"x","query":"a","by":"someone else"})", "unknown field \"by\""},
      {R"({"action":"freeze","name":"x","query":"a"})", "action must be place or release"},
      {R"({"name":"x","query":"a"})", "action must be place or release"},
      {R"({"action":"place","query":"a"})",
       "name must be a non-empty case name without double quotes or control characters"},
      {R"({"action":"place","name":"a \"quoted\" case","query":"a"})",
       "name must be a non-empty case name without double quotes or control characters"},
      {R"({"action":"place","name":"x"})",
       "a hold needs a query or custodians to say what it keeps"},
      {R"({"action":"release","name":"x","query":"a"})",
       "release takes the name (and a reason) only"},
      {R"({"action":"place","name":"x","custodians":"cat"})",
       "custodians must be a list of at most 100 non-empty strings of at most 200 bytes"},
      {R"({"action":"place","name":"x","custodians":[""]})",
       "custodians must be a list of at most 100 non-empty strings of at most 200 bytes"},
      {R"({"action":"place","name":"x","query":")" + long_query + "\"}",
       "query must be a string of at most 1000 bytes"},
      {R"({"action":"place","name":"x","query":7})",
       "query must be a string of at most 1000 bytes"},
  };
  for (const auto& [body, message] : cases) {
    Response response = Post("/api/v1/holds", "compliance", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(response.json()["error"], message) << body;
  }
  EXPECT_TRUE(Active().empty());
  EXPECT_EQ(archive::CountPending(archive_dir_).value_or(99), 0u);
}

TEST_F(ServerHoldsTest, EachRoleIsRefusedWhatItMayNotUse) {
  for (const char* user : {"cm", "analyst"}) {
    EXPECT_EQ(Get("/api/v1/holds", user).status, 403) << user;
  }
  for (const char* user : {"compliance", "legal", "admin"}) {
    EXPECT_EQ(Get("/api/v1/holds", user).status, 200) << user;
  }
  for (const char* user : {"cm", "analyst", "legal"}) {
    Response refused = Change(user, kPlace);
    EXPECT_EQ(refused.status, 403) << user;
    EXPECT_EQ(refused.json()["error"],
              std::string("the role ")
                  .append(user == std::string("cm") ? "community-manager" : user)
                  .append(" may not use POST /api/v1/holds"));
  }
  EXPECT_EQ(Send("POST", "/api/v1/holds", "", kPlace.dump()).status, 401);
  EXPECT_TRUE(Active().empty());
}

TEST_F(ServerHoldsTest, AHoldWaitsInTheSpoolWhileAWriterHoldsTheArchiveAndItsCommitSignsIt) {
  auto writer = OpenWritable();  // as a running ingest holds it
  ASSERT_NE(writer, nullptr);
  Response placed = Change("compliance", kPlace);
  ASSERT_EQ(placed.status, 202) << placed.body;
  EXPECT_EQ(placed.json()["pending"], true);
  EXPECT_TRUE(Holds().empty());  // only what is signed is listed
  ASSERT_TRUE(writer->Commit().has_value());
  writer.reset();
  ASSERT_EQ(Holds().size(), 1u);
  EXPECT_EQ(Holds()[0]["placed"]["by"], "compliance");
}

}  // namespace
}  // namespace holdfast::api
