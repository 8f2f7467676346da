// Checks shared by the TextView tests: slicing the original through ToOriginal.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "rules/internal/utf8.h"
#include "rules/text_view.h"

namespace holdfast::rules {

// The original bytes behind view bytes [begin, end).
inline std::string_view Original(const TextView& view, std::string_view original, size_t begin,
                                 size_t end) {
  const ByteSpan span = view.ToOriginal(static_cast<uint32_t>(begin), static_cast<uint32_t>(end));
  EXPECT_LE(span.begin, span.end);
  EXPECT_LE(span.end, original.size());
  return original.substr(span.begin, span.end - span.begin);
}

// The original bytes behind the first `needle` in the view.
inline std::string_view OriginalOf(const TextView& view, std::string_view original,
                                   std::string_view needle) {
  const size_t at = view.text().find(needle);
  EXPECT_NE(at, std::string_view::npos) << "no \"" << needle << "\" in \"" << view.text() << "\"";
  if (at == std::string_view::npos) {
    return {};
  }
  return Original(view, original, at, at + needle.size());
}

// Every view byte maps to whole code points of the original, in order.
inline void ExpectSpansWellFormed(const TextView& view, std::string_view original) {
  uint32_t previous_begin = 0;
  for (size_t i = 0; i < view.text().size(); ++i) {
    const ByteSpan span = view.ToOriginal(static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
    ASSERT_LT(span.begin, span.end) << "view byte " << i;
    ASSERT_LE(span.end, original.size()) << "view byte " << i;
    ASSERT_GE(span.begin, previous_begin) << "view byte " << i;
    ASSERT_EQ(CodePointStart(original, span.begin), span.begin) << "view byte " << i;
    ASSERT_EQ(CodePointStart(original, span.end), span.end) << "view byte " << i;
    previous_begin = span.begin;
  }
}

inline std::string Build(std::string_view text, View view) {
  TextView text_view;
  text_view.Build(text, view);
  ExpectSpansWellFormed(text_view, text);
  return std::string(text_view.text());
}

// Random texts drawn from pieces that exercise every rule, with a fixed seed.
inline std::vector<std::string> RandomTexts(const std::vector<std::string_view>& pieces,
                                            int count) {
  std::mt19937 random(20240611);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 24);
  std::vector<std::string> texts;
  for (int t = 0; t < count; ++t) {
    std::string text;
    for (int n = length(random); n > 0; --n) {
      text += pieces[piece(random)];
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

}  // namespace holdfast::rules
