// holdfast audit: the audit trail of the log (engine/audit.h), as a table, CSV or JSON lines.
#include <cstdio>
#include <limits>
#include <string>

#include "engine/audit.h"
#include "engine/time_format.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

struct AuditArgs {
  std::string dir;
  std::string type;
  std::string since;
  bool csv = false;
  bool json = false;
};

int RunAudit(const AuditArgs& args) {
  if (args.csv && args.json) {
    PrintError("audit: give at most one of --csv, --json");
    return 2;
  }
  int64_t since_us = std::numeric_limits<int64_t>::min();
  if (!args.since.empty()) {
    auto since = engine::ParseRfc3339(args.since);
    if (!since) {
      PrintError("--since must be an RFC 3339 time, e.g. 2024-05-01T00:00:00Z, not \"" +
                 args.since + "\"");
      return 2;
    }
    since_us = *since;
  }
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto rows = engine::LoadAuditRows(*archive, args.type, since_us);
  if (!rows) {
    PrintError(rows.error().ToString());
    return 1;
  }
  if (args.csv) {
    std::fputs(engine::AuditCsv(*rows).c_str(), stdout);
    return 0;
  }
  for (const engine::AuditRow& row : *rows) {
    if (args.json) {
      std::printf("%s\n", engine::AuditRowJson(row).c_str());
      continue;
    }
    std::printf("%s  %-10s  %s (%s)  %s  %s\n", engine::FormatRfc3339(row.time_us).c_str(),
                row.action.c_str(), row.user.c_str(), row.role.c_str(), row.target.c_str(),
                row.detail.c_str());
  }
  if (!args.json) {
    std::printf("-- %zu %s records\n", rows->size(),
                args.type.empty() ? "audit" : args.type.c_str());
  }
  return 0;
}

}  // namespace

void AddAuditCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* audit = app.add_subcommand(
      "audit", "List who searched, viewed, listed or reviewed what through the API, and when");
  audit->add_option("DIR", args->dir, "Archive folder")->required();
  audit
      ->add_option("--type", args->type,
                   "search | view-post | review (the review records) | export | list-flags; "
                   "default: every audit record")
      ->check(CLI::IsMember({"search", "view-post", "review", "export", "list-flags"}));
  audit->add_option("--since", args->since, "Only from this RFC 3339 time on");
  audit->add_flag("--csv", args->csv, "RFC 4180 CSV: time,user,role,action,target,detail,sequence");
  audit->add_flag("--json", args->json, "One JSON object per record");
  audit->callback([args, &exit_code] { exit_code = RunAudit(*args); });
}

}  // namespace holdfast::tools
