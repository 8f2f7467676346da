// IndexFeeder: one background thread that applies index entries in the order they were
// pushed, so that the thread appending to the log does not also wait for Xapian. Entries are
// handed over in batches: the thread takes every entry queued so far at once.
//
// The first error the apply function returns is kept; later entries are then dropped, and
// Push and Drain return that error from then on. Drain returns when every entry pushed before
// it has been applied (or dropped), after which the caller may use the database itself: the
// thread touches it only inside the apply function.
// Thread safety: Push and Drain from one thread (the owner's); the apply function runs on the
// feeder's thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/index.h"

namespace holdfast::archive::internal {

class IndexFeeder {
 public:
  using Apply = std::function<tl::expected<void, Error>(const IndexEntry&)>;

  // At most `capacity` entries wait; Push blocks beyond that.
  IndexFeeder(Apply apply, size_t capacity);
  // Applies what is queued (unless `Discard` was called or an entry failed), then stops the
  // thread.
  ~IndexFeeder();
  IndexFeeder(const IndexFeeder&) = delete;
  IndexFeeder& operator=(const IndexFeeder&) = delete;

  [[nodiscard]] tl::expected<void, Error> Push(IndexEntry entry);
  [[nodiscard]] tl::expected<void, Error> Drain();
  // Drops the entries not yet applied (after a failed write elsewhere).
  void Discard();

 private:
  void Run();

  const Apply apply_;
  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<IndexEntry> queued_;
  bool busy_ = false;  // the thread is applying a batch taken from queued_
  bool stop_ = false;
  std::optional<Error> error_;
  std::thread thread_;  // last: started when the rest is ready
};

}  // namespace holdfast::archive::internal
