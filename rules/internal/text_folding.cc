// FoldText and FoldCase: the Unicode stages of the views, through ICU's C API on buffers the
// caller keeps, so that a warm TextView allocates nothing; and CopyFoldedSameLength, FoldCase
// for a scan batch's texts whose folding keeps every character's length.
//
// NFKC is applied one normalization segment at a time: a code point that ICU says has a
// boundary before it starts a segment, and normalizing segments separately equals normalizing
// the whole text. That gives the offset map for free (every output byte of a segment maps to
// the segment) and lets most characters skip ICU: ASCII, and the "plain" code points that a
// table derived from ICU at first use says no stage changes on their own (é, ü, ’, —, 東...).
#include "rules/internal/text_folding.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <cstring>

#include "rules/internal/confusables.h"
#include "rules/internal/utf8.h"

namespace holdfast::rules {
namespace {

// ICU owns the instance for the life of the process. Null only if ICU's data is missing;
// the view is then built without NFKC rather than not at all.
const UNormalizer2* Nfkc() {
  static const UNormalizer2* const nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* instance = unorm2_getNFKCInstance(&status);
    return U_SUCCESS(status) ? instance : nullptr;
  }();
  return nfkc;
}

bool IsAsciiByte(char c) { return static_cast<unsigned char>(c) < 0x80; }

// Zero-width characters, soft hyphen, bidi controls, variation selectors, tags...
bool IsIgnorable(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT); }

// Code points below kPlainLimit (the Basic Multilingual Plane and the Supplementary
// Multilingual Plane, where emoji live) that a stage copies unchanged, so it need not ask ICU
// about them one by one. `text`: FoldText's plain code points, which start a segment,
// are their own NFKC alone, and are neither ignorable, a space separator nor a look-alike.
// They may still combine with a mark that follows (é + U+0323), which FoldText allows for.
// `fold`: FoldCase's, which case folding leaves alone and are no look-alike.
constexpr UChar32 kPlainLimit = 0x20000;

struct PlainCodePoints {
  std::bitset<kPlainLimit> text;
  std::bitset<kPlainLimit> fold;
};

PlainCodePoints DerivePlainCodePoints() {
  PlainCodePoints plain;
  const UNormalizer2* nfkc = Nfkc();
  for (UChar32 c = 0x80; c < kPlainLimit; ++c) {
    // U+FFFD also stands for invalid UTF-8, whose bytes must not be copied.
    if (U_IS_SURROGATE(c) || c == 0xFFFD || LatinLookAlike(c) != 0) {
      continue;
    }
    UChar alone[U16_MAX_LENGTH];
    int32_t alone_length = 0;
    U16_APPEND_UNSAFE(alone, alone_length, c);
    UErrorCode status = U_ZERO_ERROR;
    plain.text[static_cast<size_t>(c)] = nfkc != nullptr && unorm2_hasBoundaryBefore(nfkc, c) &&
                                         unorm2_isNormalized(nfkc, alone, alone_length, &status) &&
                                         U_SUCCESS(status) && !IsIgnorable(c) &&
                                         u_charType(c) != U_SPACE_SEPARATOR;
    plain.fold[static_cast<size_t>(c)] = !u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED);
  }
  return plain;
}

const PlainCodePoints& Plain() {
  static const PlainCodePoints plain = DerivePlainCodePoints();
  return plain;
}

bool IsPlainText(UChar32 c) { return c < kPlainLimit && Plain().text[static_cast<size_t>(c)]; }
bool IsPlainFold(UChar32 c) { return c < kPlainLimit && Plain().fold[static_cast<size_t>(c)]; }

// U+00C0..U+00DE but U+00D7 (×): Latin-1's capitals, which fold to the letter 0x20 on
// ("É" -> "é"), two bytes each, without asking ICU.
bool IsLatin1Capital(UChar32 c) { return c >= 0xC0 && c <= 0xDE && c != 0xD7; }

void AppendCodePoint(UChar32 c, ByteSpan from, MappedText& out) {
  char bytes[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, c);
  for (int32_t k = 0; k < length; ++k) {
    out.Append(bytes[k], from);
  }
}

// Full case folding of `c` into `folded` (at most three code points, as UTF-16); the number
// of UTF-16 units written, or -1 if ICU fails.
int32_t FoldCodePoint(UChar32 c, UChar (&folded)[8]) {
  UChar unfolded[U16_MAX_LENGTH];
  int32_t unfolded_length = 0;
  U16_APPEND_UNSAFE(unfolded, unfolded_length, c);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length =
      u_strFoldCase(folded, 8, unfolded, unfolded_length, U_FOLD_CASE_DEFAULT, &status);
  return U_FAILURE(status) ? -1 : length;
}

// Copies in.text[begin, end), one code point, unchanged.
void AppendBytes(std::string_view text, uint32_t begin, uint32_t end, ByteSpan from,
                 MappedText& out) {
  for (uint32_t pos = begin; pos < end; ++pos) {
    out.Append(text[pos], from);
  }
}

