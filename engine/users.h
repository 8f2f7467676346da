// Users of the HTTP API, kept as log records (RecordType::kUser), committed and signed like
// reviews, so that who was given access, with which role, by whom and when is on the record.
// A user holds a bearer token that is shown once, when the user is added: the log keeps only
// its SHA-256, so neither the log nor a bundle of it can be used to log in.
//
// Record: key "user:<token sha256>" when added, "user-removed:<token sha256>" when removed (a
// listed type: Archive::SequencesOfType finds them without reading the log); meta
// {"action":"add"|"remove","name","role","communities":[...],"token_sha256","by","time"};
// content empty. A later record for a name wins; a removal revokes the token.
// Thread safety: functions; AddUser and RemoveUser need the archive opened writable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

enum class Role { kCommunityManager, kAnalyst, kCompliance, kLegal, kAdmin };

// "community-manager", "analyst", "compliance", "legal", "admin".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct User {
  std::string name{};
  Role role = Role::kAnalyst;
  std::vector<std::string> communities{};  // community ids or names a community manager sees
  std::string token_sha256{};              // hex SHA-256 of the token
  std::string by{};                        // who added the user
  int64_t time_us = 0;                     // when
  uint64_t sequence = 0;                   // the adding record's
};

// Hex SHA-256 of a presented token, as User::token_sha256 holds it.
std::string TokenSha256(std::string_view token);

// Appends and commits a user with a fresh token (32 random bytes, 64 hex digits), and returns
// the token: the only time it exists outside its holder. Refuses, naming the reason, an empty
// or overlong name, a name with control characters, a name that is a user already, and a
// community manager without communities, and communities for any other role (which sees all).
[[nodiscard]] tl::expected<std::string, Error> AddUser(archive::Archive& archive,
                                                       const std::string& name, Role role,
                                                       const std::vector<std::string>& communities,
                                                       const std::string& by);

// Appends and commits the removal of user `name`, which revokes their token. A name that is no
// user is an Error naming it.
[[nodiscard]] tl::expected<void, Error> RemoveUser(archive::Archive& archive,
                                                   const std::string& name, const std::string& by);

// The users in force, by name, replayed from the user records (the latest per name wins).
[[nodiscard]] tl::expected<std::vector<User>, Error> LoadUsers(const archive::Archive& archive);

}  // namespace holdfast::engine
