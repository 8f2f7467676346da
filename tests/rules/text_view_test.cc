#include "rules/text_view.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "rules/internal/text_folding.h"
#include "rules/internal/utf8.h"
#include "text_view_checks.h"

namespace holdfast::rules {
namespace {

TEST(TextViewTest, ReturnsPlainAsciiAsIsWithoutACopy) {
  const std::string text = "Plain ASCII post, with CAPS, a Q4 plan for 2024, done!";
  TextView view;
  for (const View kind : {View::kText, View::kLexicon}) {
    view.Build(text, kind);
    EXPECT_TRUE(view.identity());
    EXPECT_EQ(view.text().data(), text.data());
    EXPECT_EQ(view.text().size(), text.size());
    EXPECT_EQ(Original(view, text, 6, 11), "ASCII");
  }
}

TEST(TextViewTest, ALexiconViewFromTheTextViewEqualsOneBuiltAlone) {
  const std::vector<std::string> texts = {
      "Caf\xC3\xA9 PRIV\xC3\x89NUMMER, STRA\xC3\x9F"
      "E",                                                                 // é, É, ß
      "\xEF\xBC\xB7\xEF\xBC\xA8\xEF\xBC\xA1\xEF\xBC\xB4 w h a t s a p p",  // full width
      "Wh\xD0\xB0ts\xE2\x80\x8B"
      "App and e\xCC\x81 and \xF0\x9F\x98\x80 emoji",
      "na\xC3\xAFve h4ck3r, no caps",  // its text view is the text itself
  };
  for (const std::string& text : texts) {
    TextView text_view;
    text_view.Build(text, View::kText);
    TextView alone;
    TextView derived;
    alone.Build(text, View::kLexicon);
    derived.Build(text, View::kLexicon, &text_view);
    ASSERT_EQ(derived.text(), alone.text()) << text;
    ASSERT_EQ(derived.identity(), alone.identity()) << text;
    for (uint32_t begin = 0; begin < alone.text().size(); ++begin) {
      for (uint32_t end = begin + 1; end <= alone.text().size(); ++end) {
        const ByteSpan a = alone.ToOriginal(begin, end);
        const ByteSpan b = derived.ToOriginal(begin, end);
        ASSERT_TRUE(a.begin == b.begin && a.end == b.end) << text << " [" << begin << "," << end;
      }
    }
  }
}

TEST(TextViewTest, FoldsFullWidthFormsAndMapsEachLetterToItsCodePoint) {
  const std::string text =
      "\uFF23\uFF2F\uFF2E\uFF26\uFF29\uFF24\uFF25\uFF2E\uFF34\uFF29\uFF21\uFF2C plan";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_FALSE(view.identity());
  EXPECT_EQ(view.text(), "CONFIDENTIAL plan");
  EXPECT_EQ(OriginalOf(view, text, "CONFIDENTIAL"), text.substr(0, 36));
  EXPECT_EQ(OriginalOf(view, text, "NFI"), "\uFF2E\uFF26\uFF29");
  EXPECT_EQ(OriginalOf(view, text, "plan"), "plan");
  ExpectSpansWellFormed(view, text);
}

TEST(TextViewTest, RemovesZeroWidthCharactersInsideAWord) {
  const std::string text = "use What\u200BsApp, W\u200C\u200Dhats\u2060App or \uFEFFSignal";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "use WhatsApp, WhatsApp or Signal");
  EXPECT_EQ(OriginalOf(view, text, "WhatsApp"), "What\u200BsApp");
  // A span that ends before the removed character, or starts after it, leaves it out.
  EXPECT_EQ(OriginalOf(view, text, "What"), "What");
  EXPECT_EQ(OriginalOf(view, text, "sApp"), "sApp");
  EXPECT_EQ(OriginalOf(view, text, "Signal"), "Signal");
  ExpectSpansWellFormed(view, text);
}

TEST(TextViewTest, RemovesSoftHyphens) {
  const std::string text = "strictly confi\u00ADden\u00ADtial";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "strictly confidential");
  EXPECT_EQ(OriginalOf(view, text, "confidential"), "confi\u00ADden\u00ADtial");
}

TEST(TextViewTest, RemovesBidiControls) {
  // Overrides, embeddings, isolates and marks: invisible, and able to split a word.
  const std::string text = "see \u202Ed\u202Cocs \u2066here\u2069 \u200Fnow\u200E";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "see docs here now");
  EXPECT_EQ(OriginalOf(view, text, "docs"), "d\u202Cocs");
  EXPECT_EQ(OriginalOf(view, text, "here"), "here");
  ExpectSpansWellFormed(view, text);
}

