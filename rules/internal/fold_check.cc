// MayNeedTokenFolding: the cheap pass that tells most posts' lexicon views from their text
// (see text_folding.h), byte by byte as the reference and 64 bytes at a time with SSE2 or
// AVX-512 VBMI; and CopyPlainViews, the same check fused with the copies a scan batch makes.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <vector>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "rules/internal/text_folding.h"
#include "rules/internal/token_classes.h"
#include "rules/internal/utf8.h"

namespace holdfast::rules {

using namespace token_classes;  // NOLINT(google-build-using-namespace): the byte classes

bool MayNeedTokenFoldingPerByte(std::string_view text) {
  // One branch-free step per byte over the classes of bytes i - 1 .. i + 3; it looks for what
  // starts every change FoldTokens makes, treating any non-ASCII byte as a possible letter.
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  auto class_at = [&](size_t i) -> uint8_t { return i < size ? kClasses[bytes[i]] : 0; };
  uint8_t before = 0;  // before the text: no part of a word
  uint8_t at = class_at(0);
  uint8_t next = class_at(1);
  uint8_t second = class_at(2);
  uint8_t third = class_at(3);
  for (size_t i = 0; i < size; ++i) {
    // The first character of a leetspeak run between letters.
    const bool leetspeak = ((at & kLeet) != 0) & ((before & (kLetter | kNonAscii)) != 0) &
                           ((next & (kLetter | kLeet | kNonAscii)) != 0);
    // A letter starting a token, a separator, and a second single letter or leetspeak
    // character: the first two elements of letters written apart.
    const bool apart = ((at & kLetter) != 0) & ((before & kWord) == 0) &
                       ((next & kSeparator) != 0) & ((second & (kLetter | kLeet)) != 0) &
                       (((third & (kWord | kNonAscii)) == 0) | ((third & kSymbol) != 0));
    // Two white space characters in a row, which become one.
    const bool spaces = ((at & kSpace) != 0) & ((next & kSpace) != 0);
    if (leetspeak | apart | spaces) {
      return true;
    }
    before = at;
    at = next;
    next = second;
    second = third;
    third = class_at(i + 4);
  }
  return false;
}

namespace {

// The classes of 64 bytes as bit masks, bit i for byte i; bytes past the text are class 0.
// No member initializers: a pass's array of them is filled, not zeroed first. ClassMasks{} is
// all zero.
struct ClassMasks {
  uint64_t letter, leet, separator, word, non_ascii, symbol, space;
};

// Fills out[0, count) with the classes of the 64-byte chunks that start at byte `at`, 64 * k
// on. REQUIRES: at < size; the chunks may pass the end of the text.
using ChunkClassifier = void (*)(const unsigned char* bytes, size_t size, size_t at, size_t count,
                                 ClassMasks* out);

#if defined(__SSE2__)
uint64_t Bits(__m128i mask) { return static_cast<uint16_t>(_mm_movemask_epi8(mask)); }

__m128i Equals(__m128i bytes, char c) { return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)); }

// Bytes in [low, low + count): shifted so that the range starts at -128, then one signed
// comparison. Non-ASCII bytes land at or above it.
__m128i InRange(__m128i bytes, char low, char count) {
  const __m128i shifted = _mm_add_epi8(bytes, _mm_set1_epi8(static_cast<char>(-128 - low)));
  return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(-128 + count)));
}

