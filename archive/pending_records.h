// The pending spool: records handed to the archive's writer by a process that does not hold
// the writer lock (the API server, which opens the archive read-only, while an ingest writes).
//
//   DIR/pending/<20-digit nanosecond time>-<16 hex digits>.rec   one or more records per file
//   DIR/pending/rejected/                                        files that were no record
//
// AddPending writes one file atomically (temporary file, fsync, rename, fsync of the folder):
// once it returns, its records survive a crash. A batch of records in one file costs one file
// and one fsync: the API server spools the audit events of concurrent requests together. Every
// writer (an Archive opened writable) appends the pending records in the order they were added (by
// file name: the clock, then a random tie-break) when it opens and again at the start of each
// Commit, so that the Commit signs them; it deletes their files only once the head that signs them
// is durable.
//
// Appended once: a pending record must carry a unique key, and Append skips a key the log
// holds already. A crash between the commit and the deletion leaves the files behind; the next
// writer finds their keys in the log, appends nothing and deletes them.
// A file that is no pending record (cut short, a bad checksum, a type no caller may append) is
// moved to DIR/pending/rejected/ with a message on stderr naming it; the others go on.
//
// File: one or more frames, each "HFPEND1\n" | u8 type | u32 key length | key |
// u32 meta length | meta | u32 content length | content | u32 CRC32C of the frame before it;
// integers big-endian. A file with one bad frame is set aside whole.
// Thread safety: functions, safe from any thread and any process.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <tl/expected.hpp>

#include "archive/error.h"
#include "archive/record.h"

namespace holdfast::archive {

// Spools `record` for the archive at `dir`, creating DIR/pending if needed. Refuses a record
// without a key (it could be appended twice) or of a type only the archive writes (tree heads).
[[nodiscard]] tl::expected<void, Error> AddPending(const std::filesystem::path& dir,
                                                   const Record& record);
// Spools `records`, in this order, in one file: all of them or, on an error, none.
[[nodiscard]] tl::expected<void, Error> AddPending(const std::filesystem::path& dir,
                                                   std::span<const Record> records);

// How many records wait in DIR/pending: 0 when the folder is absent.
[[nodiscard]] tl::expected<size_t, Error> CountPending(const std::filesystem::path& dir);

}  // namespace holdfast::archive
