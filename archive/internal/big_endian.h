// Big-endian integers in byte strings: the one encoding of numbers in leaf inputs and log
// frames. ByteReader never reads past its input; each Read* returns false instead.
// Thread safety: ByteReader is per-thread; the Put* functions are pure.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace holdfast::archive::internal {

inline void PutU8(std::string& out, uint8_t value) { out.push_back(static_cast<char>(value)); }

inline void PutU32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

inline void PutU64(std::string& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

// Two's complement, so negative times (before 1970) survive the round trip.
inline void PutI64(std::string& out, int64_t value) { PutU64(out, static_cast<uint64_t>(value)); }

inline void PutBytes(std::string& out, const void* bytes, size_t size) {
  out.append(static_cast<const char*>(bytes), size);
}

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  size_t remaining() const { return bytes_.size(); }

  bool ReadU8(uint8_t* value) {
    uint64_t wide = 0;
    if (!ReadUnsigned(1, &wide)) {
      return false;
    }
    *value = static_cast<uint8_t>(wide);
    return true;
  }
  bool ReadU32(uint32_t* value) {
    uint64_t wide = 0;
    if (!ReadUnsigned(4, &wide)) {
      return false;
    }
    *value = static_cast<uint32_t>(wide);
    return true;
  }
  bool ReadI64(int64_t* value) {
    uint64_t wide = 0;
    if (!ReadUnsigned(8, &wide)) {
      return false;
    }
    *value = static_cast<int64_t>(wide);
    return true;
  }
  bool ReadBytes(size_t size, std::string_view* value) {
    if (bytes_.size() < size) {
      return false;
    }
    *value = bytes_.substr(0, size);
    bytes_.remove_prefix(size);
    return true;
  }
  bool ReadInto(void* out, size_t size) {
    std::string_view view;
    if (!ReadBytes(size, &view)) {
      return false;
    }
    std::memcpy(out, view.data(), size);
    return true;
  }

 private:
  bool ReadUnsigned(size_t size, uint64_t* value) {
    if (bytes_.size() < size) {
      return false;
    }
    uint64_t out = 0;
    for (size_t i = 0; i < size; ++i) {
      out = (out << 8) | static_cast<uint8_t>(bytes_[i]);
    }
    bytes_.remove_prefix(size);
    *value = out;
    return true;
  }

  std::string_view bytes_;
};

}  // namespace holdfast::archive::internal