ClassMasks ClassesOf(const unsigned char* bytes, size_t size, size_t at) {
  alignas(16) unsigned char tail[64] = {};
  const unsigned char* chunk = bytes + at;
  if (size - at < 64) {
    std::memcpy(tail, chunk, size - at);
    chunk = tail;
  }
  ClassMasks masks{};
  for (int part = 0; part < 4; ++part) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk + 16 * part));
    const __m128i letter = InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
    const __m128i digit = InRange(v, '0', 10);
    const __m128i symbol = _mm_or_si128(_mm_or_si128(Equals(v, '@'), Equals(v, '$')),
                                        _mm_or_si128(Equals(v, '!'), Equals(v, '|')));
    const __m128i not_leet_digit = _mm_or_si128(_mm_or_si128(Equals(v, '2'), Equals(v, '6')),
                                                _mm_or_si128(Equals(v, '8'), Equals(v, '9')));
    const __m128i separator =
        _mm_or_si128(_mm_or_si128(_mm_or_si128(Equals(v, ' '), Equals(v, '.')),
                                  _mm_or_si128(Equals(v, '-'), Equals(v, '_'))),
                     _mm_or_si128(Equals(v, '*'), Equals(v, '/')));
    const __m128i space = _mm_or_si128(_mm_or_si128(_mm_or_si128(Equals(v, ' '), Equals(v, '\t')),
                                                    _mm_or_si128(Equals(v, '\n'), Equals(v, '\v'))),
                                       _mm_or_si128(Equals(v, '\f'), Equals(v, '\r')));
    const int shift = 16 * part;
    masks.letter |= Bits(letter) << shift;
    masks.leet |= Bits(_mm_or_si128(_mm_andnot_si128(not_leet_digit, digit), symbol)) << shift;
    masks.separator |= Bits(separator) << shift;
    masks.word |= Bits(_mm_or_si128(_mm_or_si128(letter, digit), symbol)) << shift;
    masks.non_ascii |= Bits(v) << shift;
    masks.symbol |= Bits(symbol) << shift;
    masks.space |= Bits(space) << shift;
  }
  return masks;
}

