// holdfast init, holdfast ingest.
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/signer.h"
#include "engine/pipeline.h"
#include "engine/source.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/policy_files.h"
#include "tools/terminal.h"
#include "tools/timestamp_head.h"

namespace holdfast::tools {

namespace {

namespace fs = std::filesystem;

struct InitArgs {
  std::string dir;
  std::vector<std::string> policies;
  std::string codenames;
  uint64_t segment_bytes = archive::CreateOptions{}.segment_bytes;
  uint32_t index_shards = archive::Index::kDefaultShards;
};

struct IngestArgs {
  std::string dir;
  std::vector<std::string> sources;
  std::string format = "auto";
  std::string tz;
  bool quiet = false;
  bool no_resume = false;
  size_t threads = 2;
  uint64_t commit_every = 100'000;
  std::string tsa;     // timestamp the head the ingest ends on
  std::string tsa_ca;  // and check the token with this CA
};

int RunInit(const InitArgs& args) {
  auto rules = CompilePolicies(args.policies, args.codenames);
  if (!rules) {
    PrintError(rules.error());
    return 1;
  }
  if (auto created = archive::Archive::Create(
          args.dir, archive::CreateOptions{args.segment_bytes, args.index_shards});
      !created) {
    PrintError(created.error().ToString());
    return 1;
  }
  const fs::path policy_dir = ArchivePolicyDir(args.dir);
  std::error_code ec;
  fs::create_directories(policy_dir, ec);
  std::string names;
  for (const rules::Policy& policy : (*rules)->policies()) {
    fs::copy_file(policy.file, policy_dir / (policy.id + ".yaml"),
                  fs::copy_options::overwrite_existing, ec);
    if (ec) {
      PrintError(policy.file + ": cannot copy into the archive: " + ec.message());
      return 1;
    }
    names += (names.empty() ? "" : ", ") + policy.id;
  }
  if (!args.codenames.empty()) {
    fs::copy_file(args.codenames, policy_dir / "codenames.txt",
                  fs::copy_options::overwrite_existing, ec);
    if (ec) {
      PrintError(args.codenames + ": cannot copy into the archive: " + ec.message());
      return 1;
    }
  }
  auto opened = archive::Archive::Open(args.dir);
  const std::string fingerprint =
      opened ? archive::KeyFingerprint((*opened)->public_pem()) : std::string("?");
  std::printf(
      "created archive %s\n  signing key %s (public key: %s/keys/public.pem)\n"
      "  %zu policies, %u rules: %s\n",
      args.dir.c_str(), fingerprint.c_str(), args.dir.c_str(), (*rules)->policies().size(),
      (*rules)->size(), names.c_str());
  return 0;
}

void PrintIngestSummary(const engine::IngestStats& stats) {
  const double rate = stats.seconds > 0 ? static_cast<double>(stats.posts_read) / stats.seconds : 0;
  std::printf(
      "read %llu posts: %llu new, %llu already archived; %llu flags; %llu dead letters"
      " (%.1f s, %.0f posts/s)\n",
      static_cast<unsigned long long>(stats.posts_read),
      static_cast<unsigned long long>(stats.posts_added),
      static_cast<unsigned long long>(stats.duplicates),
      static_cast<unsigned long long>(stats.flags_added),
      static_cast<unsigned long long>(stats.dead_letters), stats.seconds, rate);
  const uint64_t skipped =
      std::accumulate(stats.resumed_skipped.begin(), stats.resumed_skipped.end(), uint64_t{0});
  if (skipped > 0) {
    std::printf("resumed: skipped %llu records archived by an earlier run\n",
                static_cast<unsigned long long>(skipped));
  }
  for (const engine::DeadLetter& dead : stats.first_dead_letters) {
    std::fprintf(stderr, "dead letter: %s%s: %s\n", dead.source_file.c_str(),
                 dead.record ? (": record " + std::to_string(dead.record)).c_str() : "",
                 dead.reason.c_str());
  }
  if (stats.dead_letters > stats.first_dead_letters.size()) {
    std::fprintf(
        stderr, "... and %llu more dead letters\n",
        static_cast<unsigned long long>(stats.dead_letters - stats.first_dead_letters.size()));
  }
  for (const engine::Error& error : stats.source_errors) {
    PrintError("source stopped early: " + error.ToString());
  }
}

int RunIngest(const IngestArgs& args) {
  auto rules = CompilePolicies({ArchivePolicyDir(args.dir).string()}, ArchiveCodenames(args.dir));
  if (!rules) {
    PrintError(rules.error());
    return 1;
  }
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  int exit_code = 0;
  std::vector<std::unique_ptr<engine::Source>> sources;
  for (const std::string& path : args.sources) {
    auto source = engine::OpenSource(path, {.format = args.format, .tz = args.tz});
    if (!source) {
      PrintError(source.error().ToString());
      exit_code = 1;
      continue;
    }
    sources.push_back(std::move(*source));
  }
  engine::IngestOptions ingest;
  ingest.scan_threads = args.threads;
  ingest.resume = !args.no_resume;
  ingest.commit_every = args.commit_every;
  // Each head but the last is timestamped as the ingest goes (the token is signed by the next
  // head); a TSA that fails does not stop the ingest, nothing of which is lost.
  uint64_t heads_stamped = 0;
  std::vector<std::string> stamp_failures;
  if (!args.tsa.empty()) {
    ingest.on_head = [&](const archive::TreeHead& head) {
      auto stamped = AppendHeadTimestamp(*archive, head, args.tsa, args.tsa_ca);
      if (stamped) {
        ++heads_stamped;
      } else {
        stamp_failures.push_back("the head of " + std::to_string(head.size) +
                                 " records: " + stamped.error());
      }
    };
  }
  const bool show_progress = !args.quiet && IsTerminal(stderr);
  if (show_progress) {
    ingest.on_progress = [](const engine::IngestProgress& p) {
      PrintProgress(p.records, p.bytes_done, p.bytes_total, p.seconds);
    };
  }
  auto stats = engine::Ingest(*archive, *rules, std::move(sources), ingest);
  if (show_progress)
    EndProgress();
  if (!stats) {
    PrintError(stats.error().ToString());
    return 1;
  }
  PrintIngestSummary(*stats);
  for (const std::string& note : stats->notes) {
    std::printf("note: %s\n", note.c_str());
  }
  if (stats->dead_letters > 0 || !stats->source_errors.empty()) {
    PrintError(std::to_string(stats->dead_letters) + " records were dead-lettered and " +
               std::to_string(stats->source_errors.size()) +
               " sources stopped early; everything else was archived");
    exit_code = 1;
  }
  if (args.tsa.empty()) {
    return exit_code;
  }
  if (heads_stamped > 0) {
    std::printf("timestamped %llu heads signed during the ingest\n",
                static_cast<unsigned long long>(heads_stamped));
  }
  for (const std::string& failure : stamp_failures) {
    PrintError("no timestamp for " + failure);
  }
  if (TimestampLatestHead(*archive, args.dir, args.tsa, args.tsa_ca) != 0 ||
      !stamp_failures.empty()) {
    PrintError(
        "the ingest is committed; some of its heads have no timestamp (holdfast timestamp can "
        "add one to the latest head later)");
    exit_code = 1;
  }
  return exit_code;
}

}  // namespace

void AddArchiveCommands(CLI::App& app, int& exit_code) {
  auto init_args = std::make_shared<InitArgs>();
  CLI::App* init = app.add_subcommand("init", "Create an archive with a fresh Ed25519 key");
  init->add_option("DIR", init_args->dir, "Archive folder (absent or empty)")->required();
  init->add_option("--policies", init_args->policies,
                   "Policy files or folders (default: every shipped pack)");
  init->add_option("--codenames", init_args->codenames,
                   "Plain file of project codenames, one a line, for the ip.codename rule; "
                   "kept in the archive");
  init->add_option("--segment-bytes", init_args->segment_bytes,
                   "Size limit of each log segment file (log/segments/), kept in archive.json; "
                   "default 268435456 (256 MiB). Small values are for tests of roll-over")
      ->check(CLI::Range(uint64_t{1024}, uint64_t{1} << 40));
  init->add_option("--index-shards", init_args->index_shards,
                   "Shards of the search index, each written by a thread of its own and searched "
                   "as one; about one per core. Default 2; holdfast reindex --shards changes it")
      ->check(CLI::Range(uint32_t{1}, archive::Index::kMaxShards));
  init->callback([init_args, &exit_code] { exit_code = RunInit(*init_args); });

  auto ingest_args = std::make_shared<IngestArgs>();
  CLI::App* ingest = app.add_subcommand("ingest", "Read exports into the archive");
  ingest->add_option("DIR", ingest_args->dir, "Archive folder")->required();
  ingest
      ->add_option("SOURCE", ingest_args->sources,
                   "Export zip, folder or JSONL file; - for JSONL on stdin")
      ->required();
  ingest
      ->add_option("--format", ingest_args->format,
                   "auto | jsonl | slack | mattermost | teams | yammer | whatsapp | telegram | "
                   "discord")
      ->check(CLI::IsMember({"auto", "jsonl", "slack", "mattermost", "teams", "yammer", "whatsapp",
                             "telegram", "discord"}));
  ingest->add_option("--tz", ingest_args->tz,
                     "IANA zone of exports with local times (WhatsApp); default the machine's");
  ingest->add_flag("--quiet", ingest_args->quiet, "No progress line");
  ingest->add_flag("--no-resume", ingest_args->no_resume,
                   "Read and scan every record again, ignoring the checkpoints of earlier runs "
                   "(nothing is archived twice either way)");
  ingest->add_option("--threads", ingest_args->threads, "Scan threads")->check(CLI::Range(1, 64));
  ingest
      ->add_option("--commit-every", ingest_args->commit_every,
                   "Records between signed heads (and resume checkpoints); default 100000")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40));
  ingest->add_option("--tsa", ingest_args->tsa,
                     "Have this time-stamping authority (RFC 3161, http://...) timestamp each "
                     "head the ingest signs (every --commit-every records, and the last), as "
                     "holdfast timestamp does");
  ingest->add_option("--tsa-ca", ingest_args->tsa_ca,
                     "PEM CA certificate(s) of the TSA: check the token before keeping it");
  ingest->callback([ingest_args, &exit_code] { exit_code = RunIngest(*ingest_args); });
}

}  // namespace holdfast::tools
