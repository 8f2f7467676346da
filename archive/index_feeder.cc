#include "archive/internal/index_feeder.h"

#include <utility>

namespace holdfast::archive::internal {

IndexFeeder::IndexFeeder(Apply apply, size_t capacity)
    : apply_(std::move(apply)), capacity_(capacity), thread_(&IndexFeeder::Run, this) {}

IndexFeeder::~IndexFeeder() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

tl::expected<void, Error> IndexFeeder::Push(IndexEntry entry) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queued_.size() < capacity_ || error_.has_value(); });
  if (error_.has_value()) {
    return tl::unexpected(*error_);
  }
  queued_.push_back(std::move(entry));
  if (queued_.size() == 1) {
    changed_.notify_all();
  }
  return {};
}

tl::expected<void, Error> IndexFeeder::Drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queued_.empty() && !busy_; });
  if (error_.has_value()) {
    return tl::unexpected(*error_);
  }
  return {};
}

void IndexFeeder::Discard() {
  std::unique_lock lock(mutex_);
  queued_.clear();
  if (!error_.has_value()) {
    error_ = Error{"", std::nullopt, "index writes were abandoned"};
  }
  changed_.notify_all();
  changed_.wait(lock, [&] { return !busy_; });
}

void IndexFeeder::Run() {
  std::vector<IndexEntry> batch;
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return !queued_.empty() || stop_; });
    if (queued_.empty()) {
      return;  // stopped, nothing left
    }
    batch.swap(queued_);
    busy_ = true;
    changed_.notify_all();  // room for Push
    lock.unlock();
    for (const IndexEntry& entry : batch) {
      bool failed = false;
      {
        std::lock_guard check(mutex_);
        failed = error_.has_value();
      }
      if (failed) {
        break;
      }
      if (auto applied = apply_(entry); !applied) {
        std::lock_guard keep(mutex_);
        error_ = applied.error();
      }
    }
    batch.clear();
    lock.lock();
    busy_ = false;
    changed_.notify_all();  // Drain, and Push waiting on an error
  }
}

}  // namespace holdfast::archive::internal
