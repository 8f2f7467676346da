// What the API serves, and how it refuses: search, flags, posts with their context, the head;
// limits and malformed parameters get 400, unknown paths 404, and every error is JSON.
#include <gtest/gtest.h>

#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerTest : public ServerFixture {};

TEST_F(ServerTest, ServesTheLatestSignedHead) {
  Response response = Get("/api/v1/head");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  const json head = response.json();
  EXPECT_TRUE(head["origin"].get<std::string>().starts_with("holdfast/"));
  EXPECT_EQ(head["size"].get<uint64_t>() + 1, head["records"].get<uint64_t>());
  EXPECT_EQ(head["root"].get<std::string>().size(), 64u);
}

TEST_F(ServerTest, SearchesTheArchive) {
  Response response = Get("/api/v1/search?q=quarterly%20planning", "compliance");
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(body["page"], 1);
  EXPECT_EQ(body["page_size"], 20);
  ASSERT_EQ(body["hits"].size(), 1u);
  EXPECT_EQ(body["hits"][0]["author_id"], "bob");
  EXPECT_NE(body["hits"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(ServerTest, PagesSortsAndCountsFacetsWhenAsked) {
  const json newest = Get("/api/v1/search?q=&sort=newest&facets=1&page_size=2").json();
  ASSERT_EQ(newest["hits"].size(), 2u);
  EXPECT_EQ(newest["total"], 3);
  EXPECT_EQ(newest["hits"][0]["author_id"], "cat");
  EXPECT_EQ(newest["facets"]["policy"], json::parse(R"([{"count":2,"value":"test-secrets"}])"));
  const json second = Get("/api/v1/search?q=&sort=newest&page_size=2&page=2").json();
  ASSERT_EQ(second["hits"].size(), 1u);
  EXPECT_EQ(second["hits"][0]["author_id"], "ann");
  EXPECT_FALSE(second.contains("facets"));
}

TEST_F(ServerTest, ListsOpenFlagsWithTheirSpanAndPost) {
  Response response = Get("/api/v1/flags", "compliance");
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(body["total"], 2);
  ASSERT_EQ(body["flags"].size(), 2u);
  const json& flag = body["flags"][0];
  EXPECT_EQ(flag["rule"], "test.aws");
  EXPECT_EQ(flag["span"]["begin"], 4);
  EXPECT_EQ(flag["span"]["end"], 24);
  EXPECT_EQ(flag["match"], "AKIAABCDEFGHIJKLMNOP");
  EXPECT_EQ(flag["post"]["author_id"], "ann");
  EXPECT_EQ(flag["post"]["text"], "key AKIAABCDEFGHIJKLMNOP oops");
}

TEST_F(ServerTest, FiltersFlagsByStatePolicyAndCommunity) {
  EXPECT_EQ(Get("/api/v1/flags?community=legal-team").json()["total"], 1);
  EXPECT_EQ(Get("/api/v1/flags?community=C2").json()["total"], 1);
  EXPECT_EQ(Get("/api/v1/flags?policy=test-secrets").json()["total"], 2);
  EXPECT_EQ(Get("/api/v1/flags?policy=other").json()["total"], 0);
  EXPECT_EQ(Get("/api/v1/flags?state=dismissed").json()["total"], 0);
  EXPECT_EQ(Get("/api/v1/flags?state=all").json()["total"], 2);
  const json page = Get("/api/v1/flags?page_size=1&page=2").json();
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["flags"].size(), 1u);
  EXPECT_EQ(page["flags"][0]["post"]["author_id"], "cat");
}

// Category and severity filters, and the three orders: log order (oldest first), newest
// first, and most severe first (log order within a severity).
TEST_F(ServerTest, FiltersFlagsByCategoryAndSeverityAndSortsThem) {
  auto ingest = [&](const char* policy_yaml, const std::string& jsonl) {
    auto policy = rules::LoadPolicyFile(dir_.Write("extra.yaml", policy_yaml));
    ASSERT_TRUE(policy.has_value()) << policy.error().ToString();
    auto compiled = rules::Compile({*policy});
    ASSERT_TRUE(compiled.has_value());
    auto archive = OpenWritable();
    ASSERT_NE(archive, nullptr);
    auto source = engine::OpenSource(dir_.Write("extra.jsonl", jsonl).string(), {});
    ASSERT_TRUE(source.has_value());
    std::vector<std::unique_ptr<engine::Source>> sources;
    sources.push_back(std::move(*source));
    ASSERT_TRUE(engine::Ingest(*archive, *compiled, std::move(sources), {}).has_value());
  };
  ingest(R"(id: test-low
name: Test low
severity: low
rules:
  - id: test.low
    category: secret.aws_key
    patterns:
      - regex: '\blowtoken\b'
    examples:
      match: ['a lowtoken here']
      no_match: ['lowtokens']
)",
         R"({"id":"4","channel":"C1","channel_name":"finance","text":"a lowtoken here",)"
         R"("author":"dan","time":"2024-05-02T10:00:00Z"})"
         "\n");
  ingest(kSecretsPolicy,
         R"({"id":"5","channel":"C1","channel_name":"finance","text":"AKIAZZZZZZZZZZZZZZZZ",)"
         R"("author":"eve","time":"2024-05-03T10:00:00Z"})"
         "\n");
  auto authors = [&](const std::string& query) {
    std::vector<std::string> out;
    const json listing = Get("/api/v1/flags?" + query).json();
    for (const json& flag : listing["flags"]) {
      out.push_back(flag["post"]["author_id"]);
    }
    return out;
  };
  using Authors = std::vector<std::string>;
  EXPECT_EQ(authors("state=open"), (Authors{"ann", "cat", "dan", "eve"}));
  EXPECT_EQ(authors("sort=newest"), (Authors{"eve", "dan", "cat", "ann"}));
  EXPECT_EQ(authors("sort=severity"), (Authors{"ann", "cat", "eve", "dan"}));
  EXPECT_EQ(authors("severity=low"), Authors{"dan"});
  EXPECT_EQ(authors("severity=critical&sort=newest"), (Authors{"eve", "cat", "ann"}));
  EXPECT_EQ(authors("category=secret.aws_key&page_size=2&page=2&sort=severity"),
            (Authors{"eve", "dan"}));
  EXPECT_EQ(authors("category=pii.financial"), Authors{});
  const Response bad = Get("/api/v1/flags?sort=random");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"], "sort must be oldest, newest or severity");
}

TEST_F(ServerTest, ShowsAPostWithItsThreadContext) {
  const std::string key = KeyOf("quarterly");
  Response response = Get("/api/v1/posts/" + key, "legal");
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(body["scope"], "thread");
  EXPECT_EQ(body["post"]["key"], key);
  EXPECT_EQ(body["post"]["text"], "quarterly planning meeting");
  ASSERT_EQ(body["before"].size(), 1u);
  EXPECT_EQ(body["before"][0]["text"], "key AKIAABCDEFGHIJKLMNOP oops");
  // Each post carries its flags, with the span the page highlights.
  EXPECT_EQ(body["post"]["flags"], json::array());
  ASSERT_EQ(body["before"][0]["flags"].size(), 1u);
  const json& flag = body["before"][0]["flags"][0];
  EXPECT_EQ(flag["rule"], "test.aws");
  EXPECT_EQ(flag["state"], "open");
  EXPECT_EQ(flag["span"], json::parse(R"({"begin":4,"end":24})"));
  EXPECT_TRUE(flag["flag_id"].is_string());
  EXPECT_EQ(Get("/api/v1/posts/" + key + "?context=0", "legal").json()["before"].size(), 0u);
}

TEST_F(ServerTest, AnswersAnUnknownKeyWith404) {
  Response response = Get("/api/v1/posts/" + std::string(64, 'a'));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.json()["error"], "no such post");
}