// NFKC of in[0, length) into `out`, growing it when ICU reports overflow (a segment that
// expands more than usual; the next one of its size then fits). Returns the output length,
// or -1 if ICU fails.
int32_t Normalize(const UNormalizer2* nfkc, const char16_t* in, int32_t length,
                  std::vector<char16_t>& out) {
  const size_t usual = 3 * static_cast<size_t>(length) + 16;
  if (out.size() < usual) {
    out.resize(std::max(usual, 2 * out.size()));
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t written =
        unorm2_normalize(nfkc, in, length, out.data(), static_cast<int32_t>(out.size()), &status);
    if (status != U_BUFFER_OVERFLOW_ERROR) {
      return U_SUCCESS(status) ? written : -1;
    }
    out.resize(static_cast<size_t>(written));
  }
  return -1;
}

// Folds original[begin, end), one segment, into `out`; every byte maps to the whole segment.
void FoldSegment(std::string_view original, uint32_t begin, uint32_t end, const UNormalizer2* nfkc,
                 Utf16Scratch& scratch, MappedText& out) {
  const ByteSpan from{begin, end};
  // UTF-16 never has more units than the UTF-8 it came from has bytes.
  if (scratch.in.size() < end - begin) {
    scratch.in.resize(std::max<size_t>(end - begin, 2 * scratch.in.size()));
  }
  int32_t length = 0;
  for (uint32_t pos = begin; pos < end;) {
    const UChar32 c = DecodeUtf8(original, pos);
    if (!IsIgnorable(c)) {
      U16_APPEND_UNSAFE(scratch.in.data(), length, c);
    }
  }
  const char16_t* normalized = scratch.in.data();
  int32_t normalized_length = length;
  if (nfkc != nullptr && length > 0) {
    const int32_t written = Normalize(nfkc, scratch.in.data(), length, scratch.out);
    if (written >= 0) {
      normalized = scratch.out.data();
      normalized_length = written;
    }
  }
  for (int32_t k = 0; k < normalized_length;) {
    UChar32 c = 0;
    U16_NEXT(normalized, k, normalized_length, c);
    if (IsIgnorable(c)) {
      continue;
    }
    if (u_charType(c) == U_SPACE_SEPARATOR) {
      out.Append(' ', from);
    } else if (const char latin = LatinLookAlike(c); latin != 0) {
      // A look-alike with a combining mark ("а" + U+0301) stays decomposed: patterns match
      // letters, and the mark still shows in the view.
      out.Append(latin, from);
    } else {
      AppendCodePoint(c, from, out);
    }
  }
}

}  // namespace

int32_t DecodeUtf8(std::string_view text, uint32_t& pos) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data()) + pos;
  const auto length = static_cast<int32_t>(std::min<size_t>(text.size() - pos, U8_MAX_LENGTH));
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(bytes, i, length, c);
  pos += static_cast<uint32_t>(i);
  return c < 0 ? 0xFFFD : c;
}

void AppendAsciiRun(SourceText in, uint32_t begin, uint32_t end, bool lower, MappedText& out) {
  const size_t at = out.text.size();
  const uint32_t length = end - begin;
  out.text.append(in.text.data() + begin, length);
  if (lower) {
    std::transform(out.text.begin() + static_cast<std::ptrdiff_t>(at), out.text.end(),
                   out.text.begin() + static_cast<std::ptrdiff_t>(at), ToLowerAscii);
  }
  out.spans.resize(at + length);
  ByteSpan* spans = out.spans.data() + at;
  if (in.spans != nullptr) {
    std::copy(in.spans + begin, in.spans + end, spans);
    return;
  }
  for (uint32_t k = 0; k < length; ++k) {
    spans[k] = ByteSpan{begin + k, begin + k + 1};
  }
}

void PrepareFolding() { Plain(); }

TextKind ClassifyText(std::string_view text) {
  const auto size = static_cast<uint32_t>(text.size());
  const PlainCodePoints& plain = Plain();
  bool ascii = true;
  bool fold = true;
  bool other = false;
  for (size_t pos = SkipAscii(text, 0); pos < size; pos = SkipAscii(text, pos)) {
    ascii = false;
    // The code points of a run that is not ASCII ("😊😊", "’s"), decoded and checked at once.
    do {
      const Utf8Sequence sequence = DecodeStrictUtf8(text, pos);
      if (sequence.length == 0) {
        return TextKind::kInvalid;
      }
      const uint32_t c = sequence.code_point;
      if (c >= kPlainLimit || !plain.text[c]) {
        other = true;  // the rest is still checked for invalid UTF-8
      } else {
        fold = fold && plain.fold[c];
      }
      pos += sequence.length;
    } while (pos < size && !IsAsciiByte(text[pos]));
  }
  return other   ? TextKind::kOther
         : ascii ? TextKind::kAscii
         : fold  ? TextKind::kPlain
                 : TextKind::kPlainText;
}

