// The OpenAPI document and the router agree: every route served is documented, and every
// documented path is served. And /metrics speaks Prometheus's text format, counting requests.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "api/internal/login.h"
#include "api/internal/routes.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerOpenApiTest : public ServerFixture {};

TEST_F(ServerOpenApiTest, DocumentsExactlyTheRoutesTheRouterServes) {
  Response response = Get("/api/v1/openapi.json", "");
  ASSERT_EQ(response.status, 200);
  const json document = response.json();
  ASSERT_TRUE(document.is_object()) << response.body.substr(0, 200);
  EXPECT_TRUE(document["openapi"].get<std::string>().starts_with("3."));
  std::set<std::string> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string name = method;
      std::transform(name.begin(), name.end(), name.begin(), ::toupper);
      documented.insert(name + " " + path);
      // A public route says so; the others take the document's bearer security.
      const bool is_public = operation.contains("security") && operation["security"].empty();
      bool served_public = false;
      for (const Route& route : Routes()) {
        served_public |= route.pattern == path && route.roles.empty();
      }
      served_public |= path == "/login";  // /logout needs the session cookie
      EXPECT_EQ(is_public, served_public) << path;
    }
  }
  std::set<std::string> served;
  for (const Route& route : Routes()) {
    served.insert(route.method + " " + route.pattern);
  }
  for (const auto& [method, path] : LoginRoutes()) {
    served.insert(method + " " + path);
  }
  EXPECT_EQ(documented, served);
}

class ServerMetricsTest : public ServerFixture {
 protected:
  // The samples of a text exposition, "name{labels}" -> value; fails the test on a line that
  // is neither a sample nor a # comment.
  std::map<std::string, double> Samples(const std::string& text) {
    static const std::regex kSample(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})?) (\S+)$)");
    static const std::regex kComment(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
    std::map<std::string, double> out;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch match;
      if (std::regex_match(line, match, kSample)) {
        out[match[1]] = std::stod(match[6]);
      } else {
        EXPECT_TRUE(std::regex_match(line, kComment)) << "not the text format: " << line;
      }
    }
    return out;
  }
};

TEST_F(ServerMetricsTest, CountsRequestsAndTheArchiveInPrometheusTextFormat) {
  Response first = Get("/metrics", "analyst");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.content_type, "text/plain; version=0.0.4; charset=utf-8");
  auto before = Samples(first.body);
  EXPECT_EQ(before["holdfast_posts_archived"], 3);
  EXPECT_EQ(before["holdfast_open_flags"], 2);
  EXPECT_EQ(before["holdfast_flags{policy=\"test-secrets\"}"], 2);
  const std::string head = R"(holdfast_http_requests_total{route="/api/v1/head",status="200"})";
  const std::string count = R"(holdfast_http_request_duration_seconds_count{route="/api/v1/head"})";
  const std::string inf =
      R"(holdfast_http_request_duration_seconds_bucket{route="/api/v1/head",le="+Inf"})";

  ASSERT_EQ(Get("/api/v1/head").status, 200);
  EXPECT_EQ(Get("/api/v1/nothing").status, 404);
  auto after = Samples(Get("/metrics", "cm").body);
  EXPECT_EQ(after[head], before[head] + 1);
  EXPECT_EQ(after[count], before[count] + 1);
  EXPECT_EQ(after[inf], after[count]);
  EXPECT_GT(after[R"(holdfast_http_requests_total{route="unmatched",status="404"})"], 0);
  EXPECT_EQ(after[R"(holdfast_http_requests_total{route="/metrics",status="200"})"], 1);
}

TEST_F(ServerMetricsTest, NeedsAToken) { EXPECT_EQ(Get("/metrics", "").status, 401); }

}  // namespace
}  // namespace holdfast::api
