// holdfast scan: JSONL posts in, one JSON line of hits per post out, in input order. For shell
// pipelines and evaluation; nothing is archived. Spans are byte offsets in the post text after
// NFC normalization (the text the archive keeps).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/source.h"
#include "rules/scanner.h"
#include "rules/unicode_text.h"
#include "tools/commands.h"
#include "tools/policy_files.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

using json = nlohmann::ordered_json;

struct ScanArgs {
  std::vector<std::string> policies;
  std::string codenames;
  std::string input = "-";
};

void Print(const json& line) {
  std::printf("%s\n", line.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
}

json Hits(const rules::RuleSet& rules, std::span<const rules::Hit> hits) {
  json out = json::array();
  for (const rules::Hit& hit : hits) {
    const rules::RuleInfo& info = rules.info(hit.rule);
    out.push_back({{"policy", info.policy_id},
                   {"rule", info.rule_id},
                   {"category", info.category},
                   {"severity", rules::SeverityName(info.severity)},
                   {"confidence", rules::ConfidenceName(hit.confidence)},
                   {"action", rules::ActionName(info.action)},
                   {"span", {{"begin", hit.begin}, {"end", hit.end}}}});
  }
  return out;
}

int RunScan(const ScanArgs& args) {
  auto rules = CompilePolicies(args.policies, args.codenames);
  if (!rules) {
    PrintError(rules.error());
    return 1;
  }
  auto scanner = rules::Scanner::Create(*rules);
  auto source = engine::OpenSource(args.input, {.format = "jsonl"});
  if (!scanner || !source) {
    PrintError(!scanner ? scanner.error().ToString() : source.error().ToString());
    return 1;
  }
  uint64_t bad = 0;
  engine::SourceItem item;
  for (;;) {
    auto more = (*source)->Next(item);
    if (!more) {
      PrintError(more.error().ToString());
      return 1;
    }
    if (!*more)
      break;
    if (!item.is_post) {
      ++bad;
      Print({{"line", item.dead_letter.record}, {"error", item.dead_letter.reason}});
      continue;
    }
    const std::string text = rules::NormalizeNfc(item.post.text).text;
    const rules::ScanContext context{item.post.source, item.post.community_id,
                                     item.post.community_name, item.post.author_id,
                                     item.post.author_name};
    auto hits = scanner->Scan(text, context);
    if (!hits) {
      ++bad;
      Print({{"id", item.post.native_id}, {"error", hits.error().message}});
      continue;
    }
    Print({{"id", item.post.native_id}, {"hits", Hits(**rules, *hits)}});
  }
  if (bad > 0) {
    PrintError(std::to_string(bad) + " lines could not be scanned (see their \"error\" lines)");
    return 1;
  }
  return 0;
}

}  // namespace

void AddScanCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* scan = app.add_subcommand(
      "scan", "Scan JSONL posts ({\"id\", \"text\"} at least) and print their hits as JSONL");
  scan->add_option("FILE", args->input, "JSONL file (default: standard input)");
  scan->add_option("--policies", args->policies,
                   "Policy files or folders (default: every shipped pack)");
  scan->add_option("--codenames", args->codenames,
                   "Plain file of project codenames, one a line, for the ip.codename rule");
  scan->callback([args, &exit_code] { exit_code = RunScan(*args); });
}

}  // namespace holdfast::tools
