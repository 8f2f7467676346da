// ExportReader: walks a tool's export given as a zip (or any format libarchive reads) or as an
// unpacked folder, entry by entry, without unpacking anything to disk.
// Hostile input: entries with ".." components or absolute paths are refused (an Error naming
// the entry, and the walk goes on); an entry larger than max_entry_bytes or a total expansion
// beyond max_ratio times the file size stops the walk with an Error.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "archive/error.h"

namespace holdfast::archive {

struct ReaderLimits {
  uint64_t max_entry_bytes = uint64_t{1} << 30;  // one file inside the export
  double max_ratio = 250.0;  // uncompressed bytes read / compressed file size (zip bombs)
};

struct ExportEntry {
  std::string path;   // relative, '/'-separated, e.g. "general/2024-01-02.json"
  uint64_t size = 0;  // as declared by the container (may be 0 when unknown)
};

class ExportReader {
 public:
  ~ExportReader();
  ExportReader(const ExportReader&) = delete;
  ExportReader& operator=(const ExportReader&) = delete;

  // A folder is walked recursively in path order; anything else is opened with libarchive.
  [[nodiscard]] static tl::expected<std::unique_ptr<ExportReader>, Error> Open(
      const std::filesystem::path& path, ReaderLimits limits = {});

  const std::filesystem::path& path() const;
  bool is_folder() const;
  uint64_t bytes_total() const;  // size of the zip, or of all files in the folder
  uint64_t bytes_done() const;   // how far the walk has got, for progress

  // Moves to the next regular file. nullopt at the end. A refused entry is an Error whose
  // message names it; calling Next again continues with the following entry. An Error after
  // which the walk cannot go on sets done() to true.
  [[nodiscard]] tl::expected<std::optional<ExportEntry>, Error> Next();
  bool done() const;

  // Reads the whole current entry.
  [[nodiscard]] tl::expected<std::string, Error> ReadAll();

  // Reads the current entry piece by piece, for entries too large to hold (a many-GB JSONL):
  // fills up to `size` bytes of `data` and returns how many; 0 at the end of the entry. The
  // same limits as ReadAll hold. Use either ReadAll or Read for one entry, not both.
  [[nodiscard]] tl::expected<size_t, Error> Read(char* data, size_t size);

 private:
  struct Impl;
  explicit ExportReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast::archive
