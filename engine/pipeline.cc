#include "engine/pipeline.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>

#include "engine/bounded_queue.h"
#include "engine/checkpoint.h"
#include "engine/records.h"
#include "engine/review_queue.h"
#include "engine/scan_worker.h"
#include "engine/versions.h"
#include "rules/scanner.h"

namespace holdfast::engine {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kDeadLettersShown = 20;
constexpr uint64_t kSkippedPerMark = 4096;
constexpr uint64_t kCompactAfterPosts = 20'000;  // smaller ingests leave the index as it is

struct ReaderState {
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<uint64_t> bytes_total{0};
  std::vector<Error> source_errors;  // written by the reader, read after it is joined
  std::vector<std::string> notes;    // likewise
};

// Stage 1: every source in turn, batches dealt round-robin to the workers. The first items of
// a source that its checkpoint says are archived already are read but skipped: the writer
// hears of them by marks, one per kSkippedPerMark items and one where the skipping ends, each
// dealt at once so that its progress moves while the reader skips.
void ReadSources(std::vector<std::unique_ptr<Source>>& sources, const Checkpoints& checkpoints,
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
  for (size_t index = 0; index < sources.size(); ++index) {
    Source& source = *sources[index];
    uint64_t to_skip = checkpoints.skip(index);
    uint64_t skipped = 0;  // not yet marked
    auto mark = [&] {
      if (skipped > 0 && !writer_stopped) {
        Work work;
        work.source = index;
        work.skipped = std::exchange(skipped, 0);
        batch.push_back(std::move(work));
        deal();
      }
    };
    while (!writer_stopped) {
      Work work;
      work.source = index;
      auto more = source.Next(work.item);
      const SourceProgress progress = source.progress();
      state.bytes_done.store(progress.bytes_done, std::memory_order_relaxed);
      state.bytes_total.store(progress.bytes_total, std::memory_order_relaxed);
      if (!more) {
        state.source_errors.push_back(more.error());
        break;
      }
      if (!*more) {
        break;
      }
      if (to_skip > 0) {
        --to_skip;
        if (++skipped >= kSkippedPerMark) {
          mark();
        }
        continue;
      }
      mark();
      batch.push_back(std::move(work));
      if (batch.size() >= batch_size) {
        deal();
      }
    }
    mark();
    for (const std::string& note : source.notes()) {
      state.notes.push_back(source.name() + ": " + note);
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
  Post& post = work.item.post;
  if ((post.kind == PostKind::kEdit || post.kind == PostKind::kDelete) &&
      !archive.Contains(post.Key())) {
    auto previous = LatestOtherVersion(archive, post);
    if (!previous)
      return tl::unexpected(previous.error());
    if (*previous) {
      post.supersedes = **previous;
      work.record = PostRecord(post);  // its meta now names the version it replaces
    }
  }
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
  auto indexed = archive.index().Put(std::move(work.index_entry));
  if (!indexed)
    return fail(indexed.error());
  if (!post.supersedes.empty())
    return MarkSuperseded(archive, post.supersedes);
  return {};
}

// The calling thread's part: stage 4 for each item, a commit every `commit_every` items, and
// after each commit the checkpoints, never before it.
struct Writer {
  archive::Archive& archive;
  Checkpoints& checkpoints;
  const uint64_t commit_every;
  const std::function<void(const archive::TreeHead&)>& on_head;
  IngestStats stats;
  uint64_t since_commit = 0;
  uint64_t skipped = 0;  // the sum of stats.resumed_skipped

  tl::expected<void, Error> Write(Work& work) {
    if (work.skipped > 0) {
      stats.resumed_skipped[work.source] += work.skipped;
      skipped += work.skipped;
      checkpoints.Add(work.source, work.skipped);  // committed by an earlier ingest
      return {};
    }
    if (auto appended = Append(archive, work, stats); !appended) {
      return appended;
    }
    checkpoints.Add(work.source, 1);
    return ++since_commit >= commit_every ? Commit(/*last=*/false) : tl::expected<void, Error>();
  }

  tl::expected<void, Error> Commit(bool last) {
    since_commit = 0;
    auto head = CommitWithSpooledReviews(archive);  // the API's reviews, spooled meanwhile
    if (!head) {
      return tl::unexpected(head.error());
    }
    checkpoints.Save(archive.size(), last);
    if (!last && on_head) {
      on_head(*head);
    }
    return {};
  }

  uint64_t records() const { return stats.posts_read + stats.dead_letters + skipped; }
};

}  // namespace

tl::expected<IngestStats, Error> Ingest(archive::Archive& archive,
                                        std::shared_ptr<const rules::RuleSet> rules,
                                        std::vector<std::unique_ptr<Source>> sources,
                                        const IngestOptions& options) {
  const Clock::time_point start = Clock::now();
  const size_t workers = std::max<size_t>(1, options.scan_threads);
  std::vector<std::unique_ptr<Queue>> to_workers, to_writer;
  std::vector<rules::Scanner> scanners;
  const rules::ScannerOptions scan_options;  // defaults: batches of 128 texts
  for (size_t i = 0; i < workers; ++i) {
    auto scanner = rules::Scanner::Create(rules, scan_options);
    if (!scanner)
      return tl::unexpected(Error{"", 0, scanner.error().ToString()});
    scanners.push_back(std::move(*scanner));
    to_workers.push_back(std::make_unique<Queue>(options.queue_capacity));
    to_writer.push_back(std::make_unique<Queue>(options.queue_capacity));
  }

  std::vector<SourceInput> inputs;
  for (const auto& source : sources) {
    inputs.push_back(source->input());
  }
  Checkpoints checkpoints(archive.dir(), archive.size(), inputs, options.resume);
  ReaderState reader_state;
  std::thread reader(ReadSources, std::ref(sources), std::cref(checkpoints), std::ref(to_workers),
                     std::max<size_t>(1, options.batch_size), std::ref(reader_state));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i) {
    threads.emplace_back(ScanWorker, std::ref(scanners[i]), scan_options.max_batch,
                         std::ref(*to_workers[i]), std::ref(*to_writer[i]));
  }

  Writer writer{archive, checkpoints, options.commit_every, options.on_head, IngestStats{}};
  writer.stats.resumed_skipped.assign(sources.size(), 0);
  tl::expected<void, Error> result;
  Clock::time_point last_report = start;
  Batch batch;
  for (size_t next = 0; result && to_writer[next]->Pop(batch); next = (next + 1) % workers) {
    for (Work& work : batch) {
      result = writer.Write(work);
      if (!result)
        break;
    }
    if (options.on_progress && Clock::now() - last_report > std::chrono::milliseconds(500)) {
      last_report = Clock::now();
      options.on_progress({writer.records(),
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
  if (result) {
    result = writer.Commit(/*last=*/true);
  }
  if (!result)
    return tl::unexpected(result.error());
  IngestStats stats = std::move(writer.stats);
  stats.source_errors = std::move(reader_state.source_errors);
  stats.notes = std::move(reader_state.notes);
  stats.notes.insert(stats.notes.end(), checkpoints.notes().begin(), checkpoints.notes().end());
  // An ingest that grew the index by a quarter or more compacts it: Xapian's B-trees fill
  // about half full under many commits, and a compacted index is half the size and faster to
  // search. Growth by a quarter keeps the cost in proportion to what was added.
  if (stats.posts_added >= kCompactAfterPosts &&
      stats.posts_added * 4 >= archive.index().document_count()) {
    if (auto compacted = archive.index().Compact(); !compacted) {
      stats.notes.push_back("the index was not compacted: " + compacted.error().ToString());
    }
  }
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return stats;
}

}  // namespace holdfast::engine
