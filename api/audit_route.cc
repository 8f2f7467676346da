// GET /api/v1/audit?type=&since=&format=: the audit trail as CSV (RFC 4180, a header row;
// columns time, user, role, action, target, detail, sequence), or JSON with format=json, for
// compliance and admin. type is an audit action (search, view-post, review, export, list-flags;
// absent: all of them); type=review lists the review records themselves: reviewer, flag, time,
// action and note. since is an RFC 3339 time. Only what is committed to the log is listed:
// records still in the pending spool follow once the server or a writer commits them.
// And Audit(), which every audited route calls before it answers.
#include <limits>
#include <string>

#include "api/internal/params.h"
#include "api/internal/record_drain.h"
#include "api/internal/routes.h"
#include "engine/time_format.h"

namespace holdfast::api {

tl::expected<void, Reply> Audit(const RouteCall& call, engine::AuditAction action,
                                std::string target, std::string detail,
                                std::optional<uint64_t> results) {
  engine::AuditEvent event{.user = call.user->name,
                           .role = std::string(RoleName(call.user->role)),
                           .time_us = call.archive.NowUs(),
                           .action = action,
                           .target = std::move(target),
                           .detail = std::move(detail),
                           .results = results};
  // Through the drain's group commit: concurrent requests share a spool file and its fsync.
  auto record = engine::NewAuditRecord(std::move(event));
  auto spooled = record ? call.records.Spool(std::move(*record))
                        : tl::expected<void, archive::Error>(tl::unexpect, archive::Error{});
  if (!spooled) {
    const std::string why = record ? spooled.error().ToString() : record.error().ToString();
    return tl::unexpected(
        ErrorReply(503, "the request could not be audited, so it is refused: " + why));
  }
  return {};
}

Reply AuditRoute(const RouteCall& call) {
  const Request& request = call.request;
  if (auto only = OnlyParams(request, {"type", "since", "format"}); !only)
    return only.error();
  const std::string type = Param(request, "type");
  if (!engine::IsAuditType(type)) {
    return ErrorReply(400, "type must be search, view-post, review, export or list-flags");
  }
  int64_t since_us = std::numeric_limits<int64_t>::min();
  if (request.query.contains("since")) {
    auto since = engine::ParseRfc3339(Param(request, "since"));
    if (!since) {
      return ErrorReply(400, "since must be an RFC 3339 time, e.g. 2024-05-01T00:00:00Z");
    }
    since_us = *since;
  }
  const std::string format = request.query.contains("format") ? Param(request, "format") : "csv";
  if (format != "csv" && format != "json") {
    return ErrorReply(400, "format must be csv or json");
  }
  auto rows = engine::LoadAuditRows(call.archive, type, since_us);
  if (!rows) {
    return ErrorReply(500, rows.error().ToString());
  }
  if (format == "csv") {
    return {200, engine::AuditCsv(*rows), "text/csv; charset=utf-8; header=present"};
  }
  std::string body = "{\"rows\":[";
  for (size_t i = 0; i < rows->size(); ++i) {
    body.append(i > 0 ? "," : "").append(engine::AuditRowJson((*rows)[i]));
  }
  return {200, body + "]}"};
}

}  // namespace holdfast::api
