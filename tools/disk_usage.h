// How many bytes the regular files under a folder hold, for `holdfast stats` and the
// benchmarks. Unreadable entries count as nothing. Thread safety: pure function.
#pragma once

#include <cstdint>
#include <filesystem>

namespace holdfast::tools {

inline uint64_t FolderBytes(const std::filesystem::path& dir) {
  uint64_t bytes = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      bytes += it->file_size(ec);
    }
  }
  return bytes;
}

}  // namespace holdfast::tools
