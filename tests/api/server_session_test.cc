// The web UI's login: POST /login opens a session whose cookie then stands for the user on
// every route (with the same roles as their token), every request but a GET with the cookie
// needs the session's CSRF token, and a session ends at logout, when idle too long, or when its
// user is removed.
#include <gtest/gtest.h>

#include "api/internal/routes.h"
#include "api/internal/session_table.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerSessionTest : public ServerFixture {
 protected:
  // Logs in with the form; returns the reply.
  Response Login(const std::string& form) {
    return SendWith("POST", "/login", {{"Content-Type", "application/x-www-form-urlencoded"}},
                    form);
  }

  // "holdfast_session=ID" from a login reply's Set-Cookie.
  static std::string CookieOf(const Response& login) {
    const std::string set_cookie = login.header("Set-Cookie");
    return set_cookie.substr(0, set_cookie.find(';'));
  }

  Response WithCookie(const std::string& method, const std::string& target,
                      const std::string& cookie, const std::string& csrf = "") {
    Headers headers = {{"Cookie", cookie}};
    if (!csrf.empty()) {
      headers.emplace_back("X-CSRF-Token", csrf);
    }
    return SendWith(method, target, headers);
  }
};

TEST_F(ServerSessionTest, LoginSetsAnHttpOnlyStrictCookieAndGivesTheCsrfToken) {
  Response login = Login("name=cm&token=" + tokens_.at("cm"));
  ASSERT_EQ(login.status, 200) << login.body;
  const json body = login.json();
  EXPECT_EQ(body["name"], "cm");
  EXPECT_EQ(body["role"], "community-manager");
  EXPECT_EQ(body["communities"], json::array({"finance"}));
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  const std::string set_cookie = login.header("Set-Cookie");
  EXPECT_TRUE(set_cookie.starts_with("holdfast_session=")) << set_cookie;
  EXPECT_EQ(CookieOf(login).size(), std::string("holdfast_session=").size() + 64);
  EXPECT_NE(set_cookie.find("; HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; Path=/"), std::string::npos) << set_cookie;
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain HTTP: " << set_cookie;
  // Neither the cookie nor the reply carries the token.
  EXPECT_EQ(login.body.find(tokens_.at("cm")), std::string::npos);
  EXPECT_EQ(set_cookie.find(tokens_.at("cm")), std::string::npos);
  // A token alone logs in too.
  EXPECT_EQ(Login("token=" + tokens_.at("legal")).json()["name"], "legal");
}

TEST_F(ServerSessionTest, RefusesAWrongTokenOrAnotherUsersNameAlike) {
  for (const std::string& form :
       {"name=cm&token=" + std::string(64, 'a'), "name=admin&token=" + tokens_.at("cm"),
        std::string("name=cm"), std::string()}) {
    Response login = Login(form);
    EXPECT_EQ(login.status, 401) << form;
    EXPECT_EQ(login.json()["error"], "unknown user name or token") << form;
    EXPECT_EQ(login.header("Set-Cookie"), "") << form;
  }
  EXPECT_EQ(SendWith("GET", "/login", {}).status, 405);
}

// Ten failed logins from one address within ten minutes, and the eleventh try is refused
// with 429 and Retry-After, even with a good token.
TEST_F(ServerSessionTest, AnAddressThatFailsTooOftenMustWaitToLogIn) {
  for (int i = 0; i < SessionTable::kMaxFailedLogins; ++i) {
    EXPECT_EQ(Login("token=" + std::string(64, 'b')).status, 401) << i;
  }
  const Response refused = Login("token=" + tokens_.at("cm"));
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_NE(refused.json()["error"].get<std::string>().find("too many failed logins"),
            std::string::npos);
  const int wait = std::stoi(refused.header("Retry-After"));
  EXPECT_GT(wait, 590);
  EXPECT_LE(wait, 600);
  EXPECT_EQ(refused.header("Set-Cookie"), "");
  // Bearer tokens are not logins: the API still answers.
  EXPECT_EQ(Get("/api/v1/session", "cm").status, 200);
}

