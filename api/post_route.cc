// GET /api/v1/posts/{key}?context=N: one post as the log holds it, with up to N posts before
// and after it in its thread (or chat). A community manager sees only posts of their
// communities: any other post answers exactly as an unknown key does, so that guessing keys
// tells nothing. Every lookup of a well-formed key is audited, found or not. Each post
// carries its flags ("flags": [{flag_id, state, policy, rule, category, severity, span:
// {begin, end}}], spans in bytes of its UTF-8 text), for the page to highlight.
#include <nlohmann/json.hpp>
#include <string>

#include "api/internal/json_body.h"
#include "api/internal/params.h"
#include "api/internal/routes.h"
#include "engine/json_views.h"
#include "engine/post_context.h"
#include "engine/review_queue.h"

namespace holdfast::api {

namespace {

using nlohmann::json;

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

// Adds each post's flags to the context's JSON.
tl::expected<std::string, Reply> WithFlags(const RouteCall& call,
                                           const engine::PostContext& context) {
  auto locked = call.flags.Lock(call.archive);
  if (!locked) {
    return tl::unexpected(ErrorReply(500, locked.error().ToString()));
  }
  const engine::FlagBook& book = **locked;
  auto flags_of = [&](const std::string& post_key) {
    json flags = json::array();
    for (const size_t i : book.FlagsOfPost(post_key)) {
      const engine::FlagStatus& status = book.flags()[i];
      const engine::Flag& flag = status.flag;
      flags.push_back({{"flag_id", flag.flag_id},
                       {"state", status.state},
                       {"policy", flag.policy},
                       {"rule", flag.rule},
                       {"category", flag.category},
                       {"severity", flag.severity},
                       {"span", {{"begin", flag.begin}, {"end", flag.end}}}});
    }
    return flags;
  };
  json body = json::parse(engine::PostContextJson(context), nullptr, false);
  auto attach = [&](json& post) { post["flags"] = flags_of(post.value("key", "")); };
  attach(body["post"]);
  for (const char* side : {"before", "after"}) {
    for (json& post : body[side]) {
      attach(post);
    }
  }
  return Dump(body);
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
  auto body = WithFlags(call, *context);
  if (!body)
    return body.error();
  return {200, *body};
}

}  // namespace holdfast::api