TEST(TextViewTest, TurnsEverySpaceSeparatorIntoAnAsciiSpace) {
  const std::string text =
      "4111\u00A01111\u20091111\u202F1111 \u3000\u2002\u2003\u205F\u1680end\tand\nline";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "4111 1111 1111 1111      end\tand\nline");
  EXPECT_EQ(OriginalOf(view, text, "4111 1111 1111 1111"), text.substr(0, 24));
  EXPECT_EQ(Original(view, text, 4, 5), "\u00A0");
  EXPECT_EQ(Original(view, text, 9, 10), "\u2009");
  ExpectSpansWellFormed(view, text);
}

TEST(TextViewTest, MapsCyrillicLookAlikesInAMixedScriptWordToLatin) {
  // "WhаtsАpp" with Cyrillic а (U+0430) and А (U+0410).
  const std::string text = "app me op Wh\u0430ts\u0410pp";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "app me op WhatsApp");
  EXPECT_EQ(OriginalOf(view, text, "WhatsApp"), "Wh\u0430ts\u0410pp");
  EXPECT_EQ(OriginalOf(view, text, "at"), "\u0430t");
  ExpectSpansWellFormed(view, text);
}

TEST(TextViewTest, MapsTheCyrillicLettersThatLookLatin) {
  EXPECT_EQ(Build("\u0430\u0435\u043E\u0440\u0441\u0445\u0456\u0458\u0455", View::kText),
            "aeopcxijs");
  EXPECT_EQ(Build("\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0406",
                  View::kText),
            "ABEKMHOPCTXI");
  // Cyrillic letters that look like nothing Latin stay.
  EXPECT_EQ(Build("\u0431\u0434\u0436 \u041F\u0440\u0438\u0432\u0435\u0442", View::kText),
            "\u0431\u0434\u0436 \u041Fp\u0438\u0432e\u0442");
}

TEST(TextViewTest, MapsTheGreekLettersThatLookLatin) {
  EXPECT_EQ(Build("\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5"
                  "\u03A7",
                  View::kText),
            "ABEZHIKMNOPTYX");
  EXPECT_EQ(Build("\u03BF\u03BD\u03B1", View::kText), "ova");
  const std::string text = "\u0392\u0391\u039D\u039A details";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "BANK details");
  EXPECT_EQ(OriginalOf(view, text, "AN"), "\u0391\u039D");
  // Greek letters that look like nothing Latin stay.
  EXPECT_EQ(Build("\u0394\u03A3\u03A9\u03BB", View::kText), "\u0394\u03A3\u03A9\u03BB");
}

TEST(TextViewTest, SplitsLigaturesAndMapsBothLettersToTheLigature) {
  const std::string text = "\uFB01nancial \uFB02ow";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "financial flow");
  EXPECT_EQ(Original(view, text, 0, 1), "\uFB01");
  EXPECT_EQ(Original(view, text, 1, 2), "\uFB01");
  EXPECT_EQ(OriginalOf(view, text, "financial"), "\uFB01nancial");
  EXPECT_EQ(OriginalOf(view, text, "low"), "\uFB02ow");
  ExpectSpansWellFormed(view, text);
}

TEST(TextViewTest, FoldsCompatibilityDigitsButNoOtherDigits) {
  EXPECT_EQ(Build("\uFF14\uFF11\uFF11\uFF11 x\u00B2 H\u2082O \u2460", View::kText),
            "4111 x2 H2O 1");
  // NFKC leaves other scripts' digits alone, and so does the view.
  EXPECT_EQ(Build("\u0661\u0662\u0663", View::kText), "\u0661\u0662\u0663");
}

TEST(TextViewTest, ComposesDecomposedLettersAndMapsThemToTheWholeSegment) {
  const std::string text = "prive\u0301nummer";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_EQ(view.text(), "priv\u00E9nummer");
  EXPECT_EQ(OriginalOf(view, text, "\u00E9"), "e\u0301");
  EXPECT_EQ(OriginalOf(view, text, "v"), "v");
  // A zero-width character between a letter and its mark is dropped, and the two still join.
  EXPECT_EQ(Build("e\u200B\u0301", View::kText), "\u00E9");
}

TEST(TextViewTest, KeepsCaseInTheTextView) {
  const std::string text = "Key: AKIA\uFF29OSFODNN7EXAMPLE \u00C9\u00C9N";
  EXPECT_EQ(Build(text, View::kText), "Key: AKIAIOSFODNN7EXAMPLE \u00C9\u00C9N");
}

