// RecordDrain: how the API server, which reads the archive as a snapshot and holds no writer
// lock, gets its records (audit events, reviews) into the signed log. Records go to the pending
// spool (archive/pending_records.h), durable once spooled. A background thread commits the
// spool when no other process writes: about every period while the spool holds records, it
// opens the archive writable without waiting (Open appends the spool), brings the index up to
// the new records (engine::CatchUpIndex: a review's state reaches state: searches), commits and
// closes, so the lock is held only for that moment. While another writer holds the lock (an
// ingest), that writer's own commits append the spool instead, and the thread tries later.
// Thread safety: thread-safe; one drain runs at a time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "archive/error.h"
#include "archive/record.h"

namespace holdfast::api {

class RecordDrain {
 public:
  RecordDrain(std::filesystem::path dir, std::chrono::milliseconds period);
  ~RecordDrain();
  RecordDrain(const RecordDrain&) = delete;
  RecordDrain& operator=(const RecordDrain&) = delete;

  const std::filesystem::path& dir() const { return dir_; }

  void Start();  // starts the thread
  void Stop();   // stops it, after the drain in progress; idempotent

  // Tries once, now, to commit the spool: true when it is empty afterwards (committed by this
  // drain or by another writer), false when another writer holds the lock or the commit failed.
  bool DrainNow();

  // Spools `record` (archive::AddPending) and returns once it is durable. Records of requests
  // that arrive while a spool file is being written go together into the next file: one file
  // and one fsync for a batch, where a file per record cost a quarter of the server's time
  // under load (audit events of 250 searches a second).
  [[nodiscard]] tl::expected<void, archive::Error> Spool(archive::Record record);

 private:
  void Run();

  const std::filesystem::path dir_;
  const std::chrono::milliseconds period_;
  // What each drain's Archive hashed of the log, for the next drain's (archive.h).
  const std::shared_ptr<archive::MerkleCache> merkle_cache_ = archive::NewMerkleCache();
  std::mutex drain_mu_;     // one drain at a time
  std::string last_error_;  // guarded by drain_mu_: said once on stderr, not every period
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;  // guarded by mu_
  std::thread thread_;

  // Group commit of Spool: the records of batch number next_batch_ wait in queue_; one caller
  // at a time (writing_) writes a batch, whose outcome its callers share.
  struct Batch {
    std::vector<archive::Record> records;
    std::optional<archive::Error> error;
    bool written = false;
  };
  std::mutex spool_mu_;
  std::condition_variable spooled_;
  std::shared_ptr<Batch> queue_ = std::make_shared<Batch>();  // guarded by spool_mu_
  bool writing_ = false;                                      // guarded by spool_mu_
};

}  // namespace holdfast::api
