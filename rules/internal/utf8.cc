#include "rules/internal/utf8.h"

#include <cstdint>
#include <cstring>

namespace holdfast::rules {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

bool IsAscii(std::string_view text) {
  // Eight bytes at a time: posts are mostly ASCII and this runs on every one.
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof(word));
    if ((word & kHighBits) != 0) {
      return false;
    }
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      return false;
    }
  }
  return true;
}

bool IsValidUtf8(std::string_view text) {
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    // Eight ASCII bytes at a time, as IsAscii does: this runs on every post.
    uint64_t word;
    if (i + 8 <= size &&
        (std::memcpy(&word, text.data() + i, sizeof(word)), (word & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    uint32_t code_point;
    uint32_t smallest;  // below this the sequence is an overlong form
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
      smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
      smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
      smallest = 0x10000;
    } else {
      return false;
    }
    if (size - i < length) {
      return false;
    }
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (!IsContinuation(next)) {
        return false;
      }
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

size_t CodePointStart(std::string_view text, size_t pos) {
  while (pos > 0 && pos < text.size() && IsContinuation(static_cast<unsigned char>(text[pos]))) {
    --pos;
  }
  return pos;
}

size_t StepBackCodePoints(std::string_view text, size_t pos, size_t count) {
  for (; count > 0 && pos > 0; --count) {
    --pos;
    pos = CodePointStart(text, pos);
  }
  return pos;
}

size_t StepForwardCodePoints(std::string_view text, size_t pos, size_t count) {
  for (; count > 0 && pos < text.size(); --count) {
    ++pos;
    while (pos < text.size() && IsContinuation(static_cast<unsigned char>(text[pos]))) {
      ++pos;
    }
  }
  return pos;
}

}  // namespace holdfast::rules
