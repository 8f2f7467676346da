#include "engine/users.h"

#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "archive/merkle.h"
#include "archive/random.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using nlohmann::json;

constexpr size_t kMaxNameBytes = 200;
constexpr size_t kTokenBytes = 32;

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoleNames = {{
    {Role::kCommunityManager, "community-manager"},
    {Role::kAnalyst, "analyst"},
    {Role::kCompliance, "compliance"},
    {Role::kLegal, "legal"},
    {Role::kAdmin, "admin"},
}};

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Field(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Error Refused(std::string message) { return Error{"", 0, std::move(message)}; }

// Names are printed on terminals and in JSON: no control characters, no surprises.
bool IsPrintable(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      return false;
    }
  }
  return true;
}

tl::expected<std::string, Error> RandomToken() {
  auto token = archive::RandomHex(kTokenBytes);
  if (!token) {
    return tl::unexpected(Refused("the random generator failed: no token was made"));
  }
  return std::move(*token);
}

archive::Record UserRecord(const User& user, bool add) {
  const json meta = {{"action", add ? "add" : "remove"},   {"name", user.name},
                     {"role", RoleName(user.role)},        {"communities", user.communities},
                     {"token_sha256", user.token_sha256},  {"by", user.by},
                     {"time", FormatRfc3339(user.time_us)}};
  const std::string key = std::string(add ? "user:" : "user-removed:").append(user.token_sha256);
  return {archive::RecordType::kUser, key, Dump(meta), ""};
}

tl::expected<void, Error> AppendAndCommit(archive::Archive& archive, archive::Record record) {
  auto appended = archive.Append(std::move(record));
  if (!appended)
    return tl::unexpected(FromArchive(appended.error()));
  if (!appended->has_value()) {
    return tl::unexpected(Refused("this user record is in the log already"));
  }
  if (auto head = archive.Commit(); !head)
    return tl::unexpected(FromArchive(head.error()));
  return {};
}

std::optional<User> FindUser(const std::vector<User>& users, const std::string& name) {
  for (const User& user : users) {
    if (user.name == name) {
      return user;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [known, name] : kRoleNames) {
    if (known == role) {
      return name;
    }
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [role, known] : kRoleNames) {
    if (known == name) {
      return role;
    }
  }
  return std::nullopt;
}

std::string TokenSha256(std::string_view token) { return archive::ToHex(archive::Sha256(token)); }

tl::expected<std::string, Error> AddUser(archive::Archive& archive, const std::string& name,
                                         Role role, const std::vector<std::string>& communities,
                                         const std::string& by) {
  if (name.empty() || name.size() > kMaxNameBytes || !IsPrintable(name)) {
    return tl::unexpected(Refused("a user name must be 1 to 200 bytes without control characters"));
  }
  for (const std::string& community : communities) {
    if (community.empty() || !IsPrintable(community)) {
      return tl::unexpected(Refused("a community must be a non-empty name or id"));
    }
  }
  if (role == Role::kCommunityManager && communities.empty()) {
    return tl::unexpected(
        Refused("a community manager needs the communities they manage (--communities)"));
  }
  if (role != Role::kCommunityManager && !communities.empty()) {
    // Other roles are not scoped: taking the list would suggest a limit that is not applied.
    return tl::unexpected(
        Refused(std::string("only a community manager is limited to communities: the role ")
                    .append(RoleName(role))
                    .append(" sees every community")));
  }
  auto users = LoadUsers(archive);
  if (!users)
    return tl::unexpected(users.error());
  if (FindUser(*users, name)) {
    return tl::unexpected(Refused("user \"" + name + "\" exists already: remove them first"));
  }
  auto token = RandomToken();
  if (!token)
    return tl::unexpected(token.error());
  const User user{.name = name,
                  .role = role,
                  .communities = communities,
                  .token_sha256 = TokenSha256(*token),
                  .by = by,
                  .time_us = archive.NowUs()};
  if (auto done = AppendAndCommit(archive, UserRecord(user, true)); !done)
    return tl::unexpected(done.error());
  return token;
}

tl::expected<void, Error> RemoveUser(archive::Archive& archive, const std::string& name,
                                     const std::string& by) {
  auto users = LoadUsers(archive);
  if (!users)
    return tl::unexpected(users.error());
  std::optional<User> user = FindUser(*users, name);
  if (!user) {
    return tl::unexpected(Refused("no user \"" + name + "\""));
  }
  user->by = by;
  user->time_us = archive.NowUs();
  return AppendAndCommit(archive, UserRecord(*user, false));
}

tl::expected<std::vector<User>, Error> LoadUsers(const archive::Archive& archive) {
  auto sequences = archive.SequencesOfType(archive::RecordType::kUser);
  if (!sequences)
    return tl::unexpected(FromArchive(sequences.error()));
  std::map<std::string, std::optional<User>> latest;
  for (uint64_t sequence : *sequences) {
    auto stored = archive.Read(sequence);
    if (!stored)
      return tl::unexpected(FromArchive(stored.error()));
    const json meta = json::parse(stored->record.meta, nullptr, false);
    if (meta.is_discarded() || !meta.is_object()) {
      return tl::unexpected(Error{"log", sequence + 1, "meta of user is not a JSON object"});
    }
    const std::string action = Field(meta, "action");
    const std::optional<Role> role = ParseRole(Field(meta, "role"));
    User user{.name = Field(meta, "name"),
              .role = role.value_or(Role::kAnalyst),
              .token_sha256 = Field(meta, "token_sha256"),
              .by = Field(meta, "by"),
              .time_us = ParseRfc3339(Field(meta, "time")).value_or(0),
              .sequence = sequence};
    if (auto list = meta.find("communities"); list != meta.end() && list->is_array()) {
      for (const json& community : *list) {
        if (community.is_string()) {
          user.communities.push_back(community.get<std::string>());
        }
      }
    }
    if ((action != "add" && action != "remove") || user.name.empty() || !role ||
        user.token_sha256.size() != 64) {
      return tl::unexpected(Error{"log", sequence + 1,
                                  "user record without a valid action, "
                                  "name, role or token digest"});
    }
    if (action == "add") {
      latest[user.name] = std::move(user);
    } else {
      latest[user.name] = std::nullopt;
    }
  }
  std::vector<User> out;
  for (auto& [name, user] : latest) {
    if (user) {
      out.push_back(std::move(*user));
    }
  }
  return out;
}

}  // namespace holdfast::engine
