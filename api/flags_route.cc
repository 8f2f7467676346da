// GET /api/v1/flags?state=&policy=&category=&severity=&community=&assignee=&group=&sort=&page=
// &page_size=: the review queue, oldest flag first (log order) or sort=newest, or sort=severity
// (critical, high, medium, low; oldest first within each). What a caller
// sees depends on their role: a community manager only the flags of posts in their
// communities; an analyst the queue's metadata without the post's text, the matched text or its
// author; compliance and admin everything. assignee= keeps the flags assigned to that user,
// group= the flags of one duplicate group (engine/duplicate_group.h); each flag says how many
// of the listed flags share its group (group_size). The queue is kept in the server's
// FlagBook, so a listing reads only the posts of its page.
// Each listing is audited (its filters, the number of flags).
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/internal/params.h"
#include "api/internal/routes.h"
#include "engine/json_views.h"
#include "engine/review_queue.h"

namespace holdfast::api {

namespace {

bool IsState(const std::string& state) {
  return state == "open" || state == "escalated" || state == "dismissed" || state == "resolved" ||
         state == "unsampled" || state == "all";
}

// Most severe first; a severity this version does not know goes last.
int SeverityRank(std::string_view severity) {
  constexpr std::string_view kOrder[] = {"critical", "high", "medium", "low"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (kOrder[i] == severity) {
      return static_cast<int>(i);
    }
  }
  return static_cast<int>(std::size(kOrder));
}

}  // namespace

Reply FlagsRoute(const RouteCall& call) {
  const Request& request = call.request;
  if (auto only = OnlyParams(request, {"state", "policy", "category", "severity", "community",
                                       "assignee", "group", "sort", "page", "page_size"});
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
  const std::string category = Param(request, "category");
  const std::string severity = Param(request, "severity");
  const std::string sort = request.query.contains("sort") ? Param(request, "sort") : "oldest";
  if (sort != "oldest" && sort != "newest" && sort != "severity") {
    return ErrorReply(400, "sort must be oldest, newest or severity");
  }
  const std::string community = Param(request, "community");
  const std::string assignee = Param(request, "assignee");
  const std::string group = Param(request, "group");
  const engine::User& user = *call.user;
  auto locked = call.flags.Lock(call.archive);
  if (!locked) {
    return ErrorReply(500, locked.error().ToString());
  }
  const engine::FlagBook& book = **locked;
  // Filters on small numbers: a state or policy no flag has lists nothing.
  const std::optional<uint8_t> state_number = engine::FlagBook::StateNumber(state);
  const std::optional<uint32_t> policy_number = book.PolicyNumber(policy);
  const bool none = (state != "all" && !state_number) || (!policy.empty() && !policy_number);
  // The flags listed, then their page: only the page's posts are read.
  std::vector<size_t> listed;
  std::vector<uint32_t> group_sizes(book.groups());
  const size_t visible = book.FlagsWithin(call.archive.size());
  for (size_t i = 0; i < visible && !none; ++i) {
    if ((state_number && book.state_number(i) != *state_number) ||
        (policy_number && book.policy_number(i) != *policy_number)) {
      continue;
    }
    const engine::FlagStatus& status = book.flags()[i];
    const engine::FlagPlace& place = book.place(i);
    if ((!category.empty() && status.flag.category != category) ||
        (!severity.empty() && status.flag.severity != severity) ||
        (!assignee.empty() && status.assignee != assignee) ||
        (!group.empty() && status.flag.group != group) ||
        (!community.empty() && community != place.community_id &&
         community != place.community_name) ||
        (user.role == engine::Role::kCommunityManager &&
         !ManagesCommunity(user, place.community_id, place.community_name))) {
      continue;
    }
    listed.push_back(i);
    ++group_sizes[book.group_number(i)];
  }
  if (sort == "newest") {
    std::reverse(listed.begin(), listed.end());
  } else if (sort == "severity") {
    std::stable_sort(listed.begin(), listed.end(), [&](size_t a, size_t b) {
      return SeverityRank(book.flags()[a].flag.severity) <
             SeverityRank(book.flags()[b].flag.severity);
    });
  }
  const uint64_t total = listed.size();
  const bool pseudonymise =
      user.role == engine::Role::kCommunityManager && !call.privacy.pseudonym_key.empty();
  std::string items;
  for (uint64_t k = page->offset(); k < total && k < uint64_t{page->offset()} + page->size; ++k) {
    const engine::FlagStatus& status = book.flags()[listed[k]];
    auto post = engine::ReadPost(call.archive, status.flag.post_sequence);
    if (!post) {
      return ErrorReply(500, post.error().ToString());
    }
    items.append(items.empty() ? "" : ",")
        .append(engine::FlagJson(
            status, *post,
            {.content = user.role != engine::Role::kAnalyst,
             .group_size = group_sizes[book.group_number(listed[k])],
             .author_pseudonym = pseudonymise
                                     ? std::optional(Pseudonym(call.privacy, post->author_id))
                                     : std::nullopt}));
  }
  locked->lock.unlock();
  std::string filters = "state=" + state;
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"policy", policy},
                                    {"category", category},
                                    {"severity", severity},
                                    {"community", community},
                                    {"assignee", assignee},
                                    {"group", group}}) {
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
