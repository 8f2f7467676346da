// The kLexicon view: case folding, leetspeak and letters written apart.
#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/internal/text_folding.h"
#include "rules/text_view.h"
#include "text_view_checks.h"

namespace holdfast::rules {
namespace {

struct LexiconCase {
  std::string_view text;
  std::string_view lexicon;
};

class LexiconFoldingTest : public testing::TestWithParam<LexiconCase> {};

TEST_P(LexiconFoldingTest, FoldsAsDocumented) {
  EXPECT_EQ(Build(GetParam().text, View::kLexicon), GetParam().lexicon);
}

INSTANTIATE_TEST_SUITE_P(
    Leetspeak, LexiconFoldingTest,
    testing::Values(LexiconCase{"wh4tsapp", "whatsapp"},
                    LexiconCase{"c0nf1dent1al", "confidential"}, LexiconCase{"k4nker", "kanker"},
                    LexiconCase{"sh1t happens", "shit happens"},
                    LexiconCase{"l33t n00b", "leet noob"}, LexiconCase{"a$$hole", "asshole"},
                    LexiconCase{"sh!t", "shit"}, LexiconCase{"wh@tsapp", "whatsapp"},
                    LexiconCase{"h3ll0!", "hello!"}, LexiconCase{"5h1t", "shit"},
                    LexiconCase{"Wh4tsApp", "whatsapp"}, LexiconCase{"c|ean", "clean"},
                    // Numbers, codes and versions stay.
                    LexiconCase{"Q4 results 2024, 3.5%", "Q4 results 2024, 3.5%"},
                    LexiconCase{"covid19 mp3 4th win10 x509cert", "covid19 mp3 4th win10 x509cert"},
                    LexiconCase{"hello! @jan $5 wow!!", "hello! @jan $5 wow!!"},
                    LexiconCase{"mail jan@example.nl or j4n@ex4mple.co.uk.",
                                "mail jan@example.nl or j4n@ex4mple.co.uk."},
                    LexiconCase{"NL91ABNA0417164300", "NL91ABNA0417164300"},
                    LexiconCase{"4111 1111 1111 1111", "4111 1111 1111 1111"},
                    LexiconCase{"ab1234cd", "ab1234cd"},
                    // A code with one leetspeak digit between letters reads as leetspeak;
                    // keys and tokens belong in the text view.
                    LexiconCase{"AKIAIOSFODNN7EXAMPLE", "akiaiosfodnntexample"},
                    LexiconCase{"IBAN NL91ABNA0417164300 via wh4tsapp",
                                "iban nl91abna0417164300 via whatsapp"}));

INSTANTIATE_TEST_SUITE_P(
    LettersWrittenApart, LexiconFoldingTest,
    testing::Values(LexiconCase{"use W h a t s A p p now", "use whatsapp now"},
                    LexiconCase{"w.h.a.t.s.a.p.p", "whatsapp"},
                    LexiconCase{"k-a-n-k-e-r!", "kanker!"}, LexiconCase{"s_i_g_n_a_l", "signal"},
                    LexiconCase{"W h 4 t s A p p", "whatsapp"},
                    LexiconCase{"the U.S.A. office", "the usa. office"},
                    // Two letters, two separators, or a longer word in the middle do not join (the
                    // two spaces still become one, as every run of white space does).
                    LexiconCase{"e.g. i.e. a b", "e.g. i.e. a b"}, LexiconCase{"a  b  c", "a b c"},
                    LexiconCase{"a b cd e", "a b cd e"}, LexiconCase{"call 1 2 3", "call 1 2 3"},
                    // One separator throughout: the article before a word spelled apart stays.
                    LexiconCase{"such a l_o_s_e_r", "such a loser"},
                    LexiconCase{"a.b-c.d", "a.b-c.d"}));

INSTANTIATE_TEST_SUITE_P(
    Unicode, LexiconFoldingTest,
    testing::Values(LexiconCase{"\u0130STANBUL \u0130zmir", "istanbul izmir"},
                    LexiconCase{"STRASSE Stra\u00DFe", "strasse strasse"},
                    LexiconCase{"\u00C9\u00C9N CAF\u00C9", "\u00E9\u00E9n caf\u00E9"},
                    LexiconCase{"Wh\u0430ts\u0410pp", "whatsapp"},
                    LexiconCase{"\uFF37\uFF28\uFF21\uFF34\uFF33\uFF21\uFF30\uFF30", "whatsapp"},
                    LexiconCase{"Wh\u00E41ts\u0430pp", "wh\u00E4its\u0061pp"},
                    LexiconCase{"W\u200B h a t s", "whats"},
                    LexiconCase{"W\u00A0h\u00A0a\u00A0t\u00A0s", "whats"},
                    // Greek capital sigma folds to a small sigma, which looks like "o".
                    LexiconCase{"\u03A3\u039F\u03A3", "ooo"}));

TEST(LexiconViewTest, KeepsDigitsInTheTextView) {
  const std::string text = "wh4tsapp c0nf1dent1al W h a t s A p p";
  TextView view;
  view.Build(text, View::kText);
  EXPECT_TRUE(view.identity());
  EXPECT_EQ(view.text(), text);
}

TEST(LexiconViewTest, MapsLeetspeakBackToTheOriginal) {
  const std::string text = "Laten we via Wh4tsApp praten";
  TextView view;
  view.Build(text, View::kLexicon);
  EXPECT_FALSE(view.identity());
  EXPECT_EQ(view.text(), "laten we via whatsapp praten");
  EXPECT_EQ(OriginalOf(view, text, "whatsapp"), "Wh4tsApp");
  EXPECT_EQ(OriginalOf(view, text, "hat"), "h4t");
  ExpectSpansWellFormed(view, text);
}

TEST(LexiconViewTest, MapsJoinedLettersToTheWholeRun) {
  const std::string text = "use W h a t s A p p now";
  TextView view;
  view.Build(text, View::kLexicon);
  EXPECT_EQ(view.text(), "use whatsapp now");
  EXPECT_EQ(OriginalOf(view, text, "whatsapp"), "W h a t s A p p");
  EXPECT_EQ(OriginalOf(view, text, "what"), "W h a t");
  EXPECT_EQ(OriginalOf(view, text, "use "), "use ");
  EXPECT_EQ(OriginalOf(view, text, " now"), " now");
  ExpectSpansWellFormed(view, text);
}

TEST(LexiconViewTest, MapsFoldedLettersToTheLetterTheyCameFrom) {
  const std::string text = "Stra\u00DFe in \u0130stanbul";
  TextView view;
  view.Build(text, View::kLexicon);
  EXPECT_EQ(view.text(), "strasse in istanbul");
  EXPECT_EQ(Original(view, text, 4, 5), "\u00DF");
  EXPECT_EQ(Original(view, text, 5, 6), "\u00DF");
  EXPECT_EQ(OriginalOf(view, text, "strasse"), "Stra\u00DFe");
  EXPECT_EQ(OriginalOf(view, text, "istanbul"), "\u0130stanbul");
  ExpectSpansWellFormed(view, text);
}

TEST(LexiconViewTest, LeavesAsciiCaseToTheMatcherInTheLexiconView) {
  const std::string text = "Please use SIGNAL or Caf\u00E9 Central";
  TextView view;
  view.Build(text, View::kLexicon);
  EXPECT_TRUE(view.identity());  // differs from its folded form only in ASCII case
  EXPECT_EQ(view.text().data(), text.data());
}

TEST(LexiconViewTest, SkipsTheTokenStageOnlyWhenItWouldChangeNothing) {
  const std::vector<std::string_view> pieces = {
      "a", "B", "c", "x", " ", ".", "-", "_",  "0",  "1",    "3",      "4",
      "7", "9", "@", "$", "!", "|", ",", "wh", "At", "2024", "\u00E9", "\u0130"};
  for (const std::string& text : RandomTexts(pieces, 20000)) {
    if (MayNeedTokenFolding(text)) {
      continue;
    }
    MappedText folded;
    FoldTokens(SourceText{text, nullptr}, folded);
    ASSERT_EQ(folded.text.size(), text.size()) << text;
    for (size_t i = 0; i < text.size(); ++i) {
      ASSERT_EQ(std::tolower(static_cast<unsigned char>(folded.text[i])),
                std::tolower(static_cast<unsigned char>(text[i])))
          << text;
    }
  }
}

TEST(LexiconViewTest, MakesEachRunOfWhiteSpaceOneCharacter) {
  const std::string text = "Take  this \t offline\n \n\nNOW \r\n";
  TextView view;
  view.Build(text, View::kLexicon);
  ASSERT_FALSE(view.identity());
  EXPECT_EQ(view.text(), "take this offline\nnow\n");
  EXPECT_EQ(OriginalOf(view, text, "this offline"), "this \t offline");
  EXPECT_EQ(OriginalOf(view, text, "now"), "NOW");
  ExpectSpansWellFormed(view, text);
  // Non-ASCII texts too, and single white space leaves an ASCII text as it is.
  const std::string dutch = "caf\u00E9  en\n\n  bar";
  view.Build(dutch, View::kLexicon);
  EXPECT_EQ(view.text(), "caf\u00E9 en\nbar");
  ExpectSpansWellFormed(view, dutch);
  const std::string plain = "one space\teach\nline";
  view.Build(plain, View::kLexicon);
  EXPECT_TRUE(view.identity());
}

// MayNeedTokenFolding reads 64 bytes at a time, 16 chunks per pass; every variant this machine
// runs must give the per-byte reference's answer on texts that cross chunks and passes, and
// wherever in a chunk the telling bytes fall.
TEST(LexiconViewTest, ChunkedFoldingChecksAgreeWithTheByteByByteOne) {
  const std::span<const TokenFoldingVariant> variants = MayNeedTokenFoldingVariants();
  ASSERT_GE(variants.size(), 2U);  // a chunked one and the reference
  EXPECT_STREQ(variants.back().name, "per-byte");
  const std::vector<std::string_view> pieces = {
      "a", "B", "c", "x", " ", ".",  "-",  "_",    "0",      "1",      "3", "4",  "*",  "7", "9",
      "@", "$", "!", "|", ",", "wh", "At", "2024", "\u00E9", "\u0130", "/", "\n", "\t", "\r"};
  const std::vector<std::string> texts = RandomTexts(pieces, 6000);
  for (const TokenFoldingVariant& variant : variants) {
    size_t folding = 0;
    size_t checked = 0;
    for (size_t t = 0; t + 8 <= texts.size(); t += 8, ++checked) {
      std::string text;  // a few random texts together, up to about 400 bytes, or 40 of them
      for (size_t k = 0; k < (t % 80 == 0 ? 40 : 1 + t % 8) && t + k < texts.size(); ++k) {
        text += texts[t + k];
      }
      const bool expected = MayNeedTokenFoldingPerByte(text);
      folding += expected ? 1 : 0;
      ASSERT_EQ(variant.check(text), expected) << variant.name << ": " << text;
    }
    EXPECT_GT(folding, 0U) << variant.name;
    EXPECT_LT(folding, checked) << variant.name;  // both answers occur
    const std::string clean(1200, 'w');           // past the first pass of 1 KiB
    for (const std::string_view telling : {"sh1t", "a b c", "\u00E9@x", "k-a-n", " \n", "\t\t"}) {
      for (size_t at = 0; at + telling.size() <= clean.size(); ++at) {
        std::string text = clean;
        text.replace(at, telling.size(), telling);
        text[at > 0 ? at - 1 : 0] = at > 0 ? ' ' : text[0];
        ASSERT_EQ(variant.check(text), MayNeedTokenFoldingPerByte(text))
            << variant.name << ": " << telling << " at " << at;
      }
    }
  }
}

// A scan batch copies an ASCII or kPlain text into both views' buffers in one pass
// (CopyPlainViews) instead of building its views; every variant must write exactly the views
// Build makes and give MayNeedTokenFolding's answer, and with `ascii_only` refuse exactly the
// texts that are not ASCII.
TEST(LexiconViewTest, OnePassCopiesAreTheViewsBuildMakes) {
  const std::span<const PlainViewsVariant> variants = CopyPlainViewsVariants();
  ASSERT_FALSE(variants.empty());
  EXPECT_STREQ(variants.back().name, "apart");
  const std::vector<std::string_view> pieces = {"a",
                                                "B",
                                                "c",
                                                "X",
                                                " ",
                                                ".",
                                                "-",
                                                "_",
                                                "0",
                                                "1",
                                                "3",
                                                "4",
                                                "@",
                                                "$",
                                                "!",
                                                "wh",
                                                "At",
                                                "2024",
                                                "\u00E9",
                                                "\u2019",
                                                "\u00C9",
                                                "\U0001F44D",
                                                "\u0430" /* Cyrillic a */,
                                                "\n",
                                                "\t",
                                                "  "};
  const std::vector<std::string> texts = RandomTexts(pieces, 6000);
  for (const PlainViewsVariant& variant : variants) {
    size_t copied[2] = {0, 0};  // ASCII, kPlain
    size_t folding = 0;
    for (size_t t = 0; t + 8 <= texts.size(); t += 8) {
      std::string text;  // up to about 400 bytes, or over 1 KiB every 80th
      for (size_t k = 0; k < (t % 80 == 0 ? 60 : 1 + t % 8) && t + k < texts.size(); ++k) {
        text += texts[t + k];
      }
      const TextKind kind = ClassifyText(text);
      std::string text_out(text.size(), '?');
      std::string lexicon_out(text.size(), '?');
      const std::optional<bool> ascii =
          variant.copy(text, text_out.data(), lexicon_out.data(), true);
      ASSERT_EQ(ascii.has_value(), kind == TextKind::kAscii) << variant.name << ": " << text;
      if (kind != TextKind::kAscii && kind != TextKind::kPlain) {
        continue;
      }
      const std::optional<bool> answer =
          variant.copy(text, text_out.data(), lexicon_out.data(), false);
      ASSERT_TRUE(answer.has_value()) << variant.name;
      ++copied[kind == TextKind::kAscii ? 0 : 1];
      ASSERT_EQ(*answer, MayNeedTokenFoldingPerByte(text)) << variant.name << ": " << text;
      folding += *answer ? 1 : 0;
      TextView text_view;
      text_view.Build(text, View::kText);
      ASSERT_TRUE(text_view.identity());
      ASSERT_EQ(text_out, text) << variant.name;
      if (*answer) {
        continue;  // the scanner builds this lexicon view
      }
      TextView lexicon_view;
      lexicon_view.Build(text, View::kLexicon, &text_view);
      ASSERT_TRUE(lexicon_view.identity()) << text;
      std::string lowered(text);
      for (char& c : lowered) {
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      }
      ASSERT_EQ(lexicon_out, lowered) << variant.name;
    }
    EXPECT_GT(copied[0], 100U) << variant.name;
    EXPECT_GT(copied[1], 100U) << variant.name;
    EXPECT_GT(folding, 0U) << variant.name;
  }
}

// A scan batch writes a kPlainText text's lexicon view itself when case folding keeps every
// character's length ("Één" -> "één"), and takes it as the identity: it must be the view
// Build makes, byte for byte and in where each byte comes from, and refuse what changes length.
TEST(LexiconViewTest, SameLengthFoldingIsTheViewBuildMakes) {
  const std::vector<std::string_view> pieces = {"a",
                                                "B",
                                                " ",
                                                ".",
                                                "0",
                                                "4",
                                                "wh",
                                                "\u00C9" /* É */,
                                                "\u00D6",
                                                "\u00E9",
                                                "\u00DF" /* ß */,
                                                "\u0130" /* İ */,
                                                "\u01C5" /* ǅ */,
                                                "\u0394" /* Δ */,
                                                "\u2019",
                                                "\U0001F44D",
                                                "\n"};
  const std::vector<std::string> texts = RandomTexts(pieces, 4000);
  size_t same_length = 0;
  size_t refused = 0;
  for (const std::string& text : texts) {
    if (ClassifyText(text) != TextKind::kPlainText) {
      continue;
    }
    std::string out(text.size(), '?');
    TextView text_view;
    text_view.Build(text, View::kText);
    ASSERT_TRUE(text_view.identity()) << text;
    TextView lexicon_view;
    lexicon_view.Build(text, View::kLexicon, &text_view);
    if (!CopyFoldedSameLength(text, out.data())) {
      ++refused;
      continue;
    }
    ++same_length;
    if (MayNeedTokenFolding(out)) {
      continue;  // the scanner builds this one
    }
    ASSERT_EQ(lexicon_view.text(), out) << text;
    for (uint32_t i = 0; i < out.size(); ++i) {
      const ByteSpan built = lexicon_view.ToOriginal(i, i + 1);
      TextView identity;
      identity.BuildIdentity(text, TextKind::kPlainText);
      const ByteSpan mapped = identity.ToOriginal(i, i + 1);
      ASSERT_EQ(built.begin, mapped.begin) << text << " byte " << i;
      ASSERT_EQ(built.end, mapped.end) << text << " byte " << i;
    }
  }
  EXPECT_GT(same_length, 100U);
  EXPECT_GT(refused, 100U);  // ß and İ change length
}

// Latin-1's capitals fold by a table rather than through ICU: each must come out as Build
// folds it, and the code points around them (× between them, ß and the small letters after)
// as they did before.
TEST(LexiconViewTest, LatinOneCapitalsFoldAsBuildFoldsThem) {
  size_t compared = 0;
  for (uint32_t c = 0xBF; c <= 0xFF; ++c) {
    const std::string letter = {static_cast<char>(0xC0 | (c >> 6)),
                                static_cast<char>(0x80 | (c & 0x3F))};
    const std::string text = "x" + letter + "Ay";
    const bool capital = c >= 0xC0 && c <= 0xDE && c != 0xD7;
    if (ClassifyText(text) != TextKind::kPlainText) {
      EXPECT_FALSE(capital) << c;  // only texts that case folding changes come here
      continue;
    }
    std::string out(text.size(), '?');
    if (c == 0xDF) {  // ß folds to "ss"
      EXPECT_FALSE(CopyFoldedSameLength(text, out.data()));
      continue;
    }
    TextView text_view;
    text_view.Build(text, View::kText);
    TextView lexicon_view;
    lexicon_view.Build(text, View::kLexicon, &text_view);
    ASSERT_TRUE(CopyFoldedSameLength(text, out.data())) << c;
    EXPECT_EQ(out, lexicon_view.text()) << c;
    ++compared;
  }
  EXPECT_EQ(compared, 30U);  // U+00C0..U+00DE but U+00D7
}

}  // namespace
}  // namespace holdfast::rules
