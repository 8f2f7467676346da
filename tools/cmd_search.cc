// holdfast search, holdfast searches.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "archive/archive.h"
#include "engine/hold_query.h"
#include "engine/json_views.h"
#include "engine/saved_search.h"
#include "engine/time_format.h"
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
  std::string save;   // save the query under this name first
  std::string saved;  // run the query saved under this name
  std::string by;     // who saves; default $USER
  bool query_given = false;
  bool sort_given = false;
};

struct SearchesArgs {
  std::string dir;
  bool json = false;
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

// Takes the query from a saved search (--saved), or saves it (--save). 0 when the search can
// run, else the exit code.
int ResolveSavedSearch(archive::Archive& archive, SearchArgs& args) {
  if (!args.saved.empty()) {
    auto saved = engine::LoadSavedSearches(archive);
    if (!saved) {
      PrintError(saved.error().ToString());
      return 1;
    }
    auto found = std::find_if(saved->begin(), saved->end(),
                              [&](const engine::SavedSearch& s) { return s.name == args.saved; });
    if (found == saved->end()) {
      PrintError(std::string("no saved search named \"") + args.saved +
                 "\" (holdfast searches DIR lists them)");
      return 2;
    }
    args.query = found->query;
    if (!args.sort_given) {
      args.sort = found->sort;
    }
  }
  if (!args.save.empty()) {
    std::string by = args.by;
    if (by.empty()) {
      const char* user = std::getenv("USER");
      by = user != nullptr ? user : "";
    }
    auto saved = engine::SaveSearch(
        archive, {.name = args.save, .query = args.query, .sort = args.sort, .by = by});
    if (!saved) {
      PrintError(saved.error().ToString());
      return 1;
    }
    std::fprintf(stderr, "saved search \"%s\" as record %llu\n", args.save.c_str(),
                 static_cast<unsigned long long>(*saved));
  }
  return 0;
}

int RunSearch(SearchArgs args) {
  if (args.query_given == !args.saved.empty()) {
    PrintError("give a QUERY or --saved NAME (one of them)");
    return 2;
  }
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/!args.save.empty());
  if (!archive) {
    return 1;
  }
  if (const int code = ResolveSavedSearch(*archive, args); code != 0) {
    return code;
  }
  if (args.facets && archive->index().schema_version() < archive::Index::kSchemaVersion) {
    PrintError(std::string("the index predates facets: counts are empty until it is rebuilt ") +
               "(holdfast reindex " + args.dir + ")");
  }
  auto query = engine::ExpandHolds(*archive, args.query);
  if (!query) {
    PrintError(query.error().ToString());
    return 1;
  }
  auto results = archive->index().Search(*query, {.offset = args.offset,
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
    const json data = json::parse(engine::HitDataJson(hit));
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

int RunSearches(const SearchesArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto saved = engine::LoadSavedSearches(*archive);
  if (!saved) {
    PrintError(saved.error().ToString());
    return 1;
  }
  for (const engine::SavedSearch& search : *saved) {
    const std::string time = engine::FormatRfc3339(search.time_us);
    if (args.json) {
      const json line = {{"name", search.name}, {"query", search.query}, {"sort", search.sort},
                         {"by", search.by},     {"time", time},          {"seq", search.sequence}};
      std::printf("%s\n", line.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
      continue;
    }
    std::printf("%s  %s  (%s, by %s, %s)\n", search.name.c_str(), search.query.c_str(),
                search.sort.c_str(), search.by.c_str(), time.c_str());
  }
  if (!args.json) {
    std::printf("-- %zu saved searches\n", saved->size());
  }
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
  search->add_option("QUERY", search_args->query, "Query (or --saved NAME)");
  search->add_flag("--json", search_args->json, "One JSON object per hit");
  search->add_flag("--history", search_args->history,
                   "Also versions that a later edit or deletion superseded");
  search->add_option("--limit", search_args->limit, "Hits to show (default 20)");
  search->add_option("--offset", search_args->offset, "Hits to skip");
  search->add_option("--sort", search_args->sort, "relevance (default), newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  search->add_flag("--facets", search_args->facets,
                   "Also count every match per channel, author, policy, source and kind");
  search->add_option("--save", search_args->save,
                     "Save the query (and --sort) under this name, as a signed log record, then "
                     "run it");
  search->add_option("--saved", search_args->saved, "Run the query saved under this name");
  search->add_option("--by,--actor", search_args->by, "Who saves it (default: $USER)");
  search->callback([search, search_args, &exit_code] {
    search_args->query_given = search->count("QUERY") > 0;
    search_args->sort_given = search->count("--sort") > 0;
    exit_code = RunSearch(*search_args);
  });

  auto searches_args = std::make_shared<SearchesArgs>();
  CLI::App* searches = app.add_subcommand(
      "searches", "List the saved searches (the latest of each name), who saved them and when");
  searches->add_option("DIR", searches_args->dir, "Archive folder")->required();
  searches->add_flag("--json", searches_args->json, "One JSON object per saved search");
  searches->callback([searches_args, &exit_code] { exit_code = RunSearches(*searches_args); });
}

}  // namespace holdfast::tools
