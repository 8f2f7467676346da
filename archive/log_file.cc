#include "archive/internal/log_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>

#include "archive/internal/big_endian.h"

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t kMagic = 0x48465231;  // "HFR1"
constexpr uint8_t kFlagContentErased = 0x01;
// A flush writes this much at once; reads come in blocks of the same size.
constexpr size_t kBufferSize = size_t{1} << 20;
constexpr size_t kSaltSize = 16;
constexpr size_t kHashSize = 32;
constexpr uint64_t kMaxU32 = std::numeric_limits<uint32_t>::max();
// type, flags, time, three lengths, salt, digest, leaf hash: the frame of an empty record.
constexpr uint64_t kMinPayload = 1 + 1 + 8 + 4 + 4 + kSaltSize + kHashSize + 4 + kHashSize;

bool IsKnownType(uint8_t type) {
  return type >= static_cast<uint8_t>(RecordType::kPost) &&
         type <= static_cast<uint8_t>(RecordType::kTimestamp);
}

bool ReadString(ByteReader& reader, std::string* out) {
  uint32_t size = 0;
  std::string_view bytes;
  if (!reader.ReadU32(&size) || !reader.ReadBytes(size, &bytes)) {
    return false;
  }
  out->assign(bytes);
  return true;
}

uint32_t FrameLength(std::string_view header) {
  ByteReader reader(header.substr(4, 4));
  uint32_t length = 0;
  (void)reader.ReadU32(&length);  // four bytes are there: the caller checked
  return length;
}

bool HasMagic(std::string_view header) {
  ByteReader reader(header.substr(0, 4));
  uint32_t magic = 0;
  return reader.ReadU32(&magic) && magic == kMagic;
}

}  // namespace

tl::expected<std::string, std::string> EncodeFrame(const StoredRecord& stored) {
  const Record& record = stored.record;
  if (record.key.size() > kMaxU32 || record.meta.size() > kMaxU32 ||
      record.content.size() > kMaxU32) {
    return tl::unexpected(std::string("key, meta or content is larger than 4 GiB"));
  }
  const uint64_t payload =
      kMinPayload + record.key.size() + record.meta.size() + record.content.size();
  if (payload > kMaxU32) {
    return tl::unexpected(std::string("the record is larger than a frame can hold (4 GiB)"));
  }
  std::string frame;
  frame.reserve(kFrameHeaderSize + payload);
  PutU32(frame, kMagic);
  PutU32(frame, static_cast<uint32_t>(payload));
  PutU8(frame, static_cast<uint8_t>(record.type));
  PutU8(frame, stored.content_erased ? kFlagContentErased : 0);
  PutI64(frame, stored.captured_at_us);
  PutU32(frame, static_cast<uint32_t>(record.key.size()));
  frame += record.key;
  PutU32(frame, static_cast<uint32_t>(record.meta.size()));
  frame += record.meta;
  PutBytes(frame, stored.salt.data(), stored.salt.size());
  PutBytes(frame, stored.content_digest.data(), stored.content_digest.size());
  PutU32(frame, static_cast<uint32_t>(record.content.size()));
  frame += record.content;
  PutBytes(frame, stored.leaf_hash.data(), stored.leaf_hash.size());
  return frame;
}

tl::expected<StoredRecord, std::string> DecodeFrame(std::string_view frame, uint64_t sequence) {
  if (frame.size() < kFrameHeaderSize || !HasMagic(frame)) {
    return tl::unexpected(std::string("bad frame magic (expected \"HFR1\")"));
  }
  if (FrameLength(frame) != frame.size() - kFrameHeaderSize) {
    return tl::unexpected(std::string("frame length does not match the frame"));
  }
  ByteReader reader(frame.substr(kFrameHeaderSize));
  StoredRecord stored;
  stored.sequence = sequence;
  uint8_t type = 0;
  uint8_t flags = 0;
  if (!reader.ReadU8(&type) || !reader.ReadU8(&flags) || !reader.ReadI64(&stored.captured_at_us) ||
      !ReadString(reader, &stored.record.key) || !ReadString(reader, &stored.record.meta) ||
      !reader.ReadInto(stored.salt.data(), stored.salt.size()) ||
      !reader.ReadInto(stored.content_digest.data(), stored.content_digest.size()) ||
      !ReadString(reader, &stored.record.content) ||
      !reader.ReadInto(stored.leaf_hash.data(), stored.leaf_hash.size())) {
    return tl::unexpected(std::string("a field runs past the end of the frame"));
  }
  if (reader.remaining() != 0) {
    return tl::unexpected(std::string("bytes left over after the last field of the frame"));
  }
  if (!IsKnownType(type)) {
    return tl::unexpected("unknown record type " + std::to_string(type));
  }
  if ((flags & ~kFlagContentErased) != 0) {
    return tl::unexpected("unknown frame flags " + std::to_string(flags));
  }
  stored.record.type = static_cast<RecordType>(type);
  stored.content_erased = (flags & kFlagContentErased) != 0;
  if (stored.content_erased) {
    // Content erased where it lay leaves zero bytes of the same length (EraseFrameContent).
    if (stored.record.content.find_first_not_of('\0') != std::string::npos) {
      return tl::unexpected(std::string("content marked erased is present"));
    }
    stored.record.content.clear();
  }
  return stored;
}

tl::expected<std::string, std::string> EraseFrameContent(std::string_view frame) {
  auto stored = DecodeFrame(frame, 0);
  if (!stored) {
    return tl::unexpected(stored.error());
  }
  // The content is the last field before the 32-byte leaf hash, after its u32 length.
  const size_t content_end = frame.size() - kHashSize;
  const size_t content_size = stored->content_erased ? 0 : stored->record.content.size();
  std::string erased(frame);
  erased[kFrameHeaderSize + 1] = static_cast<char>(kFlagContentErased);
  std::fill(erased.begin() + static_cast<std::ptrdiff_t>(content_end - content_size),
            erased.begin() + static_cast<std::ptrdiff_t>(content_end), '\0');
  return erased;
}

