// GET /api/v1/flags?state=&policy=&community=&page=&page_size=: the review queue. What a caller
// sees depends on their role: a community manager only the flags of posts in their
// communities; an analyst the queue's metadata without the post's text, the matched text or its
// author; compliance and admin everything. assignee= keeps the flags assigned to that user.
// Each listing is audited (its filters, the number of flags).
#include <nlohmann/json.hpp>
#include <string>

#include "api/internal/params.h"
#include "api/internal/routes.h"
#include "engine/json_views.h"
#include "engine/review_queue.h"

namespace holdfast::api {

namespace {

using nlohmann::json;

bool IsState(const std::string& state) {
  return state == "open" || state == "escalated" || state == "dismissed" || state == "resolved" ||
         state == "unsampled" || state == "all";
}

// The flag as the caller's role may see it.
std::string FlagFor(const engine::User& user, const engine::FlagStatus& status,
                    const engine::Post& post) {
  if (user.role != engine::Role::kAnalyst) {
    return engine::FlagJson(status, post);
  }
  json flag = json::parse(engine::FlagJson(status, post), nullptr, false);
  flag.erase("match");
  for (const char* field : {"text", "author", "author_id"}) {
    flag["post"].erase(field);
  }
  return flag.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Reply FlagsRoute(const RouteCall& call) {
  const Request& request = call.request;
  if (auto only =
          OnlyParams(request, {"state", "policy", "community", "assignee", "page", "page_size"});
      !only)
    return only.error();
  const std::string state = request.query.contains("state") ? Param(request, "state") : "open";
  if (!IsState(state)) {
    return ErrorReply(400, "state must be open, escalated, dismissed, resolved, unsampled or all");
  }
  auto page = PageParams(request, call.limits);
  if (!page)
    return page.error();
  const std::string policy = Param(request, "policy");
  const std::string community = Param(request, "community");
  const std::string assignee = Param(request, "assignee");
  const engine::User& user = *call.user;
  auto flags = engine::LoadFlags(call.archive);
  if (!flags) {
    return ErrorReply(500, flags.error().ToString());
  }
  uint64_t total = 0;
  std::string items;
  for (const engine::FlagStatus& status : *flags) {
    if ((state != "all" && status.state != state) ||
        (!policy.empty() && status.flag.policy != policy) ||
        (!assignee.empty() && status.assignee != assignee)) {
      continue;
    }
    auto post = engine::ReadPost(call.archive, status.flag.post_sequence);
    if (!post) {
      return ErrorReply(500, post.error().ToString());
    }
    if ((!community.empty() && community != post->community_id &&
         community != post->community_name) ||
        (user.role == engine::Role::kCommunityManager &&
         !ManagesCommunity(user, post->community_id, post->community_name))) {
      continue;
    }
    if (total >= page->offset() && total < uint64_t{page->offset()} + page->size) {
      items.append(items.empty() ? "" : ",").append(FlagFor(user, status, *post));
    }
    ++total;
  }
  std::string filters = "state=" + state;
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"policy", policy},
                                    {"community", community},
                                    {"assignee", assignee}}) {
    if (!value.empty())
      filters.append(" ").append(name).append("=").append(value);
  }
  if (auto audited = Audit(call, engine::AuditAction::kListFlags, filters,
                           "page " + std::to_string(page->number), total);
      !audited) {
    return audited.error();
  }
  return {200, std::string("{\"total\":")
                   .append(std::to_string(total))
                   .append(",\"page\":")
                   .append(std::to_string(page->number))
                   .append(",\"page_size\":")
                   .append(std::to_string(page->size))
                   .append(",\"flags\":[")
                   .append(items)
                   .append("]}")};
}

}  // namespace holdfast::api
