// holdfast-sample: writes a deterministic sample export in one tool's format, for the demo,
// the end-to-end test and the benchmarks. Each format's writer lives in
// tools/sample_<format>.cc; tools/sample_format.h says what they share.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "tools/sample_format.h"

int main(int argc, char** argv) {
  using namespace holdfast::tools;
  const std::map<std::string, int (*)(const SampleOptions&)> writers = {
      {"slack", WriteSlackSample},           {"teams", WriteTeamsSample},
      {"yammer", WriteYammerSample},         {"whatsapp", WriteWhatsAppSample},
      {"mattermost", WriteMattermostSample}, {"telegram", WriteTelegramSample},
      {"discord", WriteDiscordSample},       {"jsonl", WriteJsonlSample}};
  std::vector<std::string> formats;
  for (const auto& [name, writer] : writers) {
    formats.push_back(name);
  }
  CLI::App app{"Write a deterministic sample export (Slack by default)", "holdfast-sample"};
  SampleOptions options;
  std::string format = "slack";
  app.add_option("--out", options.out,
                 "File to write: a zip, or the format's one file (mattermost and jsonl: .jsonl, "
                 "telegram: result.json)")
      ->required();
  app.add_option("--format", format, "The tool whose export to write (default slack)")
      ->check(CLI::IsMember(formats));
  app.add_option("--posts", options.posts, "Posts (default 300)")->check(CLI::Range(2, 100000000));
  app.add_option("--seed", options.seed, "Seed (default 1)");
  app.add_option("--malformed", options.malformed,
                 "Slack only: malformed records (message without ts, numeric ts, truncated day "
                 "file)");
  app.add_option("--sensitive-percent", options.sensitive_percent,
                 "Share of posts with sensitive content (default 8)");
  CLI11_PARSE(app, argc, argv);
  if (options.malformed > 0 && format != "slack") {
    std::fprintf(stderr, "holdfast-sample: --malformed is for --format slack only\n");
    return 2;
  }
  return writers.at(format)(options);
}
