#include "engine/sources/csv_records.h"

#include <algorithm>
#include <utility>

namespace holdfast::engine {
namespace {

constexpr size_t kPieceBytes = size_t{64} << 10;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

CsvRecords::CsvRecords(Fill fill, uint64_t max_record_bytes)
    : fill_(std::move(fill)), max_record_bytes_(max_record_bytes) {}

tl::expected<bool, Error> CsvRecords::More() {
  if (end_) {
    return false;
  }
  if (begin_ > 0) {  // keep only the unconsumed input
    buffer_.erase(0, begin_);
    begin_ = 0;
  }
  const size_t old_size = buffer_.size();
  buffer_.resize(old_size + kPieceBytes);
  auto n = fill_(buffer_.data() + old_size, kPieceBytes);
  buffer_.resize(old_size + (n ? *n : 0));
  if (!n) {
    end_ = true;
    return tl::unexpected(n.error());
  }
  if (*n == 0) {
    end_ = true;
    return false;
  }
  return true;
}

void CsvRecords::SkipBrokenLine(Record& record, std::string problem) {
  size_t newline = buffer_.find('\n', begin_);
  while (newline == std::string::npos) {
    const size_t scanned = buffer_.size() - begin_;
    auto more = More();  // moves begin_ to 0
    if (!more || !*more) {
      break;  // the line ends with the input
    }
    newline = buffer_.find('\n', begin_ + scanned);
  }
  const size_t end = newline == std::string::npos ? buffer_.size() : newline + 1;
  record.fields.clear();
  record.raw.assign(buffer_, begin_, end - begin_);
  while (!record.raw.empty() && (record.raw.back() == '\n' || record.raw.back() == '\r')) {
    record.raw.pop_back();
  }
  record.problem = std::move(problem);
  begin_ = end;
  ++line_;
}

tl::expected<bool, Error> CsvRecords::Next(Record& record) {
  record.fields.clear();
  record.raw.clear();
  record.problem.clear();
  record.line = line_;
  if (!started_) {
    started_ = true;
    while (buffer_.size() < kByteOrderMark.size()) {
      auto more = More();
      if (!more) {
        return tl::unexpected(more.error());
      }
      if (!*more) {
        break;
      }
    }
    if (std::string_view(buffer_).starts_with(kByteOrderMark)) {
      begin_ = kByteOrderMark.size();
    }
  }
  // The scan resumes where it stopped when more input arrives; offsets count from begin_,
  // which More() may move to 0.
  State state = State::kFieldStart;
  size_t scan = 0;     // bytes of the record scanned so far
  uint64_t lines = 0;  // line breaks inside it
  uint64_t quote_line = 0;
  record.fields.emplace_back();
  for (;;) {
    if (begin_ + scan >= buffer_.size()) {
      auto more = More();
      if (!more) {
        return tl::unexpected(more.error());
      }
      if (!*more) {
        // The end of the input ends the record, unless a quoted field is still open.
        if (scan == 0) {
          record.fields.clear();
          return false;
        }
        if (state == State::kQuoted) {
          SkipBrokenLine(record, "the quote opened on line " + std::to_string(quote_line) +
                                     " is never closed");
          return true;
        }
        break;
      }
    }
    if (scan > max_record_bytes_) {
      SkipBrokenLine(record, "a record longer than " + std::to_string(max_record_bytes_) +
                                 " bytes (a quote left open?)");
      return true;
    }
    const char c = buffer_[begin_ + scan];
    // A CR before an LF belongs to the line break; it needs the next byte to tell.
    if (c == '\r' && state != State::kQuoted) {
      if (begin_ + scan + 1 >= buffer_.size()) {
        auto more = More();
        if (!more) {
          return tl::unexpected(more.error());
        }
      }
      if (begin_ + scan + 1 < buffer_.size() && buffer_[begin_ + scan + 1] == '\n') {
        ++scan;
        continue;
      }
    }
    ++scan;
    std::string& field = record.fields.back();
    switch (state) {
      case State::kFieldStart:
      case State::kUnquoted:
        if (c == ',') {
          record.fields.emplace_back();
          state = State::kFieldStart;
        } else if (c == '\n') {
          goto record_end;
        } else if (c == '"' && state == State::kFieldStart) {
          state = State::kQuoted;
          quote_line = line_ + lines;
        } else {
          field += c;
          state = State::kUnquoted;
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state = State::kQuoteInQuoted;
        } else {
          lines += c == '\n' ? 1 : 0;
          field += c;
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {
          field += '"';
          state = State::kQuoted;
        } else if (c == ',') {
          record.fields.emplace_back();
          state = State::kFieldStart;
        } else if (c == '\n') {
          goto record_end;
        } else {
          const std::string where =
              lines == 0 ? "field " + std::to_string(record.fields.size()) + " closes its quote"
                         : "the quote opened on line " + std::to_string(quote_line) +
                               " closes on line " + std::to_string(line_ + lines);
          SkipBrokenLine(record, where + " and goes on with '" + std::string(1, c) +
                                     "' (a quote inside a field is written \"\")");
          return true;
        }
        break;
    }
  }
record_end:
  record.raw.assign(buffer_, begin_, scan);
  while (!record.raw.empty() && (record.raw.back() == '\n' || record.raw.back() == '\r')) {
    record.raw.pop_back();
  }
  begin_ += scan;
  line_ += lines + 1;
  return true;
}

}  // namespace holdfast::engine
