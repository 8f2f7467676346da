// holdfast stats, holdfast reindex.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "archive/archive.h"
#include "engine/reindex.h"
#include "engine/time_format.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/disk_usage.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct StatsArgs {
  std::string dir;
  bool json = false;
  bool quiet = false;
  uint32_t shards = 0;  // reindex: 0 keeps the index's count
};

struct Counts {
  uint64_t posts = 0, flags = 0, reviews = 0, dead_letters = 0, heads = 0, tombstones = 0;
  uint64_t holds = 0, retention_rules = 0, saved_searches = 0, users = 0, audit = 0;
  uint64_t erased = 0;
};

// Shows records/s and the share of the log done on a terminal, unless quiet.
class Meter {
 public:
  explicit Meter(bool quiet) : on_(!quiet && IsTerminal(stderr)) {}
  ~Meter() {
    if (shown_) {
      EndProgress();
    }
  }
  void Show(uint64_t done, uint64_t total) {
    if (!on_ || Clock::now() - last_ < std::chrono::milliseconds(500)) {
      return;
    }
    last_ = Clock::now();
    shown_ = true;
    PrintProgress(done, done, total, std::chrono::duration<double>(last_ - start_).count());
  }

 private:
  bool on_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = start_;
};

int RunStats(const StatsArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  Counts counts;
  Meter meter(args.quiet);
  auto walked = archive->ForEach([&](const archive::StoredRecord& record) {
    switch (record.record.type) {
      case archive::RecordType::kPost:
        ++counts.posts;
        break;
      case archive::RecordType::kFlag:
        ++counts.flags;
        break;
      case archive::RecordType::kReview:
        ++counts.reviews;
        break;
      case archive::RecordType::kDeadLetter:
        ++counts.dead_letters;
        break;
      case archive::RecordType::kTreeHead:
        ++counts.heads;
        break;
      case archive::RecordType::kHold:
        ++counts.holds;
        break;
      case archive::RecordType::kRetention:
        ++counts.retention_rules;
        break;
      case archive::RecordType::kErasure:
        ++counts.tombstones;
        break;
      case archive::RecordType::kTimestamp:
        break;  // RFC 3161 tokens of heads: part of the heads' proof, not counted apart
      case archive::RecordType::kSavedSearch:
        ++counts.saved_searches;
        break;
      case archive::RecordType::kUser:
        ++counts.users;
        break;
      case archive::RecordType::kAudit:
        ++counts.audit;
        break;
    }
    counts.erased += record.content_erased ? 1 : 0;
    meter.Show(record.sequence + 1, archive->size());
    return true;
  });
  if (!walked) {
    PrintError(walked.error().ToString());
    return 1;
  }
  auto head = archive->LatestHead();
  const uint64_t documents = archive->index().document_count();
  const uint64_t indexed = archive->index().log_size();
  const fs::path dir = archive->dir();
  nlohmann::ordered_json out = {
      {"archive", archive->origin()},
      {"tree_size", archive->size()},
      {"records",
       {{"posts", counts.posts},
        {"flags", counts.flags},
        {"reviews", counts.reviews},
        {"dead_letters", counts.dead_letters},
        {"tree_heads", counts.heads},
        {"tombstones", counts.tombstones},
        {"holds", counts.holds},
        {"retention_rules", counts.retention_rules},
        {"saved_searches", counts.saved_searches},
        {"users", counts.users},
        {"audit", counts.audit}}},
      {"erased_contents", counts.erased},
      {"latest_head", nullptr},
      {"index",
       {{"documents", documents},
        {"log_position", indexed},
        {"shards", archive->index().shard_count()}}},
      {"bytes", {{"log", FolderBytes(dir / "log")}, {"index", FolderBytes(dir / "index")}}}};
  if (head) {
    out["latest_head"] = {{"size", head->size},
                          {"root", archive::ToHex(head->root)},
                          {"time", engine::FormatRfc3339(head->time_us)}};
  }
  if (args.json) {
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  const auto u = [](uint64_t n) { return static_cast<unsigned long long>(n); };
  std::printf("archive      %s at %s\n", archive->origin().c_str(), dir.c_str());
  std::printf("tree size    %llu records\n", u(archive->size()));
  std::printf("  posts          %12llu\n  flags          %12llu\n  reviews        %12llu\n",
              u(counts.posts), u(counts.flags), u(counts.reviews));
  std::printf("  dead letters   %12llu\n  tree heads     %12llu\n  tombstones     %12llu\n",
              u(counts.dead_letters), u(counts.heads), u(counts.tombstones));
  std::printf("  holds          %12llu\n  retention      %12llu\n  saved searches %12llu\n",
              u(counts.holds), u(counts.retention_rules), u(counts.saved_searches));
  std::printf("  users          %12llu\n  audit          %12llu\n", u(counts.users),
              u(counts.audit));
  std::printf("erased       %llu records' content (each named by a tombstone)\n", u(counts.erased));
  if (head) {
    std::printf("latest head  %llu records, root %s, %s\n", u(head->size),
                archive::ToHex(head->root).c_str(), engine::FormatRfc3339(head->time_us).c_str());
  } else {
    std::printf("latest head  none: nothing committed yet\n");
  }
  std::printf("index        %llu documents in %u shards, up to record %llu%s\n", u(documents),
              archive->index().shard_count(), u(indexed),
              indexed >= archive->size() ? " (current)" : " (behind: the next writer catches up)");
  std::printf("disk         log %.1f MB, index %.1f MB\n",
              static_cast<double>(out["bytes"]["log"].get<uint64_t>()) / 1e6,
              static_cast<double>(out["bytes"]["index"].get<uint64_t>()) / 1e6);
  return 0;
}

int RunReindex(const StatsArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true, /*catch_up_index=*/false);
  if (!archive) {
    return 1;
  }
  if (auto reset = archive->ResetIndex(args.shards); !reset) {
    PrintError(reset.error().ToString());
    return 1;
  }
  const auto start = Clock::now();
  Meter meter(args.quiet);
  auto stats =
      engine::Reindex(*archive, 0, [&](uint64_t done, uint64_t total) { meter.Show(done, total); });
  if (!stats) {
    PrintError(stats.error().ToString());
    return 1;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("reindexed %llu records: %llu post documents, %llu with review states (%.1f s)\n",
              static_cast<unsigned long long>(stats->records),
              static_cast<unsigned long long>(stats->posts),
              static_cast<unsigned long long>(stats->reviewed_posts), seconds);
  for (const std::string& note : stats->notes) {
    std::fprintf(stderr, "holdfast: %s\n", note.c_str());
  }
  return 0;
}

}  // namespace

void AddStatsCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* stats = app.add_subcommand(
      "stats", "Count the log's records by type; show the latest head and the index");
  stats->add_option("DIR", args->dir, "Archive folder")->required();
  stats->add_flag("--json", args->json, "Print JSON");
  stats->add_flag("--quiet", args->quiet, "No progress line");
  stats->callback([args, &exit_code] { exit_code = RunStats(*args); });

  CLI::App* reindex =
      app.add_subcommand("reindex", "Rebuild the search index from the log (the index is a view)");
  reindex->add_option("DIR", args->dir, "Archive folder")->required();
  reindex->add_flag("--quiet", args->quiet, "No progress line");
  reindex
      ->add_option("--shards", args->shards,
                   "Shards of the rebuilt index (default: as many as it has now)")
      ->check(CLI::Range(uint32_t{1}, archive::Index::kMaxShards));
  reindex->callback([args, &exit_code] { exit_code = RunReindex(*args); });
}

}  // namespace holdfast::tools
