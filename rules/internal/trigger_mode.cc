#include "rules/internal/trigger_mode.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

namespace holdfast::rules {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// Letter escapes that mean the same byte or ASCII class, or the same assertion, in both
// modes (without HS_FLAG_UCP, \w \d \s \b are ASCII in UTF-8 mode too). \h and \v are not
// here: they take Unicode spaces in UTF-8 mode.
bool IsByteSafeEscape(char c) { return std::strchr("swdbBntrfeaAzZ", c) != nullptr; }

// Escapes for "any character but ...": one code point in UTF-8 mode, one byte in byte mode.
bool IsNegatedEscape(char c) { return std::strchr("SWD", c) != nullptr; }

// Repetition counts up to which a widened atom keeps a bound; above it the bound is dropped,
// which Hyperscan compiles far faster (the confirmation window keeps the exact bound).
constexpr int kMaxWidenedBound = 64;

// One walk over a regex, writing it out again: with ASCII letters lowercased (kLower), with
// every atom that takes one code point widened to the 1 to 4 bytes of one (kBytes),
// or with repetitions of \s collapsed (kCollapse).
enum class Mode { kLower, kBytes, kCollapse };

struct Walk {
  std::string_view regex;
  bool caseless = false;
  Mode mode = Mode::kLower;
  size_t i = 0;
  bool byte_safe = true;  // kBytes: the output matches at least what `regex` matches in UTF-8
  bool lowerable = true;  // kLower: the output means what `regex` meant caselessly
  std::string out;        // the output, in either mode

