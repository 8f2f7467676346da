// Random bytes from OpenSSL's generator, for ids and secrets other components need (API
// tokens), so that only archive/ talks to OpenSSL.
// Thread safety: a function; OpenSSL's generator is thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <tl/expected.hpp>

#include "archive/error.h"

namespace holdfast::archive {

// `bytes` random bytes as lower-case hex (2 * bytes characters), or an Error if the
// generator fails (it is never left to a weaker source).
[[nodiscard]] tl::expected<std::string, Error> RandomHex(size_t bytes);

}  // namespace holdfast::archive
