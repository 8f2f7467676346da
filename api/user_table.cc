#include "api/internal/user_table.h"

#include <cctype>

namespace holdfast::api {

namespace {

constexpr size_t kMaxTokenBytes = 512;

// Equal strings of equal length, in time that depends on the length only.
bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

}  // namespace

const engine::User* UserTable::Find(std::string_view token) const {
  if (token.empty() || token.size() > kMaxTokenBytes) {
    return nullptr;
  }
  const std::string digest = engine::TokenSha256(token);
  const engine::User* found = nullptr;
  for (const engine::User& user : users_) {  // no early exit: every digest is compared
    if (ConstantTimeEqual(digest, user.token_sha256) && found == nullptr) {
      found = &user;
    }
  }
  return found;
}

const engine::User* UserTable::FindByName(std::string_view name) const {
  for (const engine::User& user : users_) {
    if (user.name == name) {
      return &user;
    }
  }
  return nullptr;
}

std::string_view UserTable::BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) {
    return {};
  }
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return {};
    }
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') {
    token.remove_prefix(1);
  }
  while (!token.empty() && token.back() == ' ') {
    token.remove_suffix(1);
  }
  return token;
}

}  // namespace holdfast::api