  bool done() const { return i >= regex.size(); }
  char Letter(char c) const {
    return mode == Mode::kLower && IsUpperAscii(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }

  // A repetition operator at `at`: its bounds and where it ends (before a lazy or possessive
  // suffix); nullopt if none stands there (a brace may be a literal one).
  struct Repeat {
    int low = 0;
    int high = -1;  // -1: no upper bound
    size_t end = 0;
  };
  std::optional<Repeat> RepeatAt(size_t at) const {
    if (at >= regex.size()) {
      return std::nullopt;
    }
    switch (regex[at]) {
      case '*':
        return Repeat{0, -1, at + 1};
      case '+':
        return Repeat{1, -1, at + 1};
      case '?':
        return Repeat{0, 1, at + 1};
      case '{':
        break;
      default:
        return std::nullopt;
    }
    size_t end = at + 1;
    Repeat repeat;
    bool comma = false;
    for (; end < regex.size() && regex[end] != '}'; ++end) {
      const char c = regex[end];
      if (c == ',' && !comma) {
        comma = true;
        repeat.high = 0;
      } else if (c >= '0' && c <= '9') {
        int& n = comma ? repeat.high : repeat.low;
        n = std::min(n * 10 + (c - '0'), 100000);
      } else {
        break;
      }
    }
    if (end >= regex.size() || regex[end] != '}' || end == at + 1) {
      return std::nullopt;
    }
    if (comma && end == regex.find(',', at) + 1) {
      repeat.high = -1;  // {m,}
    } else if (!comma) {
      repeat.high = repeat.low;  // {m}
    }
    repeat.end = end + 1;
    return repeat;
  }
  void LazySuffix() {
    if (!done() && (regex[i] == '?' || regex[i] == '+')) {
      Copy(1);
    }
  }

  // After an atom that takes one code point of any length, in kBytes mode: its repetition
  // count in bytes, 1 to 4 per code point.
  void Widen() {
    if (mode != Mode::kBytes) {
      return;
    }
    const std::optional<Repeat> repeat = RepeatAt(i);
    if (!repeat) {
      out += "{1,4}";
      return;
    }
    if (regex[i] == '*' || regex[i] == '+') {
      Copy(1);
      return LazySuffix();
    }
    if (regex[i] == '?') {
      out += "{0,4}";
      ++i;
      return LazySuffix();
    }
    i = repeat->end;
    out += '{';
    out += std::to_string(repeat->low);
    out += ',';
    if (repeat->high >= 0 && 4 * repeat->high <= kMaxWidenedBound) {
      out += std::to_string(4 * repeat->high);
    }
    out += "}";
    LazySuffix();
  }

  // After \s, in kCollapse mode: a repetition that may take one character is one \s (or
  // \s?), all it can take where white space never repeats.
  void CollapseSpaces() {
    const std::optional<Repeat> repeat = RepeatAt(i);
    if (!repeat) {
      return;
    }
    if (repeat->low >= 2) {
      return;  // never matches a lexicon view; left as it is
    }
    out += repeat->low == 0 ? "?" : "";
    i = repeat->end;
    if (!done() && (regex[i] == '?' || regex[i] == '+')) {
      ++i;  // lazy or possessive: the same one character
    }
  }

  void Copy(size_t count) {
    const size_t end = std::min(regex.size(), i + count);
    out.append(regex.substr(i, end - i));
    i = end;
  }
  void CopyThrough(char close) {
    const size_t end = regex.find(close, i);
    Copy(end == std::string_view::npos ? regex.size() - i : end - i + 1);
  }

  // A non-ASCII character: the same bytes in byte mode unless a caseless match would fold
  // it; lowercasing leaves it, which is right only if it is already in folded form.
  void NonAscii(bool in_class) {
    int32_t at = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(regex.data(), at, static_cast<int32_t>(regex.size()), c);
    const bool has_case =
        c < 0 || u_tolower(c) != c || u_toupper(c) != c || u_foldCase(c, U_FOLD_CASE_DEFAULT) != c;
    if (in_class || (caseless && has_case)) {
      byte_safe = false;
    }
    if (c < 0 || u_foldCase(c, U_FOLD_CASE_DEFAULT) != c) {
      lowerable = false;
    }
    Copy(static_cast<size_t>(at) - i);
  }

  void Escape(bool in_class = false) {
    if (i + 1 >= regex.size()) {
      byte_safe = lowerable = false;
      Copy(1);
      return;
    }
    const char c = regex[i + 1];
    if (!IsAsciiAlnum(c)) {
      Copy(2);
      return;
    }
    if (mode == Mode::kCollapse && c == 's' && !in_class) {
      Copy(2);
      return CollapseSpaces();
    }
    const bool widened = IsNegatedEscape(c) && !in_class;
    if (!IsByteSafeEscape(c) && !widened) {
      byte_safe = false;
    }
    if (c == 'Q' || c == 'E' || c == 'c') {
      lowerable = false;
    }
    Copy(2);
    if (widened) {
      return Widen();
    }
    if (std::strchr("pPxNo", c) != nullptr && !done()) {
      if (regex[i] == '{') {
        CopyThrough('}');
      } else if (c == 'p' || c == 'P') {
        Copy(1);  // \pL
      }
    }
  }

  void Class() {
    Copy(1);  // [
    bool negated = false;
    if (!done() && regex[i] == '^') {
      negated = true;  // it takes any non-ASCII character, which is 2 to 4 bytes
      Copy(1);
    }
    bool first = true;
    while (!done() && (regex[i] != ']' || first)) {
      first = false;
      const char c = regex[i];
      if (c == '\\') {
        Escape(true);
      } else if (c == '[' && i + 1 < regex.size() && regex[i + 1] == ':') {
        const size_t end = regex.find(":]", i);
        const std::string_view name =
            regex.substr(i, end == std::string_view::npos ? std::string_view::npos : end + 2 - i);
        if (name == "[:upper:]" || name == "[:lower:]") {
          lowerable = false;
        }
        Copy(name.size());
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        NonAscii(true);
      } else if (i + 2 < regex.size() && regex[i + 1] == '-' && regex[i + 2] != ']' &&
                 static_cast<unsigned char>(regex[i + 2]) < 0x80 && regex[i + 2] != '\\') {
        // A range of two plain ASCII characters: lowercased only if both are upper case.
        const char last = regex[i + 2];
        if (IsUpperAscii(c) && IsUpperAscii(last)) {
          out += Letter(c);
          out += '-';
          out += Letter(last);
          i += 3;
        } else {
          if (IsUpperAscii(c) || IsUpperAscii(last)) {
            lowerable = false;
          }
          Copy(3);
        }
      } else {
        out += Letter(c);
        ++i;
      }
    }
    Copy(1);  // ]
    if (negated) {
      Widen();
    }
  }

  void Group() {
    Copy(1);  // (
    if (done() || regex[i] != '?') {
      return;
    }
    const std::string_view rest = regex.substr(i);
    for (const std::string_view plain : {"?:", "?=", "?!", "?<=", "?<!", "?i:", "?i)"}) {
      if (rest.starts_with(plain)) {
        Copy(plain.size());
        return;
      }
    }
    if (rest.starts_with("?P<") || rest.starts_with("?<")) {
      CopyThrough('>');  // a group name matches nothing
      return;
    }
    lowerable = false;  // other inline flags
    Copy(1);
  }

  // A brace: a repetition count is copied; a literal brace is one character.
  void Brace() {
    size_t end = i + 1;
    while (end < regex.size() &&
           (std::isdigit(static_cast<unsigned char>(regex[end])) != 0 || regex[end] == ',')) {
      ++end;
    }
    if (end < regex.size() && regex[end] == '}' && end > i + 1) {
      Copy(end + 1 - i);
    } else {
      Copy(1);
    }
  }

  void Run() {
    while (!done()) {
      const char c = regex[i];
      if (c == '\\') {
        Escape();
      } else if (c == '[') {
        Class();
      } else if (c == '(') {
        Group();
      } else if (c == '{') {
        Brace();
      } else if (c == '.') {
        Copy(1);  // one code point in UTF-8 mode, one byte in byte mode
        Widen();
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        NonAscii(false);
      } else {
        out += Letter(c);
        ++i;
      }
    }
  }
};

Walk WalkRegex(std::string_view regex, bool caseless, Mode mode) {
  Walk walk;
  walk.regex = regex;
  walk.caseless = caseless;
  walk.mode = mode;
  walk.out.reserve(regex.size());
  walk.Run();
  return walk;
}

}  // namespace

std::optional<std::string> ByteModeRegex(std::string_view regex, bool caseless) {
  Walk walk = WalkRegex(regex, caseless, Mode::kBytes);
  if (!walk.byte_safe) {
    return std::nullopt;
  }
  return std::move(walk.out);
}

std::string CollapsedSpaceRegex(std::string_view regex) {
  Walk walk = WalkRegex(regex, false, Mode::kCollapse);
  return std::move(walk.out);
}

std::optional<std::string> LowercaseRegex(std::string_view regex) {
  Walk walk = WalkRegex(regex, true, Mode::kLower);
  if (!walk.lowerable) {
    return std::nullopt;
  }
  return std::move(walk.out);
}

std::optional<std::string> WithoutTrailingWordBoundary(std::string_view regex) {
  if (!regex.ends_with("\\b") || regex.find("\\Q") != std::string_view::npos) {
    return std::nullopt;
  }
  // The "b" is an escape only after an odd number of backslashes ("\\b" is an escaped
  // backslash and a letter).
  size_t backslashes = 0;
  for (size_t i = regex.size() - 1; i > 0 && regex[i - 1] == '\\'; --i) {
    ++backslashes;
  }
  if (backslashes % 2 == 0 || regex.size() == 2) {
    return std::nullopt;
  }
  return std::string(regex.substr(0, regex.size() - 2));
}

}  // namespace holdfast::rules
