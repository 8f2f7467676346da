#include <Poco/URI.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "api/internal/json_body.h"
#include "api/internal/login.h"
#include "api/internal/params.h"

namespace holdfast::api {

namespace {

using nlohmann::json;

// Equal strings of equal length, in time that depends on the length only.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) {
    return false;
  }
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

// The fields of an application/x-www-form-urlencoded body.
std::map<std::string, std::string> FormFields(const std::string& body) {
  std::map<std::string, std::string> fields;
  size_t at = 0;
  while (at <= body.size()) {
    size_t end = body.find('&', at);
    if (end == std::string::npos) {
      end = body.size();
    }
    std::string pair = body.substr(at, end - at);
    std::replace(pair.begin(), pair.end(), '+', ' ');
    const size_t equals = pair.find('=');
    std::string name;
    std::string value;
    Poco::URI::decode(pair.substr(0, equals), name);
    if (equals != std::string::npos) {
      Poco::URI::decode(pair.substr(equals + 1), value);
    }
    if (!name.empty()) {
      fields[name] = value;
    }
    at = end + 1;
  }
  return fields;
}

std::string Cookie(std::string_view value, bool secure, bool expire) {
  std::string cookie = std::string(kSessionCookie).append("=").append(value);
  cookie.append("; Path=/; HttpOnly; SameSite=Strict");
  if (secure) {
    cookie.append("; Secure");
  }
  if (expire) {
    cookie.append("; Max-Age=0");
  }
  return cookie;
}

json UserJson(const engine::User& user) {
  return {{"name", user.name},
          {"role", engine::RoleName(user.role)},
          {"communities", user.communities}};
}

Reply Login(SessionTable& sessions, const UserTable& users, const Request& request, bool secure,
            SessionTable::Clock::time_point now) {
  if (auto wait = sessions.LoginBlocked(request.client_address, now)) {
    Reply refused = ErrorReply(429, "too many failed logins from this address; try again in " +
                                        std::to_string(wait->count()) + " s");
    refused.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return refused;
  }
  const auto fields = FormFields(request.body);
  const auto token = fields.find("token");
  const auto name = fields.find("name");
  const engine::User* user = token == fields.end() ? nullptr : users.Find(token->second);
  // One answer for an unknown token and a token of another name: a guess learns nothing.
  if (user == nullptr ||
      (name != fields.end() && !name->second.empty() && name->second != user->name)) {
    sessions.LoginFailed(request.client_address, now);
    return ErrorReply(401, "unknown user name or token");
  }
  auto session = sessions.Open(*user, now);
  if (!session) {
    return ErrorReply(500, "cannot open a session: " + session.error());
  }
  json body = UserJson(*user);
  body["csrf_token"] = session->csrf_token;
  Reply reply{200, Dump(body)};
  reply.headers.emplace_back("Set-Cookie", Cookie(session->id, secure, false));
  return reply;
}

Reply Logout(SessionTable& sessions, const Request& request, std::string_view cookie, bool secure) {
  if (request.session_user == nullptr) {
    return ErrorReply(401, "no session to end: log in first");
  }
  if (!request.csrf_token_sent) {
    return ErrorReply(403, "a request with the session cookie needs the X-CSRF-Token header");
  }
  sessions.Close(cookie);
  Reply reply{200, Dump({{"logged_out", true}})};
  reply.headers.emplace_back("Set-Cookie", Cookie("", secure, true));
  return reply;
}

}  // namespace

void AttachSession(SessionTable& sessions, const UserTable& users, std::string_view cookie,
                   std::string_view csrf_header, SessionTable::Clock::time_point now,
                   Request& request) {
  if (cookie.empty()) {
    return;
  }
  const SessionTable::Found found = sessions.Find(cookie, users, now);
  if (found.session == nullptr) {
    return;
  }
  request.session_user = found.user;
  request.session_csrf_token = found.session->csrf_token;
  request.csrf_token_sent = SameSecret(csrf_header, found.session->csrf_token);
}

std::optional<Reply> ServeLogin(SessionTable& sessions, const UserTable& users,
                                const Request& request, std::string_view cookie, bool secure,
                                SessionTable::Clock::time_point now) {
  if (request.path != "/login" && request.path != "/logout") {
    return std::nullopt;
  }
  if (request.method != "POST") {
    return ErrorReply(405, "only POST is served on " + request.path);
  }
  if (auto only = OnlyParams(request, {}); !only) {
    return only.error();
  }
  return request.path == "/login" ? Login(sessions, users, request, secure, now)
                                  : Logout(sessions, request, cookie, secure);
}

const std::vector<std::pair<std::string, std::string>>& LoginRoutes() {
  static const std::vector<std::pair<std::string, std::string>> kRoutes = {{"POST", "/login"},
                                                                           {"POST", "/logout"}};
  return kRoutes;
}

// GET /api/v1/session: who the caller is, and with a session cookie the CSRF token the page
// sends with every request but a GET.
Reply SessionRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  json body = UserJson(*call.user);
  if (call.request.authorization.empty() && call.request.session_user != nullptr) {
    body["csrf_token"] = call.request.session_csrf_token;
  }
  return {200, Dump(body)};
}

}  // namespace holdfast::api
