// The web UI is served from the binary: index.html at /, the other files under /ui/, each with
// its content type and an ETag, under a Content-Security-Policy that allows only the server.
#include <gtest/gtest.h>

#include "api/internal/web_assets.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

class ServerWebTest : public ServerFixture {};

constexpr std::string_view kSvgNamespace = "http://www.w3.org/2000/svg";

TEST_F(ServerWebTest, ServesTheIndexAtTheRootWithoutAToken) {
  Response index = Get("/", "");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<script type=\"module\" src=\"/ui/app.js\">"), std::string::npos);
  EXPECT_NE(index.body.find("id=\"login-form\""), std::string::npos);
  EXPECT_EQ(index.header("Content-Security-Policy"),
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  EXPECT_EQ(index.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
}

TEST_F(ServerWebTest, ServesEveryFileWithItsTypeAndNothingFromOtherOrigins) {
  ASSERT_GE(WebAssets().size(), 9u);
  for (const WebAsset& asset : WebAssets()) {
    const std::string name(asset.name);
    Response response = Get(name == "index.html" ? "/" : "/ui/" + name, "");
    ASSERT_EQ(response.status, 200) << name;
    EXPECT_EQ(response.body, asset.bytes) << name;
    const std::string expected = name.ends_with(".js")     ? "text/javascript; charset=utf-8"
                                 : name.ends_with(".css")  ? "text/css; charset=utf-8"
                                 : name.ends_with(".html") ? "text/html; charset=utf-8"
                                                           : "";
    EXPECT_EQ(response.content_type, expected) << name;
    // No request leaves the server: no absolute URL to load from (the SVG namespace names no
    // place to load), no markup parsed from strings, no inline handlers.
    std::string body = response.body;
    for (size_t at; (at = body.find(kSvgNamespace)) != std::string::npos;) {
      body.erase(at, kSvgNamespace.size());
    }
    for (const char* banned : {"http://", "https://", "//cdn", "innerHTML", "outerHTML",
                               "insertAdjacentHTML", "document.write", "eval(", " onclick=\""}) {
      EXPECT_EQ(body.find(banned), std::string::npos) << name << " has " << banned;
    }
  }
}

TEST_F(ServerWebTest, AnswersARevalidationWithTheSameETagWith304) {
  Response first = Get("/ui/app.js", "");
  const std::string etag = first.header("ETag");
  ASSERT_EQ(etag.size(), 34u) << etag;
  Response again = SendWith("GET", "/ui/app.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.header("ETag"), etag);
  EXPECT_EQ(SendWith("GET", "/ui/app.js", {{"If-None-Match", "\"other\""}}).status, 200);
  EXPECT_NE(Get("/ui/style.css", "").header("ETag"), etag);
}

TEST_F(ServerWebTest, LeavesOtherMethodsAndApiErrorsAsJson) {
  Response post = Send("POST", "/", "");
  EXPECT_EQ(post.status, 404);
  EXPECT_TRUE(post.json()["error"].is_string());
  // API replies carry the same policy, and stay uncached.
  Response api = Get("/api/v1/head");
  EXPECT_EQ(api.header("Cache-Control"), "no-store");
  EXPECT_FALSE(api.header("Content-Security-Policy").empty());
}

}  // namespace
}  // namespace holdfast::api
