// GET /api/v1/posts/{key}?context=N: one post as the log holds it, with up to N posts before
// and after it in its thread (or chat). A community manager sees only posts of their
// communities: any other post answers exactly as an unknown key does, so that guessing keys
// tells nothing. Every lookup of a well-formed key is audited, found or not.
#include <string>

#include "api/internal/params.h"
#include "api/internal/routes.h"
#include "engine/json_views.h"
#include "engine/post_context.h"

namespace holdfast::api {

namespace {

constexpr uint32_t kMaxContext = 50;

bool IsPostKey(const std::string& key) {
  return key.size() == 64 && key.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Leaves out the posts of communities the user does not manage.
void KeepManaged(const engine::User& user, std::vector<engine::ContextPost>& posts) {
  std::erase_if(posts, [&](const engine::ContextPost& item) {
    return !ManagesCommunity(user, item.post.community_id, item.post.community_name);
  });
}

}  // namespace

Reply PostRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {"context"}); !only)
    return only.error();
  auto count = NumberParam(call.request, "context", 5, 0, kMaxContext);
  if (!count)
    return count.error();
  const std::string& key = call.param;
  if (!IsPostKey(key)) {
    return ErrorReply(400, "a post key is 64 lowercase hex digits");
  }
  // The same bytes whether the key is unknown or names a post the caller may not see.
  const Reply unknown = ErrorReply(404, "no such post");
  auto audited_unknown = [&]() -> Reply {
    auto audited = Audit(call, engine::AuditAction::kViewPost, key, "not shown", 0);
    return audited ? unknown : audited.error();
  };
  if (!call.archive.Contains(key)) {
    return audited_unknown();
  }
  auto context = engine::ReadPostContext(call.archive, key, *count);
  if (!context) {
    return audited_unknown();  // not a post, or not in the index yet: nothing to show either way
  }
  const engine::User& user = *call.user;
  if (user.role == engine::Role::kCommunityManager) {
    const engine::Post& post = context->post.post;
    if (!ManagesCommunity(user, post.community_id, post.community_name)) {
      return audited_unknown();
    }
    KeepManaged(user, context->before);
    KeepManaged(user, context->after);
  }
  const uint64_t shown = 1 + context->before.size() + context->after.size();
  if (auto audited = Audit(call, engine::AuditAction::kViewPost, key,
                           "context " + std::to_string(*count), shown);
      !audited) {
    return audited.error();
  }
  return {200, engine::PostContextJson(*context)};
}

}  // namespace holdfast::api