LogReader::LogReader(fs::path path, UniqueFd fd, uint64_t file_size, uint64_t offset,
                     uint64_t sequence)
    : path_(std::move(path)),
      fd_(std::move(fd)),
      file_size_(file_size),
      read_(offset),
      offset_(offset),
      sequence_(sequence) {}

tl::expected<LogReader, Error> LogReader::Open(const fs::path& path, uint64_t offset,
                                               uint64_t sequence) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat info {};
  if (!fd.valid() || ::fstat(fd.get(), &info) != 0) {
    return tl::unexpected(Error{path.string(), std::nullopt, ErrnoMessage("cannot open the log")});
  }
  const auto file_size = static_cast<uint64_t>(info.st_size);
  if (offset > file_size) {
    return tl::unexpected(Error{path.string(), sequence, "the log ends before this record"});
  }
  return LogReader(path, std::move(fd), file_size, offset, sequence);
}

LogDamage LogReader::Damage(std::string reason, bool torn) const {
  return LogDamage{Error{path_.string(), sequence_, std::move(reason)}, offset_, torn};
}

tl::expected<bool, Error> LogReader::Fill(size_t size) {
  if (buffer_.size() - pos_ >= size) {
    return true;
  }
  buffer_.erase(0, pos_);
  pos_ = 0;
  while (buffer_.size() < size && read_ < file_size_) {
    const size_t want = static_cast<size_t>(
        std::min<uint64_t>(std::max(kBufferSize, size - buffer_.size()), file_size_ - read_));
    const size_t old_size = buffer_.size();
    buffer_.resize(old_size + want);
    if (!PreadAll(fd_.get(), read_, want, buffer_.data() + old_size)) {
      buffer_.resize(old_size);
      return tl::unexpected(Error{path_.string(), sequence_, ErrnoMessage("cannot read the log")});
    }
    read_ += want;
  }
  return buffer_.size() >= size;
}

tl::expected<std::optional<StoredRecord>, LogDamage> LogReader::Next() {
  if (offset_ == file_size_) {
    return std::nullopt;
  }
  auto header = Fill(kFrameHeaderSize);
  if (!header) {
    return tl::unexpected(LogDamage{header.error(), offset_, false});
  }
  const uint64_t left = file_size_ - offset_;
  if (!*header) {
    return tl::unexpected(
        Damage("torn frame: the file ends " + std::to_string(left) + " bytes into the frame header",
               true));
  }
  const std::string_view head(buffer_.data() + pos_, kFrameHeaderSize);
  if (!HasMagic(head)) {
    return tl::unexpected(Damage("bad frame magic (expected \"HFR1\")", false));
  }
  const uint64_t frame_size = kFrameHeaderSize + FrameLength(head);
  if (frame_size > left) {
    // Checked before reading, so a corrupt length never makes the reader allocate past the file.
    return tl::unexpected(Damage("torn frame: the file ends " + std::to_string(left) +
                                     " bytes into a frame of " + std::to_string(frame_size),
                                 true));
  }
  auto body = Fill(static_cast<size_t>(frame_size));
  if (!body || !*body) {
    return tl::unexpected(LogDamage{
        body ? Error{path_.string(), sequence_, "the log shrank while it was read"} : body.error(),
        offset_, false});
  }
  auto record = DecodeFrame(std::string_view(buffer_.data() + pos_, frame_size), sequence_);
  if (!record) {
    return tl::unexpected(Damage("malformed frame: " + record.error(), false));
  }
  pos_ += static_cast<size_t>(frame_size);
  offset_ += frame_size;
  ++sequence_;
  return std::move(*record);
}

tl::expected<StoredRecord, Error> ReadFrameAt(int fd, const fs::path& path, uint64_t offset,
                                              uint64_t size, uint64_t sequence) {
  std::string frame(size, '\0');
  if (!PreadAll(fd, offset, frame.size(), frame.data())) {
    return tl::unexpected(Error{path.string(), sequence, ErrnoMessage("cannot read the frame")});
  }
  auto record = DecodeFrame(frame, sequence);
  if (!record) {
    return tl::unexpected(Error{path.string(), sequence, "malformed frame: " + record.error()});
  }
  return std::move(*record);
}

LogWriter::LogWriter(fs::path path, UniqueFd fd, uint64_t end)
    : path_(std::move(path)), fd_(std::move(fd)), end_(end) {
  buffer_.reserve(kBufferSize);
}

tl::expected<LogWriter, Error> LogWriter::Open(const fs::path& path, uint64_t end, bool sync) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  struct stat info {};
  if (!fd.valid() || ::fstat(fd.get(), &info) != 0) {
    return tl::unexpected(
        Error{path.string(), std::nullopt, ErrnoMessage("cannot open the log for appending")});
  }
  if (static_cast<uint64_t>(info.st_size) > end) {
    if (::ftruncate(fd.get(), static_cast<off_t>(end)) != 0 || (sync && ::fsync(fd.get()) != 0)) {
      return tl::unexpected(
          Error{path.string(), std::nullopt, ErrnoMessage("cannot cut off the torn last frame")});
    }
  }
  return LogWriter(path, std::move(fd), end);
}

tl::expected<void, Error> LogWriter::Fail(std::string message) {
  failed_ = true;
  return tl::unexpected(Error{path_.string(), std::nullopt, std::move(message)});
}

tl::expected<void, Error> LogWriter::Append(std::string_view frame) {
  if (failed_) {
    return Fail("an earlier write to the log failed; reopen the archive");
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
