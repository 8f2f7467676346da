// serve --pseudonymise: community managers see each flag's author as a pseudonym in the queue
// until they open the post; other roles, and the post itself, show the real author.
#include <string>

#include "api/internal/routes.h"
#include "tests/api/server_fixture.h"

namespace holdfast::api {
namespace {

using nlohmann::json;

class ServerPrivacyTest : public ServerFixture {
 protected:
  void Adjust(ServerOptions& options) override { options.pseudonymise = true; }
};

TEST_F(ServerPrivacyTest, CommunityManagersSeeAPseudonymUntilTheyOpenThePost) {
  const json queue = Get("/api/v1/flags", "cm").json();
  ASSERT_EQ(queue["total"], 1) << queue.dump();  // cm manages finance: ann's flag
  const json& post = queue["flags"][0]["post"];
  const std::string pseudonym = post["author_id"];
  EXPECT_EQ(pseudonym.rfind("person-", 0), 0u) << pseudonym;
  EXPECT_EQ(pseudonym.size(), 15u);
  EXPECT_EQ(post["author"], pseudonym);
  EXPECT_EQ(post["pseudonymised"], true);
  EXPECT_EQ(queue.dump().find("\"ann\""), std::string::npos) << queue.dump();
  // The same person, the same pseudonym.
  EXPECT_EQ(Get("/api/v1/flags", "cm").json()["flags"][0]["post"]["author_id"], pseudonym);
  // Opening the post shows who wrote it (and the view is audited).
  const Response opened = Get("/api/v1/posts/" + post["key"].get<std::string>(), "cm");
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["post"]["author_id"], "ann");
  // Compliance sees the real author in the queue.
  const json full = Get("/api/v1/flags?community=finance", "compliance").json();
  EXPECT_EQ(full["flags"][0]["post"]["author_id"], "ann");
  EXPECT_FALSE(full["flags"][0]["post"].contains("pseudonymised"));
}

TEST(PseudonymTest, DependsOnTheKeyAndTheAuthor) {
  const Privacy one{"key-one"};
  const Privacy two{"key-two"};
  EXPECT_EQ(Pseudonym(one, "ann"), Pseudonym(one, "ann"));
  EXPECT_NE(Pseudonym(one, "ann"), Pseudonym(one, "bob"));
  EXPECT_NE(Pseudonym(one, "ann"), Pseudonym(two, "ann"));
}

}  // namespace
}  // namespace holdfast::api
