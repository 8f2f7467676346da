// Cyrillic and Greek letters that look like Latin ones (UTS #39 confusables), derived from
// ICU's spoof checker at first use rather than typed in by hand.
// Thread safety: immutable after a thread-safe first use.
#pragma once

#include <cstdint>

namespace holdfast::rules {

// The ASCII letter that Cyrillic or Greek code point `code_point` looks like, or 0 if none
// does. A look-alike keeps its case where Latin has a letter of that case with the same
// skeleton (Cyrillic "І" is "I", not "l"); otherwise the one letter that matches is returned
// (Cyrillic capital "Ь" is "b").
char LatinLookAlike(int32_t code_point);

}  // namespace holdfast::rules
