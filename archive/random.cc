#include "archive/random.h"

#include <openssl/rand.h>

#include <vector>

namespace holdfast::archive {

tl::expected<std::string, Error> RandomHex(size_t bytes) {
  std::vector<unsigned char> random(bytes);
  if (bytes > 0 && RAND_bytes(random.data(), static_cast<int>(bytes)) != 1) {
    return tl::unexpected(Error{"", std::nullopt, "the random generator failed"});
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * bytes);
  for (unsigned char byte : random) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xF];
  }
  return hex;
}

}  // namespace holdfast::archive
