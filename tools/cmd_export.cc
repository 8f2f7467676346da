// holdfast export: an evidence bundle of what a query, a hold or a review state selects at one
// signed head (engine/evidence.h), audited in the archive's log.
#include <chrono>
#include <cstdlib>
#include <memory>
#include <sstream>

#include "archive/merkle.h"
#include "engine/audit.h"
#include "engine/evidence.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

struct ExportArgs {
  std::string dir;
  std::string query;
  std::string hold;
  std::string flags;
  std::string case_name;
  std::string out;
  std::string by;
  std::optional<uint64_t> head;
  std::vector<std::string> formats{"native", "rsmf", "dat", "html"};
  bool quiet = false;
};

// "12000 of 40000 records  5300 rec/s  30%" rewritten in place on a terminal.
class ExportProgress {
 public:
  explicit ExportProgress(bool show) : show_(show), start_(std::chrono::steady_clock::now()) {}
  ~ExportProgress() {
    if (shown_) {
      std::fprintf(stderr, "\n");
    }
  }
  bool operator()(const engine::EvidenceProgress& progress) {
    if (!show_) {
      return true;
    }
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(200) && progress.done != progress.total) {
      return true;
    }
    last_ = now;
    shown_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (progress.total == 0) {
      std::fprintf(stderr, "\r  selecting: %llu posts found   ",
                   static_cast<unsigned long long>(progress.done));
    } else {
      std::fprintf(
          stderr, "\r  writing: %llu of %llu records  %.0f rec/s  %3.0f%%   ",
          static_cast<unsigned long long>(progress.done),
          static_cast<unsigned long long>(progress.total),
          seconds > 0 ? static_cast<double>(progress.done) / seconds : 0.0,
          100.0 * static_cast<double>(progress.done) / static_cast<double>(progress.total));
    }
    return true;
  }

 private:
  const bool show_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
  bool shown_ = false;
};

std::string DefaultUser() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "unknown";
}

int RunExport(const ExportArgs& args) {
  engine::EvidenceRequest request;
  request.case_name = args.case_name;
  request.exported_by = args.by.empty() ? DefaultUser() : args.by;
  request.out = args.out;
  request.head_size = args.head;
  if (!args.query.empty()) {
    request.value = args.query;
  } else if (!args.hold.empty()) {
    request.selection = engine::EvidenceSelection::kHold;
    request.value = args.hold;
  } else {
    request.selection = engine::EvidenceSelection::kFlags;
    request.value = args.flags;
  }
  request.formats.clear();
  for (const std::string& format : args.formats) {
    if (format != "native") {  // the native files and proofs are in every bundle
      request.formats.push_back(format);
    }
  }
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto progress = std::make_shared<ExportProgress>(!args.quiet && IsTerminal(stderr));
  request.progress = [progress](const engine::EvidenceProgress& p) { return (*progress)(p); };
  auto summary = engine::ExportEvidence(*archive, request);
  progress.reset();
  if (!summary) {
    PrintError(summary.error().ToString());
    return 1;
  }
  // The export's wall-clock time lives here, in the signed log, not in the bundle.
  std::ostringstream detail;
  detail << engine::EvidenceSelectionName(request.selection) << ": " << request.value << "; head "
         << summary->head_size << "; manifest.json sha256 " << summary->manifest_sha256 << "; "
         << summary->flags << " flags, " << summary->reviews << " reviews; " << args.out;
  engine::AuditEvent event{.user = request.exported_by,
                           .role = "cli",
                           .time_us = archive->NowUs(),
                           .action = engine::AuditAction::kExport,
                           .target = request.case_name,
                           .detail = detail.str(),
                           .results = summary->posts};
  if (auto audited = engine::SpoolAudit(args.dir, std::move(event)); !audited) {
    std::error_code ignored;
    std::filesystem::remove(args.out, ignored);
    PrintError("the export could not be audited, so the bundle was removed: " +
               audited.error().ToString());
    return 1;
  }
  std::printf(
      "wrote %s: %llu posts, %llu flags, %llu reviews in %llu conversation slices, cut at the "
      "signed head of %llu records\n  manifest.json sha256 %s (recorded in the audit log)\n"
      "  check it anywhere with: holdfast verify-bundle %s  (or python3 verify_bundle.py, "
      "inside the bundle)\n",
      args.out.c_str(), static_cast<unsigned long long>(summary->posts),
      static_cast<unsigned long long>(summary->flags),
      static_cast<unsigned long long>(summary->reviews),
      static_cast<unsigned long long>(summary->conversations),
      static_cast<unsigned long long>(summary->head_size), summary->manifest_sha256.c_str(),
      args.out.c_str());
  return 0;
}

}  // namespace

void AddExportCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* exporter = app.add_subcommand(
      "export",
      "Write an evidence bundle (zip): native files with proofs, RSMF 2.0, a DAT load file and "
      "HTML transcripts of what a query, a hold or a review state selects at one signed head");
  exporter->add_option("DIR", args->dir, "Archive folder")->required();
  exporter->add_option("--case", args->case_name, "Case name")->required();
  auto* query = exporter->add_option("--query", args->query, "Query, as for search");
  auto* hold = exporter->add_option("--hold", args->hold, "An active hold's name");
  auto* flags = exporter->add_option(
      "--flags", args->flags,
      "Posts with a flag in this state: open, escalated, dismissed, resolved, unsampled, any");
  query->excludes(hold)->excludes(flags);
  hold->excludes(flags);
  exporter->add_option("--out", args->out, "Bundle file (.zip)")->required();
  exporter->add_option("--head", args->head,
                       "Cut at the signed head of this many records (default: the latest)");
  exporter
      ->add_option("--format", args->formats,
                   "Formats besides the native files and proofs (default: native,rsmf,dat,html)")
      ->delimiter(',')
      ->check(CLI::IsMember({"native", "rsmf", "dat", "html"}));
  exporter->add_option("--by,--actor", args->by, "Who exports (default: $USER)");
  exporter->add_flag("--quiet", args->quiet, "No progress line");
  exporter->callback([exporter, args, &exit_code] {
    if (exporter->count("--query") + exporter->count("--hold") + exporter->count("--flags") != 1) {
      PrintError("export: give one of --query, --hold or --flags");
      exit_code = 2;
      return;
    }
    exit_code = RunExport(*args);
  });
}

}  // namespace holdfast::tools
