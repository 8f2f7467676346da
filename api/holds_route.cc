// GET /api/v1/holds: every legal hold placed, newest first, with its scope and who placed and
// released it (compliance, legal, admin). POST /api/v1/holds: place or release one (compliance,
// admin), with the semantics of `holdfast hold place|release` (engine/retention.h, CheckHold):
//
//   {"action":"place","name":"Acme v. Holdfast","query":"...","custodians":["U1"],"reason":"..."}
//   {"action":"release","name":"Acme v. Holdfast","reason":"..."}
//
// A hold needs a query or custodians; its query must be one the index reads. Placing a hold
// whose name is in force, or releasing one that is not, is a conflict (409). The actor is the
// caller, never the body. The hold record goes to the pending spool and the server commits it at
// once when it can: 200 with "pending": false when it is in the signed log, 202 with "pending":
// true while another writer holds the archive (as reviews do, review_route.cc).
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "api/internal/json_body.h"
#include "api/internal/params.h"
#include "api/internal/record_drain.h"
#include "api/internal/routes.h"
#include "archive/pending_records.h"
#include "engine/retention.h"
#include "engine/time_format.h"

namespace holdfast::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxNameBytes = 200;
constexpr size_t kMaxCustodians = 100;
constexpr size_t kMaxCustodianBytes = 200;
constexpr size_t kMaxReasonBytes = 2'000;

json Event(const engine::Hold& record) {
  return {{"time", engine::FormatRfc3339(record.time_us)},
          {"by", record.actor},
          {"reason", record.reason},
          {"sequence", record.sequence}};
}

// A name `hold:"NAME"` can refer to: no double quote, no control character.
bool IsHoldName(const std::string& name) {
  return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
    return c == '"' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

}  // namespace

Reply HoldsRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  auto history = engine::HoldHistory(call.archive);
  if (!history) {
    return ErrorReply(500, history.error().ToString());
  }
  // Each placement, closed by the release that follows it.
  json holds = json::array();
  std::map<std::string, size_t> open;  // name -> its placement in `holds`
  for (const engine::Hold& record : *history) {
    auto placed = open.find(record.name);
    if (record.active) {
      open[record.name] = holds.size();
      holds.push_back({{"name", record.name},
                       {"active", true},
                       {"query", record.query},
                       {"custodians", record.custodians},
                       {"placed", Event(record)},
                       {"released", nullptr}});
    } else if (placed != open.end()) {
      holds[placed->second]["active"] = false;
      holds[placed->second]["released"] = Event(record);
      open.erase(placed);
    }
  }
  std::reverse(holds.begin(), holds.end());
  return {200, Dump({{"holds", holds}})};
}

Reply PostHoldRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  auto body = ParseBody(call.request.body, {"action", "name", "query", "custodians", "reason"});
  if (!body)
    return body.error();
  auto action = StringField(*body, "action", 20);
  if (!action || (*action != "place" && *action != "release")) {
    return ErrorReply(400, "action must be place or release");
  }
  const bool place = *action == "place";
  auto name = StringField(*body, "name", kMaxNameBytes);
  auto query = StringField(*body, "query", call.limits.max_query_bytes);
  auto reason = StringField(*body, "reason", kMaxReasonBytes);
  for (const auto* field : {&name, &query, &reason}) {
    if (!*field)
      return field->error();
  }
  auto custodians = StringList(*body, "custodians", kMaxCustodians, kMaxCustodianBytes);
  if (!custodians)
    return custodians.error();
  if (!IsHoldName(*name)) {
    return ErrorReply(400,
                      "name must be a non-empty case name without double quotes or "
                      "control characters");
  }
  if (!place && (!query->empty() || !custodians->empty())) {
    return ErrorReply(400, "release takes the name (and a reason) only");
  }
  if (place && query->empty() && custodians->empty()) {
    return ErrorReply(400, "a hold needs a query or custodians to say what it keeps");
  }
  if (!query->empty()) {
    if (auto parsed = call.archive.index().Search(*query, 0, 1); !parsed) {
      return ErrorReply(400, std::string("query: ").append(parsed.error().message));
    }
  }
  auto active = engine::ActiveHolds(call.archive);
  if (!active) {
    return ErrorReply(500, active.error().ToString());
  }
  const bool in_force = std::any_of(active->begin(), active->end(),
                                    [&](const engine::Hold& hold) { return hold.name == *name; });
  if (place && in_force) {
    return ErrorReply(409, "the hold \"" + *name + "\" is in force already");
  }
  if (!place && !in_force) {
    return ErrorReply(409, "the hold \"" + *name + "\" is not in force: nothing to release");
  }
  engine::Hold hold{*name, place, *query, *custodians, call.user->name, *reason};
  if (auto checked = engine::CheckHold(call.archive, hold); !checked) {
    return ErrorReply(400, checked.error().ToString());
  }
  if (auto spooled =
          archive::AddPending(call.records.dir(), engine::HoldRecord(hold, call.archive.size()));
      !spooled) {
    return ErrorReply(
        503, std::string("the hold could not be stored: ").append(spooled.error().ToString()));
  }
  const bool committed = call.records.DrainNow();
  return {committed ? 200 : 202, Dump({{"pending", !committed},
                                       {"hold",
                                        {{"name", hold.name},
                                         {"action", *action},
                                         {"query", hold.query},
                                         {"custodians", hold.custodians},
                                         {"by", hold.actor},
                                         {"reason", hold.reason}}}})};
}

}  // namespace holdfast::api
