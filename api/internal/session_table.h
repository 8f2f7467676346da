// SessionTable: the web UI's logins. A session is a random id, the value of the session cookie,
// standing for one user by name and by the log record that added them, never by their token.
// It carries a random CSRF token that every request but a GET made with the cookie must send
// back in X-CSRF-Token. A session ends at logout, after `idle` without a request, or when its
// user is removed or added again (the adding record differs). When `max_sessions` are open, a
// new one ends the expired ones and then the one least recently used.
// Thread safety: owned; the server calls it under its sessions mutex.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "api/internal/user_table.h"
#include "engine/users.h"

namespace holdfast::api {

struct Session {
  std::string id;          // the cookie's value: 32 random bytes as hex
  std::string csrf_token;  // 32 random bytes as hex
  std::string user_name;
  uint64_t user_sequence = 0;  // the record that added the user
  std::chrono::steady_clock::time_point last_used;
};

class SessionTable {
 public:
  using Clock = std::chrono::steady_clock;

  SessionTable(std::chrono::seconds idle, size_t max_sessions)
      : idle_(idle), max_sessions_(max_sessions) {}

  // Opens a session for `user`; an error names why no random id could be made.
  [[nodiscard]] tl::expected<Session, std::string> Open(const engine::User& user,
                                                        Clock::time_point now);

  // The session of `id` and its user in force at `now`, marking it used; nullptr for either
  // when the session is unknown, idle too long, or its user is no longer the same.
  struct Found {
    const Session* session = nullptr;
    const engine::User* user = nullptr;
  };
  Found Find(std::string_view id, const UserTable& users, Clock::time_point now);

  void Close(std::string_view id);

  // Failed logins by client address: after kMaxFailedLogins within kFailedLoginWindow of the
  // first, the address may not log in (even with a good token) until that window has passed.
  // Tokens are 256-bit random, so this is for noise and for the audit of attempts, not a wall.
  static constexpr int kMaxFailedLogins = 10;
  static constexpr std::chrono::seconds kFailedLoginWindow{600};
  // How long `client` must wait to log in again; nullopt when it may now.
  std::optional<std::chrono::seconds> LoginBlocked(const std::string& client,
                                                   Clock::time_point now);
  void LoginFailed(const std::string& client, Clock::time_point now);

  size_t size() const { return sessions_.size(); }

 private:
  void MakeRoom(Clock::time_point now);

  const std::chrono::seconds idle_;
  const size_t max_sessions_;
  std::map<std::string, Session, std::less<>> sessions_;
  struct Failures {
    Clock::time_point first;
    int count = 0;
  };
  std::map<std::string, Failures> failed_logins_;  // by client address, pruned as they expire
};

}  // namespace holdfast::api
