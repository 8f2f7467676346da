// POST /api/v1/flags/{id}/review and POST /api/v1/flags/review: review actions, for community
// managers (flags of posts in their communities only: another community's flag answers exactly
// as an unknown id does), compliance and admin.
//
// Body: {"action":"dismiss|escalate|resolve|assign|tag|notify","note":"...","assignee":"name",
// "tags":["..."],"template":"name"}; notify records a notice to the post's author from the
// template (engine/notice.h; "default" when none is named), and leaves the flag's state., and for
// the bulk route "ids":[flag ids] or "group":"id" (the flags of a duplicate group still open or
// escalated that the caller may review). assign and escalate need an assignee who is a user in
// force, tag at least one tag. The reviewer is the caller, never the body. A bulk request is
// checked whole before anything is recorded.
//
// The review records (and an audit record) go to the pending spool, then the server tries to
// commit at once: the reply is 200 with "pending": false when the reviews are in the signed
// log, 202 with "pending": true when another writer holds the archive and they wait in the spool
// (durable; that writer's next commit, or the server's next try, signs them).
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api/internal/json_body.h"
#include "api/internal/params.h"
#include "api/internal/record_drain.h"
#include "api/internal/routes.h"
#include "api/internal/user_table.h"
#include "engine/notice.h"
#include "engine/review_queue.h"
#include "engine/time_format.h"

namespace holdfast::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxNoteBytes = 10'000;
constexpr size_t kMaxTags = 20;
constexpr size_t kMaxTagBytes = 100;
constexpr size_t kMaxBulkIds = 1'000;

struct ReviewRequest {
  engine::ReviewAction action = engine::ReviewAction::kDismiss;
  std::string note;
  std::string assignee;
  std::vector<std::string> tags;
  std::vector<std::string> ids;  // the flags; one for the single route
  std::string group;             // bulk: a duplicate group instead of ids
  std::string notice_template;   // notify: the template's text (engine/notice.h)
};

// The body as a review request: known fields only, of the right types, what the action needs.
tl::expected<ReviewRequest, Reply> ParseReview(const RouteCall& call, bool bulk) {
  const json body = json::parse(call.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return tl::unexpected(ErrorReply(400, "the body must be a JSON object"));
  }
  for (const auto& [name, value] : body.items()) {
    if (name != "action" && name != "note" && name != "assignee" && name != "tags" &&
        name != "template" && !(bulk && (name == "ids" || name == "group"))) {
      return tl::unexpected(ErrorReply(400, "unknown field \"" + name + "\""));
    }
  }
  ReviewRequest out;
  auto action = StringField(body, "action", 20);
  auto parsed = action ? engine::ParseReviewAction(*action) : std::nullopt;
  if (!parsed) {
    return tl::unexpected(
        ErrorReply(400, "action must be dismiss, escalate, resolve, assign, tag or notify"));
  }
  out.action = *parsed;
  auto note = StringField(body, "note", kMaxNoteBytes);
  auto assignee = StringField(body, "assignee", 200);
  auto tags = StringList(body, "tags", kMaxTags, kMaxTagBytes);
  auto ids = StringList(body, "ids", kMaxBulkIds, 64);
  auto group = StringField(body, "group", 64);
  for (const auto* failed : {&note, &assignee, &group}) {
    if (!*failed)
      return tl::unexpected(failed->error());
  }
  if (!tags)
    return tl::unexpected(tags.error());
  if (!ids)
    return tl::unexpected(ids.error());
  out.note = std::move(*note);
  out.assignee = std::move(*assignee);
  out.tags = std::move(*tags);
  const bool needs_assignee =
      out.action == engine::ReviewAction::kAssign || out.action == engine::ReviewAction::kEscalate;
  if (needs_assignee && out.assignee.empty()) {
    return tl::unexpected(ErrorReply(
        400, std::string(ReviewActionName(out.action)) + " needs an assignee: the name of a user"));
  }
  if (!out.assignee.empty() && call.users.FindByName(out.assignee) == nullptr) {
    return tl::unexpected(ErrorReply(400, "assignee \"" + out.assignee + "\" is not a user"));
  }
  if (out.action == engine::ReviewAction::kTag && out.tags.empty()) {
    return tl::unexpected(ErrorReply(400, "tag needs at least one tag in tags"));
  }
  auto template_name = StringField(body, "template", 64);
  if (!template_name)
    return tl::unexpected(template_name.error());
  if (!template_name->empty() && out.action != engine::ReviewAction::kNotify) {
    return tl::unexpected(ErrorReply(400, "template goes with the notify action only"));
  }
  if (out.action == engine::ReviewAction::kNotify) {
    auto notice = engine::LoadNoticeTemplate(call.records.dir(),
                                             template_name->empty() ? "default" : *template_name);
    if (!notice) {
      return tl::unexpected(ErrorReply(400, notice.error().message));
    }
    out.notice_template = std::move(*notice);
  }
  if (bulk && ids->empty() == group->empty()) {
    return tl::unexpected(ErrorReply(
        400, "give ids (at least one flag) or group (a duplicate group's id), not both"));
  }
  out.ids = bulk ? std::move(*ids) : std::vector<std::string>{call.param};
  out.group = std::move(*group);
  return out;
}

