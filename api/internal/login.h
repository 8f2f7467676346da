// The web UI's login, beside the bearer tokens: POST /login takes a form with the user's token
// (and, if given, their name), opens a session (api/internal/session_table.h) and sets its id in
// an HttpOnly, SameSite=Strict cookie (Secure when served over HTTPS); POST /logout ends it.
// A request with the cookie then counts as its user's (routes.cc Dispatch), and every request
// but a GET must send the session's CSRF token, which the login reply and GET /api/v1/session
// give the page, in X-CSRF-Token.
// Thread safety: functions over a SessionTable the caller holds the lock of.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/internal/routes.h"
#include "api/internal/session_table.h"

namespace holdfast::api {

inline constexpr std::string_view kSessionCookie = "holdfast_session";

// Fills request.session_user, session_csrf_token and csrf_token_sent from the session cookie's
// value and the X-CSRF-Token header; leaves them empty when the session is not in force.
void AttachSession(SessionTable& sessions, const UserTable& users, std::string_view cookie,
                   std::string_view csrf_header, SessionTable::Clock::time_point now,
                   Request& request);

// Serves POST /login and POST /logout (405 for another method); nullopt for any other path.
std::optional<Reply> ServeLogin(SessionTable& sessions, const UserTable& users,
                                const Request& request, std::string_view cookie, bool secure,
                                SessionTable::Clock::time_point now);

// {method, path} of what ServeLogin serves, for the OpenAPI document's test.
const std::vector<std::pair<std::string, std::string>>& LoginRoutes();

}  // namespace holdfast::api