// "ab ab ... ab c" of exactly `bytes` bytes once decoded (bytes % 3 == 1), spaces encoded.
std::string WordsOf(size_t bytes) {
  std::string out;
  for (size_t i = 0; i < bytes / 3; ++i) {
    out += "ab%20";
  }
  return out + "c";
}

TEST_F(ServerTest, RefusesPassedLimitsNamingThem) {
  Response query = Get("/api/v1/search?q=" + WordsOf(1003));
  EXPECT_EQ(query.status, 400);
  EXPECT_EQ(query.json()["error"], "q is longer than the limit of 1000 bytes");
  EXPECT_EQ(Get("/api/v1/search?q=" + WordsOf(1000)).status, 200);

  Response page = Get("/api/v1/search?q=x&page_size=101");
  EXPECT_EQ(page.status, 400);
  EXPECT_EQ(page.json()["error"], "page_size must be a whole number from 1 to 100");
  EXPECT_EQ(Get("/api/v1/flags?page_size=1000").status, 400);

  // Refused by its Content-Length, before a byte of it is read (so none is sent here).
  Response body = Send("GET", "/api/v1/head", tokens_.at("admin"), "", (1 << 20) + 1);
  EXPECT_EQ(body.status, 400);
  EXPECT_EQ(body.json()["error"], "the request body is larger than the limit of 1048576 bytes");
  EXPECT_EQ(Send("GET", "/api/v1/head", tokens_.at("admin"), std::string(1 << 20, 'x')).status,
            200);
}

TEST_F(ServerTest, RefusesMalformedParametersWithJson) {
  const char* bad[] = {"/api/v1/search?q=x&page=0",      "/api/v1/search?q=x&page=two",
                       "/api/v1/search?q=x&page=10001",  "/api/v1/search?q=x&limit=5",
                       "/api/v1/search?q=AND%20AND%20(", "/api/v1/search?q=x&sort=sideways",
                       "/api/v1/search?q=x&facets=yes",  "/api/v1/flags?state=bogus",
                       "/api/v1/flags?page_size=-1",     "/api/v1/posts/ABC?context=1",
                       "/api/v1/head?verbose=1",         "/api/v1/search?q=%zz"};
  for (const char* target : bad) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_TRUE(response.json()["error"].is_string()) << target << ": " << response.body;
  }
  EXPECT_EQ(Get("/api/v1/search?q=x&limit=5").json()["error"],
            "unknown parameter \"limit\": this route takes q, page, page_size, sort, facets");
}

TEST_F(ServerTest, AnswersUnknownPathsAndTheOldRoutesWith404Json) {
  for (const char* target : {"/api/nothing", "/api/search?q=x", "/api/health", "/api/v1",
                             "/api/v1/posts/", "/api/v1/posts/a/b", "/index.html", "/ui/",
                             "/ui/nothing.js", "/ui/index.html", "/ui/../api/v1/head"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_TRUE(response.json()["error"].is_string()) << target;
  }
  EXPECT_EQ(Get("/api/nothing").json()["error"], "no such endpoint: /api/nothing");
}

TEST_F(ServerTest, RefusesOtherMethodsWith405Json) {
  Response response = Send("POST", "/api/v1/flags", tokens_.at("admin"), "{}");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.json()["error"], "only GET is served on /api/v1/flags");
}

}  // namespace
}  // namespace holdfast::api
