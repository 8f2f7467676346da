#include "archive/internal/record_index.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "archive/internal/big_endian.h"

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

namespace {

void DecodeEntry(const char* bytes, RecordEntry& entry) {
  uint64_t offset = 0;
  for (size_t i = 0; i < 8; ++i) {
    offset = (offset << 8) | static_cast<uint8_t>(bytes[i]);
  }
  entry.offset = offset;
  std::memcpy(entry.leaf.data(), bytes + 8, entry.leaf.size());
}

}  // namespace

tl::expected<RecordIndex, Error> RecordIndex::Open(const fs::path& path, bool writable) {
  const int flags = writable ? (O_RDWR | O_CREAT | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC);
  UniqueFd fd(::open(path.c_str(), flags, 0644));
  if (!fd.valid() && !writable && errno == ENOENT) {
    return RecordIndex(path, UniqueFd(), 0, false);  // a reader of an archive never indexed
  }
  struct stat info {};
  if (!fd.valid() || ::fstat(fd.get(), &info) != 0) {
    return tl::unexpected(
        Error{path.string(), std::nullopt, ErrnoMessage("cannot open the record index")});
  }
  const uint64_t stored = static_cast<uint64_t>(info.st_size) / kEntrySize;
  if (writable && static_cast<uint64_t>(info.st_size) != stored * kEntrySize &&
      ::ftruncate(fd.get(), static_cast<off_t>(stored * kEntrySize)) != 0) {
    return tl::unexpected(
        Error{path.string(), stored, ErrnoMessage("cannot cut off a partial index entry")});
  }
  return RecordIndex(path, std::move(fd), stored, writable);
}

tl::expected<void, Error> RecordIndex::ReadStored(uint64_t begin, uint64_t count,
                                                  std::string& out) const {
  out.resize(count * kEntrySize);
  if (!PreadAll(fd_.get(), begin * kEntrySize, out.size(), out.data())) {
    return tl::unexpected(
        Error{path_.string(), begin, ErrnoMessage("cannot read the record index")});
  }
  return {};
}

tl::expected<RecordEntry, Error> RecordIndex::Get(uint64_t sequence) const {
  if (sequence >= stored_) {
    return pending_.at(sequence - stored_);
  }
  std::string bytes;
  if (auto read = ReadStored(sequence, 1, bytes); !read) {
    return tl::unexpected(read.error());
  }
  RecordEntry entry;
  DecodeEntry(bytes.data(), entry);
  return entry;
}

tl::expected<void, Error> RecordIndex::ReadLeaves(uint64_t begin, std::span<Hash> out) const {
  const uint64_t from_file = begin < stored_ ? std::min<uint64_t>(out.size(), stored_ - begin) : 0;
  if (from_file > 0) {
    std::string bytes;
    if (auto read = ReadStored(begin, from_file, bytes); !read) {
      return read;
    }
    RecordEntry entry;
    for (uint64_t i = 0; i < from_file; ++i) {
      DecodeEntry(bytes.data() + i * kEntrySize, entry);
      out[i] = entry.leaf;
    }
  }
  for (uint64_t i = from_file; i < out.size(); ++i) {
    out[i] = pending_.at(begin + i - stored_).leaf;
  }
  return {};
}

tl::expected<void, Error> RecordIndex::Truncate(uint64_t size) {
  if (size >= stored_) {
    pending_.resize(std::min<uint64_t>(pending_.size(), size - stored_));
    return {};
  }
  pending_.clear();
  if (writable_ && ::ftruncate(fd_.get(), static_cast<off_t>(size * kEntrySize)) != 0) {
    return tl::unexpected(
        Error{path_.string(), size, ErrnoMessage("cannot cut the record index short")});
  }
  stored_ = size;
  return {};
}

tl::expected<void, Error> RecordIndex::Flush() {
  if (!writable_ || pending_.empty()) {
    return {};
  }
  std::string bytes;
  bytes.reserve(pending_.size() * kEntrySize);
  for (const RecordEntry& entry : pending_) {
    PutU64(bytes, entry.offset);
    PutBytes(bytes, entry.leaf.data(), entry.leaf.size());
  }
  // pwrite at the end the index knows, so that a partial entry left by a crash is overwritten.
  uint64_t at = stored_ * kEntrySize;
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::pwrite(fd_.get(), bytes.data() + done, bytes.size() - done,
                               static_cast<off_t>(at + done));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return tl::unexpected(
          Error{path_.string(), stored_, ErrnoMessage("cannot write the record index")});
    }
    done += static_cast<size_t>(n);
  }
  stored_ += pending_.size();
  pending_.clear();
  return {};
}

}  // namespace holdfast::archive::internal
