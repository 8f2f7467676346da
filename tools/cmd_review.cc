// holdfast flags, holdfast review.
#include <chrono>
#include <cstdio>
#include <string>

#include "archive/archive.h"
#include "engine/json_views.h"
#include "engine/review_queue.h"
#include "engine/time_format.h"
#include "tools/archive_open.h"
#include "tools/commands.h"
#include "tools/terminal.h"

namespace holdfast::tools {

namespace {

struct FlagsArgs {
  std::string dir;
  std::string state = "open";
  bool json = false;
};

struct ReviewArgs {
  std::string dir;
  std::string flag_id;
  bool dismiss = false;
  bool escalate = false;
  bool resolve = false;
  std::string note;
  std::string by;
};

int RunFlags(const FlagsArgs& args) {
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/false);
  if (!archive) {
    return 1;
  }
  auto flags = engine::LoadFlags(*archive);
  if (!flags) {
    PrintError(flags.error().ToString());
    return 1;
  }
  const bool terminal = IsTerminal(stdout);
  size_t shown = 0;
  for (const engine::FlagStatus& status : *flags) {
    if (args.state != "all" && status.state != args.state)
      continue;
    auto post = engine::ReadPost(*archive, status.flag.post_sequence);
    if (!post) {
      PrintError(post.error().ToString());
      return 1;
    }
    ++shown;
    if (args.json) {
      std::printf("%s\n", engine::FlagJson(status, *post).c_str());
      continue;
    }
    const engine::Flag& flag = status.flag;
    std::printf("%s  %-9s  %s/%s  %s  %s  #%s  %s\n    %s\n", flag.flag_id.c_str(),
                status.state.c_str(), flag.policy.c_str(), flag.rule.c_str(), flag.severity.c_str(),
                engine::FormatRfc3339(post->created_us).c_str(), post->community_name.c_str(),
                post->author_name.c_str(),
                Highlight(post->text, flag.begin, flag.end, terminal).c_str());
  }
  if (!args.json) {
    std::printf("-- %zu %s flags\n", shown, args.state.c_str());
  }
  return 0;
}

int RunReview(const ReviewArgs& args) {
  if (int(args.dismiss) + int(args.escalate) + int(args.resolve) != 1) {
    PrintError("review: give exactly one of --dismiss, --escalate, --resolve");
    return 2;
  }
  auto archive = OpenArchiveOrReport(args.dir, /*writable=*/true);
  if (!archive) {
    return 1;
  }
  engine::Review review;
  review.flag_id = args.flag_id;
  review.action = args.dismiss    ? engine::ReviewAction::kDismiss
                  : args.escalate ? engine::ReviewAction::kEscalate
                                  : engine::ReviewAction::kResolve;
  review.by = args.by;
  review.note = args.note;
  review.time_us = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  auto status = engine::ApplyReview(*archive, review);
  if (!status) {
    PrintError(status.error().ToString());
    return 1;
  }
  std::printf("flag %s is now %s (by %s)\n", status->flag.flag_id.c_str(), status->state.c_str(),
              args.by.c_str());
  return 0;
}

}  // namespace

void AddReviewCommands(CLI::App& app, int& exit_code) {
  auto flags_args = std::make_shared<FlagsArgs>();
  CLI::App* flags = app.add_subcommand("flags", "List flags with the matched text highlighted");
  flags->add_option("DIR", flags_args->dir, "Archive folder")->required();
  flags
      ->add_option("--state", flags_args->state,
                   "open (default) | escalated | dismissed | resolved | unsampled (left "
                   "out of the queue by the policy's review_sample) | all")
      ->check(CLI::IsMember({"open", "escalated", "dismissed", "resolved", "unsampled", "all"}));
  flags->add_flag("--json", flags_args->json, "One JSON object per flag");
  flags->callback([flags_args, &exit_code] { exit_code = RunFlags(*flags_args); });

  auto review_args = std::make_shared<ReviewArgs>();
  CLI::App* review = app.add_subcommand("review", "Record a review action on a flag");
  review->add_option("DIR", review_args->dir, "Archive folder")->required();
  review->add_option("FLAG", review_args->flag_id, "Flag id (from holdfast flags)")->required();
  review->add_flag("--dismiss", review_args->dismiss, "Not a problem");
  review->add_flag("--escalate", review_args->escalate, "Needs compliance or legal");
  review->add_flag("--resolve", review_args->resolve, "Dealt with");
  review->add_option("--note", review_args->note, "Why")->required();
  review->add_option("--by", review_args->by, "Who is reviewing")->required();
  review->callback([review_args, &exit_code] { exit_code = RunReview(*review_args); });
}

}  // namespace holdfast::tools
