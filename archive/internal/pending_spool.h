// The writer's side of the pending spool (archive/pending_records.h): reading the spooled
// records in order, setting aside files that are none, and deleting the appended ones.
// Thread safety: functions; only the writer (who holds the lock) reads and deletes.
#pragma once

#include <filesystem>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/record.h"

namespace holdfast::archive::internal {

struct PendingFile {
  std::filesystem::path path;
  std::vector<Record> records;  // in the order they were spooled
};

// The records in DIR/pending, oldest first. A file that is no pending record is moved to
// DIR/pending/rejected/, with a line on stderr naming it and why, and left out.
[[nodiscard]] tl::expected<std::vector<PendingFile>, Error> ReadPending(
    const std::filesystem::path& dir);

// Deletes the files of records a durable head signs. A file that cannot be deleted stays; its
// key is in the log, so the next writer appends nothing for it and tries again.
void RemovePending(const std::vector<std::filesystem::path>& files, bool sync);

// One frame of a pending file, and a whole file's frames, for the tests' own spool files too.
std::string EncodePending(const Record& record);
[[nodiscard]] tl::expected<std::vector<Record>, std::string> DecodePending(std::string_view bytes);

}  // namespace holdfast::archive::internal
