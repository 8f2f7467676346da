// Text forms of bytes and times in the archive's files: lowercase hex, standard base64 (with
// padding, as in signed notes) and RFC 3339 UTC times with exactly six fraction digits. The
// parsers are strict: they accept exactly what the formatters write, so that a signed text has
// one reading only.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace holdfast::archive::internal {

std::string HexEncode(std::string_view bytes);
// Accepts lowercase hex only.
std::optional<std::string> HexDecode(std::string_view text);

// REQUIRES: bytes.size() fits in an int divided by 4 (the OpenSSL call takes an int).
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

// Years 0000..9999 only; other times give nullopt.
std::optional<std::string> FormatRfc3339Micros(int64_t time_us);
// "2024-05-01T12:00:00.000000Z" and nothing else.
std::optional<int64_t> ParseRfc3339Micros(std::string_view text);

}  // namespace holdfast::archive::internal
