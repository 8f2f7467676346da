// ZipWriter: writes a zip file (libarchive) entry by entry. The file is complete only after
// Close() succeeds; on failure or destruction without Close() the partial file is removed.
// Thread safety: owned.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "archive/error.h"

namespace holdfast::archive {

class ZipWriter {
 public:
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  [[nodiscard]] static tl::expected<std::unique_ptr<ZipWriter>, Error> Create(
      const std::filesystem::path& file);
  // A zip built in memory (a zip inside a file, such as RSMF's rsmf.zip): the bytes are
  // appended to `out`, which must outlive the writer, and are complete after Close().
  // `name` names the zip in errors.
  [[nodiscard]] static tl::expected<std::unique_ptr<ZipWriter>, Error> CreateInMemory(
      std::string& out, std::string name);
  // REQUIRES: name is relative and '/'-separated.
  [[nodiscard]] tl::expected<void, Error> Add(std::string_view name, std::string_view bytes);
  [[nodiscard]] tl::expected<void, Error> Close();

 private:
  struct Impl;
  explicit ZipWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast::archive
