#include "rules/internal/utf8.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace holdfast::rules {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

namespace {

size_t SkipAsciiPortable(std::string_view text, size_t pos) {
  const size_t size = text.size();
#if defined(__SSE2__)
  for (; pos + 16 <= size; pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    if (const int high = _mm_movemask_epi8(bytes); high != 0) {
      return pos + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(high)));
    }
  }
#endif
  while (pos < size && static_cast<unsigned char>(text[pos]) < 0x80) {
    ++pos;
  }
  return pos;
}

#if defined(__x86_64__) && defined(__GNUC__)
// 64 bytes per step with a masked load, which reads nothing past the text: a typical post
// takes one or two steps and no byte loop at its end.
[[gnu::target("avx512f,avx512bw")]] size_t SkipAsciiAvx512(std::string_view text, size_t pos) {
  const size_t size = text.size();
  for (; pos < size; pos += 64) {
    const size_t left = size - pos;
    const __mmask64 load = left >= 64 ? ~0ULL : (1ULL << left) - 1;
    const __m512i bytes = _mm512_maskz_loadu_epi8(load, text.data() + pos);
    if (const uint64_t high = _mm512_movepi8_mask(bytes); high != 0) {
      return pos + static_cast<size_t>(__builtin_ctzll(high));
    }
  }
  return size;
}
#endif

using SkipAsciiFn = size_t (*)(std::string_view, size_t);

SkipAsciiFn ChooseSkipAscii() {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512bw")) {
    return SkipAsciiAvx512;
  }
#endif
  return SkipAsciiPortable;
}

}  // namespace

size_t SkipAscii(std::string_view text, size_t pos) {
  // Posts are mostly ASCII and this runs on every one: the fastest way the CPU has.
  static const SkipAsciiFn skip = ChooseSkipAscii();
  return skip(text, pos);
}

size_t SkipAsciiWithoutAvx512(std::string_view text, size_t pos) {
  return SkipAsciiPortable(text, pos);
}

bool IsAscii(std::string_view text) { return SkipAscii(text, 0) == text.size(); }

Utf8Sequence DecodeStrictUtf8(std::string_view text, size_t pos) {
  const size_t size = text.size();
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    return Utf8Sequence{lead, 1};
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
    return Utf8Sequence{};
  }
  if (size - pos < length) {
    return Utf8Sequence{};
  }
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[pos + k]);
    if (!IsContinuation(next)) {
      return Utf8Sequence{};
    }
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return Utf8Sequence{};
  }
  return Utf8Sequence{code_point, length};
}

bool IsValidUtf8(std::string_view text) {
  for (size_t pos = SkipAscii(text, 0); pos < text.size(); pos = SkipAscii(text, pos)) {
    const size_t length = Utf8SequenceLength(text, pos);
    if (length == 0) {
      return false;
    }
    pos += length;
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
