// Ingest: the pipeline that takes posts from sources to the archive.
//
//   source -> normalize -> scan -> decide -> append + index
//
// One reader thread runs the sources in turn; `scan_threads` workers normalize, scan and turn
// hits into flags; the calling thread is the archive's one writer. Bounded queues link the
// stages (a full queue blocks the source) and items reach the writer in source order, so the
// log's order does not depend on thread timing. A record that cannot become a post is
// appended as a dead letter; a source that cannot go on is reported and the next one runs.
// Resume: after each commit, how many items of each input are in the log is checkpointed in
// the archive folder (engine/checkpoint.h); a later ingest of an unchanged input reads and skips
// that many items before it scans and appends again.
// Thread safety: Ingest owns the archive for its duration.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/source.h"
#include "rules/rule_set.h"

namespace holdfast::engine {

struct IngestProgress {
  uint64_t records = 0;  // posts and dead letters read so far, those skipped on resume included
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;  // of the current source; 0 when unknown
  double seconds = 0;
};

struct IngestOptions {
  size_t scan_threads = 2;    // workers; more than the cores buys nothing
  size_t queue_capacity = 8;  // batches per queue; memory grows with it, stalls shrink
  // Items handed between stages at once: fewer hand-offs, more latency. The scanner's batch
  // (rules::ScannerOptions::max_batch), so that each batch is one scan.
  size_t batch_size = 512;
  // Records between signed tree heads; the end of an ingest always commits. Smaller means
  // less work to redo after a crash, at the cost of a head record and an fsync each time.
  uint64_t commit_every = 100'000;
  // Skip the items that a checkpoint says an earlier ingest of the same unchanged input
  // committed: they are read, but not scanned or appended. False reads and scans everything
  // again (the post key still keeps duplicates out); checkpoints are written either way.
  bool resume = true;
  // Called on the writer thread about twice a second.
  std::function<void(const IngestProgress&)> on_progress;
  // Called on the writer thread after each commit but the ingest's last, with the head it
  // signed; it may append records (a timestamp of that head), which the next commit signs.
  std::function<void(const archive::TreeHead&)> on_head{};
};

struct IngestStats {
  uint64_t posts_read = 0;
  uint64_t posts_added = 0;
  uint64_t duplicates = 0;  // posts whose key the archive held already
  uint64_t flags_added = 0;
  uint64_t dead_letters = 0;                   // dead letters read (new or seen before)
  std::vector<DeadLetter> first_dead_letters;  // the first few, to show the user
  std::vector<Error> source_errors;            // sources that stopped early, and why
  // Per source, in the order given: items (posts and dead letters) skipped on resume because
  // an earlier ingest committed them. They are counted nowhere else in these stats.
  std::vector<uint64_t> resumed_skipped;
  // What sources chose and report ("date order: day first"), and checkpoints that were ignored
  // or could not be saved.
  std::vector<std::string> notes;
  double seconds = 0;
};

// Runs every source through the pipeline into `archive` (opened writable).
[[nodiscard]] tl::expected<IngestStats, Error> Ingest(archive::Archive& archive,
                                                      std::shared_ptr<const rules::RuleSet> rules,
                                                      std::vector<std::unique_ptr<Source>> sources,
                                                      const IngestOptions& options);

}  // namespace holdfast::engine