void ClassifySse2(const unsigned char* bytes, size_t size, size_t at, size_t count,
                  ClassMasks* out) {
  for (size_t k = 0; k < count; ++k) {
    out[k] = at + 64 * k < size ? ClassesOf(bytes, size, at + 64 * k) : ClassMasks{};
  }
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define HOLDFAST_TOKEN_FOLDING_VBMI 1
// AVX-512 VBMI: one masked load of 64 bytes (nothing read past the text), one two-register
// byte permute that looks up kClasses for all 64 at once, and one test per class.
[[gnu::target("avx512f,avx512bw")]] uint64_t HasClass(__m512i classes, __mmask64 ascii,
                                                      uint8_t bits) {
  return _mm512_mask_test_epi8_mask(ascii, classes, _mm512_set1_epi8(static_cast<char>(bits)));
}

[[gnu::target("avx512f,avx512bw,avx512vbmi")]] void ClassifyVbmi(const unsigned char* bytes,
                                                                 size_t size, size_t at,
                                                                 size_t count, ClassMasks* out) {
  const __m512i low = _mm512_loadu_si512(kClasses.data());
  const __m512i high = _mm512_loadu_si512(kClasses.data() + 64);
  for (size_t k = 0; k < count; ++k) {
    const size_t start = at + 64 * k;
    if (start >= size) {
      out[k] = ClassMasks{};
      continue;
    }
    const size_t left = size - start;
    const __mmask64 load = left >= 64 ? ~0ULL : (1ULL << left) - 1;
    const __m512i v = _mm512_maskz_loadu_epi8(load, bytes + start);
    const __mmask64 non_ascii = _mm512_movepi8_mask(v);
    const __mmask64 ascii = ~non_ascii & load;
    // The permute reads the low seven bits of each byte: ASCII's own classes.
    const __m512i classes = _mm512_permutex2var_epi8(low, v, high);
    out[k] = ClassMasks{HasClass(classes, ascii, kLetter),    HasClass(classes, ascii, kLeet),
                        HasClass(classes, ascii, kSeparator), HasClass(classes, ascii, kWord),
                        static_cast<uint64_t>(non_ascii),     HasClass(classes, ascii, kSymbol),
                        HasClass(classes, ascii, kSpace)};
  }
}
#endif

// MayNeedTokenFoldingPerByte's test on 64 bytes at once: the bytes of `current` that start a
// change FoldTokens makes. A class mask shifted by one bit is the class of the byte before or
// after, carried over from the chunks on either side.
uint64_t FoldingStarts(const ClassMasks& previous, const ClassMasks& current,
                       const ClassMasks& following) {
  const auto before = [&](uint64_t ClassMasks::*mask) {
    return (current.*mask << 1) | (previous.*mask >> 63);
  };
  const auto ahead = [&](uint64_t ClassMasks::*mask, int bytes_on) {
    return (current.*mask >> bytes_on) | (following.*mask << (64 - bytes_on));
  };
  const uint64_t leetspeak = current.leet &
                             (before(&ClassMasks::letter) | before(&ClassMasks::non_ascii)) &
                             (ahead(&ClassMasks::letter, 1) | ahead(&ClassMasks::leet, 1) |
                              ahead(&ClassMasks::non_ascii, 1));
  const uint64_t apart = current.letter & ~before(&ClassMasks::word) &
                         ahead(&ClassMasks::separator, 1) &
                         (ahead(&ClassMasks::letter, 2) | ahead(&ClassMasks::leet, 2)) &
                         (~(ahead(&ClassMasks::word, 3) | ahead(&ClassMasks::non_ascii, 3)) |
                          ahead(&ClassMasks::symbol, 3));
  const uint64_t spaces = current.space & ahead(&ClassMasks::space, 1);
  return leetspeak | apart | spaces;
}

// Chunks are classified 16 at a time (1 KiB), with the chunk after them for the look-ahead.
bool MayNeedTokenFoldingByChunk(std::string_view text, ChunkClassifier classify) {
  constexpr size_t kChunksPerPass = 16;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  const size_t chunks = (size + 63) / 64;
  ClassMasks masks[kChunksPerPass + 1];
  ClassMasks previous{};  // before the text: no part of a word
  for (size_t first = 0; first < chunks; first += kChunksPerPass) {
    const size_t count = std::min(kChunksPerPass, chunks - first);
    classify(bytes, size, 64 * first, count + 1, masks);
    for (size_t k = 0; k < count; ++k) {
      if (FoldingStarts(previous, masks[k], masks[k + 1]) != 0) {
        return true;
      }
      previous = masks[k];
    }
  }
  return false;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// CopyPlainViews with the passes apart: the reference, and the way on CPUs without VBMI.
std::optional<bool> CopyPlainViewsApart(std::string_view text, char* text_out, char* lexicon_out,
                                        bool ascii_only) {
  if (ascii_only && SkipAscii(text, 0) != text.size()) {
    return std::nullopt;
  }
  std::memcpy(text_out, text.data(), text.size());
  std::transform(text.begin(), text.end(), lexicon_out, LowerAscii);
  return MayNeedTokenFolding(text);
}

#if defined(HOLDFAST_TOKEN_FOLDING_VBMI)
// One chunk of CopyPlainViewsVbmi: loads the 64 bytes at `start` (fewer at the end), stores
// them to both outputs, ASCII letters lower-cased to the second, and classifies them. False if
// one of them is not ASCII and `ascii_only`.
[[gnu::target("avx512f,avx512bw,avx512vbmi")]] inline bool CopyChunkVbmi(
    const char* text, size_t size, size_t start, char* text_out, char* lexicon_out, bool ascii_only,
    __m512i low_classes, __m512i high_classes, ClassMasks& out) {
  if (start >= size) {
    out = ClassMasks{};
    return true;
  }
  const size_t left = size - start;
  const __mmask64 load = left >= 64 ? ~0ULL : (1ULL << left) - 1;
  const __m512i v = _mm512_maskz_loadu_epi8(load, text + start);
  const __mmask64 non_ascii = _mm512_movepi8_mask(v);
  if (ascii_only && non_ascii != 0) {
    return false;
  }
  const __mmask64 ascii = ~non_ascii & load;
  _mm512_mask_storeu_epi8(text_out + start, load, v);
  const __mmask64 upper =
      _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('A')), _mm512_set1_epi8(26));
  _mm512_mask_storeu_epi8(lexicon_out + start, load,
                          _mm512_mask_add_epi8(v, upper, v, _mm512_set1_epi8('a' - 'A')));
  const __m512i classes = _mm512_permutex2var_epi8(low_classes, v, high_classes);
  out = ClassMasks{HasClass(classes, ascii, kLetter),    HasClass(classes, ascii, kLeet),
                   HasClass(classes, ascii, kSeparator), HasClass(classes, ascii, kWord),
                   static_cast<uint64_t>(non_ascii),     HasClass(classes, ascii, kSymbol),
                   HasClass(classes, ascii, kSpace)};
  return true;
}

