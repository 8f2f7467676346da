// LineReader: reads a file or stdin line by line with a bound on line length, so one huge
// line cannot exhaust memory: its first bytes are kept and the rest is skipped.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "engine/error.h"

namespace holdfast::engine {

class LineReader {
 public:
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // "-" reads standard input.
  [[nodiscard]] static tl::expected<std::unique_ptr<LineReader>, Error> Open(
      const std::string& path, uint64_t max_line_bytes);

  // Fills up to `size` bytes of `data` and returns how many; 0 at the end of input.
  using ReadChunk = std::function<tl::expected<size_t, Error>(char* data, size_t size)>;
  // Reads lines from any byte stream, e.g. an entry streamed out of a zip. `name` names the
  // input in errors.
  static std::unique_ptr<LineReader> FromChunks(ReadChunk read, std::string name,
                                                uint64_t max_line_bytes, uint64_t bytes_total);

  // Reads the next line without its "\n" (and "\r"). false at end of input. When the line is
  // longer than the limit, `line` holds its first max_line_bytes and `too_long` is set.
  [[nodiscard]] tl::expected<bool, Error> Next(std::string& line, bool& too_long);

  uint64_t bytes_done() const { return bytes_done_; }
  uint64_t bytes_total() const { return bytes_total_; }

 private:
  LineReader(std::FILE* file, bool owned, std::string path, uint64_t max_line_bytes,
             uint64_t bytes_total);
  bool Fill();

  std::FILE* const file_;
  const bool owned_;
  const std::string path_;
  const uint64_t max_line_bytes_;
  const uint64_t bytes_total_;
  uint64_t bytes_done_ = 0;
  std::vector<char> buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  ReadChunk read_;              // set for FromChunks; file_ is null then
  std::optional<Error> error_;  // a failed read_
};

}  // namespace holdfast::engine
