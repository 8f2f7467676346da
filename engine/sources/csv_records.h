// CsvRecords: RFC 4180 records from a byte stream read in pieces (a network's Messages.csv
// can be gigabytes): fields separated by commas, records by LF or CRLF, a field in double
// quotes may hold commas, line breaks and doubled quotes (""). A leading UTF-8 byte order mark
// is skipped. A field opened by a quote may not contain a lone quote followed by anything but
// a separator, and must close within max_record_bytes; a record that breaks either rule is
// returned as broken, with its first line as its bytes, and reading resumes at its second
// line, so one stray quote costs one record, not the rest of the file.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "engine/error.h"

namespace holdfast::engine {

class CsvRecords {
 public:
  // Reads up to `size` more bytes into `data`: how many, 0 at the end of the input.
  using Fill = std::function<tl::expected<size_t, Error>(char* data, size_t size)>;

  struct Record {
    std::vector<std::string> fields;
    uint64_t line = 0;    // 1-based line of the input where the record starts
    std::string raw;      // the record as read (a broken one: its first line)
    std::string problem;  // empty, or why the record is broken
  };

  CsvRecords(Fill fill, uint64_t max_record_bytes);

  // The next record, broken or not; false at the end of the input. An Error from `fill`
  // ends the input.
  [[nodiscard]] tl::expected<bool, Error> Next(Record& record);

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

  // Appends more input to the buffer; false at its end.
  [[nodiscard]] tl::expected<bool, Error> More();
  // Drops a broken record's first line from the buffer and fills `record` with it.
  void SkipBrokenLine(Record& record, std::string problem);

  Fill fill_;
  const uint64_t max_record_bytes_;
  std::string buffer_;  // unconsumed input starts at begin_
  size_t begin_ = 0;
  bool end_ = false;
  bool started_ = false;  // the byte order mark has been looked for
  uint64_t line_ = 1;     // line of buffer_[begin_]
};

}  // namespace holdfast::engine
