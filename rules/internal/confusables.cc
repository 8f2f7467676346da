// The table behind LatinLookAlike. UTS #39 defines confusables by skeleton: two strings are
// confusable when their skeletons are equal. A Cyrillic or Greek code point is a Latin
// look-alike when its skeleton equals the skeleton of an ASCII letter. Comparing skeletons,
// rather than asking for a skeleton that is itself one letter, matters: the skeleton of "I"
// is "l" and that of "m" is "rn".
#include "rules/internal/confusables.h"

#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

namespace holdfast::rules {
namespace {

struct LookAlike {
  int32_t code_point;
  char latin;
};

struct SpoofCloser {
  void operator()(USpoofChecker* checker) const { uspoof_close(checker); }
};
using SpoofChecker = std::unique_ptr<USpoofChecker, SpoofCloser>;

// The skeleton as UTF-8, or "" if ICU fails.
std::string Skeleton(const USpoofChecker* checker, UChar32 code_point) {
  char in[U8_MAX_LENGTH];
  int32_t in_length = 0;
  U8_APPEND_UNSAFE(in, in_length, code_point);
  // A skeleton of one code point is a few code points; a longer one is no letter's anyway.
  std::array<char, 64> out;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = uspoof_getSkeletonUTF8(checker, 0, in, in_length, out.data(),
                                                static_cast<int32_t>(out.size()), &status);
  return U_SUCCESS(status) ? std::string(out.data(), static_cast<size_t>(length)) : std::string();
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Sorted by code point. Empty if ICU's confusable data cannot be opened: the views then keep
// look-alikes as they are, which loses matches but never text.
std::vector<LookAlike> DeriveLookAlikes() {
  UErrorCode status = U_ZERO_ERROR;
  SpoofChecker checker(uspoof_open(&status));
  if (U_FAILURE(status)) {
    return {};
  }
  std::vector<std::pair<std::string, char>> latin;  // skeleton, letter
  for (char c = 'A'; c <= 'Z'; ++c) {
    for (const char letter : {c, static_cast<char>(c - 'A' + 'a')}) {
      latin.emplace_back(Skeleton(checker.get(), static_cast<unsigned char>(letter)), letter);
    }
  }
  icu::UnicodeSet scripts;
  icu::UnicodeSet greek;
  scripts.applyIntPropertyValue(UCHAR_SCRIPT, USCRIPT_CYRILLIC, status);
  greek.applyIntPropertyValue(UCHAR_SCRIPT, USCRIPT_GREEK, status);
  scripts.addAll(greek);
  if (U_FAILURE(status)) {
    return {};
  }
  std::vector<LookAlike> table;
  for (int32_t r = 0; r < scripts.getRangeCount(); ++r) {
    for (UChar32 c = scripts.getRangeStart(r); c <= scripts.getRangeEnd(r); ++c) {
      const std::string skeleton = Skeleton(checker.get(), c);
      char found = 0;
      for (const auto& [latin_skeleton, letter] : latin) {
        if (skeleton.empty() || latin_skeleton != skeleton) {
          continue;
        }
        // Both "I" and "l" have the skeleton "l": keep the code point's case if Latin can.
        if (found == 0 || IsUpper(letter) == static_cast<bool>(u_isupper(c))) {
          found = letter;
        }
      }
      if (found != 0) {
        table.push_back(LookAlike{c, found});
      }
    }
  }
  return table;  // ranges come in order, so the table is sorted
}

}  // namespace

char LatinLookAlike(int32_t code_point) {
  static const std::vector<LookAlike> table = DeriveLookAlikes();
  const auto it = std::lower_bound(
      table.begin(), table.end(), code_point,
      [](const LookAlike& entry, int32_t value) { return entry.code_point < value; });
  return it != table.end() && it->code_point == code_point ? it->latin : 0;
}

}  // namespace holdfast::rules
