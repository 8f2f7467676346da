// CRC32C (Castagnoli, the iSCSI checksum of RFC 3720): the per-frame check of the log's HFR2
// frames (log_file.h). It catches torn and flipped bytes on disk cheaply at read time; it is no
// defence against someone who rewrites a frame on purpose, which the leaf hash and the signed
// tree heads are for.
// Thread safety: Crc32c is a value type; the functions are safe to call from any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace holdfast::archive::internal {

// A running CRC32C over bytes fed in order, so that a frame's check can cover fields that do
// not lie next to each other.
class Crc32c {
 public:
  Crc32c();
  void Update(std::string_view bytes);
  uint32_t Finish() const;  // the CRC of everything fed so far; more may be fed afterwards

 private:
  uint32_t state_;  // the register, before the final xor
};

uint32_t ComputeCrc32c(std::string_view bytes);

}  // namespace holdfast::archive::internal
