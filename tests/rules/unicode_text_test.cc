#include "rules/unicode_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "rules/internal/utf8.h"

namespace holdfast::rules {
namespace {

TEST(NormalizeNfcTest, ReturnsAsciiUnchanged) {
  const NormalizedText out = NormalizeNfc("plain ASCII text\twith\nlines");
  EXPECT_EQ(out.text, "plain ASCII text\twith\nlines");
  EXPECT_FALSE(out.replaced_invalid);
}

TEST(NormalizeNfcTest, ComposesDecomposedCharacters) {
  // "privé" typed as e + COMBINING ACUTE ACCENT becomes the precomposed é.
  const NormalizedText out = NormalizeNfc("prive\xCC\x81nummer");
  EXPECT_EQ(out.text, "priv\xC3\xA9nummer");
  EXPECT_FALSE(out.replaced_invalid);
}

TEST(NormalizeNfcTest, KeepsTextThatIsAlreadyNfc) {
  const std::string text =
      "Vertrouwelijk \xE2\x80\x94 Z\xC3\xBCrich \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x94\x92";
  const NormalizedText out = NormalizeNfc(text);
  EXPECT_EQ(out.text, text);
  EXPECT_FALSE(out.replaced_invalid);
}

TEST(NormalizeNfcTest, ReplacesInvalidUtf8WithReplacementCharacter) {
  const NormalizedText out = NormalizeNfc("bad \xFF byte, cut \xE2\x82 off");
  EXPECT_EQ(out.text, "bad \xEF\xBF\xBD byte, cut \xEF\xBF\xBD off");
  EXPECT_TRUE(out.replaced_invalid);
}

TEST(NormalizeNfcTest, ReplacesEncodedSurrogatesAndOverlongForms) {
  EXPECT_TRUE(NormalizeNfc("\xED\xA0\x80").replaced_invalid);  // U+D800
  EXPECT_TRUE(NormalizeNfc("\xC0\xAF").replaced_invalid);      // overlong '/'
  EXPECT_TRUE(IsValidUtf8(NormalizeNfc("\xC0\xAF x \xED\xA0\x80").text));
}

TEST(NormalizeNfcTest, DoesNotReportAReplacementCharacterThatWasInTheInput) {
  const NormalizedText out = NormalizeNfc("valid \xEF\xBF\xBD here");
  EXPECT_EQ(out.text, "valid \xEF\xBF\xBD here");
  EXPECT_FALSE(out.replaced_invalid);
}

TEST(NormalizeNfcTest, KeepsEmbeddedNulBytes) {
  const std::string text("caf\xC3\xA9\0end", 8);
  EXPECT_EQ(NormalizeNfc(text).text, text);
}

TEST(NormalizeNfcTest, GivesTheSameResultWhenNormalizingInSmallChunks) {
  const std::string text =
      "Cafe\xCC\x81 \xCE\x91\xCC\x81 e\xCC\x81\xCC\x81\xCC\x81 \xFF ok \xE1\x84\x80\xE1\x85\xA1 x";
  const NormalizedText whole = NormalizeNfc(text);
  // From 8 bytes up, every chunk can end on an NFC boundary (the longest run without one,
  // e + three combining accents, is 7 bytes), which is what production's 256 MiB guarantees.
  for (size_t chunk = 8; chunk <= text.size(); ++chunk) {
    const NormalizedText chunked = NormalizeNfcChunked(text, chunk);
    EXPECT_EQ(chunked.text, whole.text) << "chunk " << chunk;
    EXPECT_EQ(chunked.replaced_invalid, whole.replaced_invalid) << "chunk " << chunk;
  }
}

TEST(Utf8Test, ValidatesStrictly) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("ascii"));
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\x92"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

// SkipAscii reads 64 or 16 bytes at a time: wherever the first non-ASCII byte falls, and from
// wherever the search starts, both ways must name it.
TEST(Utf8Test, SkipsAsciiToTheFirstOtherByteWhereverItIs) {
  for (size_t size = 0; size <= 200; size += size < 70 ? 1 : 13) {
    for (size_t high = 0; high <= size; ++high) {
      std::string text(size, 'a');
      if (high < size) {
        text[high] = '\xC3';
      }
      for (size_t from = 0; from <= std::min(high, size); from += 7) {
        ASSERT_EQ(SkipAscii(text, from), high) << size << " " << high << " " << from;
        ASSERT_EQ(SkipAsciiWithoutAvx512(text, from), high) << size << " " << high << " " << from;
      }
    }
  }
  EXPECT_EQ(SkipAscii("", 0), 0U);
  EXPECT_TRUE(IsAscii(std::string(300, 'z')));
  EXPECT_FALSE(IsAscii(std::string(299, 'z') + "\x80"));
}

}  // namespace
}  // namespace holdfast::rules
