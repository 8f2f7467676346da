// NFC normalization through ICU. Text is converted to UTF-16 (ICU's working form) with
// invalid sequences replaced, normalized, and converted back.
#include "rules/unicode_text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <new>

#include "rules/internal/utf8.h"

namespace holdfast::rules {
namespace {

// Far below ICU's int32_t lengths: a UTF-16 string never has more units than the UTF-8 bytes
// it came from, and U+FFFD replaces at least one byte.
constexpr size_t kMaxChunkBytes = size_t{1} << 28;

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// True if NFC of the text splits at `pos`: normalizing the parts separately gives the same
// result. Always true before ASCII; otherwise ICU knows per code point.
bool IsNfcBoundary(std::string_view text, size_t pos, const icu::Normalizer2* nfc) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    return true;
  }
  if (IsContinuation(c) || nfc == nullptr) {
    return false;
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<size_t>(text.size() - pos, 4));
  int32_t i = 0;
  UChar32 code_point = 0;
  U8_NEXT(bytes + pos, i, length, code_point);
  return code_point >= 0 && nfc->hasBoundaryBefore(code_point);
}

// The end of the chunk that starts at `begin`: the text end, or the last NFC boundary within
// `max_chunk` bytes. A run with no boundary (only combining marks) is split at a code point;
// that pathological text may then compose differently at the seam, but is never lost.
size_t ChunkEnd(std::string_view text, size_t begin, size_t max_chunk,
                const icu::Normalizer2* nfc) {
  if (text.size() - begin <= max_chunk) {
    return text.size();
  }
  const size_t limit = begin + max_chunk;
  for (size_t pos = limit; pos > begin; --pos) {
    if (IsNfcBoundary(text, pos, nfc)) {
      return pos;
    }
  }
  size_t pos = CodePointStart(text, limit);
  if (pos == begin) {
    pos = StepForwardCodePoints(text, begin, 1);
  }
  return pos;
}

void AppendNormalized(std::string_view chunk, const icu::Normalizer2* nfc, NormalizedText& out) {
  icu::UnicodeString utf16;
  const auto capacity = static_cast<int32_t>(chunk.size() + 1);
  UChar* buffer = utf16.getBuffer(capacity);
  if (buffer == nullptr) {
    throw std::bad_alloc();
  }
  int32_t length = 0;
  int32_t substitutions = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(buffer, capacity, &length, chunk.data(), static_cast<int32_t>(chunk.size()),
                       0xFFFD, &substitutions, &status);
  utf16.releaseBuffer(U_SUCCESS(status) ? length : 0);
  if (substitutions > 0) {
    out.replaced_invalid = true;
  }
  if (nfc != nullptr) {
    UErrorCode normalize_status = U_ZERO_ERROR;
    icu::UnicodeString normalized = nfc->normalize(utf16, normalize_status);
    if (U_SUCCESS(normalize_status)) {
      utf16 = std::move(normalized);
    }
  }
  utf16.toUTF8String(out.text);
}

}  // namespace

NormalizedText NormalizeNfcChunked(std::string_view text, size_t max_chunk) {
  NormalizedText out;
  out.text.reserve(text.size());
  // The NFC data is built into libicu; if it were missing we still return valid UTF-8, only
  // unnormalized, rather than drop the post.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    nfc = nullptr;
  }
  max_chunk = std::min(std::max<size_t>(max_chunk, 1), kMaxChunkBytes);
  for (size_t begin = 0; begin < text.size();) {
    const size_t end = ChunkEnd(text, begin, max_chunk, nfc);
    AppendNormalized(text.substr(begin, end - begin), nfc, out);
    begin = end;
  }
  return out;
}

NormalizedText NormalizeNfc(std::string_view text) {
  // ASCII is valid UTF-8 and already NFC: most posts never reach ICU.
  if (IsAscii(text)) {
    return NormalizedText{std::string(text), false};
  }
  return NormalizeNfcChunked(text, kMaxChunkBytes);
}

}  // namespace holdfast::rules
