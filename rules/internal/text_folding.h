// The stages that build a TextView. Each stage reads a text whose bytes map to original
// bytes and writes a new one, so the map of the last stage leads straight to the original:
//   kText:    original -> FoldText
//   kLexicon: original -> FoldText -> FoldCase -> FoldTokens   (ASCII: original -> FoldTokens)
// FoldText and FoldCase live in text_folding.cc, FoldTokens in token_folding.cc.
// Thread safety: the functions are reentrant; MappedText and Utf16Scratch are per-thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/text_view.h"

namespace holdfast::rules {

// A stage's output: `text`, and for each of its bytes the original bytes behind it. Clearing
// keeps the capacity, so a warm MappedText allocates nothing for texts it has seen the like of.
struct MappedText {
  std::string text;
  std::vector<ByteSpan> spans;  // spans[i]: the original bytes that produced text[i]

  void Clear() {
    text.clear();
    spans.clear();
  }
  // Grows geometrically, so texts that grow a little at a time do not reallocate each time.
  void Reserve(size_t size) {
    if (size > text.capacity()) {
      text.reserve(std::max(size, 2 * text.capacity()));
    }
    if (size > spans.capacity()) {
      spans.reserve(std::max(size, 2 * spans.capacity()));
    }
  }
  void Append(char c, ByteSpan from) {
    text.push_back(c);
    spans.push_back(from);
  }
};

// A stage's input: text, and where its bytes came from. spans == nullptr means the text is
// the original itself.
struct SourceText {
  std::string_view text;
  const ByteSpan* spans = nullptr;

  // The original bytes behind text bytes [begin, end). REQUIRES: begin < end <= text.size().
  ByteSpan Original(uint32_t begin, uint32_t end) const {
    if (spans == nullptr) {
      return ByteSpan{begin, end};
    }
    return ByteSpan{spans[begin].begin, spans[end - 1].end};
  }
};

// Working space for ICU's UTF-16 calls, kept between texts.
struct Utf16Scratch {
  std::vector<char16_t> in;
  std::vector<char16_t> out;
};

inline char ToLowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// The code point at text[pos], advancing `pos` past it. Invalid UTF-8 (which callers promise
// not to pass) reads as U+FFFD over the bytes it spans, so it is never lost or fatal.
// REQUIRES: pos < text.size().
int32_t DecodeUtf8(std::string_view text, uint32_t& pos);

// Appends in.text[begin, end), which is ASCII, lower-cased if `lower`.
void AppendAsciiRun(SourceText in, uint32_t begin, uint32_t end, bool lower, MappedText& out);

// Loads ICU's normalization data and derives the tables the stages use, so that the first
// text does not pay for them. Safe to call from any thread, any number of times.
void PrepareFolding();

// How much of the folding a text needs, found in one pass that skips ASCII eight bytes at a
// time. Most chat posts are kAscii or kPlain, and their views need no stage but FoldTokens.
enum class TextKind : uint8_t {
  kAscii,  // ASCII only
  kPlain,  // every code point is ASCII or one FoldText and FoldCase copy as it is (é, ’, 👍)
  kPlainText,  // as kPlain for FoldText only: FoldCase changes something (É)
  kOther,      // anything FoldText may change: marks, ignorables, spaces, look-alikes, NFKC
  kInvalid,    // not strict UTF-8 (rules/internal/utf8.h)
};

// Also checks that the text is strict UTF-8, so that a scan reads each text once for both.
TextKind ClassifyText(std::string_view text);

// The kText view of valid UTF-8 `original`: NFKC; default-ignorable code points (zero-width,
// soft hyphen, bidi controls...) removed; space separators as ' '; Cyrillic and Greek
// look-alikes as the Latin letter. Each output byte maps to the whole normalization segment
// (a starter and the marks that combine with it) it came from. Invalid UTF-8 becomes U+FFFD.
void FoldText(std::string_view original, Utf16Scratch& scratch, MappedText& out);

// Full case folding of a kText view (U+0130 "İ" folds to "i", not "i" + U+0307), then
// look-alikes once more, since folding can make one (Greek "Σ" -> "σ", which looks like "o").
// ASCII letters are lower-cased too.
void FoldCase(SourceText in, MappedText& out);

// FoldCase's output for valid UTF-8 `text` (a kText view) written to `out` (text.size()
// bytes), when every code point it changes becomes one of the same length ("É" -> "é"), so
// that view byte i comes from text byte i; false otherwise ("ß" -> "ss", "İ" -> "i"),
// having written some part of `out`.
bool CopyFoldedSameLength(std::string_view text, char* out);

// Leetspeak and letters written apart, as described in text_view.h; ASCII letters are
// lower-cased. `in` is case-folded (or ASCII).
void FoldTokens(SourceText in, MappedText& out);

// False if FoldTokens would change nothing in `text` but ASCII case: one cheap pass that
// treats every non-ASCII byte as part of a letter. True may still turn out to be no change.
// It runs on every post, 64 bytes at a time: with AVX-512 VBMI where the CPU has it (one
// table lookup for 64 bytes), else with SSE2.
bool MayNeedTokenFolding(std::string_view text);
// The same answer one byte at a time: the reference the chunked versions are tested against.
bool MayNeedTokenFoldingPerByte(std::string_view text);

// Every way of computing MayNeedTokenFolding this machine can run, fastest first and the
// per-byte reference last; MayNeedTokenFolding uses the first. For tests.
struct TokenFoldingVariant {
  const char* name;
  bool (*check)(std::string_view text);
};
std::span<const TokenFoldingVariant> MayNeedTokenFoldingVariants();

// For a scan batch, a text of kind kAscii or kPlain (see ClassifyText): copies it to
// `text_out` and, with its ASCII letters in lower case, to `lexicon_out` (text.size() bytes
// each), and returns MayNeedTokenFolding(text), reading each byte once. Such a text is its own
// kText view, and its kLexicon view is that lower-case copy unless the answer is true.
// With `ascii_only`, returns nullopt at the first byte that is not ASCII, having written some
// part of both outputs; so a caller can try it before it classifies the text.
std::optional<bool> CopyPlainViews(std::string_view text, char* text_out, char* lexicon_out,
                                   bool ascii_only);

// Every way of computing CopyPlainViews this machine can run, fastest first; the last copies
// and checks in passes apart. For tests.
struct PlainViewsVariant {
  const char* name;
  std::optional<bool> (*copy)(std::string_view text, char* text_out, char* lexicon_out,
                              bool ascii_only);
};
std::span<const PlainViewsVariant> CopyPlainViewsVariants();

}  // namespace holdfast::rules
