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
#include "rules/internal/token_classes.h"

namespace holdfast::rules {
namespace {

using namespace token_classes;  // NOLINT(google-build-using-namespace): the byte classes

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

}  // namespace holdfast::rules
