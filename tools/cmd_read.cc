// holdfast read: any export through its source, and nothing else. It prints each post as
// the archive would record it (one JSON line: key, meta and content) and each dead letter on
// standard error, so that a user sees what Holdfast makes of an export before ingesting it;
// with --count it only counts, which measures a source's parsing speed alone.
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/records.h"
#include "engine/source.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

using json = nlohmann::ordered_json;

struct ReadArgs {
  std::string input;
  std::string format = "auto";
  std::string tz;
  bool count = false;
  bool quiet = false;
};

int RunRead(const ReadArgs& args) {
  auto source = engine::OpenSource(args.input, {.format = args.format, .tz = args.tz});
  if (!source) {
    PrintError(source.error().ToString());
    return 1;
  }
  const bool show_progress = !args.quiet && IsTerminal(stderr);
  const auto start = std::chrono::steady_clock::now();
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  uint64_t posts = 0;
  uint64_t dead_letters = 0;
  double shown = -1;  // when the progress line was last written
  engine::SourceItem item;
  for (;;) {
    auto more = (*source)->Next(item);
    if (!more) {
      PrintError(more.error().ToString());
      return 1;
    }
    if (!*more) {
      break;
    }
    if (!item.is_post) {
      ++dead_letters;
      const engine::DeadLetter& dead = item.dead_letter;
      std::fprintf(stderr, "dead letter: %s, record %llu: %s\n", dead.source_file.c_str(),
                   static_cast<unsigned long long>(dead.record), dead.reason.c_str());
      continue;
    }
    ++posts;
    if (!args.count) {
      const archive::Record record = engine::PostRecord(item.post);
      const json line = {{"key", record.key},
                         {"meta", json::parse(record.meta)},
                         {"content", json::parse(record.content)}};
      std::printf("%s\n", line.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
    }
    // A tenth of a second between updates, and one as soon as reading has started.
    if (show_progress && posts % 1024 == 0 && (shown < 0 || seconds() - shown >= 0.1)) {
      shown = seconds();
      const engine::SourceProgress progress = (*source)->progress();
      PrintProgress(posts, progress.bytes_done, progress.bytes_total, shown);
    }
  }
  if (show_progress) {
    EndProgress();
  }
  for (const std::string& note : (*source)->notes()) {
    std::fprintf(stderr, "note: %s\n", note.c_str());
  }
  const engine::SourceProgress progress = (*source)->progress();
  const double elapsed = seconds();
  if (args.count || !args.quiet) {
    std::fprintf(
        args.count ? stdout : stderr,
        "%llu posts, %llu dead letters, %.1f MB read in %.3f s (%.1f MB/s, %.0f posts/s)\n",
        static_cast<unsigned long long>(posts), static_cast<unsigned long long>(dead_letters),
        static_cast<double>(progress.bytes_total) / 1e6, elapsed,
        static_cast<double>(progress.bytes_total) / 1e6 / elapsed,
        static_cast<double>(posts) / elapsed);
  }
  return dead_letters > 0 ? 1 : 0;
}

}  // namespace

void AddReadCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReadArgs>();
  CLI::App* read = app.add_subcommand(
      "read", "Print the posts of an export as Holdfast reads them (nothing is archived)");
  read->add_option("export", args->input, "Export zip, folder or file (- for JSONL on stdin)")
      ->required();
  read->add_option(
      "--format", args->format,
      "auto | jsonl | slack | mattermost | teams | yammer | whatsapp | telegram | discord "
      "(auto: detected)");
  read->add_option("--tz", args->tz,
                   "IANA zone of exports with local times (WhatsApp); default the machine's");
  read->add_flag("--count", args->count, "Only count posts and dead letters, and time the read");
  read->add_flag("--quiet", args->quiet, "No progress line and no summary");
  read->callback([args, &exit_code] { exit_code = RunRead(*args); });
}

}  // namespace holdfast::tools