TEST(TextViewTest, KeepsTextWithNothingToFoldAsIdentity) {
  const std::string text =
      "Vertrouwelijk \u2014 Z\u00FCrich \u6771\u4EAC \U0001F512 caf\u00E9 \u00C9";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_TRUE(view.identity());
  EXPECT_EQ(view.text().data(), text.data());
  // Identity spans still never split a code point.
  EXPECT_EQ(Original(view, text, 20, 21), "\u00FC");
  EXPECT_EQ(Original(view, text, 15, 16), "\u2014");
}

TEST(TextViewTest, KeepsEmoji) {
  EXPECT_EQ(Build("ok \U0001F44D done \U0001F512", View::kText), "ok \U0001F44D done \U0001F512");
  EXPECT_EQ(Build("ok \U0001F44D done \U0001F512", View::kLexicon),
            "ok \U0001F44D done \U0001F512");
  // The joiner and variation selector between emoji are default-ignorable: the emoji stay.
  EXPECT_EQ(Build("\U0001F468\u200D\U0001F469 \u2764\uFE0F", View::kText),
            "\U0001F468\U0001F469 \u2764");
}

TEST(TextViewTest, FoldsCardNumbersAndIbansInNeitherView) {
  for (const std::string text : {"4111 1111 1111 1111", "NL91ABNA0417164300"}) {
    for (const View kind : {View::kText, View::kLexicon}) {
      TextView view;
      view.Build(text, kind);
      EXPECT_TRUE(view.identity()) << text;
      EXPECT_EQ(view.text(), text);
    }
  }
}

TEST(TextViewTest, HandlesEmptyAndVanishingTexts) {
  TextView view;
  view.Build("", View::kLexicon);
  EXPECT_TRUE(view.identity());
  EXPECT_EQ(view.text(), "");
  const std::string text = "\u200B\u00AD";
  view.Build(text, View::kText);
  EXPECT_FALSE(view.identity());
  EXPECT_EQ(view.text(), "");
  const ByteSpan empty = view.ToOriginal(0, 0);
  EXPECT_EQ(empty.begin, empty.end);
}

TEST(TextViewTest, MapsEmptySpansToWhereTheViewByteStarts) {
  const std::string text = "\uFF21\u200Bb";
  TextView view;
  view.Build(text, View::kText);
  ASSERT_EQ(view.text(), "Ab");
  EXPECT_EQ(view.ToOriginal(1, 1).begin, 6u);  // after the removed zero-width space
  EXPECT_EQ(view.ToOriginal(2, 2).begin, 7u);
}

TEST(TextViewTest, ReadsInvalidUtf8AsReplacementCharacters) {
  EXPECT_EQ(Build("bad \xFF byte \xE2\x82", View::kText), "bad \uFFFD byte \uFFFD");
}

TEST(TextViewTest, ReusesItsBuffersAcrossTexts) {
  TextView view;
  const std::string first = "\uFF21\uFF22\uFF23 wh4tsapp";
  const std::string second = "x \u0410";
  view.Build(first, View::kLexicon);
  EXPECT_EQ(view.text(), "abc whatsapp");
  view.Build(second, View::kLexicon);
  EXPECT_EQ(view.text(), "x a");
  EXPECT_EQ(OriginalOf(view, second, "a"), "\u0410");
  view.Build(second, View::kText);
  EXPECT_EQ(view.text(), "x A");
}

TEST(TextViewTest, BuildsAMegabyteTextWithExactSpans) {
  const std::string piece = "Wh\u0430t\u200BsApp \uFF37\uFF28 c0nf1dent1al \u00E9\u00E9n ok\n";
  const std::string text_piece = "WhatsApp WH c0nf1dent1al \u00E9\u00E9n ok\n";
  const std::string lexicon_piece = "whatsapp wh confidential \u00E9\u00E9n ok\n";
  std::string text;
  while (text.size() < (1u << 20)) {
    text += piece;
  }
  const size_t pieces = text.size() / piece.size();
  TextView view;
  view.Build(text, View::kText);
  ASSERT_EQ(view.text().size(), pieces * text_piece.size());
  EXPECT_EQ(view.text().substr(view.text().size() - text_piece.size()), text_piece);
  view.Build(text, View::kLexicon);
  ASSERT_EQ(view.text().size(), pieces * lexicon_piece.size());
  // The last piece maps back to the last piece of the original.
  const size_t last = (pieces - 1) * lexicon_piece.size();
  EXPECT_EQ(view.text().substr(last), lexicon_piece);
  EXPECT_EQ(Original(view, text, last, view.text().size()), piece);
  EXPECT_EQ(Original(view, text, last + 12, last + 24), "c0nf1dent1al");
  ExpectSpansWellFormed(view, text);
}

