#include "api/server.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "archive/archive.h"
#include "engine/pipeline.h"
#include "rules/policy.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::api {
namespace {

using holdfast::testing::TempDir;
using nlohmann::json;

constexpr const char* kPolicy = R"(id: test-secrets
name: Test secrets
severity: critical
rules:
  - id: test.aws
    category: secret.aws_key
    patterns:
      - regex: '\bAKIA[0-9A-Z]{16}\b'
        case_insensitive: false
    examples:
      match: ['AKIAABCDEFGHIJKLMNOP']
      no_match: ['AKIA123']
)";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto policy = rules::LoadPolicyFile(dir_.Write("p.yaml", kPolicy));
    ASSERT_TRUE(policy.has_value()) << policy.error().ToString();
    auto compiled = rules::Compile({*policy});
    ASSERT_TRUE(compiled.has_value());
    const auto archive_dir = dir_.path() / "archive";
    ASSERT_TRUE(archive::Archive::Create(archive_dir).has_value());
    archive::Options options;
    options.read_only = false;
    options.sync = false;
    auto archive = archive::Archive::Open(archive_dir, options);
    ASSERT_TRUE(archive.has_value());
    auto source = engine::OpenSource(
        dir_.Write("in.jsonl",
                   "{\"id\":\"1\",\"text\":\"key AKIAABCDEFGHIJKLMNOP oops\",\"author\":\"ann\","
                   "\"time\":\"2024-05-01T10:00:00Z\"}\n"
                   "{\"id\":\"2\",\"text\":\"quarterly planning meeting\",\"author\":\"bob\"}\n")
            .string(),
        {});
    ASSERT_TRUE(source.has_value());
    std::vector<std::unique_ptr<engine::Source>> sources;
    sources.push_back(std::move(*source));
    ASSERT_TRUE(engine::Ingest(**archive, *compiled, std::move(sources), {}).has_value());
    archive->reset();  // release the writer lock before the server opens it

    auto server = Server::Start({.archive_dir = archive_dir, .port = 0});
    ASSERT_TRUE(server.has_value()) << server.error().message;
    server_ = std::move(*server);
  }

  std::pair<int, json> Get(const std::string& target) {
    Poco::Net::HTTPClientSession session("127.0.0.1", server_->port());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(body, text);
    return {static_cast<int>(response.getStatus()), json::parse(text.str(), nullptr, false)};
  }

  TempDir dir_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, ReportsHealthWithTheRecordCount) {
  auto [status, body] = Get("/api/health");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body["ok"], true);
  EXPECT_GE(body["records"].get<int>(), 3);  // two posts, a flag, a head
}

TEST_F(ServerTest, SearchesTheArchive) {
  auto [status, body] = Get("/api/search?q=quarterly%20planning");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["hits"].size(), 1u);
  EXPECT_EQ(body["hits"][0]["author_id"], "bob");
  EXPECT_NE(body["hits"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(ServerTest, SortsByTimeAndCountsFacetsWhenAsked) {
  // Post 2 has no time (the epoch), post 1 is of 2024.
  auto [status, newest] = Get("/api/search?q=&sort=newest&facets=1");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(newest["hits"].size(), 2u);
  EXPECT_EQ(newest["hits"][0]["author_id"], "ann");
  EXPECT_EQ(newest["facets"]["author"],
            json::parse(R"([{"count":1,"value":"ann"},{"count":1,"value":"bob"}])"));
  EXPECT_EQ(newest["facets"]["policy"], json::parse(R"([{"count":1,"value":"test-secrets"}])"));
  auto oldest = Get("/api/search?sort=oldest").second;
  ASSERT_EQ(oldest["hits"].size(), 2u);
  EXPECT_EQ(oldest["hits"][0]["author_id"], "bob");
  EXPECT_FALSE(oldest.contains("facets"));
  EXPECT_EQ(Get("/api/search?q=&sort=sideways").first, 400);
}

TEST_F(ServerTest, ListsOpenFlagsWithTheirSpan) {
  auto [status, body] = Get("/api/flags");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["flags"].size(), 1u);
  const json& flag = body["flags"][0];
  EXPECT_EQ(flag["rule"], "test.aws");
  EXPECT_EQ(flag["span"]["begin"], 4);
  EXPECT_EQ(flag["span"]["end"], 24);
  EXPECT_EQ(flag["post"]["author_id"], "ann");
}

TEST_F(ServerTest, RefusesBadParametersAndUnknownPaths) {
  EXPECT_EQ(Get("/api/search?q=x&limit=lots").first, 400);
  EXPECT_EQ(Get("/api/search?q=AND%20AND%20(").first, 400);
  auto [status, body] = Get("/api/nothing");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body["error"], "no such endpoint: /api/nothing");
}

}  // namespace
}  // namespace holdfast::api
