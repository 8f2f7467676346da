// Stages 2 and 3 of the ingest pipeline (engine/pipeline.h): a worker that normalizes each post
// of a batch to NFC, scans it and turns the hits into flags, then encodes its log record and
// index entry so that the one writer only appends. Also what travels between the stages.
// Thread safety: ScanWorker runs on its own thread with its own scanner; a Work item belongs to
// one stage at a time, handed on through the queues.
#pragma once

#include <cstddef>
#include <vector>

#include "archive/index.h"
#include "archive/record.h"
#include "engine/bounded_queue.h"
#include "engine/records.h"
#include "engine/source.h"
#include "rules/scanner.h"

namespace holdfast::engine {

// What travels between stages: a post (with its flags once scanned) or a dead letter, or a mark
// that the reader skipped items already archived.
struct Work {
  size_t source = 0;     // which of the ingest's sources it came from
  uint64_t skipped = 0;  // > 0: no item, but this many items of `source` skipped on resume
  SourceItem item;
  std::vector<Flag> flags;
  // Encoded by the workers so that the one writer thread only appends and indexes.
  archive::Record record;
  archive::IndexEntry index_entry;
};
// Items travel in batches: one queue hand-off (a lock and a wake-up) per batch, not per post.
using Batch = std::vector<Work>;
using Queue = BoundedQueue<Batch>;

// Pops batches from `in` until it is closed and drained, scans their posts `max_batch` texts
// per scanner call, and pushes each batch, in the order received, to `out`; closes `out` at the
// end. A post the scanner refuses becomes a dead letter in place.
void ScanWorker(rules::Scanner& scanner, size_t max_batch, Queue& in, Queue& out);

}  // namespace holdfast::engine
