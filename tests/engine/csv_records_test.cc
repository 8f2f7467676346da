#include "engine/sources/csv_records.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace holdfast::engine {
namespace {

// Every record of `bytes`, fed to the reader `piece` bytes at a time.
std::vector<CsvRecords::Record> ReadAll(const std::string& bytes, size_t piece = 3,
                                        uint64_t max_record_bytes = 1 << 20) {
  size_t offset = 0;
  CsvRecords records(
      [&](char* data, size_t size) -> tl::expected<size_t, Error> {
        const size_t n = std::min({size, piece, bytes.size() - offset});
        std::copy_n(bytes.data() + offset, n, data);
        offset += n;
        return n;
      },
      max_record_bytes);
  std::vector<CsvRecords::Record> out;
  CsvRecords::Record record;
  for (;;) {
    auto more = records.Next(record);
    EXPECT_TRUE(more.has_value());
    if (!more || !*more) {
      return out;
    }
    out.push_back(record);
  }
}

using Fields = std::vector<std::string>;

TEST(CsvRecordsTest, ReadsQuotedFieldsWithCommasLineBreaksAndDoubledQuotes) {
  const std::string csv =
      "\xEF\xBB\xBFid,body,created_at\r\n"
      "1,plain,2024-01-01\r\n"
      "2,\"with, comma and \"\"quotes\"\"\",x\n"
      "3,\"two\r\nlines\nand three\",y\n"
      "4,,\"\"\n"
      "5,last without line break";
  for (size_t piece : {1, 2, 3, 7, 100000}) {
    const auto records = ReadAll(csv, piece);
    ASSERT_EQ(records.size(), 6U) << piece;
    EXPECT_EQ(records[0].fields, (Fields{"id", "body", "created_at"}));
    EXPECT_EQ(records[1].fields, (Fields{"1", "plain", "2024-01-01"}));
    EXPECT_EQ(records[2].fields, (Fields{"2", "with, comma and \"quotes\"", "x"}));
    EXPECT_EQ(records[3].fields, (Fields{"3", "two\r\nlines\nand three", "y"}));
    EXPECT_EQ(records[4].fields, (Fields{"4", "", ""}));
    EXPECT_EQ(records[5].fields, (Fields{"5", "last without line break"}));
    // Lines count the breaks inside quoted fields.
    EXPECT_EQ(records[3].line, 4U);
    EXPECT_EQ(records[4].line, 7U);
    EXPECT_EQ(records[2].raw, "2,\"with, comma and \"\"quotes\"\"\",x");
    for (const auto& record : records) {
      EXPECT_TRUE(record.problem.empty()) << record.raw;
    }
  }
}

TEST(CsvRecordsTest, AStrayQuoteCostsOneRecordAndReadingResumesOnTheNextLine) {
  const std::string csv =
      "1,ok\n"
      "2,\"closed\"early,x\n"
      "3,ok\n";
  const auto records = ReadAll(csv);
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[1].line, 2U);
  EXPECT_NE(records[1].problem.find("field 2 closes its quote and goes on with 'e'"),
            std::string::npos)
      << records[1].problem;
  EXPECT_EQ(records[1].raw, "2,\"closed\"early,x");
  EXPECT_EQ(records[2].fields, (Fields{"3", "ok"}));
  EXPECT_EQ(records[2].line, 3U);
}

TEST(CsvRecordsTest, AQuoteNeverClosedLosesOnlyItsOwnLine) {
  const std::string csv =
      "1,ok\n"
      "2,\"never closed,x\n"
      "3,ok\n"
      "4,\"fine\"\n";
  const auto records = ReadAll(csv);
  ASSERT_EQ(records.size(), 4U);
  // The quote runs on to the next quote, on line 4, and is reported from where it opened.
  EXPECT_NE(records[1].problem.find("the quote opened on line 2 closes on line 4"),
            std::string::npos)
      << records[1].problem;
  EXPECT_EQ(records[1].raw, "2,\"never closed,x");
  EXPECT_EQ(records[2].fields, (Fields{"3", "ok"}));
  EXPECT_EQ(records[3].fields, (Fields{"4", "fine"}));
  EXPECT_EQ(records[3].line, 4U);
}

TEST(CsvRecordsTest, AQuoteOpenAtTheEndOfTheInputIsReportedAsNeverClosed) {
  const auto records = ReadAll("1,ok\n2,\"open to the end\n3,x\n");
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[1].problem, "the quote opened on line 2 is never closed");
  EXPECT_EQ(records[2].fields, (Fields{"3", "x"}));
}

TEST(CsvRecordsTest, ARunawayQuoteStopsAtTheRecordLimitAndReadingResumes) {
  std::string csv = "1,\"runaway\n";
  for (int i = 2; i < 200; ++i) {
    csv += std::to_string(i) + ",line\n";
  }
  csv += "\"\n";  // closes the quote far away
  const auto records = ReadAll(csv, 64, 100);
  ASSERT_GT(records.size(), 150U);
  EXPECT_NE(records[0].problem.find("longer than 100 bytes"), std::string::npos);
  EXPECT_EQ(records[1].fields, (Fields{"2", "line"}));
  EXPECT_EQ(records[1].line, 2U);
}

}  // namespace
}  // namespace holdfast::engine
