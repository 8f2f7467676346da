#include "api/internal/session_table.h"

#include "archive/random.h"

namespace holdfast::api {

namespace {

constexpr size_t kRandomBytes = 32;

}  // namespace

tl::expected<Session, std::string> SessionTable::Open(const engine::User& user,
                                                      Clock::time_point now) {
  auto id = archive::RandomHex(kRandomBytes);
  auto csrf = archive::RandomHex(kRandomBytes);
  if (!id || !csrf) {
    return tl::unexpected((id ? csrf.error() : id.error()).ToString());
  }
  MakeRoom(now);
  Session session{.id = *id,
                  .csrf_token = *csrf,
                  .user_name = user.name,
                  .user_sequence = user.sequence,
                  .last_used = now};
  sessions_[session.id] = session;
  return session;
}

SessionTable::Found SessionTable::Find(std::string_view id, const UserTable& users,
                                       Clock::time_point now) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return {};
  }
  const engine::User* user = users.FindByName(it->second.user_name);
  if (now - it->second.last_used > idle_ || user == nullptr ||
      user->sequence != it->second.user_sequence) {
    sessions_.erase(it);
    return {};
  }
  it->second.last_used = now;
  return {&it->second, user};
}

void SessionTable::Close(std::string_view id) {
  if (auto it = sessions_.find(id); it != sessions_.end()) {
    sessions_.erase(it);
  }
}

void SessionTable::MakeRoom(Clock::time_point now) {
  if (sessions_.size() < max_sessions_) {
    return;
  }
  std::erase_if(sessions_, [&](const auto& item) { return now - item.second.last_used > idle_; });
  while (!sessions_.empty() && sessions_.size() >= max_sessions_) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.last_used < oldest->second.last_used) {
        oldest = it;
      }
    }
    sessions_.erase(oldest);
  }
}

std::optional<std::chrono::seconds> SessionTable::LoginBlocked(const std::string& client,
                                                               Clock::time_point now) {
  const auto it = failed_logins_.find(client);
  if (it == failed_logins_.end()) {
    return std::nullopt;
  }
  const auto until = it->second.first + kFailedLoginWindow;
  if (now >= until) {
    failed_logins_.erase(it);
    return std::nullopt;
  }
  if (it->second.count < kMaxFailedLogins) {
    return std::nullopt;
  }
  return std::chrono::ceil<std::chrono::seconds>(until - now);
}

void SessionTable::LoginFailed(const std::string& client, Clock::time_point now) {
  if (failed_logins_.size() >= max_sessions_) {
    std::erase_if(failed_logins_,
                  [&](const auto& item) { return now >= item.second.first + kFailedLoginWindow; });
  }
  Failures& failures = failed_logins_[client];
  if (failures.count == 0 || now >= failures.first + kFailedLoginWindow) {
    failures = {now, 0};
  }
  ++failures.count;
}

}  // namespace holdfast::api
