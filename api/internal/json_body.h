// JSON in and out of the routes. Request bodies as the write routes read them (reviews, holds,
// exports): one JSON object with only the fields a route knows, each of the right type and
// within its size; a bad body is a 400 reply that names the field and the limit. Replies as
// every route writes them: Dump.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "api/internal/routes.h"

namespace holdfast::api {

// `value` as compact JSON text, invalid UTF-8 in strings replaced (U+FFFD) rather than thrown.
std::string Dump(const nlohmann::json& value);

// The body as an object whose every field is one of `known`.
[[nodiscard]] tl::expected<nlohmann::json, Reply> ParseBody(
    const std::string& body, std::initializer_list<std::string_view> known);

// A string field of at most `max` bytes; "" when absent.
[[nodiscard]] tl::expected<std::string, Reply> StringField(const nlohmann::json& body,
                                                           const char* name, size_t max);

// A list of at most `max_items` non-empty strings of at most `max_bytes` each; empty when absent.
[[nodiscard]] tl::expected<std::vector<std::string>, Reply> StringList(const nlohmann::json& body,
                                                                       const char* name,
                                                                       size_t max_items,
                                                                       size_t max_bytes);

}  // namespace holdfast::api
