// The state behind an Archive, shared by archive.cc (open, read), commit.cc (append, commit)
// and verify.cc. Everything here is derived from the files at Open and kept in step by Append
// and Commit. Archive::Impl is this state; the free functions of those files take it by its
// internal name because Impl itself is private to Archive.
// Thread safety: owned, as the Archive that holds it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/file_io.h"
#include "archive/internal/leaf_tree.h"
#include "archive/internal/log_file.h"
#include "archive/signer.h"

namespace holdfast::archive {

namespace internal {

struct ArchiveState {
  std::filesystem::path dir;
  Options options;
  std::string id;
  std::string origin;      // "holdfast/<id>"
  std::string public_pem;  // keys/public.pem as read at Open

  std::optional<Signer> signer;     // writable only
  UniqueFd lock;                    // writable only: flock held on DIR/lock
  std::optional<LogWriter> writer;  // writable only
  UniqueFd log_fd;                  // read descriptor for Read()

  // One entry per record, in sequence order: where its frame starts, and its leaf hash.
  std::vector<uint64_t> offsets;
  LeafTree tree;
  uint64_t log_end = 0;  // end of the last whole frame, buffered appends included
  std::unordered_set<std::string> keys;
  // The note of the last record when that record is a tree head: nothing was appended since.
  std::string last_head_note;

  std::unique_ptr<Index> index;

  std::filesystem::path log_path() const { return dir / "log" / "records.log"; }
  std::filesystem::path head_path() const { return dir / "head.note"; }
  uint64_t size() const { return offsets.size(); }

  // Writes out buffered appends so that reads through the file see them.
  [[nodiscard]] tl::expected<void, Error> FlushPending() {
    return writer.has_value() ? writer->Flush() : tl::expected<void, Error>{};
  }
};

}  // namespace internal

struct Archive::Impl : internal::ArchiveState {};

}  // namespace holdfast::archive
