// FoldTokens: the lexicon view's answer to leetspeak ("wh4tsapp") and letters written apart
// ("W h a t s A p p"). It works on bytes: every character it changes is ASCII, and the only
// thing it needs to know of other characters is whether they are letters.
//
// The rules, chosen so that words in disguise fold while numbers, codes and versions do not:
// - A token is a maximal run of letters (any script, with their combining marks), digits and
//   the symbols @ $ ! |. Symbols at a token's edges are punctuation and stay ("hello!",
//   "@jan"); what remains is the token's core.
// - A core folds only if it holds at least two letters and no four digits in a row: "2024",
//   "Q4", "3.5" and "NL91ABNA0417164300" never change.
// - Between letters, a run of 0 1 3 4 5 7 @ $ ! | folds to o i e a s t a s i l ("sh1t",
//   "l33t", "a$$hole", "wh@tsapp"); a run holding any other character stays ("x509cert").
// - A single 0 1 3 4 5 7 at the start or end of a core folds only if the core also folded
//   between letters ("h3ll0" -> "hello"); alone it is more likely a number ("mp3", "4th",
//   "win10", "covid19" all stay).
// - The "@" of an e-mail address ("jan@example.nl") is no "a": such a core stays as it is.
// - Three or more single letters, each next to the following by exactly one space, dot, dash
//   or underscore, join into one word ("k-a-n-k-e-r" -> "kanker"). A leetspeak character may
//   stand between them ("W h 4 t s" -> "whats").
// - A run of white space is one character: a line break if the run holds one, else its first.
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "rules/internal/text_folding.h"

namespace holdfast::rules {
namespace {

enum Class : uint8_t {
  kLetter = 1,     // an ASCII letter
  kDigit = 2,      // 0-9
  kLeet = 4,       // may stand for a letter: 0 1 3 4 5 7 @ $ ! |
  kSeparator = 8,  // may stand between letters written apart: space . - _ * /
  kWord = 16,      // an ASCII byte that is part of a token: letters, digits, @ $ ! |
  kNonAscii = 32,  // part of a code point beyond ASCII; whether a letter takes ICU to tell
  kSymbol = 64,    // @ $ ! |: leetspeak, or punctuation at a token's edge
  kSpace = 128,    // white space: space \t \n \v \f \r (runs of it become one character)
};

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 'a'; c <= 'z'; ++c) {
    classes[c] = classes[c - 'a' + 'A'] = kLetter | kWord;
  }
  for (int c = '0'; c <= '9'; ++c) {
    classes[c] = kDigit | kWord;
  }
  for (const unsigned char c : {'0', '1', '3', '4', '5', '7'}) {
    classes[c] |= kLeet;
  }
  for (const unsigned char c : {'@', '$', '!', '|'}) {
    classes[c] = kLeet | kWord | kSymbol;
  }
  for (const unsigned char c : {' ', '.', '-', '_', '*', '/'}) {
    classes[c] = kSeparator;
  }
  for (const unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) {
    classes[c] |= kSpace;
  }
  for (int c = 0x80; c < 0x100; ++c) {
    classes[c] = kNonAscii;
  }
  return classes;
}

constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

uint8_t ClassOf(char c) { return kClasses[static_cast<unsigned char>(c)]; }

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A symbol that may stand for a letter, but not a digit.
bool IsLeetSymbol(char c) { return (ClassOf(c) & kSymbol) != 0; }

// A digit or symbol inside a token: what leetspeak folds when every character allows it.
bool IsRunByte(char c) { return (ClassOf(c) & (kWord | kLetter)) == kWord; }

char LeetLetter(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
    case '!':
      return 'i';
    case '3':
      return 'e';
    case '4':
    case '@':
      return 'a';
    case '5':
    case '$':
      return 's';
    case '7':
      return 't';
    case '|':
      return 'l';
    default:
      return c;
  }
}

// Writes the output in place: FoldTokens never writes more bytes than it reads, so the
// output is sized to the input up front and trimmed at the end.
struct Writer {
  SourceText in;
  char* text;
  ByteSpan* spans;
  uint32_t size = 0;