// Each chunk is loaded once for the ASCII check, both copies and the classes; its folding
// check runs once the chunk after it is classified.
[[gnu::target("avx512f,avx512bw,avx512vbmi")]] std::optional<bool> CopyPlainViewsVbmi(
    std::string_view text, char* text_out, char* lexicon_out, bool ascii_only) {
  const __m512i low = _mm512_loadu_si512(kClasses.data());
  const __m512i high = _mm512_loadu_si512(kClasses.data() + 64);
  const size_t size = text.size();
  ClassMasks previous{};  // before the text: no part of a word
  ClassMasks current{};
  ClassMasks following{};
  if (!CopyChunkVbmi(text.data(), size, 0, text_out, lexicon_out, ascii_only, low, high, current)) {
    return std::nullopt;
  }
  uint64_t starts = 0;
  for (size_t start = 0; start < size; start += 64) {
    if (!CopyChunkVbmi(text.data(), size, start + 64, text_out, lexicon_out, ascii_only, low, high,
                       following)) {
      return std::nullopt;
    }
    starts |= FoldingStarts(previous, current, following);
    previous = current;
    current = following;
  }
  return starts != 0;
}
#endif

std::vector<PlainViewsVariant> DetectCopyVariants() {
  std::vector<PlainViewsVariant> variants;
#if defined(HOLDFAST_TOKEN_FOLDING_VBMI)
  if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi")) {
    variants.push_back({"avx512vbmi", CopyPlainViewsVbmi});
  }
#endif
  variants.push_back({"apart", CopyPlainViewsApart});
  return variants;
}

std::vector<TokenFoldingVariant> DetectVariants() {
  std::vector<TokenFoldingVariant> variants;
#if defined(HOLDFAST_TOKEN_FOLDING_VBMI)
  if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi")) {
    variants.push_back({"avx512vbmi", [](std::string_view text) {
                          return MayNeedTokenFoldingByChunk(text, ClassifyVbmi);
                        }});
  }
#endif
#if defined(__SSE2__)
  variants.push_back({"sse2", [](std::string_view text) {
                        return MayNeedTokenFoldingByChunk(text, ClassifySse2);
                      }});
#endif
  variants.push_back({"per-byte", MayNeedTokenFoldingPerByte});
  return variants;
}

}  // namespace

std::span<const TokenFoldingVariant> MayNeedTokenFoldingVariants() {
  static const std::vector<TokenFoldingVariant> variants = DetectVariants();
  return variants;
}

bool MayNeedTokenFolding(std::string_view text) {
  // The fastest variant this machine runs, chosen once.
  static const auto check = MayNeedTokenFoldingVariants().front().check;
  return check(text);
}

std::span<const PlainViewsVariant> CopyPlainViewsVariants() {
  static const std::vector<PlainViewsVariant> variants = DetectCopyVariants();
  return variants;
}

std::optional<bool> CopyPlainViews(std::string_view text, char* text_out, char* lexicon_out,
                                   bool ascii_only) {
  static const auto copy = CopyPlainViewsVariants().front().copy;
  return copy(text, text_out, lexicon_out, ascii_only);
}

}  // namespace holdfast::rules
