// holdfast hold, holdfast retention, holdfast erase: legal holds, retention rules and erasure
// with tombstones (engine/retention.h, engine/erasure.h).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "engine/erasure.h"
#include "engine/retention.h"
#include "engine/time_format.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

struct GovernanceArgs {
  std::string dir;
  std::string name;
  std::string query;
  std::vector<std::string> custodians;
  std::string by;
  std::string reason;
  uint32_t keep_days = 0;
  std::string source;
  std::string community;
  bool expired = false;
  std::string author;
  std::string reference;
  std::string now;
  bool dry_run = false;
};

// Appends one record and commits it under a signed head.
int AppendAndCommit(archive::Archive& archive, archive::Record record) {
  auto appended = archive.Append(std::move(record));
  if (!appended) {
    PrintError(appended.error().ToString());
    return 1;
  }
  auto head = archive.Commit();
  if (!head) {
    PrintError(head.error().ToString());
    return 1;
  }
  return 0;
}

int RunHold(const GovernanceArgs& args, bool place) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  engine::Hold hold{args.name,
                    place,
                    place ? args.query : "",
                    place ? args.custodians : std::vector<std::string>{},
                    args.by,
                    args.reason};
  if (auto checked = engine::CheckHold(*archive, hold); !checked) {
    PrintError(checked.error().ToString());
    return 2;
  }
  if (int failed = AppendAndCommit(*archive, engine::HoldRecord(hold, archive->size()))) {
    return failed;
  }
  std::printf("hold \"%s\" %s by %s\n", hold.name.c_str(), place ? "placed" : "released",
              hold.actor.c_str());
  return 0;
}

int RunHoldList(const GovernanceArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto history = engine::HoldHistory(*archive);
  if (!history) {
    PrintError(history.error().ToString());
    return 1;
  }
  if (history->empty()) {
    std::printf("no holds\n");
  }
  for (const engine::Hold& hold : *history) {
    std::string scope = hold.query.empty() ? "" : "query " + hold.query;
    for (const std::string& custodian : hold.custodians) {
      scope += (scope.empty() ? "custodian " : ", custodian ") + custodian;
    }
    std::printf("%s  %-8s %s  by %s%s%s\n", engine::FormatRfc3339(hold.time_us).c_str(),
                hold.active ? "placed" : "released", hold.name.c_str(), hold.actor.c_str(),
                scope.empty() ? "" : ": ", scope.c_str());
  }
  return 0;
}

int RunRetentionSet(const GovernanceArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  engine::RetentionRule rule{args.name, args.keep_days, args.source, args.community, args.by};
  if (auto checked = engine::CheckRetentionRule(rule); !checked) {
    PrintError(checked.error().ToString());
    return 2;
  }
  if (int failed = AppendAndCommit(*archive, engine::RetentionRecord(rule, archive->size()))) {
    return failed;
  }
  if (rule.keep_days == 0) {
    std::printf("retention rule \"%s\" retired by %s\n", rule.name.c_str(), rule.actor.c_str());
  } else {
    std::printf("retention rule \"%s\": keep %u days of %s in %s, set by %s\n", rule.name.c_str(),
                rule.keep_days, rule.source.empty() ? "every source" : rule.source.c_str(),
                rule.community.empty() ? "every community" : rule.community.c_str(),
                rule.actor.c_str());
  }
  return 0;
}

int RunRetentionList(const GovernanceArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto rules = engine::RetentionRules(*archive);
  if (!rules) {
    PrintError(rules.error().ToString());
    return 1;
  }
  if (rules->empty()) {
    std::printf("no retention rules: nothing expires\n");
  }
  for (const engine::RetentionRule& rule : *rules) {
    std::printf("%-20s keep %5u days  source %-12s community %-16s set %s by %s\n",
                rule.name.c_str(), rule.keep_days, rule.source.empty() ? "*" : rule.source.c_str(),
                rule.community.empty() ? "*" : rule.community.c_str(),
                engine::FormatRfc3339(rule.time_us).c_str(), rule.actor.c_str());
  }
  return 0;
}

