// Checkpoint: how far an ingest got into each source input, so that an ingest of the same
// inputs run again skips what an earlier run committed instead of scanning it again.
//
//   DIR/checkpoints/<slot>.json   one per input; the slot is a hash of its absolute path and
//                                 its format
//
// A checkpoint counts the items (posts and dead letters, in the order the source yields them)
// of one input that are durably in the signed log. It is written (temporary file, fsync,
// rename) only right after a successful Archive::Commit, so it is never ahead of the log.
// It holds the identity of the input it was taken of: the absolute path, the format, the
// source options, and the size and modification time (for a folder: the number of its files,
// the sum of their sizes, and the newest modification time of any file or folder in it, since
// renaming a file changes its folder's time). An input whose identity differs has changed,
// and its checkpoint is stale. Size and time are what make and rsync trust too: an edit that
// keeps both (within the file system's time resolution) is not seen.
//
// A checkpoint only saves time: the post key keeps duplicates out whatever it says. So a
// stale or unreadable checkpoint is ignored with a one-line note, never an error, and
// stdin ("-") is never checkpointed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "engine/error.h"
#include "engine/source.h"

namespace holdfast::engine {

struct InputIdentity {
  std::string path;      // absolute and canonical
  std::string format;    // SourceInput::format
  std::string options;   // SourceInput::options
  uint64_t files = 0;    // 1 for a file
  uint64_t bytes = 0;    // the file's size, or the sum of the folder's files'
  int64_t mtime_ns = 0;  // newest modification time, nanoseconds since the Unix epoch

  bool operator==(const InputIdentity&) const = default;
};

// The identity of `input` as it is now; nullopt for an input that is never checkpointed
// (stdin, or a source not opened from a path); an Error when it cannot be read.
[[nodiscard]] tl::expected<std::optional<InputIdentity>, Error> IdentifyInput(
    const SourceInput& input);

struct Checkpoint {
  InputIdentity input;
  uint64_t items = 0;     // posts and dead letters of the input, from its start, committed
  uint64_t log_size = 0;  // records in the log when it was written; a shorter log is another
};

std::filesystem::path CheckpointPath(const std::filesystem::path& archive_dir,
                                     const InputIdentity& input);

// The checkpoint stored for `input`'s path and format (whatever identity it holds); nullopt
// when there is none; an Error naming the file when it cannot be read or parsed.
[[nodiscard]] tl::expected<std::optional<Checkpoint>, Error> ReadCheckpoint(
    const std::filesystem::path& archive_dir, const InputIdentity& input);

// Replaces the checkpoint atomically. REQUIRES: the items it counts are committed.
[[nodiscard]] tl::expected<void, Error> WriteCheckpoint(const std::filesystem::path& archive_dir,
                                                        const Checkpoint& checkpoint);

// The checkpoints of one ingest's sources, indexed as the sources are.
// Thread safety: skip() is fixed at construction and may be read from any thread; Add and Save
// belong to the archive's writer thread.
class Checkpoints {
 public:
  // Identifies every input and, with `resume`, reads its checkpoint. `log_size` is the size of
  // the archive's log now.
  Checkpoints(std::filesystem::path archive_dir, uint64_t log_size,
              const std::vector<SourceInput>& inputs, bool resume);

  // How many of source `source`'s first items an earlier run committed: to be skipped.
  uint64_t skip(size_t source) const { return skip_[source]; }

  // Counts `items` more of source `source` as committed: its next items appended, or items
  // skipped because an earlier run committed them.
  void Add(size_t source, uint64_t items) { entries_[source].items += items; }

  // Writes the checkpoints that moved forward (with `last`, those that changed at all).
  // A checkpoint that cannot be written is a note, and that input is not checkpointed again.
  // REQUIRES: called right after a successful Archive::Commit; `log_size` is the log's size.
  void Save(uint64_t log_size, bool last);

  // What was ignored or could not be saved, and why; one line each.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  struct Entry {
    std::string name;                       // the path as given, for notes
    std::optional<InputIdentity> identity;  // nullopt: not checkpointed
    uint64_t items = 0;                     // counted by Add
    uint64_t saved = 0;                     // what the file says
  };

  const std::filesystem::path dir_;
  std::vector<uint64_t> skip_;
  std::vector<Entry> entries_;
  std::vector<std::string> notes_;
};

}  // namespace holdfast::engine