// Whether the caller may see and review the flag: a community manager only in their
// communities.
bool MayReview(const RouteCall& call, const engine::FlagBook& book, size_t index) {
  const engine::FlagPlace& place = book.place(index);
  return call.user->role != engine::Role::kCommunityManager ||
         ManagesCommunity(*call.user, place.community_id, place.community_name);
}

// 404 unless every id is a flag the caller may review; the same reply for a flag of another
// community as for no flag at all. A group stands for its flags still in the queue (open or
// escalated) that the caller may review; 404 when there are none.
tl::expected<void, Reply> CheckFlags(const RouteCall& call, ReviewRequest& request) {
  auto locked = call.flags.Lock(call.archive);
  if (!locked) {
    return tl::unexpected(ErrorReply(500, locked.error().ToString()));
  }
  const engine::FlagBook& book = **locked;
  if (!request.group.empty()) {
    for (size_t i = 0; i < book.flags().size(); ++i) {
      const engine::FlagStatus& status = book.flags()[i];
      if (status.flag.group == request.group &&
          (status.state == "open" || status.state == "escalated") && MayReview(call, book, i) &&
          request.ids.size() < kMaxBulkIds) {
        request.ids.push_back(status.flag.flag_id);
      }
    }
    if (request.ids.empty()) {
      return tl::unexpected(ErrorReply(404, "no flag to review in group " + request.group));
    }
    return {};
  }
  for (const std::string& id : request.ids) {
    const engine::FlagStatus* status = book.Find(id);
    if (status == nullptr ||
        !MayReview(call, book, static_cast<size_t>(status - book.flags().data()))) {
      return tl::unexpected(ErrorReply(404, "no such flag: " + id));
    }
  }
  return {};
}

// The notice for the author of flag `flag_id`'s post, from the template's text.
tl::expected<std::string, Reply> Notice(const RouteCall& call, const std::string& flag_id,
                                        const std::string& notice_template) {
  engine::Flag flag;
  {
    auto locked = call.flags.Lock(call.archive);
    if (!locked) {
      return tl::unexpected(ErrorReply(500, locked.error().ToString()));
    }
    const engine::FlagStatus* status = (*locked)->Find(flag_id);
    if (status == nullptr) {
      return tl::unexpected(ErrorReply(404, "no such flag: " + flag_id));
    }
    flag = status->flag;
  }
  auto post = engine::ReadPost(call.archive, flag.post_sequence);
  if (!post) {
    return tl::unexpected(ErrorReply(
        409, "the flagged post cannot be read (" + post.error().ToString() + "), so no notice"));
  }
  return engine::RenderNotice(notice_template, flag, *post, call.user->name);
}

json ReviewJson(const engine::Review& review) {
  return {{"id", review.id},
          {"flag_id", review.flag_id},
          {"action", ReviewActionName(review.action)},
          {"by", review.by},
          {"role", review.role},
          {"note", review.note},
          {"assignee", review.assignee},
          {"tags", review.tags},
          {"message", review.message},
          {"time", engine::FormatRfc3339(review.time_us)}};
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    out.append(out.empty() ? "" : ",").append(part);
  }
  return out;
}

Reply Record(const RouteCall& call, bool bulk) {
  auto parsed = ParseReview(call, bulk);
  if (!parsed)
    return parsed.error();
  std::set<std::string> unique(parsed->ids.begin(), parsed->ids.end());
  if (unique.size() != parsed->ids.size()) {
    return ErrorReply(400, "ids must not repeat a flag");
  }
  if (auto checked = CheckFlags(call, *parsed); !checked)
    return checked.error();
  const std::string action(ReviewActionName(parsed->action));
  // Audited first: a review that cannot be audited is not recorded either.
  if (auto audited =
          Audit(call, engine::AuditAction::kReview, Joined(parsed->ids),
                action + (parsed->note.empty() ? "" : ": " + parsed->note), parsed->ids.size());
      !audited) {
    return audited.error();
  }
  json reviews = json::array();
  for (const std::string& id : parsed->ids) {
    engine::Review review{id, parsed->action, call.user->name, parsed->note, call.archive.NowUs()};
    review.role = RoleName(call.user->role);
    review.assignee = parsed->assignee;
    review.tags = parsed->tags;
    if (parsed->action == engine::ReviewAction::kNotify) {
      auto notice = Notice(call, id, parsed->notice_template);
      if (!notice)
        return notice.error();
      review.message = std::move(*notice);
    }
    auto spooled = engine::SpoolReview(call.records.dir(), std::move(review));
    if (!spooled) {
      return ErrorReply(503, "the review could not be stored: " + spooled.error().ToString());
    }
    reviews.push_back(ReviewJson(*spooled));
  }
  const bool committed = call.records.DrainNow();
  json body = {{"pending", !committed}};
  body[bulk ? "reviews" : "review"] = bulk ? reviews : reviews[0];
  return {committed ? 200 : 202, Dump(body)};
}

}  // namespace

Reply ReviewRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  return Record(call, /*bulk=*/false);
}

Reply BulkReviewRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  return Record(call, /*bulk=*/true);
}

}  // namespace holdfast::api
