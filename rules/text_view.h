// TextView: the normalized text a rule scans, and the way back from a match in it to the bytes
// of the original post. Each rule names the view it scans (see "Views" in policy.h).
//
// View::kText, for patterns that care about case (keys, tokens) and for everything else:
// - NFKC: full-width forms, ligatures, superscripts, circled and styled letters become plain
//   ("ＣＯＮＦＩＤＥＮＴＩＡＬ" -> "CONFIDENTIAL", "ﬁ" -> "fi", "²" -> "2", full-width digits
//   -> ASCII digits);
// - default-ignorable code points are removed: zero-width space, joiner and non-joiner, word
//   joiner, BOM, soft hyphen, bidi controls (U+200E/F, U+202A..E, U+2066..9), variation
//   selectors, tags;
// - every space separator (U+00A0, U+2009, U+202F, U+3000, en and em spaces...) is ' ';
// - a Cyrillic or Greek letter that UTS #39 says looks like a Latin letter is that letter,
//   in the same case where Latin has one ("WhаtsАpp" with Cyrillic а and А -> "WhatsApp",
//   "ΒΑΝΚ" -> "BANK");
// - nothing else changes: case, digits, punctuation, tabs and newlines, emoji stay.
//
// View::kLexicon, for word lists (profanity, off-channel phrases, codenames): the kText view,
// - case-folded (full folding: "ß" -> "ss", "İ" -> "i"), with look-alikes mapped once more;
// - leetspeak folded in tokens that hold at least two letters and no four digits in a row:
//   "wh4tsapp" -> "whatsapp", "c0nf1dent1al" -> "confidential", "h3ll0" -> "hello"; never
//   "2024", "Q4", "mp3", "covid19", "4th" or "NL91ABNA0417164300" (rules in token_folding.cc);
// - three or more single letters written apart by one space, dot, dash or underscore each
//   joined: "use W h a t s A p p now" -> "use whatsapp now", "k-a-n-k-e-r" -> "kanker";
// - each run of white space (space, tab, line break, \v, \f) one character: a line break if
//   the run holds one, else its first ("take  this\n\n offline" -> "take this\noffline"). A
//   lexicon pattern never sees two white space characters in a row, so "\s{1,3}" in it is
//   "\s", which Hyperscan runs far faster (rules/internal/trigger_mode.h).
// ASCII case is left to the matcher: a kLexicon view that is identity() keeps ASCII letters
// as written (so that plain ASCII posts are not copied), a built one has them in lower case.
// Patterns over kLexicon must therefore match ASCII case-insensitively, and be written
// case-folded outside ASCII (build a kLexicon view of a literal to fold it the same way).
//
// Offsets: every view byte comes from one code point of the original, or from one
// normalization segment (a character and the combining marks that join it). ToOriginal maps
// view bytes to those, so an original span never splits a code point. Removed characters
// belong to no view byte; a span between two view bytes covers what was removed between them.
//
// A TextView owns its buffers and reuses them: once it has built views of texts like the
// current one, Build allocates nothing. A plain ASCII text with nothing to fold costs one pass
// and no copy. Thread safety: per-thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "rules/policy.h"  // View

namespace holdfast::rules {

enum class TextKind : uint8_t;  // rules/internal/text_folding.h

// Bytes [begin, end) of a text.
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

class TextView {
 public:
  // Loads ICU's data and derives its tables up front (about 10 ms, once per process), so the
  // first Build does not pay for them.
  TextView();
  ~TextView();
  TextView(TextView&&) noexcept;
  TextView& operator=(TextView&&) noexcept;

  // Builds the view of `text`, replacing the previous one.
  // REQUIRES: text is valid UTF-8 (anything else reads as U+FFFD), at most 4 GiB - 1 bytes,
  // and outlives the use of text() while identity().
  // `text_view`, if given, is the kText view of the same text, already built and alive: a
  // kLexicon view then starts from it instead of normalizing the text again.
  void Build(std::string_view text, View view, const TextView* text_view = nullptr);
  // As Build, for a caller that has classified the text already: kind is ClassifyText(text)
  // (rules/internal/text_folding.h). A kLexicon view given `text_view` takes that view's kind.
  void Build(std::string_view text, View view, const TextView* text_view, TextKind kind);
  // As Build, for a caller that knows the view is the text itself (a kLexicon view: but for
  // ASCII case), as CopyAsciiViews (rules/internal/text_folding.h) tells of an ASCII text.
  void BuildIdentity(std::string_view text, TextKind kind);

  // The view. When identity() it is the text passed to Build; otherwise it lives in this
  // TextView until the next Build.
  std::string_view text() const { return text_; }

  // True when the view is byte for byte the input, or (kLexicon) differs only in ASCII case.
  // ToOriginal is then the identity, widened to whole code points.
  bool identity() const { return identity_; }

  // The original bytes that produced view bytes [begin, end): from the start of the code
  // point or segment behind view byte `begin` to the end of the one behind byte `end - 1`.
  // An empty span (begin == end) maps to the empty span where view byte `begin` starts.
  // REQUIRES: begin <= end <= text().size().
  ByteSpan ToOriginal(uint32_t begin, uint32_t end) const;

 private:
  struct Buffers;

  void SetIdentity();
  void SetBuilt(std::string_view built, const ByteSpan* spans);

  std::unique_ptr<Buffers> buffers_;
  std::string_view original_;
  std::string_view text_;
  const ByteSpan* spans_ = nullptr;  // spans_[i]: original bytes behind text_[i]; null when
                                     // identity_
  bool identity_ = true;
  TextKind kind_{};  // of the text passed to Build (a kLexicon view reuses it)
};

}  // namespace holdfast::rules
