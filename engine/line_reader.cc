#include "engine/line_reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

namespace holdfast::engine {

namespace {
constexpr size_t kBufferBytes = size_t{1} << 20;
}

LineReader::LineReader(std::FILE* file, bool owned, std::string path, uint64_t max_line_bytes,
                       uint64_t bytes_total)
    : file_(file),
      owned_(owned),
      path_(std::move(path)),
      max_line_bytes_(max_line_bytes),
      bytes_total_(bytes_total),
      buffer_(kBufferBytes) {}

std::unique_ptr<LineReader> LineReader::FromChunks(ReadChunk read, std::string name,
                                                   uint64_t max_line_bytes, uint64_t bytes_total) {
  std::unique_ptr<LineReader> reader(
      new LineReader(nullptr, false, std::move(name), max_line_bytes, bytes_total));
  reader->read_ = std::move(read);
  return reader;
}

LineReader::~LineReader() {
  if (owned_) {
    std::fclose(file_);
  }
}

tl::expected<std::unique_ptr<LineReader>, Error> LineReader::Open(const std::string& path,
                                                                  uint64_t max_line_bytes) {
  if (path == "-") {
    return std::unique_ptr<LineReader>(new LineReader(stdin, false, "<stdin>", max_line_bytes, 0));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return tl::unexpected(Error{path, 0, std::strerror(errno)});
  }
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  return std::unique_ptr<LineReader>(
      new LineReader(file, true, path, max_line_bytes, ec ? 0 : size));
}

bool LineReader::Fill() {
  if (eof_) {
    return false;
  }
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  size_t got = 0;
  if (read_) {
    auto chunk = read_(buffer_.data() + end_, buffer_.size() - end_);
    if (!chunk) {
      error_ = chunk.error();
    }
    got = chunk.value_or(0);
  } else {
    got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  }
  end_ += got;
  if (got == 0) {
    eof_ = true;
  }
  return got > 0;
}

tl::expected<bool, Error> LineReader::Next(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', end_ - begin_);
    const size_t chunk =
        newline ? static_cast<size_t>(static_cast<const char*>(newline) - start) : end_ - begin_;
    const size_t room = line.size() < max_line_bytes_ ? max_line_bytes_ - line.size() : 0;
    line.append(start, std::min(chunk, room));
    if (chunk > room) {
      too_long = true;
    }
    begin_ += chunk;
    bytes_done_ += chunk;
    if (newline) {
      ++begin_;
      ++bytes_done_;
      break;
    }
    if (!Fill()) {
      if (error_) {
        return tl::unexpected(*error_);
      }
      if (file_ != nullptr && std::ferror(file_)) {
        return tl::unexpected(Error{path_, 0, std::strerror(errno)});
      }
      if (line.empty() && !too_long) {
        return false;
      }
      break;
    }
  }
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return true;
}

}  // namespace holdfast::engine
