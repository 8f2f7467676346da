// RAII owners for libarchive's C handles, the one place archive/ frees them.
// Thread safety: per-thread (a libarchive handle must not be shared between threads).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace holdfast::archive::internal {

// archive_write_free closes the archive first unless a write failed fatally; owners that must
// release the file in every case call archive_write_close themselves before letting go.
struct ArchiveWriteFree {
  void operator()(struct archive* a) const { archive_write_free(a); }
};
using ArchiveWriter = std::unique_ptr<struct archive, ArchiveWriteFree>;

struct ArchiveReadFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchiveReader = std::unique_ptr<struct archive, ArchiveReadFree>;

struct ArchiveEntryFree {
  void operator()(struct archive_entry* e) const { archive_entry_free(e); }
};
using ArchiveEntry = std::unique_ptr<struct archive_entry, ArchiveEntryFree>;

}  // namespace holdfast::archive::internal
