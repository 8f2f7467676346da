// ExportJobs: evidence exports (engine/evidence.h) that the API starts and a person downloads
// later. Jobs run one at a time, oldest first, on one background thread that opens its own
// read-only archive::Archive for each job, so an export never holds the server's snapshot or
// its mutex.
//
//   DIR/exports/<id>.json      the job: who started it, case, query, state, counts, SHA-256
//   DIR/exports/<id>.zip       the bundle, once done (written as <id>.zip.partial, then renamed)
//
// Ids are 32 random hex digits (archive/random.h): knowing one export's id says nothing of
// another's. The job file is rewritten (atomically) at each change of state, so a restarted
// server lists and serves the finished exports; a job it finds queued or running was cut off by
// a stop and is marked failed ("interrupted"). Stop() asks a running export to stop at its next
// progress report, marks it interrupted and joins the thread.
//
// A finished export is audited (engine/audit.h: action export, who, the case as target, the
// query in the detail, the posts as results) through the pending spool before its bundle is
// renamed into place: an export that cannot be audited fails and is never served.
// Thread safety: thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tl/expected.hpp>
#include <vector>

namespace holdfast::api {

class RecordDrain;

enum class ExportState { kQueued, kRunning, kDone, kFailed };
std::string_view ExportStateName(ExportState state);  // "queued", "running", "done", "failed"

struct ExportJob {
  std::string id;            // given by ExportJobs::Add
  std::string case_name;     // as the bundle's case.json names it
  std::string query;         // as given, or the hold's query for an export by hold
  std::string hold;          // the active hold exported, or ""
  std::string flag_state{};  // export by review state: the posts flagged in it, or ""
  uint64_t head = 0;         // the signed head to cut at; 0: the latest when it runs
  std::vector<std::string> formats{"rsmf", "dat", "html"};  // besides native files and proofs
  uint64_t head_size = 0;                                   // the head it was cut at, once done
  std::string manifest_sha256{};  // of the bundle's manifest.json, once done
  std::string by;                 // the user who started it, and their role
  std::string role;
  int64_t created_us = 0;
  ExportState state = ExportState::kQueued;
  std::string message{};  // why it failed
  uint64_t items_done = 0;
  uint64_t items_total = 0;  // 0 while the items are being gathered
  uint64_t posts = 0;
  uint64_t flags = 0;
  uint64_t reviews = 0;
  uint64_t bytes = 0;    // the zip's size, once done
  std::string sha256{};  // the zip's SHA-256 (hex), once done
  int64_t finished_us = 0;
};

struct ExportError {
  int status = 500;  // 429: the queue is full; 500: the job could not be stored
  std::string message;
};

class ExportJobs {
 public:
  static constexpr size_t kMaxQueued = 8;  // exports waiting, the running one not counted

  // Reads the jobs in DIR/exports (marking cut-off ones failed) and starts the thread. Spooled
  // audit records are committed through `records` when it is given (else by the next writer).
  ExportJobs(std::filesystem::path dir, RecordDrain* records);
  ~ExportJobs();
  ExportJobs(const ExportJobs&) = delete;
  ExportJobs& operator=(const ExportJobs&) = delete;

  // Queues the job under a new id and returns it as stored.
  [[nodiscard]] tl::expected<ExportJob, ExportError> Add(ExportJob job);

  std::vector<ExportJob> List() const;  // newest first
  std::optional<ExportJob> Find(const std::string& id) const;
  // The finished bundle of a job that is done.
  std::filesystem::path ZipPath(const std::string& id) const;

  void Stop();  // idempotent

 private:
  void Run();
  void RunJob(const std::string& id);
  void Finish(const std::string& id, ExportJob done);  // stores the final state
  void Load();
  [[nodiscard]] bool Store(const ExportJob& job) const;  // writes <id>.json; true when durable

  const std::filesystem::path dir_;      // the archive
  const std::filesystem::path exports_;  // DIR/exports
  RecordDrain* const records_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::map<std::string, ExportJob> jobs_;  // guarded by mu_
  std::deque<std::string> queue_;          // guarded by mu_: ids waiting, oldest first
  bool stop_ = false;                      // guarded by mu_
  std::thread thread_;
};

}  // namespace holdfast::api
