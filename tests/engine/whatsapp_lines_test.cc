#include "engine/sources/whatsapp_lines.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace holdfast::engine {
namespace {

struct HeaderCase {
  std::string line;
  int field1, field2, field3;
  int hour, minute, second;
  std::string rest;
};

class WhatsAppHeaderTest : public ::testing::TestWithParam<HeaderCase> {};

TEST_P(WhatsAppHeaderTest, ReadsDateTimeAndRest) {
  const HeaderCase& c = GetParam();
  const auto header = ParseWhatsAppHeader(c.line);
  ASSERT_TRUE(header.has_value()) << c.line;
  EXPECT_EQ(std::tie(header->field1, header->field2, header->field3),
            std::tie(c.field1, c.field2, c.field3))
      << c.line;
  EXPECT_EQ(std::tie(header->hour, header->minute, header->second),
            std::tie(c.hour, c.minute, c.second))
      << c.line;
  EXPECT_EQ(header->rest, c.rest) << c.line;
}

INSTANTIATE_TEST_SUITE_P(
    Formats, WhatsAppHeaderTest,
    ::testing::Values(
        HeaderCase{"12/31/23, 21:05 - Ann: hi", 12, 31, 23, 21, 5, 0, "Ann: hi"},
        HeaderCase{"31/12/2023, 21:05 - Ann: hi", 31, 12, 2023, 21, 5, 0, "Ann: hi"},
        HeaderCase{"31-12-2023 21:05 - Ann: hi", 31, 12, 2023, 21, 5, 0, "Ann: hi"},
        HeaderCase{"31.12.23, 21:05 - Ann: hi", 31, 12, 23, 21, 5, 0, "Ann: hi"},
        HeaderCase{"2023/12/31, 21:05 - Ann: hi", 2023, 12, 31, 21, 5, 0, "Ann: hi"},
        HeaderCase{"[31/12/2023, 21:05:33] Ann: hi", 31, 12, 2023, 21, 5, 33, "Ann: hi"},
        HeaderCase{"[12/31/23, 9:05:33\u202fPM] Ann: hi", 12, 31, 23, 21, 5, 33, "Ann: hi"},
        HeaderCase{"[12/31/23, 9:05:33\u00a0AM] Ann: hi", 12, 31, 23, 9, 5, 33, "Ann: hi"},
        HeaderCase{"12/31/23, 12:05 AM - Ann: hi", 12, 31, 23, 0, 5, 0, "Ann: hi"},
        HeaderCase{"12/31/23, 12:05 PM - Ann: hi", 12, 31, 23, 12, 5, 0, "Ann: hi"},
        HeaderCase{"01/30/2019, 08:49 p. m. - Ann: hi", 1, 30, 2019, 20, 49, 0, "Ann: hi"},
        HeaderCase{"9/24/2019 11:30 p.m. - Ann: hi", 9, 24, 2019, 23, 30, 0, "Ann: hi"},
        HeaderCase{"09/10/22, 10:37 p.\u00a0m. - Ann: hi", 9, 10, 22, 22, 37, 0, "Ann: hi"},
        HeaderCase{"2022/12/14, 13:34. - Ann: hi", 2022, 12, 14, 13, 34, 0, "Ann: hi"},
        HeaderCase{"[01/01/19 11:25] Ann: hi", 1, 1, 19, 11, 25, 0, "Ann: hi"},
        HeaderCase{"[11/10/22 13:37:00 p.m.] Ann: hi", 11, 10, 22, 13, 37, 0, "Ann: hi"},
        HeaderCase{"\u200e[31/12/2023, 21:05:33] Ann: \u200eimage omitted", 31, 12, 2023, 21, 5, 33,
                   "Ann: \u200eimage omitted"},
        HeaderCase{"31/12/2023, 21:05 - Messages and calls are end-to-end encrypted.", 31, 12, 2023,
                   21, 5, 0, "Messages and calls are end-to-end encrypted."}));

TEST(WhatsAppHeaderTest, RefusesLinesThatAreNoHeader) {
  for (const char* line :
       {"", "hello there", "12/31/23 but no time", "31/12/2023, 25:00 - Ann: hi",
        "31/12/2023, 21:61 - Ann: hi", "123/12/2023, 21:05 - Ann: hi", "31/12/2023, 21:05 Ann: hi",
        "[31/12/2023, 21:05:33 Ann: hi", "31/12-2023, 21:05 - Ann: hi", "1.2.3 12:00 - x"}) {
    EXPECT_FALSE(ParseWhatsAppHeader(line).has_value()) << line;
  }
}

TEST(WhatsAppDateTest, ResolvesEachOrderAndRefusesImpossibleDates) {
  const auto header = *ParseWhatsAppHeader("03/04/24, 10:00 - Ann: hi");
  EXPECT_EQ(ResolveDate(header, DateOrder::kDayFirst)->ToString(), "2024-04-03T10:00:00");
  EXPECT_EQ(ResolveDate(header, DateOrder::kMonthFirst)->ToString(), "2024-03-04T10:00:00");
  const auto bad = *ParseWhatsAppHeader("30/02/24, 10:00 - Ann: hi");
  EXPECT_FALSE(ResolveDate(bad, DateOrder::kDayFirst).has_value());
  const auto leap = *ParseWhatsAppHeader("29/02/24, 10:00 - Ann: hi");
  EXPECT_TRUE(ResolveDate(leap, DateOrder::kDayFirst).has_value());
}

DateOrder Detect(const std::vector<std::string>& lines) {
  DateOrderDetector detector;
  for (const std::string& line : lines) {
    detector.Add(*ParseWhatsAppHeader(line));
  }
  return detector.Decide();
}

TEST(DateOrderDetectorTest, AFieldAboveTwelveDecides) {
  EXPECT_EQ(Detect({"01/02/24, 10:00 - a", "13/02/24, 10:00 - a"}), DateOrder::kDayFirst);
  EXPECT_EQ(Detect({"01/02/24, 10:00 - a", "02/13/24, 10:00 - a"}), DateOrder::kMonthFirst);
  EXPECT_EQ(Detect({"2024/02/01, 10:00 - a"}), DateOrder::kYearFirst);
}

TEST(DateOrderDetectorTest, AmbiguousDatesTakeTheOrderThatRunsForward) {
  // Month-first: 3 Jun, 5 Aug, 4 Sep; day-first would go from 8 May back to 9 April.
  EXPECT_EQ(Detect({"06/03/17, 10:00 - a", "08/05/17, 10:00 - a", "09/04/17, 10:00 - a"}),
            DateOrder::kMonthFirst);
  // Day-first: 2 Mar, 1 Apr; month-first would go from 3 Feb back to 4 Jan.
  EXPECT_EQ(Detect({"02/03/17, 10:00 - a", "01/04/17, 10:00 - a"}), DateOrder::kDayFirst);
}

TEST(DateOrderDetectorTest, DatesThatRunForwardEitherWayTakeTheOrderWithTheShorterChat) {
  // A US iPhone chat of 1-10 March: read day-first it would be the 3rd of ten months.
  std::vector<std::string> us;
  std::vector<std::string> dutch;
  for (int day = 1; day <= 10; ++day) {
    us.push_back("[3/" + std::to_string(day) + "/24, 9:30:05\u202fAM] a: hi");
    dutch.push_back(std::to_string(day) + "-3-24 09:30 - a: hoi");
  }
  EXPECT_EQ(Detect(us), DateOrder::kMonthFirst);
  EXPECT_EQ(Detect(dutch), DateOrder::kDayFirst);
  DateOrderDetector detector;
  for (const std::string& line : us) {
    detector.Add(*ParseWhatsAppHeader(line));
  }
  EXPECT_NE(detector.Explain().find("spans 274 days between messages read day-first and 9 read "
                                    "month-first"),
            std::string::npos)
      << detector.Explain();
}

TEST(DateOrderDetectorTest, AnUndecidableFileIsReadDayFirstAndSaysSo) {
  DateOrderDetector detector;
  detector.Add(*ParseWhatsAppHeader("03/04/24, 10:00 - a"));
  EXPECT_EQ(detector.Decide(), DateOrder::kDayFirst);
  EXPECT_NE(detector.Explain().find("ambiguous"), std::string::npos) << detector.Explain();
  EXPECT_NE(detector.Explain().find("day-first"), std::string::npos) << detector.Explain();
}

TEST(WhatsAppMarkersTest, RecognisesDeletedMessagesInEachLanguage) {
  for (const char* text : {"This message was deleted", "You deleted this message.",
                           "Dit bericht is verwijderd", "Diese Nachricht wurde gelöscht"}) {
    EXPECT_TRUE(IsDeletedMarker(text)) << text;
  }
  EXPECT_FALSE(IsDeletedMarker("This message was deleted by mistake, sorry"));
}

TEST(WhatsAppMarkersTest, ReadsMediaMarkersAndFileNames) {
  std::string name;
  EXPECT_TRUE(ParseMediaMarker("<Media omitted>", name));
  EXPECT_EQ(name, "");
  EXPECT_TRUE(ParseMediaMarker("<Media weggelaten>", name));
  EXPECT_TRUE(ParseMediaMarker("<Medien ausgeschlossen>", name));
  EXPECT_TRUE(ParseMediaMarker("\u200eimage omitted", name));
  EXPECT_TRUE(ParseMediaMarker("\u200e<attached: 00000012-PHOTO-2024-01-02-10-11-12.jpg>", name));
  EXPECT_EQ(name, "00000012-PHOTO-2024-01-02-10-11-12.jpg");
  EXPECT_TRUE(ParseMediaMarker("IMG-20240102-WA0001.jpg (file attached)", name));
  EXPECT_EQ(name, "IMG-20240102-WA0001.jpg");
  EXPECT_TRUE(ParseMediaMarker("rapport.pdf (bestand bijgevoegd)", name));
  EXPECT_EQ(name, "rapport.pdf");
  EXPECT_FALSE(ParseMediaMarker("I omitted the media on purpose", name));
  EXPECT_EQ(MediaType("IMG-20240102-WA0001.jpg"), "image/jpeg");
}

TEST(WhatsAppMarkersTest, StripsDirectionMarksAndSplitsTheAuthor) {
  EXPECT_EQ(StripDirectionMarks("\u200e\u202a+31 6 1234 5678\u202c"), "+31 6 1234 5678");
  std::string_view author;
  std::string_view text;
  ASSERT_TRUE(SplitAuthor("Ann Smit: time: 10:00", author, text));
  EXPECT_EQ(author, "Ann Smit");
  EXPECT_EQ(text, "time: 10:00");
  EXPECT_FALSE(SplitAuthor("Ann added Bob", author, text));
  EXPECT_FALSE(SplitAuthor("John Doe:.", author, text));
  EXPECT_EQ(AuthorId("+31 6 1234 5678"), "+31612345678");
  EXPECT_EQ(AuthorId("Ann 2"), "Ann 2");
}

}  // namespace
}  // namespace holdfast::engine
