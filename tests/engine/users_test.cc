// API users are log records: added with a token that only its holder keeps (the log has its
// digest), listed by type, replayed latest-per-name, and revoked by a removal record.
#include "engine/users.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/engine/archive_fixture.h"

namespace holdfast::engine {
namespace {

class UsersTest : public ArchiveFixture {
 protected:
  void SetUp() override { SetUpArchive(kWordPolicy); }
};

TEST(RoleTest, ParsesAndPrintsEveryRole) {
  for (const char* name : {"community-manager", "analyst", "compliance", "legal", "admin"}) {
    auto role = ParseRole(name);
    ASSERT_TRUE(role.has_value()) << name;
    EXPECT_EQ(RoleName(*role), name);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("Admin").has_value());
}

TEST_F(UsersTest, AddsASignedRecordThatKeepsOnlyTheTokensDigest) {
  std::string token;
  {
    auto archive = OpenArchive(true);
    auto added = AddUser(*archive, "maria", Role::kCommunityManager, {"finance", "C042"}, "root");
    ASSERT_TRUE(added.has_value()) << added.error().ToString();
    token = *added;
  }
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);

  auto archive = OpenArchive(false);
  EXPECT_TRUE(archive->Verify().ok) << archive->Verify().message;
  auto head = archive->LatestHead();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->size + 1, archive->size());  // committed: a head covers the user
  auto listed = archive->SequencesOfType(archive::RecordType::kUser);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  auto record = archive->Read(listed->front());
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(archive::RecordTypeName(record->record.type), "user");
  EXPECT_EQ(record->record.meta.find(token), std::string::npos);
  EXPECT_EQ(record->record.content, "");
  const auto meta = nlohmann::json::parse(record->record.meta);
  EXPECT_EQ(meta["action"], "add");
  EXPECT_EQ(meta["name"], "maria");
  EXPECT_EQ(meta["role"], "community-manager");
  EXPECT_EQ(meta["communities"], nlohmann::json::parse(R"(["finance","C042"])"));
  EXPECT_EQ(meta["token_sha256"], TokenSha256(token));
  EXPECT_EQ(meta["by"], "root");
  EXPECT_TRUE(meta["time"].is_string());

  auto users = LoadUsers(*archive);
  ASSERT_TRUE(users.has_value()) << users.error().ToString();
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].name, "maria");
  EXPECT_EQ((*users)[0].role, Role::kCommunityManager);
  EXPECT_EQ((*users)[0].communities, (std::vector<std::string>{"finance", "C042"}));
  EXPECT_EQ((*users)[0].token_sha256, TokenSha256(token));
  EXPECT_EQ((*users)[0].by, "root");
}

TEST_F(UsersTest, GivesEveryUserADifferentToken) {
  auto archive = OpenArchive(true);
  auto first = AddUser(*archive, "ann", Role::kAnalyst, {}, "root");
  auto second = AddUser(*archive, "bob", Role::kAnalyst, {}, "root");
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_NE(*first, *second);
}

TEST_F(UsersTest, RefusesANameThatExists) {
  auto archive = OpenArchive(true);
  ASSERT_TRUE(AddUser(*archive, "lena", Role::kLegal, {}, "root").has_value());
  auto again = AddUser(*archive, "lena", Role::kAdmin, {}, "root");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().message, "user \"lena\" exists already: remove them first");
  auto users = LoadUsers(*archive);
  ASSERT_TRUE(users.has_value());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].role, Role::kLegal);
}

TEST_F(UsersTest, RefusesBadNamesAndACommunityManagerWithoutCommunities) {
  auto archive = OpenArchive(true);
  EXPECT_EQ(AddUser(*archive, "", Role::kAdmin, {}, "root").error().message,
            "a user name must be 1 to 200 bytes without control characters");
  EXPECT_EQ(AddUser(*archive, "a\nb", Role::kAdmin, {}, "root").error().message,
            "a user name must be 1 to 200 bytes without control characters");
  EXPECT_EQ(AddUser(*archive, "cm", Role::kCommunityManager, {}, "root").error().message,
            "a community manager needs the communities they manage (--communities)");
  EXPECT_EQ(AddUser(*archive, "cm", Role::kCommunityManager, {""}, "root").error().message,
            "a community must be a non-empty name or id");
  EXPECT_EQ(AddUser(*archive, "an", Role::kAnalyst, {"finance"}, "root").error().message,
            "only a community manager is limited to communities: the role analyst sees every "
            "community");
  EXPECT_EQ(archive->size(), 0u);  // nothing appended
}

TEST_F(UsersTest, RemovalRevokesAndTheNameCanBeAddedAgainWithANewToken) {
  auto archive = OpenArchive(true);
  auto first = AddUser(*archive, "li", Role::kCompliance, {}, "root");
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(RemoveUser(*archive, "li", "root").has_value());
  auto users = LoadUsers(*archive);
  ASSERT_TRUE(users.has_value());
  EXPECT_TRUE(users->empty());

  auto missing = RemoveUser(*archive, "li", "root");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "no user \"li\"");

  auto second = AddUser(*archive, "li", Role::kAdmin, {}, "root");
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_NE(*first, *second);
  users = LoadUsers(*archive);
  ASSERT_TRUE(users.has_value());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].role, Role::kAdmin);
  EXPECT_EQ((*users)[0].token_sha256, TokenSha256(*second));

  // A reader opened afterwards replays the same three records.
  archive.reset();
  auto reader = OpenArchive(false);
  auto replayed = LoadUsers(*reader);
  ASSERT_TRUE(replayed.has_value());
  ASSERT_EQ(replayed->size(), 1u);
  EXPECT_EQ((*replayed)[0].token_sha256, TokenSha256(*second));
}

}  // namespace
}  // namespace holdfast::engine
