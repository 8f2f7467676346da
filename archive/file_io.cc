#include "archive/internal/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

void UniqueFd::Reset(int fd) {
  if (fd_ >= 0) {
    // Close errors on a read or lock descriptor lose nothing; writers sync and check first.
    ::close(fd_);
  }
  fd_ = fd;
}

std::string ErrnoMessage(std::string_view what) {
  std::string message(what);
  message += ": ";
  message += std::strerror(errno);
  return message;
}

tl::expected<std::string, Error> ReadWholeFile(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return tl::unexpected(Error{path.string(), std::nullopt, ErrnoMessage("cannot open")});
  }
  std::string bytes;
  char block[64 * 1024];
  while (true) {
    const ssize_t n = ::read(fd.get(), block, sizeof block);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return tl::unexpected(Error{path.string(), std::nullopt, ErrnoMessage("cannot read")});
    }
    if (n == 0) {
      return bytes;
    }
    bytes.append(block, static_cast<size_t>(n));
  }
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool PreadAll(int fd, uint64_t offset, size_t size, char* out) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, out, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    out += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

tl::expected<void, Error> SyncDir(const fs::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid() || ::fsync(fd.get()) != 0) {
    return tl::unexpected(Error{dir.string(), std::nullopt, ErrnoMessage("cannot sync folder")});
  }
  return {};
}

tl::expected<void, Error> WriteFileAtomic(const fs::path& path, std::string_view bytes, mode_t mode,
                                          bool sync) {
  fs::path tmp = path;
  tmp += ".tmp";
  auto fail = [&](std::string_view what) {
    Error error{tmp.string(), std::nullopt, ErrnoMessage(what)};
    ::unlink(tmp.c_str());
    return tl::unexpected(std::move(error));
  };
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (!fd.valid()) {
    return tl::unexpected(Error{tmp.string(), std::nullopt, ErrnoMessage("cannot create")});
  }
  // O_CREAT leaves the mode of a stale temporary file as it was; set it again.
  if (::fchmod(fd.get(), mode) != 0) {
    return fail("cannot set mode");
  }
  if (!WriteAll(fd.get(), bytes)) {
    return fail("cannot write");
  }
  if (sync && ::fsync(fd.get()) != 0) {
    return fail("cannot sync");
  }
  if (::close(fd.Release()) != 0) {
    return fail("cannot close");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return fail("cannot rename into place");
  }
  if (sync) {
    return SyncDir(path.has_parent_path() ? path.parent_path() : fs::path("."));
  }
  return {};
}

}  // namespace holdfast::archive::internal
