// UTF-8 facts the scanner needs on its hot path, without ICU and without allocating.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/unicode_text.h"

namespace holdfast::rules {

bool IsAscii(std::string_view text);

// The first byte at or after `pos` that is not ASCII, or text.size(). REQUIRES: pos <= size.
// 64 bytes at a time with AVX-512 where the CPU has it, else 16 with SSE2.
size_t SkipAscii(std::string_view text, size_t pos);
// The same without AVX-512, for tests that hold both to the same answers.
size_t SkipAsciiWithoutAvx512(std::string_view text, size_t pos);

// The strict UTF-8 sequence at `pos`: its code point and its length (1 for ASCII), or
// length 0 if none starts there. REQUIRES: pos < text.size().
struct Utf8Sequence {
  uint32_t code_point = 0;
  size_t length = 0;
};
Utf8Sequence DecodeStrictUtf8(std::string_view text, size_t pos);
inline size_t Utf8SequenceLength(std::string_view text, size_t pos) {
  return DecodeStrictUtf8(text, pos).length;
}

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text);

// REQUIRES: pos <= text.size(). The start of the code point holding byte `pos`.
size_t CodePointStart(std::string_view text, size_t pos);

// REQUIRES: pos <= text.size(). The offset `count` code points before / after `pos`, clamped
// to the text.
size_t StepBackCodePoints(std::string_view text, size_t pos, size_t count);
size_t StepForwardCodePoints(std::string_view text, size_t pos, size_t count);

// NormalizeNfc, normalizing at most `max_chunk` bytes per ICU call. Chunks end only where NFC
// has a boundary, so the result equals normalizing the whole text at once. NormalizeNfc uses
// a chunk far below ICU's int32_t lengths; tests use tiny chunks to exercise the seams.
NormalizedText NormalizeNfcChunked(std::string_view text, size_t max_chunk);

}  // namespace holdfast::rules
