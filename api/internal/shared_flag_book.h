// SharedFlagBook: the server's one review queue (engine::FlagBook), shared by the request
// threads, each of which reads its own snapshot of the archive. Lock brings the book up to the
// caller's snapshot and keeps it locked while the returned FlagBookLock lives. A snapshot older
// than the book sees only FlagBook::FlagsWithin(its size) of the flags; their states may already
// count reviews the snapshot lacks, which is the newer truth.
// Thread safety: thread-safe.
#pragma once

#include <mutex>
#include <tl/expected.hpp>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/flag_book.h"

namespace holdfast::api {

struct FlagBookLock {
  std::unique_lock<std::mutex> lock;
  engine::FlagBook* book;

  engine::FlagBook* operator->() const { return book; }
  engine::FlagBook& operator*() const { return *book; }
};

class SharedFlagBook {
 public:
  [[nodiscard]] tl::expected<FlagBookLock, engine::Error> Lock(const archive::Archive& archive);

 private:
  std::mutex mu_;
  engine::FlagBook book_{/*with_places=*/true};  // guarded by mu_
};

}  // namespace holdfast::api