  void Put(char c, ByteSpan from) {
    text[size] = c;
    spans[size] = from;
    ++size;
  }
  // Copies in.text[begin, end) with ASCII lower-cased; each byte maps to its whole code point.
  void CopyLowered(uint32_t begin, uint32_t end) {
    for (uint32_t pos = begin; pos < end;) {
      if (ClassOf(in.text[pos]) != kNonAscii) {
        Put(ToLowerAscii(in.text[pos]), in.Original(pos, pos + 1));
        ++pos;
        continue;
      }
      uint32_t next = pos + 1;
      while (next < end && IsContinuation(in.text[next])) {
        ++next;
      }
      const ByteSpan from = in.Original(pos, next);
      for (; pos < next; ++pos) {
        Put(in.text[pos], from);
      }
    }
  }
};

// The end of the code point at `pos` and whether it belongs to a token.
struct Unit {
  uint32_t end;
  bool word;
};

Unit UnitAt(std::string_view text, uint32_t pos) {
  const uint8_t c = ClassOf(text[pos]);
  if (c != kNonAscii) {
    return Unit{pos + 1, (c & kWord) != 0};
  }
  const int32_t code_point = DecodeUtf8(text, pos);
  return Unit{pos, u_isalpha(code_point) || (U_GET_GC_MASK(code_point) & U_GC_M_MASK) != 0};
}

// Letters written apart from `pos` (the start of a token): elements at pos, pos + 2, ...,
// each a single ASCII letter or leetspeak character followed by one separator, the same one
// throughout ("a l_o_s_e_r" is "a loser", not "aloser"); the last may be followed by
// anything that is not part of a word. The run starts at a letter and ends after its last
// letter.
struct SpacedRun {
  uint32_t end = 0;
  int letters = 0;
};

SpacedRun FindSpacedRun(std::string_view text, uint32_t pos) {
  SpacedRun run;
  const auto size = static_cast<uint32_t>(text.size());
  if ((ClassOf(text[pos]) & kLetter) == 0) {
    return run;
  }
  for (uint32_t p = pos; p < size; p += 2) {
    const uint8_t element = ClassOf(text[p]);
    // Alone in its token, or followed by punctuation ("k-a-n-k-e-r!"). A non-ASCII next
    // character may be a letter, so it ends the run.
    const uint8_t next = p + 1 < size ? ClassOf(text[p + 1]) : 0;
    if ((element & (kLetter | kLeet)) == 0 ||
        ((next & (kWord | kNonAscii)) != 0 && !IsLeetSymbol(text[p + 1]))) {
      break;
    }
    if ((element & kLetter) != 0) {
      run.end = p + 1;
      ++run.letters;
    }
    if ((next & kSeparator) == 0 || (p > pos && text[p + 1] != text[pos + 1])) {
      break;
    }
  }
  return run;
}

// Leetspeak in one token core, text[begin, end), which holds no symbol at either edge.
void FoldCore(uint32_t begin, uint32_t end, Writer& out) {
  const std::string_view text = out.in.text;
  int letters = 0;
  int digits_in_a_row = 0;
  bool too_many_digits = false;
  for (uint32_t pos = begin; pos < end; ++pos) {
    const uint8_t c = ClassOf(text[pos]);
    // Non-ASCII code points in a token are letters or marks; count each once, by its lead.
    letters += (c & kLetter) != 0 || (c == kNonAscii && !IsContinuation(text[pos]));
    digits_in_a_row = (c & kDigit) != 0 ? digits_in_a_row + 1 : 0;
    too_many_digits = too_many_digits || digits_in_a_row >= 4;
  }
  // Runs of digits and symbols; `interior` runs have a letter on both sides.
  auto for_each_run = [&](auto visit) {
    for (uint32_t pos = begin; pos < end;) {
      if (!IsRunByte(text[pos])) {
        ++pos;
        continue;
      }
      uint32_t run_end = pos + 1;
      bool all_leet = (ClassOf(text[pos]) & kLeet) != 0;
      for (; run_end < end && IsRunByte(text[run_end]); ++run_end) {
        all_leet = all_leet && (ClassOf(text[run_end]) & kLeet) != 0;
      }
      visit(pos, run_end, pos > begin && run_end < end, all_leet);
      pos = run_end;
    }
  };
  bool folds_between_letters = false;
  if (letters >= 2 && !too_many_digits) {
    for_each_run([&](uint32_t, uint32_t, bool interior, bool all_leet) {
      folds_between_letters = folds_between_letters || (interior && all_leet);
    });
  }
  if (!folds_between_letters) {
    out.CopyLowered(begin, end);
    return;
  }
  uint32_t copied = begin;
  for_each_run([&](uint32_t run_begin, uint32_t run_end, bool interior, bool all_leet) {
    out.CopyLowered(copied, run_begin);
    const bool fold =
        all_leet &&
        (interior || (run_end - run_begin == 1 && (ClassOf(text[run_begin]) & kDigit) != 0));
    for (uint32_t k = run_begin; k < run_end; ++k) {
      out.Put(fold ? LeetLetter(text[k]) : text[k], out.in.Original(k, k + 1));
    }
    copied = run_end;
  });
  out.CopyLowered(copied, end);
}

