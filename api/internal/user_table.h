// UserTable: the API's users in force, found by the bearer token a request presents. Only the
// tokens' SHA-256 digests are held; a lookup hashes the presented token and compares it with
// every user's digest in constant time, so timing tells nothing about how close a guess came.
// Thread safety: immutable.
#pragma once

#include <string_view>
#include <vector>

#include "engine/users.h"

namespace holdfast::api {

class UserTable {
 public:
  UserTable() = default;
  explicit UserTable(std::vector<engine::User> users) : users_(std::move(users)) {}

  // The user whose token this is, or nullptr.
  const engine::User* Find(std::string_view token) const;
  // The user in force of that name, or nullptr (names are not secret: no constant time).
  const engine::User* FindByName(std::string_view name) const;

  // The token of an "Authorization: Bearer TOKEN" header value; empty when it is not one.
  static std::string_view BearerToken(std::string_view authorization);

 private:
  std::vector<engine::User> users_;
};

}  // namespace holdfast::api