int RunErase(const GovernanceArgs& args) {
  if (args.expired == !args.author.empty()) {
    PrintError("erase: give exactly one of --expired and --author");
    return 2;
  }
  engine::EraseRequest request;
  request.reason =
      args.expired ? engine::EraseReason::kRetention : engine::EraseReason::kSubjectRequest;
  request.author = args.author;
  request.reference = args.reference;
  request.actor = args.by;
  request.note = args.reason;
  request.dry_run = args.dry_run;
  if (!args.now.empty()) {
    const auto now = engine::ParseRfc3339(args.now);
    if (!now) {
      PrintError("erase: --now " + args.now + " is not an RFC 3339 time");
      return 2;
    }
    request.now_us = *now;
  }
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  if (args.now.empty()) {
    request.now_us = archive->NowUs();
  }
  auto report = engine::Erase(*archive, request);
  if (!report) {
    PrintError(report.error().ToString());
    return 1;
  }
  const auto u = [](uint64_t n) { return static_cast<unsigned long long>(n); };
  std::printf("%s %llu post versions (%llu records); %llu kept under hold; %llu erased before\n",
              args.dry_run ? "would erase" : "erased", u(report->posts_erased),
              u(report->records_erased), u(report->posts_held), u(report->already_erased));
  for (const std::string& hold : report->holds) {
    std::printf("  kept by hold \"%s\"\n", hold.c_str());
  }
  // A request a hold keeps from being met in full is refused in part; retention that a hold
  // defers is the hold working as meant.
  return !args.expired && report->posts_held > 0 ? 1 : 0;
}

}  // namespace

void AddRetentionCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GovernanceArgs>();
  CLI::App* hold = app.add_subcommand("hold", "Place, release and list legal holds");
  hold->require_subcommand(1);
  CLI::App* place = hold->add_subcommand("place", "Keep posts from erasure while a case runs");
  place->add_option("DIR", args->dir, "Archive folder")->required();
  place->add_option("NAME", args->name, "Case name")->required();
  place->add_option("--query", args->query, "Posts the search query finds (every version)");
  place->add_option("--custodian", args->custodians, "Author id or name whose posts are held")
      ->allow_extra_args(false);
  place->add_option("--by", args->by, "Who places the hold")->required();
  place->add_option("--reason", args->reason, "Why");
  place->callback([args, &exit_code] { exit_code = RunHold(*args, true); });
  CLI::App* release = hold->add_subcommand("release", "End a hold");
  release->add_option("DIR", args->dir, "Archive folder")->required();
  release->add_option("NAME", args->name, "Case name")->required();
  release->add_option("--by", args->by, "Who releases the hold")->required();
  release->add_option("--reason", args->reason, "Why");
  release->callback([args, &exit_code] { exit_code = RunHold(*args, false); });
  CLI::App* holds = hold->add_subcommand("list", "Every hold placed or released, oldest first");
  holds->add_option("DIR", args->dir, "Archive folder")->required();
  holds->callback([args, &exit_code] { exit_code = RunHoldList(*args); });

  CLI::App* retention = app.add_subcommand("retention", "Set and list retention rules");
  retention->require_subcommand(1);
  CLI::App* set = retention->add_subcommand("set", "Keep posts N days, then let erase remove them");
  set->add_option("DIR", args->dir, "Archive folder")->required();
  set->add_option("NAME", args->name, "Rule name (setting it again replaces it)")->required();
  set->add_option("--keep-days", args->keep_days, "Days to keep; 0 retires the rule")->required();
  set->add_option("--source", args->source, "Only this source (slack, teams...)");
  set->add_option("--community", args->community, "Only this channel (id or name)");
  set->add_option("--by", args->by, "Who sets the rule")->required();
  set->callback([args, &exit_code] { exit_code = RunRetentionSet(*args); });
  CLI::App* rules = retention->add_subcommand("list", "The retention rules in force");
  rules->add_option("DIR", args->dir, "Archive folder")->required();
  rules->callback([args, &exit_code] { exit_code = RunRetentionList(*args); });

  CLI::App* erase = app.add_subcommand(
      "erase", "Erase post content for retention or a data-subject request, leaving tombstones");
  erase->add_option("DIR", args->dir, "Archive folder")->required();
  erase->add_flag("--expired", args->expired, "Posts past their retention rule");
  erase->add_option("--author", args->author, "Every post of this author id or name (a request)");
  erase->add_option("--reference", args->reference, "The request's reference, e.g. a ticket");
  erase->add_option("--by", args->by, "Who erases")->required();
  erase->add_option("--reason", args->reason, "Why, kept in each tombstone");
  erase->add_option("--now", args->now, "Measure ages from this RFC 3339 time (default: now)");
  erase->add_flag("--dry-run", args->dry_run, "Count what would be erased; change nothing");
  erase->callback([args, &exit_code] { exit_code = RunErase(*args); });
}

}  // namespace holdfast::tools
