// ServerFixture: a real archive with three posts in two channels (two of them flagged), one
// user per role, and a real server on a free port, with a Poco client to call it.
// Thread safety: per test.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "api/server.h"
#include "archive/archive.h"
#include "engine/pipeline.h"
#include "engine/users.h"
#include "rules/policy.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::api {

inline constexpr const char* kSecretsPolicy = R"(id: test-secrets
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

// Posts 1 and 2 in channel C1 "finance" (1 flagged, 2 replies in its thread), post 3 in
// channel C2 "legal-team" (flagged).
inline constexpr const char* kPosts =
    "{\"id\":\"1\",\"channel\":\"C1\",\"channel_name\":\"finance\",\"text\":\"key "
    "AKIAABCDEFGHIJKLMNOP oops\",\"author\":\"ann\",\"time\":\"2024-05-01T10:00:00Z\"}\n"
    "{\"id\":\"2\",\"channel\":\"C1\",\"channel_name\":\"finance\",\"thread\":\"1\","
    "\"parent\":\"1\",\"text\":\"quarterly planning meeting\",\"author\":\"bob\","
    "\"time\":\"2024-05-01T10:05:00Z\"}\n"
    "{\"id\":\"3\",\"channel\":\"C2\",\"channel_name\":\"legal-team\",\"text\":\"another "
    "AKIAQRSTUVWXYZ234567 leak\",\"author\":\"cat\",\"time\":\"2024-05-01T11:00:00Z\"}\n";

struct Response {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string www_authenticate;
  std::multimap<std::string, std::string> headers;  // every header, names as sent
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto policy = rules::LoadPolicyFile(dir_.Write("p.yaml", kSecretsPolicy));
    ASSERT_TRUE(policy.has_value()) << policy.error().ToString();
    auto compiled = rules::Compile({*policy});
    ASSERT_TRUE(compiled.has_value());
    ASSERT_TRUE(archive::Archive::Create(archive_dir_).has_value());
    {
      auto archive = OpenWritable();
      ASSERT_NE(archive, nullptr);
      auto source = engine::OpenSource(dir_.Write("in.jsonl", kPosts).string(), {});
      ASSERT_TRUE(source.has_value());
      std::vector<std::unique_ptr<engine::Source>> sources;
      sources.push_back(std::move(*source));
      ASSERT_TRUE(engine::Ingest(*archive, *compiled, std::move(sources), {}).has_value());
      const std::pair<const char*, engine::Role> users[] = {
          {"cm", engine::Role::kCommunityManager},
          {"analyst", engine::Role::kAnalyst},
          {"compliance", engine::Role::kCompliance},
          {"legal", engine::Role::kLegal},
          {"admin", engine::Role::kAdmin}};
      for (const auto& [name, role] : users) {
        const std::vector<std::string> communities = role == engine::Role::kCommunityManager
                                                         ? std::vector<std::string>{"finance"}
                                                         : std::vector<std::string>{};
        auto token = engine::AddUser(*archive, name, role, communities, "test");
        ASSERT_TRUE(token.has_value()) << token.error().ToString();
        tokens_[name] = *token;
      }
    }  // releases the writer lock before the server opens the archive
    // A short drain period: the tests wait for the server's own commits of its spool.
    ServerOptions options{
        .archive_dir = archive_dir_, .port = 0, .drain_period = std::chrono::milliseconds(100)};
    Adjust(options);
    auto server = Server::Start(options);
    ASSERT_TRUE(server.has_value()) << server.error().message;
    server_ = std::move(*server);
  }

  // A test class's own server options.
  virtual void Adjust(ServerOptions& /*options*/) {}

  std::unique_ptr<archive::Archive> OpenWritable() {
    archive::Options options;
    options.read_only = false;
    options.sync = false;
    options.writer_wait_ms = 10'000;  // the server may be committing its spool this moment
    auto archive = archive::Archive::Open(archive_dir_, options);
    EXPECT_TRUE(archive.has_value()) << archive.error().ToString();
    return archive ? std::move(*archive) : nullptr;
  }

  // Sends `body`; with `declared_length`, declares that length instead (and sends `body`).
  Response Send(const std::string& method, const std::string& target, const std::string& token,
                const std::string& body = "", std::streamsize declared_length = -1) {
    Poco::Net::HTTPClientSession session("127.0.0.1", server_->port());
    return Exchange(session, method, target, token.empty() ? Headers{} : Bearer(token), body,
                    declared_length);
  }

  using Headers = std::vector<std::pair<std::string, std::string>>;
  static Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  // Sends the request with these headers on `session` (plain or HTTPS) and reads the reply.
  static Response Exchange(Poco::Net::HTTPClientSession& session, const std::string& method,
                           const std::string& target, const Headers& headers,
                           const std::string& body = "", std::streamsize declared_length = -1) {
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) {
      request.set(name, value);
    }
    if (declared_length >= 0) {
      request.setContentLength(declared_length);
    } else if (!body.empty()) {
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request).write(body.data(), static_cast<std::streamsize>(body.size()));
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(in, text);
    Response out{static_cast<int>(response.getStatus()),
                 text.str(),
                 response.getContentType(),
                 response.get("WWW-Authenticate", ""),
                 {}};
    for (const auto& [name, value] : response) {
      out.headers.emplace(name, value);
    }
    return out;
  }

  // Sends the request to this fixture's server with these headers.
  Response SendWith(const std::string& method, const std::string& target, const Headers& headers,
                    const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", server_->port());
    return Exchange(session, method, target, headers, body);
  }

  // POST `body` as the user of that name.
  Response Post(const std::string& target, const std::string& user, const std::string& body) {
    return Send("POST", target, tokens_.at(user), body);
  }

  // GET as the user of that name ("" for no token).
  Response Get(const std::string& target, const std::string& user = "admin") {
    return Send("GET", target, user.empty() ? "" : tokens_.at(user));
  }

  // The key of the post whose text contains `words`, as an admin's search finds it.
  std::string KeyOf(const std::string& words) {
    auto hits = Get("/api/v1/search?q=" + words).json()["hits"];
    EXPECT_EQ(hits.size(), 1u) << words;
    return hits.empty() ? std::string() : hits[0]["key"].get<std::string>();
  }

  holdfast::testing::TempDir dir_;
  std::filesystem::path archive_dir_ = dir_.path() / "archive";
  std::map<std::string, std::string> tokens_;
  std::unique_ptr<Server> server_;
};

}  // namespace holdfast::api
