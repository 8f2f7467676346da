#include "api/internal/record_drain.h"

#include <cstdio>
#include <utility>

#include "archive/archive.h"
#include "archive/pending_records.h"
#include "engine/reindex.h"

namespace holdfast::api {

namespace {
// Audit events alone move the index's log position only this often (engine/reindex.h), so that
// a busy server's readers keep their index open; a catch-up walks at most this many records.
constexpr uint64_t kDeferIndexBelow = 10'000;
}  // namespace

RecordDrain::RecordDrain(std::filesystem::path dir, std::chrono::milliseconds period)
    : dir_(std::move(dir)), period_(period) {}

RecordDrain::~RecordDrain() { Stop(); }

void RecordDrain::Start() {
  thread_ = std::thread([this] { Run(); });
}

void RecordDrain::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

bool RecordDrain::DrainNow() {
  std::lock_guard lock(drain_mu_);
  auto waiting = archive::CountPending(dir_);
  if (waiting && *waiting == 0) {
    return true;
  }
  archive::Options options;
  options.read_only = false;
  options.index_position_slack = kDeferIndexBelow;
  options.merkle_cache = merkle_cache_;
  auto archive = archive::Archive::Open(dir_, options);  // appends the spool
  std::string error;
  if (!archive) {
    if (archive.error().message == archive::kWriterBusy) {
      return false;  // that writer's commits take the spool; quietly try again later
    }
    error = archive.error().ToString();
  } else if (auto indexed = engine::CatchUpIndex(**archive, kDeferIndexBelow); !indexed) {
    error = indexed.error().ToString();
  } else if (auto head = (*archive)->Commit(); !head) {
    error = head.error().ToString();
  }
  if (!error.empty() && error != last_error_) {
    std::fprintf(stderr, "holdfast serve: cannot commit %s/pending yet: %s\n", dir_.c_str(),
                 error.c_str());
  }
  last_error_ = error;
  return error.empty();
}

tl::expected<void, archive::Error> RecordDrain::Spool(archive::Record record) {
  std::unique_lock lock(spool_mu_);
  const std::shared_ptr<Batch> mine = queue_;
  mine->records.push_back(std::move(record));
  while (!mine->written) {
    if (writing_) {
      spooled_.wait(lock);
      continue;
    }
    // Write the batch waiting now (ours, or an earlier one whose writer left), unlocked, while
    // later callers gather into the next.
    writing_ = true;
    const std::shared_ptr<Batch> batch = std::exchange(queue_, std::make_shared<Batch>());
    lock.unlock();
    auto added = archive::AddPending(dir_, batch->records);
    lock.lock();
    if (!added) {
      batch->error = added.error();
    }
    batch->written = true;
    writing_ = false;
    spooled_.notify_all();
  }
  if (mine->error) {
    return tl::unexpected(*mine->error);
  }
  return {};
}

void RecordDrain::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, period_, [this] { return stop_; });
    if (stop_) {
      break;
    }
    lock.unlock();
    (void)DrainNow();  // a failure is said on stderr and retried next period
    lock.lock();
  }
}

}  // namespace holdfast::api