void FoldText(std::string_view original, Utf16Scratch& scratch, MappedText& out) {
  out.Clear();
  out.Reserve(original.size() + original.size() / 8 + 16);
  const UNormalizer2* nfkc = Nfkc();
  const auto size = static_cast<uint32_t>(original.size());
  // The open segment [segment_begin, segment_end), empty when they are equal, is folded when
  // the next one starts, since a combining mark may still join it. A `simple` segment is one
  // ASCII or plain code point, copied as it is.
  uint32_t segment_begin = 0;
  uint32_t segment_end = 0;
  bool simple = false;
  auto flush = [&] {
    if (simple) {
      AppendBytes(original, segment_begin, segment_end, ByteSpan{segment_begin, segment_end}, out);
    } else if (segment_end > segment_begin) {
      FoldSegment(original, segment_begin, segment_end, nfkc, scratch, out);
    }
    segment_begin = segment_end;
  };
  for (uint32_t pos = 0; pos < size;) {
    if (IsAsciiByte(original[pos])) {
      uint32_t run_end = pos + 1;
      while (run_end < size && IsAsciiByte(original[run_end])) {
        ++run_end;
      }
      flush();
      // Each ASCII byte is a segment of its own; only the last of a run can still take a mark.
      AppendAsciiRun(SourceText{original, nullptr}, pos, run_end - 1, false, out);
      segment_begin = run_end - 1;
      segment_end = run_end;
      simple = true;
      pos = run_end;
      continue;
    }
    const uint32_t start = pos;
    const UChar32 c = DecodeUtf8(original, pos);
    if (IsPlainText(c)) {
      flush();
      segment_begin = start;
      simple = true;
    } else if (IsIgnorable(c)) {
      continue;  // dropped; inside a segment FoldSegment skips it, between segments no one sees it
    } else if (segment_end == segment_begin || nfkc == nullptr ||
               unorm2_hasBoundaryBefore(nfkc, c)) {
      flush();
      segment_begin = start;
      simple = false;
    } else {
      simple = false;  // a mark joins the open segment
    }
    segment_end = pos;
  }
  flush();
}

void FoldCase(SourceText in, MappedText& out) {
  out.Clear();
  out.Reserve(in.text.size() + in.text.size() / 8 + 16);
  const auto size = static_cast<uint32_t>(in.text.size());
  for (uint32_t pos = 0; pos < size;) {
    if (IsAsciiByte(in.text[pos])) {
      uint32_t run_end = pos + 1;
      while (run_end < size && IsAsciiByte(in.text[run_end])) {
        ++run_end;
      }
      AppendAsciiRun(in, pos, run_end, true, out);
      pos = run_end;
      continue;
    }
    const uint32_t start = pos;
    const UChar32 c = DecodeUtf8(in.text, pos);
    const ByteSpan from = in.Original(start, pos);
    if (IsPlainFold(c)) {
      AppendBytes(in.text, start, pos, from, out);
      continue;
    }
    if (c == 0x130) {
      // Turkish capital dotted I folds to "i" + U+0307 by default; words lists want "i".
      out.Append('i', from);
      continue;
    }
    UChar folded[8];
    const int32_t folded_length = FoldCodePoint(c, folded);
    if (folded_length < 0) {
      AppendCodePoint(c, from, out);
      continue;
    }
    for (int32_t k = 0; k < folded_length;) {
      UChar32 f = 0;
      U16_NEXT(folded, k, folded_length, f);
      if (const char latin = LatinLookAlike(f); latin != 0) {
        out.Append(ToLowerAscii(latin), from);
      } else {
        AppendCodePoint(f, from, out);
      }
    }
  }
}

bool CopyFoldedSameLength(std::string_view text, char* out) {
  const size_t size = text.size();
  for (size_t pos = 0; pos < size;) {
    const size_t run_end = SkipAscii(text, pos);
    std::transform(text.data() + pos, text.data() + run_end, out + pos, ToLowerAscii);
    for (pos = run_end; pos < size && !IsAsciiByte(text[pos]);) {
      const size_t start = pos;
      const Utf8Sequence sequence = DecodeStrictUtf8(text, pos);
      if (sequence.length == 0) {
        return false;  // not UTF-8, which callers promise it is
      }
      pos += sequence.length;
      const auto c = static_cast<UChar32>(sequence.code_point);
      if (IsPlainFold(c)) {
        std::memcpy(out + start, text.data() + start, sequence.length);
        continue;
      }
      UChar32 f = 0;
      if (IsLatin1Capital(c)) {
        f = c + 0x20;
      } else {
        UChar folded[8];
        const int32_t folded_length = c == 0x130 ? -1 : FoldCodePoint(c, folded);
        if (folded_length <= 0) {
          return false;  // ICU failed, or U+0130, which FoldCase writes as "i" (one byte)
        }
        int32_t k = 0;
        U16_NEXT(folded, k, folded_length, f);
        // One code point of the same length that is no look-alike: FoldCase writes it as it
        // is.
        if (k != folded_length || U8_LENGTH(f) != static_cast<int32_t>(sequence.length) ||
            LatinLookAlike(f) != 0) {
          return false;
        }
      }
      int32_t written = 0;
      U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(out + start), written, f);
    }
  }
  return true;
}

}  // namespace holdfast::rules
