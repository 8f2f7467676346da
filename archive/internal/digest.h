// SHA-256 over several byte strings without joining them first (salt || content, 0x01 || l || r).
// Thread safety: pure function.
#pragma once

#include <initializer_list>
#include <string_view>

#include "archive/record.h"

namespace holdfast::archive::internal {

// SHA-256 cannot fail on valid input; if OpenSSL reports a failure anyway (no memory, a broken
// provider) the process stops rather than return a hash that is not one.
Hash Sha256Parts(std::initializer_list<std::string_view> parts);

inline std::string_view AsBytes(const Hash& hash) {
  return {reinterpret_cast<const char*>(hash.data()), hash.size()};
}

}  // namespace holdfast::archive::internal
