#include "archive/internal/log_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

namespace {

// A flush writes this much at once; reads come in blocks of the same size.
constexpr size_t kBufferSize = size_t{1} << 20;
constexpr std::string_view kBadMagic = "bad frame magic (expected \"HFR2\" or \"HFR1\")";

bool HasMagic(std::string_view header) {
  return header.starts_with("HFR2") || header.starts_with("HFR1");
}

}  // namespace

LogReader::LogReader(std::vector<Segment> segments, uint64_t offset, uint64_t sequence,
                     CrcCheck crc)
    : segments_(std::move(segments)),
      crc_(crc),
      read_(offset),
      offset_(offset),
      sequence_(sequence) {}

tl::expected<LogReader, Error> LogReader::Open(const SegmentSet& segments, uint64_t offset,
                                               uint64_t sequence, CrcCheck crc) {
  LogReader reader(segments.segments(), offset, sequence, crc);
  // The last segment may have grown since it was listed: take its size now.
  Segment& last = reader.segments_.back();
  std::error_code ec;
  last.size = fs::file_size(last.path, ec);
  if (ec) {
    return tl::unexpected(
        Error{last.path.string(), std::nullopt, "cannot read the segment's size: " + ec.message()});
  }
  const size_t index = segments.Find(offset);
  if (offset > reader.segments_[index].base + reader.segments_[index].size) {
    return tl::unexpected(
        Error{reader.segments_[index].path.string(), sequence, "the log ends before this record"});
  }
  if (auto entered = reader.Enter(index, offset); !entered) {
    return tl::unexpected(entered.error());
  }
  return reader;
}

