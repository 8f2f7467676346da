// Bracket counting over raw JSON bytes, for finding the records of a file that may be damaged
// or cut off (Teams pages, Telegram and Discord chats): nothing is validated, and only ASCII
// bytes steer the scan, so invalid UTF-8 inside strings does not mislead it. simdjson then
// parses each record found on its own.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace holdfast::engine {

// What the functions below return when the text ends before what they look for.
constexpr size_t kJsonCutOff = std::string_view::npos;

bool IsJsonSpace(char c);

// The first index at or after `pos` that is no JSON white space.
size_t SkipJsonSpace(std::string_view text, size_t pos);

// One past the closing quote of the string that opens at text[pos] == '"'.
size_t SkipJsonString(std::string_view text, size_t pos);

// One past the end of the value that starts at text[pos] (no white space): a string, an object
// or array by bracket counting, or a scalar up to the next delimiter. Never less than pos + 1,
// so a stray byte is a value of its own.
size_t SkipJsonValue(std::string_view text, size_t pos);

}  // namespace holdfast::engine
