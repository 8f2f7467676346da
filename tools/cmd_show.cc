// holdfast show: one archived post, as the log holds it, with the posts around it in its thread
// or chat (--context N), from the index.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/json_views.h"
#include "engine/post_context.h"
#include "engine/time_format.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

struct ShowArgs {
  std::string dir;
  std::string key;
  uint32_t context = 0;
  bool json = false;
};

void PrintPost(const engine::ContextPost& item, bool marked) {
  const engine::Post& post = item.post;
  const std::string& channel =
      post.community_name.empty() ? post.community_id : post.community_name;
  const std::string& author = post.author_name.empty() ? post.author_id : post.author_name;
  std::printf("%s %s  #%s  %s  %s\n", marked ? ">" : " ",
              engine::FormatRfc3339(post.created_us).c_str(), channel.c_str(), author.c_str(),
              post.text.empty() ? "(no text, or erased)" : post.text.c_str());
  if (marked) {
    std::printf("  key %s, record %llu\n", item.hit.key.c_str(),
                static_cast<unsigned long long>(item.hit.sequence));
  }
}

int RunShow(const ShowArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto context = engine::ReadPostContext(*archive, args.key, args.context);
  if (!context) {
    PrintError(context.error().ToString());
    return 1;
  }
  if (args.json) {
    std::printf("%s\n", engine::PostContextJson(*context).c_str());
    return 0;
  }
  for (const engine::ContextPost& post : context->before) {
    PrintPost(post, false);
  }
  PrintPost(context->post, true);
  for (const engine::ContextPost& post : context->after) {
    PrintPost(post, false);
  }
  if (args.context > 0) {
    std::printf("-- %zu before, %zu after, in the same %s\n", context->before.size(),
                context->after.size(), context->scope.empty() ? "(alone)" : context->scope.c_str());
  }
  return 0;
}

}  // namespace

void AddShowCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* show = app.add_subcommand(
      "show", "Show one archived post (by key, as search --json gives it) and its context");
  show->add_option("DIR", args->dir, "Archive folder")->required();
  show->add_option("KEY", args->key, "Post key")->required();
  show->add_option("--context", args->context,
                   "Posts to show before and after it, in its thread (or its chat when it has "
                   "none), in time order");
  show->add_flag("--json", args->json, "Print JSON");
  show->callback([args, &exit_code] { exit_code = RunShow(*args); });
}

}  // namespace holdfast::tools