tl::expected<void, Error> LogReader::Enter(size_t index, uint64_t offset) {
  segment_ = index;
  const Segment& segment = segments_[index];
  fd_.Reset(::open(segment.path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd_.valid()) {
    return tl::unexpected(
        Error{segment.path.string(), sequence_, ErrnoMessage("cannot open the segment")});
  }
  buffer_.clear();
  pos_ = 0;
  read_ = offset;
  offset_ = offset;
  return {};
}

bool LogReader::TailIsEmpty() const {
  return std::all_of(segments_.begin() + static_cast<std::ptrdiff_t>(segment_) + 1, segments_.end(),
                     [](const Segment& segment) { return segment.size == 0; });
}

LogDamage LogReader::Cut(const std::string& where) const {
  // Only the end of the log is a torn append; a segment before it must end with a whole frame.
  const bool torn = TailIsEmpty();
  return Damage(std::string(torn ? "torn frame: the file ends " : "a segment before the last ends ")
                    .append(where),
                torn);
}

LogDamage LogReader::Damage(std::string reason, bool torn) const {
  return LogDamage{Error{segments_[segment_].path.string(), sequence_, std::move(reason)}, offset_,
                   torn};
}

tl::expected<bool, Error> LogReader::Fill(size_t size) {
  if (buffer_.size() - pos_ >= size) {
    return true;
  }
  buffer_.erase(0, pos_);
  pos_ = 0;
  const Segment& segment = segments_[segment_];
  const uint64_t end = segment_end();
  while (buffer_.size() < size && read_ < end) {
    const size_t want = static_cast<size_t>(
        std::min<uint64_t>(std::max(kBufferSize, size - buffer_.size()), end - read_));
    const size_t old_size = buffer_.size();
    buffer_.resize(old_size + want);
    if (!PreadAll(fd_.get(), read_ - segment.base, want, buffer_.data() + old_size)) {
      buffer_.resize(old_size);
      return tl::unexpected(
          Error{segment.path.string(), sequence_, ErrnoMessage("cannot read the segment")});
    }
    read_ += want;
  }
  return buffer_.size() >= size;
}

tl::expected<std::optional<StoredRecord>, LogDamage> LogReader::Next() {
  // A frame never spans segments: at the end of one, the next starts with the next record.
  while (offset_ == segment_end()) {
    if (segment_ + 1 == segments_.size()) {
      return std::nullopt;
    }
    if (auto entered = Enter(segment_ + 1, offset_); !entered) {
      return tl::unexpected(LogDamage{entered.error(), offset_, false});
    }
    const Segment& segment = segments_[segment_];
    if (segment.size > 0 && segment.first_sequence != sequence_) {
      return tl::unexpected(
          Damage("the segment is named for record " + std::to_string(segment.first_sequence) +
                     ", but the segments before it end at record " + std::to_string(sequence_),
                 false));
    }
  }
  auto header = Fill(kFrameHeaderSize);
  if (!header) {
    return tl::unexpected(LogDamage{header.error(), offset_, false});
  }
  const uint64_t left = segment_end() - offset_;
  if (!*header) {
    return tl::unexpected(Cut(std::to_string(left) + " bytes into the frame header"));
  }
  const std::string_view head(buffer_.data() + pos_, kFrameHeaderSize);
  if (!HasMagic(head)) {
    return tl::unexpected(Damage(std::string(kBadMagic), false));
  }
  const uint64_t frame_size = FrameSize(head);
  if (frame_size > left) {
    // Checked before reading, so a corrupt length never makes the reader allocate past the file.
    return tl::unexpected(
        Cut(std::to_string(left) + " bytes into a frame of " + std::to_string(frame_size)));
  }
  auto body = Fill(static_cast<size_t>(frame_size));
  if (!body || !*body) {
    return tl::unexpected(LogDamage{body ? Error{segments_[segment_].path.string(), sequence_,
                                                 "the segment shrank while it was read"}
                                         : body.error(),
                                    offset_, false});
  }
  auto record = DecodeFrame(std::string_view(buffer_.data() + pos_, frame_size), sequence_, crc_);
  if (!record) {
    return tl::unexpected(Damage("malformed frame: " + record.error(), false));
  }
  pos_ += static_cast<size_t>(frame_size);
  offset_ += frame_size;
  ++sequence_;
  return std::move(*record);
}

tl::expected<StoredRecord, Error> ReadFrameAt(const SegmentSet& segments, uint64_t offset,
                                              uint64_t size, uint64_t sequence) {
  std::string frame(size, '\0');
  if (auto read = segments.ReadAt(offset, frame.size(), frame.data(), sequence); !read) {
    return tl::unexpected(read.error());
  }
  auto record = DecodeFrame(frame, sequence);
  if (!record) {
    const Segment& segment = segments.segments()[segments.Find(offset)];
    return tl::unexpected(
        Error{segment.path.string(), sequence, "malformed frame: " + record.error()});
  }
  return std::move(*record);
}

LogWriter::LogWriter(SegmentSet& segments, UniqueFd fd, uint64_t end, uint64_t segment_bytes,
                     bool sync)
    : segments_(&segments),
      fd_(std::move(fd)),
      end_(end),
      segment_bytes_(segment_bytes),
      sync_(sync) {
  buffer_.reserve(kBufferSize);
}

tl::expected<LogWriter, Error> LogWriter::Open(SegmentSet& segments, uint64_t end,
                                               uint64_t segment_bytes, bool sync) {
  const Segment& last = segments.last();
  const fs::path& path = last.path;
  if (end < last.base) {
    return tl::unexpected(Error{path.string(), std::nullopt,
                                "the log's last whole frame is not in its last segment"});
  }
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  struct stat info {};
  if (!fd.valid() || ::fstat(fd.get(), &info) != 0) {
    return tl::unexpected(
        Error{path.string(), std::nullopt, ErrnoMessage("cannot open the segment for appending")});
  }
  const uint64_t keep = end - last.base;
  if (static_cast<uint64_t>(info.st_size) > keep) {
    if (::ftruncate(fd.get(), static_cast<off_t>(keep)) != 0 || (sync && ::fsync(fd.get()) != 0)) {
      return tl::unexpected(
          Error{path.string(), std::nullopt, ErrnoMessage("cannot cut off the torn last frame")});
    }
  }
  segments.SetLastSize(keep);
  return LogWriter(segments, std::move(fd), end, segment_bytes, sync);
}

tl::expected<void, Error> LogWriter::Fail(std::string message) {
  failed_ = true;
  return tl::unexpected(Error{segments_->last().path.string(), std::nullopt, std::move(message)});
}

tl::expected<void, Error> LogWriter::Roll(uint64_t sequence) {
  if (auto synced = sync_ ? Sync() : Flush(); !synced) {
    return synced;
  }
  auto fd = segments_->Roll(sequence, sync_);
  if (!fd) {
    failed_ = true;
    return tl::unexpected(fd.error());
  }
  fd_ = std::move(*fd);
  return {};
}

tl::expected<void, Error> LogWriter::Append(std::string_view frame, uint64_t sequence) {
  if (failed_) {
    return Fail("an earlier write to the log failed; reopen the archive");
  }
  const uint64_t in_segment = end_ - segments_->last().base;
  if (in_segment > 0 && in_segment + frame.size() > segment_bytes_) {
    if (auto rolled = Roll(sequence); !rolled) {
      return rolled;
    }
  }
  if (buffer_.size() + frame.size() > kBufferSize) {
    if (auto flushed = Flush(); !flushed) {
      return flushed;
    }
  }
  if (frame.size() > kBufferSize) {
    if (!WriteAll(fd_.get(), frame)) {
      return Fail(ErrnoMessage("cannot write to the log"));
    }
    segments_->SetLastSize(end_ + frame.size() - segments_->last().base);
  } else {
    buffer_ += frame;
  }
  end_ += frame.size();
  return {};
}

tl::expected<void, Error> LogWriter::Flush() {
  if (failed_) {
    return Fail("an earlier write to the log failed; reopen the archive");
  }
  if (!WriteAll(fd_.get(), buffer_)) {
    return Fail(ErrnoMessage("cannot write to the log"));
  }
  buffer_.clear();
  segments_->SetLastSize(end_ - segments_->last().base);
  return {};
}

tl::expected<void, Error> LogWriter::Sync() {
  if (auto flushed = Flush(); !flushed) {
    return flushed;
  }
  if (::fsync(fd_.get()) != 0) {
    return Fail(ErrnoMessage("cannot sync the log"));
  }
  return {};
}

}  // namespace holdfast::archive::internal
