// Unicode normalization of post text before scanning and archiving.
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace holdfast::rules {

struct NormalizedText {
  std::string text;               // valid UTF-8, NFC
  bool replaced_invalid = false;  // true if invalid UTF-8 sequences became U+FFFD
};

// Replaces invalid UTF-8 with U+FFFD and normalizes to NFC.
NormalizedText NormalizeNfc(std::string_view text);

}  // namespace holdfast::rules