TEST_F(ServerSessionTest, TheCookieCountsAsTheUserWithTheSameRoles) {
  const std::string cookie = CookieOf(Login("token=" + tokens_.at("cm")));
  Response session = WithCookie("GET", "/api/v1/session", cookie);
  ASSERT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(session.json()["name"], "cm");
  EXPECT_EQ(session.json()["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(WithCookie("GET", "/api/v1/flags?state=all", cookie).json()["total"], 1);
  Response search = WithCookie("GET", "/api/v1/search?q=leak", cookie);
  EXPECT_EQ(search.status, 403);
  EXPECT_EQ(search.json()["error"], "the role community-manager may not use GET /api/v1/search");
  EXPECT_EQ(WithCookie("GET", "/api/v1/posts/" + KeyOf("another"), cookie).status, 404);
  // A bearer token wins over the cookie; with a bearer token the session route gives no CSRF.
  Response bearer =
      SendWith("GET", "/api/v1/session",
               {{"Cookie", cookie}, {"Authorization", "Bearer " + tokens_.at("admin")}});
  EXPECT_EQ(bearer.json()["name"], "admin");
  EXPECT_FALSE(bearer.json().contains("csrf_token"));
}

TEST_F(ServerSessionTest, AnUnknownCookieIsNoSession) {
  for (const std::string& cookie : {"holdfast_session=" + std::string(64, '0'),
                                    std::string("holdfast_session="), std::string("other=1")}) {
    Response response = WithCookie("GET", "/api/v1/head", cookie);
    EXPECT_EQ(response.status, 401) << cookie;
  }
}

TEST_F(ServerSessionTest, LogoutNeedsTheCsrfTokenAndEndsTheSession) {
  Response login = Login("token=" + tokens_.at("compliance"));
  const std::string cookie = CookieOf(login);
  const std::string csrf = login.json()["csrf_token"];
  for (const std::string& wrong : {std::string(), std::string(64, 'f'), csrf.substr(1)}) {
    Response refused = WithCookie("POST", "/logout", cookie, wrong);
    EXPECT_EQ(refused.status, 403) << wrong;
    EXPECT_EQ(refused.json()["error"],
              "a request with the session cookie needs the X-CSRF-Token header");
  }
  EXPECT_EQ(WithCookie("GET", "/api/v1/head", cookie).status, 200);  // still in force
  Response logout = WithCookie("POST", "/logout", cookie, csrf);
  ASSERT_EQ(logout.status, 200) << logout.body;
  EXPECT_NE(logout.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  Response after = WithCookie("GET", "/api/v1/head", cookie);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(WithCookie("POST", "/logout", cookie, csrf).status, 401);
}

TEST_F(ServerSessionTest, RemovingTheUserEndsTheirSession) {
  const std::string cookie = CookieOf(Login("token=" + tokens_.at("analyst")));
  EXPECT_EQ(WithCookie("GET", "/api/v1/head", cookie).status, 200);
  {
    auto archive = OpenWritable();
    ASSERT_NE(archive, nullptr);
    ASSERT_TRUE(engine::RemoveUser(*archive, "analyst", "test").has_value());
    // Adding the name again makes another user: the old session stays ended.
    ASSERT_TRUE(engine::AddUser(*archive, "analyst", engine::Role::kAdmin, {}, "test").has_value());
  }
  EXPECT_EQ(WithCookie("GET", "/api/v1/head", cookie).status, 401);
}

// Holds for every route but a GET that the router serves, whichever those are.
TEST_F(ServerSessionTest, EveryRouteButAGetRefusesTheCookieWithoutTheCsrfToken) {
  Response login = Login("token=" + tokens_.at("admin"));
  const std::string cookie = CookieOf(login);
  const std::string csrf = login.json()["csrf_token"];
  for (const Route& route : Routes()) {
    if (route.method == "GET" || route.roles.empty()) {
      continue;
    }
    std::string target = route.pattern;
    if (const size_t at = target.find('{'); at != std::string::npos) {
      target.replace(at, target.find('}', at) + 1 - at, std::string(64, 'a'));
    }
    Response refused = SendWith(route.method, target, {{"Cookie", cookie}}, "{}");
    EXPECT_EQ(refused.status, 403) << target;
    EXPECT_EQ(refused.json()["error"],
              "a request with the session cookie needs the X-CSRF-Token header")
        << target;
    Response sent =
        SendWith(route.method, target, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, "{}");
    EXPECT_NE(sent.json()["error"],
              "a request with the session cookie needs the X-CSRF-Token header")
        << target;
  }
}

class SessionTableTest : public ::testing::Test {
 protected:
  engine::User User(const std::string& name, uint64_t sequence) {
    return {.name = name, .role = engine::Role::kAnalyst, .sequence = sequence};
  }
  SessionTable::Clock::time_point t0_ = SessionTable::Clock::now();
};

TEST_F(SessionTableTest, EndsASessionIdleLongerThanTheLimit) {
  const UserTable users({User("ann", 7)});
  SessionTable table(std::chrono::seconds(60), 10);
  auto session = table.Open(User("ann", 7), t0_);
  ASSERT_TRUE(session.has_value());
  EXPECT_NE(table.Find(session->id, users, t0_ + std::chrono::seconds(59)).user, nullptr);
  // Each use restarts the clock.
  EXPECT_NE(table.Find(session->id, users, t0_ + std::chrono::seconds(118)).user, nullptr);
  EXPECT_EQ(table.Find(session->id, users, t0_ + std::chrono::seconds(179)).user, nullptr);
  EXPECT_EQ(table.size(), 0u);
}

TEST_F(SessionTableTest, EndsTheLeastRecentlyUsedWhenFull) {
  const UserTable users({User("ann", 1), User("bob", 2)});
  SessionTable table(std::chrono::hours(1), 2);
  auto first = table.Open(User("ann", 1), t0_);
  auto second = table.Open(User("bob", 2), t0_ + std::chrono::seconds(1));
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->id, second->id);
  EXPECT_NE(first->csrf_token, second->csrf_token);
  ASSERT_NE(table.Find(first->id, users, t0_ + std::chrono::seconds(2)).user, nullptr);
  auto third = table.Open(User("ann", 1), t0_ + std::chrono::seconds(3));
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(table.Find(second->id, users, t0_ + std::chrono::seconds(4)).user, nullptr);
  EXPECT_NE(table.Find(first->id, users, t0_ + std::chrono::seconds(4)).user, nullptr);
}

TEST_F(SessionTableTest, ForgetsFailedLoginsOnceTheWindowHasPassed) {
  SessionTable table(std::chrono::seconds(60), 10);
  const auto start = SessionTable::Clock::now();
  for (int i = 0; i < SessionTable::kMaxFailedLogins; ++i) {
    EXPECT_FALSE(table.LoginBlocked("10.0.0.1", start).has_value());
    table.LoginFailed("10.0.0.1", start);
  }
  EXPECT_TRUE(table.LoginBlocked("10.0.0.1", start + std::chrono::seconds(1)).has_value());
  EXPECT_FALSE(table.LoginBlocked("10.0.0.2", start).has_value());  // per address
  EXPECT_FALSE(
      table.LoginBlocked("10.0.0.1", start + SessionTable::kFailedLoginWindow).has_value());
  table.LoginFailed("10.0.0.1", start + SessionTable::kFailedLoginWindow);  // counts afresh
  EXPECT_FALSE(
      table.LoginBlocked("10.0.0.1", start + SessionTable::kFailedLoginWindow).has_value());
}

}  // namespace
}  // namespace holdfast::api