TEST(TextViewTest, MapsEveryViewByteToWholeCodePointsOfRandomTexts) {
  const std::vector<std::string_view> pieces = {
      "a",      "W",          " ",      "4",      "!",      "-",      "\u00A0", "\u200B", "\u00AD",
      "\u202E", "\u0301",     "\u0430", "\u0410", "\u03A3", "\uFF21", "\uFB01", "\u00DF", "\u0130",
      "\u00E9", "\U0001F468", "\u200D", "\u1100", "\u1161", "\uFDFA", "\u0345", "\u0F73", "\u3164"};
  TextView view;
  for (const std::string& text : RandomTexts(pieces, 3000)) {
    for (const View kind : {View::kText, View::kLexicon}) {
      view.Build(text, kind);
      ASSERT_TRUE(IsValidUtf8(view.text())) << text;
      ExpectSpansWellFormed(view, text);
      if (!view.text().empty()) {
        const ByteSpan all = view.ToOriginal(0, static_cast<uint32_t>(view.text().size()));
        ASSERT_LE(all.end, text.size());
      }
    }
  }
}

TEST(TextViewTest, ClassifiesTextsByTheFoldingTheyNeed) {
  EXPECT_EQ(ClassifyText(""), TextKind::kAscii);
  EXPECT_EQ(ClassifyText("Plain ASCII, 42 of it!"), TextKind::kAscii);
  EXPECT_EQ(ClassifyText("caf\u00E9 \u00EBn \u2019t \U0001F44D \U0001F60A \u6771"),
            TextKind::kPlain);
  EXPECT_EQ(ClassifyText("\u00C9mile"), TextKind::kPlainText);  // case folding changes \u00C9
  for (const std::string_view other :
       {"e\u0301", "x\u200By", "\uFB01le", "\u0430", "a\u00A0b", "\uFF21", "\U0001D400",
        "\U0001F468\u200D\U0001F469", "\u2764\uFE0F"}) {
    EXPECT_EQ(ClassifyText(other), TextKind::kOther) << other;
  }
  // It checks strict UTF-8 too, after a character of any kind and past sixteen ASCII bytes.
  for (const std::string_view invalid :
       {"\xC3", "caf\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "e\u0301 \xFF",
        "\u00E9\x80", "sixteen ascii bytes and then \xFE"}) {
    EXPECT_EQ(ClassifyText(invalid), TextKind::kInvalid) << invalid;
    EXPECT_FALSE(IsValidUtf8(invalid)) << invalid;
  }
}

// The fast paths skip stages that the classification says change nothing: they must give the
// views the full stages give, for random texts of plain and other code points alike.
TEST(TextViewTest, FastPathsGiveWhatEveryStageGives) {
  const std::vector<std::string_view> pieces = {
      "a",      "W",      " ",      "4",      "!",      "-",          "\u00E9",     "\u00EB",
      "\u2019", "\u00C9", "\u00DF", "\u0301", "\u200B", "\U0001F44D", "\U0001F60A", "\u0430",
      "\u6771", "\u00A0", "\uFB01", "i",      "  ",     "\n"};
  Utf16Scratch scratch;
  MappedText text_stage;
  MappedText case_stage;
  MappedText token_stage;
  TextView text_view;
  TextView lexicon_view;
  size_t plain = 0;
  for (const std::string& text : RandomTexts(pieces, 3000)) {
    FoldText(text, scratch, text_stage);
    FoldCase(SourceText{text_stage.text, text_stage.spans.data()}, case_stage);
    FoldTokens(SourceText{case_stage.text, case_stage.spans.data()}, token_stage);
    const TextKind kind = ClassifyText(text);
    if (kind != TextKind::kOther) {
      ASSERT_EQ(text_stage.text, text);
    }
    if (kind == TextKind::kPlain) {
      std::string lowered = text;
      for (char& c : lowered) {
        c = ToLowerAscii(c);
      }
      ASSERT_EQ(case_stage.text, lowered) << text;
      ++plain;
    }
    text_view.Build(text, View::kText);
    lexicon_view.Build(text, View::kLexicon, &text_view);
    ASSERT_EQ(text_view.text(), text_stage.text) << text;
    std::string lexicon(lexicon_view.text());
    if (lexicon_view.identity()) {
      for (char& c : lexicon) {
        c = ToLowerAscii(c);
      }
    }
    ASSERT_EQ(lexicon, token_stage.text) << text;
    ExpectSpansWellFormed(lexicon_view, text);
  }
  EXPECT_GT(plain, 100U);
}

}  // namespace
}  // namespace holdfast::rules