// True if text[begin, end) is the part of an e-mail address up to the first dot of its
// domain ("jan@example" in "jan@example.nl"), whose "@" is no leetspeak "a".
bool IsMailbox(std::string_view text, uint32_t begin, uint32_t end) {
  return end + 1 < text.size() && text[end] == '.' && (ClassOf(text[end + 1]) & kLetter) != 0 &&
         text.substr(begin, end - begin).find('@') != std::string_view::npos;
}

}  // namespace

void FoldTokens(SourceText in, MappedText& out) {
  out.Clear();
  out.text.resize(in.text.size());
  out.spans.resize(in.text.size());
  Writer writer{in, out.text.data(), out.spans.data()};
  const std::string_view text = in.text;
  const auto size = static_cast<uint32_t>(text.size());
  for (uint32_t pos = 0; pos < size;) {
    const Unit unit = UnitAt(text, pos);
    if ((ClassOf(text[pos]) & kSpace) != 0 && writer.size > 0 &&
        (ClassOf(writer.text[writer.size - 1]) & kSpace) != 0) {
      // A run of white space is one character: a line break if the run holds one.
      if (text[pos] == '\n' && writer.text[writer.size - 1] != '\n') {
        writer.text[writer.size - 1] = '\n';
        writer.spans[writer.size - 1] = in.Original(pos, pos + 1);
      }
      ++pos;
      continue;
    }
    if (!unit.word) {
      writer.CopyLowered(pos, unit.end);
      pos = unit.end;
      continue;
    }
    // A token starts at pos.
    if (const SpacedRun run = FindSpacedRun(text, pos); run.letters >= 3) {
      for (uint32_t k = pos; k < run.end; k += 2) {
        writer.Put(ToLowerAscii(LeetLetter(text[k])), in.Original(k, k + 1));
      }
      pos = run.end;
      continue;
    }
    uint32_t end = unit.end;
    while (end < size) {
      const Unit next = UnitAt(text, end);
      if (!next.word) {
        break;
      }
      end = next.end;
    }
    // Symbols at the edges are punctuation ("hello!", "@jan"), not letters in disguise.
    uint32_t core_begin = pos;
    uint32_t core_end = end;
    while (core_begin < core_end && IsLeetSymbol(text[core_begin])) {
      ++core_begin;
    }
    while (core_end > core_begin && IsLeetSymbol(text[core_end - 1])) {
      --core_end;
    }
    writer.CopyLowered(pos, core_begin);
    if (IsMailbox(text, core_begin, core_end)) {
      writer.CopyLowered(core_begin, core_end);
    } else {
      FoldCore(core_begin, core_end, writer);
    }
    writer.CopyLowered(core_end, end);
    pos = end;
  }
  out.text.resize(writer.size);
  out.spans.resize(writer.size);
}

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

// MayNeedTokenFoldingPerByte's test on 64 bytes at once: a class mask shifted by one bit is
// the class of the byte before or after, carried over from the chunks on either side. Chunks
// are classified 16 at a time (1 KiB), with the chunk after them for the look-ahead.
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
      const ClassMasks& current = masks[k];
      const ClassMasks& following = masks[k + 1];
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
      if ((leetspeak | apart | spaces) != 0) {
        return true;
      }
      previous = current;
    }
  }
  return false;
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

}  // namespace holdfast::rules
