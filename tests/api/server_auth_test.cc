// Who may see what: every route but the OpenAPI document needs a token of a user in force;
// each role is refused what it may not use; a community manager sees only their communities
// (another community's post answers exactly as an unknown key), an analyst no post text.
#include <gtest/gtest.h>

#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerAuthTest : public ServerFixture {};

TEST_F(ServerAuthTest, ServesTheHeadToEveryRole) {
  for (const char* user : {"cm", "analyst", "compliance", "legal", "admin"}) {
    EXPECT_EQ(Get("/api/v1/head", user).status, 200) << user;
  }
}

TEST_F(ServerAuthTest, RefusesAMissingOrWrongTokenWith401Json) {
  for (const char* target : {"/api/v1/head", "/api/v1/search?q=x", "/api/v1/flags",
                             "/api/v1/posts/0000000000000000000000000000000000000000000000000000"
                             "000000000000",
                             "/metrics"}) {
    Response none = Get(target, "");
    EXPECT_EQ(none.status, 401) << target;
    EXPECT_EQ(none.json()["error"], "a valid token is needed: Authorization: Bearer TOKEN");
    EXPECT_EQ(none.www_authenticate, "Bearer");
    std::string wrong = tokens_.at("admin");
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_EQ(Send("GET", target, wrong).status, 401) << target;
    EXPECT_EQ(Send("GET", target, tokens_.at("admin").substr(1)).status, 401) << target;
    EXPECT_EQ(Send("GET", target, std::string(1'000, 'a')).status, 401) << target;
  }
  // The token's SHA-256 (what the log holds) is no token.
  EXPECT_EQ(Send("GET", "/api/v1/head", engine::TokenSha256(tokens_.at("admin"))).status, 401);
}

TEST_F(ServerAuthTest, ServesTheOpenApiDocumentWithoutAToken) {
  EXPECT_EQ(Get("/api/v1/openapi.json", "").status, 200);
}

TEST_F(ServerAuthTest, AcceptsAUserAddedWhileItRunsAndRefusesOneRemoved) {
  std::string token;
  {
    auto archive = OpenWritable();
    ASSERT_NE(archive, nullptr);
    auto added = engine::AddUser(*archive, "newcomer", engine::Role::kCompliance, {}, "test");
    ASSERT_TRUE(added.has_value()) << added.error().ToString();
    token = *added;
  }
  EXPECT_EQ(Send("GET", "/api/v1/search?q=leak", token).status, 200);
  {
    auto archive = OpenWritable();
    ASSERT_NE(archive, nullptr);
    ASSERT_TRUE(engine::RemoveUser(*archive, "newcomer", "test").has_value());
    ASSERT_TRUE(engine::RemoveUser(*archive, "admin", "test").has_value());
  }
  Response removed = Send("GET", "/api/v1/search?q=leak", token);
  EXPECT_EQ(removed.status, 401);
  EXPECT_EQ(removed.json()["error"], "a valid token is needed: Authorization: Bearer TOKEN");
  EXPECT_EQ(Get("/api/v1/head", "admin").status, 401);
  EXPECT_EQ(Get("/api/v1/head", "legal").status, 200);  // the others are untouched
}

TEST_F(ServerAuthTest, SearchIsForComplianceAndAdminOnly) {
  const std::pair<const char*, const char*> refused[] = {
      {"cm", "community-manager"}, {"analyst", "analyst"}, {"legal", "legal"}};
  for (const auto& [user, role] : refused) {
    Response response = Get("/api/v1/search?q=leak", user);
    EXPECT_EQ(response.status, 403) << user;
    EXPECT_EQ(response.json()["error"],
              std::string("the role ").append(role).append(" may not use GET /api/v1/search"));
  }
  EXPECT_EQ(Get("/api/v1/search?q=leak", "compliance").status, 200);
  EXPECT_EQ(Get("/api/v1/search?q=leak", "admin").status, 200);
}

TEST_F(ServerAuthTest, LegalMayNotReadTheQueue) {
  Response response = Get("/api/v1/flags", "legal");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.json()["error"], "the role legal may not use GET /api/v1/flags");
}

TEST_F(ServerAuthTest, CommunityManagerSeesOnlyFlagsOfTheirCommunities) {
  const json body = Get("/api/v1/flags?state=all", "cm").json();
  EXPECT_EQ(body["total"], 1);
  ASSERT_EQ(body["flags"].size(), 1u);
  EXPECT_EQ(body["flags"][0]["post"]["channel"], "finance");
  EXPECT_EQ(body["flags"][0]["post"]["text"], "key AKIAABCDEFGHIJKLMNOP oops");
  // Asking for another community gives nothing, not that community's flags.
  EXPECT_EQ(Get("/api/v1/flags?community=legal-team", "cm").json()["total"], 0);
  EXPECT_EQ(Get("/api/v1/flags?community=C2", "cm").json()["flags"].size(), 0u);
}

TEST_F(ServerAuthTest, CommunityManagerGuessingAnotherCommunitysKeyLearnsNothing) {
  const std::string own = KeyOf("quarterly");
  const std::string other = KeyOf("another");
  EXPECT_EQ(Get("/api/v1/posts/" + own, "cm").status, 200);
  Response foreign = Get("/api/v1/posts/" + other, "cm");
  Response unknown = Get("/api/v1/posts/" + std::string(64, 'e'), "cm");
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.status, unknown.status);
  EXPECT_EQ(foreign.body, unknown.body);
  EXPECT_EQ(foreign.content_type, unknown.content_type);
  EXPECT_EQ(foreign.body.find("another"), std::string::npos);
  // Others whose role may read posts see it.
  for (const char* user : {"compliance", "legal", "admin"}) {
    EXPECT_EQ(Get("/api/v1/posts/" + other, user).status, 200) << user;
  }
}

TEST_F(ServerAuthTest, AnalystSeesTheQueueWithoutPostTextAndNoPosts) {
  Response response = Get("/api/v1/flags", "analyst");
  ASSERT_EQ(response.status, 200);
  const json body = response.json();
  ASSERT_EQ(body["flags"].size(), 2u);
  for (const json& flag : body["flags"]) {
    EXPECT_EQ(flag["policy"], "test-secrets");
    EXPECT_EQ(flag["state"], "open");
    EXPECT_FALSE(flag.contains("match"));
    EXPECT_FALSE(flag["post"].contains("text"));
    EXPECT_FALSE(flag["post"].contains("author"));
    EXPECT_FALSE(flag["post"].contains("author_id"));
    EXPECT_TRUE(flag["post"].contains("channel"));
  }
  EXPECT_EQ(response.body.find("AKIA"), std::string::npos);
  EXPECT_EQ(response.body.find("oops"), std::string::npos);

  Response post = Get("/api/v1/posts/" + KeyOf("quarterly"), "analyst");
  EXPECT_EQ(post.status, 403);
  EXPECT_EQ(post.json()["error"], "the role analyst may not use GET /api/v1/posts/{key}");
  EXPECT_EQ(post.body.find("quarterly"), std::string::npos);
}

}  // namespace
}  // namespace holdfast::api
