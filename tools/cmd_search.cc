// holdfast search, holdfast export.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "archive/archive.h"
#include "engine/evidence.h"
#include "engine/json_views.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

using nlohmann::json;

struct SearchArgs {
  std::string dir;
  std::string query;
  bool json = false;
  bool history = false;
  bool facets = false;
  std::string sort = "relevance";
  uint32_t limit = 20;
  uint32_t offset = 0;
};

struct ExportArgs {
  std::string dir;
  std::string query;
  std::string case_name;
  std::string out;
};

archive::SearchSort SortNamed(const std::string& name) {
  if (name == "newest") {
    return archive::SearchSort::kNewest;
  }
  if (name == "oldest") {
    return archive::SearchSort::kOldest;
  }
  return archive::SearchSort::kRelevance;
}

void PrintFacets(const std::vector<archive::Facet>& facets) {
  for (const archive::Facet& facet : facets) {
    std::string line = facet.field;
    line += ':';
    for (size_t i = 0; i < facet.counts.size() && i < 10; ++i) {
      line += i == 0 ? " " : ", ";
      line += facet.counts[i].value;
      line += " (";
      line += std::to_string(facet.counts[i].count);
      line += ')';
    }
    if (facet.counts.size() > 10) {
      line += ", …";
    }
    std::printf("   %s\n", line.c_str());
  }
}

int RunSearch(const SearchArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  if (args.facets && archive->index().schema_version() < archive::Index::kSchemaVersion) {
    PrintError(std::string("the index predates facets: counts are empty until it is rebuilt ") +
               "(holdfast reindex " + args.dir + ")");
  }
  auto results = archive->index().Search(args.query, {.offset = args.offset,
                                                      .limit = args.limit,
                                                      .history = args.history,
                                                      .sort = SortNamed(args.sort),
                                                      .facets = args.facets});
  if (!results) {
    PrintError(results.error().ToString());
    return 2;  // the query itself is the caller's mistake
  }
  const bool terminal = IsTerminal(stdout);
  for (const archive::SearchHit& hit : results->hits) {
    if (args.json) {
      std::printf("%s\n", engine::SearchHitJson(hit).c_str());
      continue;
    }
    json data = json::parse(hit.data, nullptr, false);
    if (data.is_discarded())
      data = json::object();
    std::printf(
        "%s  #%s  %s  %s\n", data.value("time", "").c_str(), data.value("channel", "").c_str(),
        data.value("author", "").c_str(),
        engine::SnippetText(hit.snippet, terminal ? "\033[7m" : "[[", terminal ? "\033[0m" : "]]")
            .c_str());
  }
  if (args.json) {
    if (args.facets) {
      std::printf("{\"facets\":%s}\n", engine::FacetsJson(results->facets).c_str());
    }
    return 0;
  }
  std::printf("-- %zu shown of about %llu matching posts\n", results->hits.size(),
              static_cast<unsigned long long>(results->estimated_total));
  if (args.facets) {
    PrintFacets(results->facets);
  }
  return 0;
}

int RunExport(const ExportArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto summary = engine::ExportEvidence(*archive, {args.query, args.case_name, args.out});
  if (!summary) {
    PrintError(summary.error().ToString());
    return 1;
  }
  std::printf(
      "wrote %s: %llu posts, %llu flags, %llu reviews, with proofs against the latest "
      "signed head\n  check it anywhere with: holdfast verify-bundle %s\n",
      args.out.c_str(), static_cast<unsigned long long>(summary->posts),
      static_cast<unsigned long long>(summary->flags),
      static_cast<unsigned long long>(summary->reviews), args.out.c_str());
  return 0;
}

}  // namespace

void AddSearchCommands(CLI::App& app, int& exit_code) {
  auto search_args = std::make_shared<SearchArgs>();
  CLI::App* search = app.add_subcommand(
      "search",
      "Search the archive: words, \"phrases\", AND/OR/NOT, a NEAR b, a ADJ b, wildcards "
      "(invoi*), author: channel: source: policy: category: rule: severity: state: kind: "
      "has:attachment post: version:, and dates like 2024-01-01..2024-03-31");
  search->add_option("DIR", search_args->dir, "Archive folder")->required();
  search->add_option("QUERY", search_args->query, "Query")->required();
  search->add_flag("--json", search_args->json, "One JSON object per hit");
  search->add_flag("--history", search_args->history,
                   "Also versions that a later edit or deletion superseded");
  search->add_option("--limit", search_args->limit, "Hits to show (default 20)");
  search->add_option("--offset", search_args->offset, "Hits to skip");
  search->add_option("--sort", search_args->sort, "relevance (default), newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  search->add_flag("--facets", search_args->facets,
                   "Also count every match per channel, author, policy, source and kind");
  search->callback([search_args, &exit_code] { exit_code = RunSearch(*search_args); });

  auto export_args = std::make_shared<ExportArgs>();
  CLI::App* exporter =
      app.add_subcommand("export", "Write an evidence bundle (zip) of the posts a query finds");
  exporter->add_option("DIR", export_args->dir, "Archive folder")->required();
  exporter->add_option("--query", export_args->query, "Query, as for search")->required();
  exporter->add_option("--case", export_args->case_name, "Case name")->required();
  exporter->add_option("--out", export_args->out, "Bundle file (.zip)")->required();
  exporter->callback([export_args, &exit_code] { exit_code = RunExport(*export_args); });
}

}  // namespace holdfast::tools
