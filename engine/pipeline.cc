#include "engine/pipeline.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "engine/bounded_queue.h"
#include "engine/records.h"
#include "engine/scan_worker.h"
#include "rules/scanner.h"

namespace holdfast::engine {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kDeadLettersShown = 20;

struct ReaderState {
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<uint64_t> bytes_total{0};
  std::vector<Error> source_errors;  // written by the reader, read after it is joined
  std::vector<std::string> notes;    // likewise
};

// Stage 1: every source in turn, batches dealt round-robin to the workers.
void ReadSources(std::vector<std::unique_ptr<Source>>& sources,
                 std::vector<std::unique_ptr<Queue>>& to_workers, size_t batch_size,
                 ReaderState& state) {
  size_t next = 0;
  Batch batch;
  bool writer_stopped = false;
  auto deal = [&] {
    writer_stopped = !to_workers[next]->Push(std::move(batch));
    batch = Batch();
    batch.reserve(batch_size);
    next = (next + 1) % to_workers.size();
  };
  batch.reserve(batch_size);
  for (auto& source : sources) {
    while (!writer_stopped) {
      Work work;
      auto more = source->Next(work.item);
      const SourceProgress progress = source->progress();
      state.bytes_done.store(progress.bytes_done, std::memory_order_relaxed);
      state.bytes_total.store(progress.bytes_total, std::memory_order_relaxed);
      if (!more) {
        state.source_errors.push_back(more.error());
        break;
      }
      if (!*more) {
        break;
      }
      batch.push_back(std::move(work));
      if (batch.size() >= batch_size) {
        deal();
      }
    }
    for (const std::string& note : source->notes()) {
      state.notes.push_back(source->name() + ": " + note);
    }
  }
  if (!batch.empty() && !writer_stopped) {
    deal();
  }
  for (auto& queue : to_workers) {
    queue->Close();
  }
}

// Stage 4: append to the log and the index. Returns false on an archive error.
tl::expected<void, Error> Append(archive::Archive& archive, Work& work, IngestStats& stats) {
  auto fail = [](const archive::Error& error) { return tl::unexpected(FromArchive(error)); };
  if (!work.item.is_post) {
    ++stats.dead_letters;
    if (stats.first_dead_letters.size() < kDeadLettersShown) {
      stats.first_dead_letters.push_back(work.item.dead_letter);
    }
    auto added = archive.Append(DeadLetterRecord(work.item.dead_letter));
    if (!added)
      return fail(added.error());
    return {};
  }
  ++stats.posts_read;
  auto sequence = archive.Append(std::move(work.record));
  if (!sequence)
    return fail(sequence.error());
  if (!*sequence) {
    ++stats.duplicates;
    return {};
  }
  ++stats.posts_added;
  for (Flag& flag : work.flags) {
    flag.post_sequence = **sequence;
    auto added = archive.Append(FlagRecord(flag));
    if (!added)
      return fail(added.error());
    stats.flags_added += added->has_value() ? 1 : 0;
  }
  work.index_entry.sequence = **sequence;
  auto indexed = archive.index().Put(work.index_entry);
  if (!indexed)
    return fail(indexed.error());
  return {};
}

}  // namespace

tl::expected<IngestStats, Error> Ingest(archive::Archive& archive,
                                        std::shared_ptr<const rules::RuleSet> rules,
                                        std::vector<std::unique_ptr<Source>> sources,
                                        const IngestOptions& options) {
  const Clock::time_point start = Clock::now();
  const size_t workers = std::max<size_t>(1, options.scan_threads);
  std::vector<std::unique_ptr<Queue>> to_workers, to_writer;
  std::vector<rules::Scanner> scanners;
  const rules::ScannerOptions scan_options;  // defaults: batches of 64 texts
  for (size_t i = 0; i < workers; ++i) {
    auto scanner = rules::Scanner::Create(rules, scan_options);
    if (!scanner)
      return tl::unexpected(Error{"", 0, scanner.error().ToString()});
    scanners.push_back(std::move(*scanner));
    to_workers.push_back(std::make_unique<Queue>(options.queue_capacity));
    to_writer.push_back(std::make_unique<Queue>(options.queue_capacity));
  }

  ReaderState reader_state;
  std::thread reader(ReadSources, std::ref(sources), std::ref(to_workers),
                     std::max<size_t>(1, options.batch_size), std::ref(reader_state));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i) {
    threads.emplace_back(ScanWorker, std::ref(scanners[i]), scan_options.max_batch,
                         std::ref(*to_workers[i]), std::ref(*to_writer[i]));
  }

  IngestStats stats;
  tl::expected<void, Error> result;
  Clock::time_point last_report = start;
  uint64_t since_commit = 0;
  Batch batch;
  for (size_t next = 0; result && to_writer[next]->Pop(batch); next = (next + 1) % workers) {
    for (Work& work : batch) {
      result = Append(archive, work, stats);
      if (!result)
        break;
      if (++since_commit >= options.commit_every) {
        since_commit = 0;
        if (auto head = archive.Commit(); !head) {
          result = tl::unexpected(FromArchive(head.error()));
          break;
        }
      }
    }
    if (options.on_progress && Clock::now() - last_report > std::chrono::milliseconds(500)) {
      last_report = Clock::now();
      options.on_progress({stats.posts_read + stats.dead_letters,
                           reader_state.bytes_done.load(std::memory_order_relaxed),
                           reader_state.bytes_total.load(std::memory_order_relaxed),
                           std::chrono::duration<double>(last_report - start).count()});
    }
  }
  // On an archive error, stop the other stages: closing their queues unblocks them.
  for (size_t i = 0; i < workers; ++i) {
    to_workers[i]->Close();
    to_writer[i]->Close();
  }
  reader.join();
  for (std::thread& thread : threads)
    thread.join();
  if (!result)
    return tl::unexpected(result.error());
  if (auto head = archive.Commit(); !head) {
    return tl::unexpected(FromArchive(head.error()));
  }
  stats.source_errors = std::move(reader_state.source_errors);
  stats.notes = std::move(reader_state.notes);
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return stats;
}

}  // namespace holdfast::engine
