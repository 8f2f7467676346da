// Files of the archive folder: an owner for POSIX file descriptors, whole-file reads, and
// atomic replacement (temporary file, fsync, rename, fsync of the folder) so that a crash leaves
// either the old file or the new one, never a mix.
// Thread safety: UniqueFd is owned; the functions are safe to call from any thread.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/error.h"

namespace holdfast::archive::internal {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      Reset(other.Release());
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void Reset(int fd = -1);

 private:
  int fd_ = -1;
};

// "what: strerror(errno)" for the current errno.
std::string ErrnoMessage(std::string_view what);

[[nodiscard]] tl::expected<std::string, Error> ReadWholeFile(const std::filesystem::path& path);

// Writes all of `bytes` at the descriptor's position, retrying short writes and EINTR.
[[nodiscard]] bool WriteAll(int fd, std::string_view bytes);
// Reads exactly `size` bytes at `offset`; false on error or end of file.
[[nodiscard]] bool PreadAll(int fd, uint64_t offset, size_t size, char* out);

// Replaces `path` with `bytes` atomically; the file gets exactly `mode`. With
// `sync`, data and rename are on disk when this returns.
[[nodiscard]] tl::expected<void, Error> WriteFileAtomic(const std::filesystem::path& path,
                                                        std::string_view bytes, mode_t mode,
                                                        bool sync);

// Makes a rename or creation inside `dir` durable.
[[nodiscard]] tl::expected<void, Error> SyncDir(const std::filesystem::path& dir);

}  // namespace holdfast::archive::internal
