// CRC32C through Boost.CRC: Debian 12 ships no libcrc32c, and Boost is the standard C++ CRC
// library, so there is no table of our own to get wrong. crc_optimal keeps its register
// un-reflected and un-xored between calls, which is what lets Crc32c carry it as a plain u32.
#include "archive/internal/crc32c.h"

#include <boost/crc.hpp>

namespace holdfast::archive::internal {

namespace {

using Castagnoli = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;

}  // namespace

Crc32c::Crc32c() : state_(Castagnoli().get_interim_remainder()) {}

void Crc32c::Update(std::string_view bytes) {
  Castagnoli crc(state_);
  crc.process_bytes(bytes.data(), bytes.size());
  state_ = crc.get_interim_remainder();
}

uint32_t Crc32c::Finish() const { return Castagnoli(state_).checksum(); }

uint32_t ComputeCrc32c(std::string_view bytes) {
  Crc32c crc;
  crc.Update(bytes);
  return crc.Finish();
}

}  // namespace holdfast::archive::internal
