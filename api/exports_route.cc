// Evidence exports for legal and admin (api/internal/export_jobs.h runs them):
//   POST /api/v1/exports               {"case":NAME} and one of "query":Q, "hold":HOLD or
//                                      "flag_state":STATE; optional "head":TREE_SIZE (a signed
//                                      head to cut at) and "formats":["rsmf","dat","html"]
//                                      → 202 {"id","state":"queued",...}; 429 when too many wait
//   GET  /api/v1/exports               every export, newest first
//   GET  /api/v1/exports/{id}          state, progress, counts, size and SHA-256 when done
//   GET  /api/v1/exports/{id}/download the bundle zip; 409 until the export is done
// An export by hold exports what the active hold keeps (its query or its custodians' posts) as
// it stands when the export is started. An unknown id, guessed or not, is 404.
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/internal/export_jobs.h"
#include "api/internal/json_body.h"
#include "api/internal/params.h"
#include "api/internal/routes.h"
#include "engine/export/evidence_selection.h"
#include "engine/hold_query.h"
#include "engine/retention.h"
#include "engine/time_format.h"

namespace holdfast::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxCaseBytes = 200;
constexpr size_t kMaxFileStem = 60;

json JobJson(const ExportJob& job) {
  json out = {{"id", job.id},
              {"state", ExportStateName(job.state)},
              {"case", job.case_name},
              {"query", job.query},
              {"hold", job.hold.empty() ? json(nullptr) : json(job.hold)},
              {"flag_state", job.flag_state.empty() ? json(nullptr) : json(job.flag_state)},
              {"head", job.head == 0 ? json(nullptr) : json(job.head)},
              {"formats", job.formats},
              {"by", job.by},
              {"role", job.role},
              {"created", engine::FormatRfc3339(job.created_us)},
              {"progress", {{"done", job.items_done}, {"total", job.items_total}}},
              {"posts", job.posts},
              {"flags", job.flags},
              {"reviews", job.reviews}};
  if (job.state == ExportState::kFailed) {
    out["message"] = job.message;
  }
  if (job.state == ExportState::kDone) {
    out["finished"] = engine::FormatRfc3339(job.finished_us);
    out["bytes"] = job.bytes;
    out["sha256"] = job.sha256;
    out["head_size"] = job.head_size;
    out["manifest_sha256"] = job.manifest_sha256;
    out["download"] = std::string("/api/v1/exports/").append(job.id).append("/download");
  }
  return out;
}

// A file name for the bundle that no browser or shell reads as anything but a name: the case
// name's letters, digits, dots and dashes, then the export id's first digits.
std::string FileName(const ExportJob& job) {
  std::string stem;
  for (char c : job.case_name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || (c == '.' && !stem.empty());
    const char next = plain ? c : '-';
    if (stem.size() < kMaxFileStem && !(next == '-' && !stem.empty() && stem.back() == '-')) {
      stem.push_back(next);
    }
  }
  while (!stem.empty() && (stem.back() == '-' || stem.back() == '.')) {
    stem.pop_back();
  }
  return (stem.empty() ? std::string("export") : stem)
      .append("-")
      .append(job.id.substr(0, 8))
      .append(".zip");
}

std::optional<ExportJob> FindJob(const RouteCall& call) { return call.exports.Find(call.param); }

Reply NoSuchExport(const RouteCall& call) {
  return ErrorReply(404, std::string("no such export: ").append(call.param));
}

}  // namespace

Reply ExportsRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  json exports = json::array();
  for (const ExportJob& job : call.exports.List()) {
    exports.push_back(JobJson(job));
  }
  return {200, Dump({{"exports", exports}})};
}

Reply Queue(const RouteCall& call, ExportJob job) {
  auto added = call.exports.Add(std::move(job));
  if (!added) {
    return ErrorReply(added.error().status, added.error().message);
  }
  return {202, Dump(JobJson(*added))};
}

Reply StartExportRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  auto body =
      ParseBody(call.request.body, {"case", "query", "hold", "flag_state", "head", "formats"});
  if (!body)
    return body.error();
  auto case_name = StringField(*body, "case", kMaxCaseBytes);
  auto query = StringField(*body, "query", call.limits.max_query_bytes);
  auto hold = StringField(*body, "hold", kMaxCaseBytes);
  auto flag_state = StringField(*body, "flag_state", kMaxCaseBytes);
  for (const auto* field : {&case_name, &query, &hold, &flag_state}) {
    if (!*field)
      return field->error();
  }
  auto formats = StringList(*body, "formats", 4, 8);
  if (!formats)
    return formats.error();
  if (case_name->empty()) {
    return ErrorReply(400, "case must name the case the bundle is for");
  }
  if (int{!query->empty()} + int{!hold->empty()} + int{!flag_state->empty()} != 1) {
    return ErrorReply(400,
                      "give one of query (a search), hold (an active hold's name) or flag_state "
                      "(open, escalated, dismissed, resolved, unsampled or any)");
  }
  ExportJob job;
  if (body->contains("head")) {
    const json& head = (*body)["head"];
    if (!head.is_number_unsigned() || head.get<uint64_t>() == 0) {
      return ErrorReply(400, "head must be the size of a signed head, a positive integer");
    }
    job.head = head.get<uint64_t>();
  }
  if (body->contains("formats")) {
    job.formats.clear();
    for (const std::string& format : *formats) {
      if (format != "rsmf" && format != "dat" && format != "html" && format != "native") {
        return ErrorReply(400, "formats: \"" + format + "\" is none of native, rsmf, dat, html");
      }
      if (format != "native") {
        job.formats.push_back(format);
      }
    }
  }
  if (!flag_state->empty() &&
      std::find(std::begin(engine::kExportFlagStates), std::end(engine::kExportFlagStates),
                *flag_state) == std::end(engine::kExportFlagStates)) {
    return ErrorReply(400,
                      "flag_state must be open, escalated, dismissed, resolved, unsampled "
                      "or any");
  }
  job.case_name = *case_name;
  job.query = *query;
  job.hold = *hold;
  job.flag_state = *flag_state;
  job.by = call.user->name;
  job.role = std::string(RoleName(call.user->role));
  job.created_us = call.archive.NowUs();
  if (!hold->empty()) {
    auto active = engine::ActiveHolds(call.archive);
    if (!active) {
      return ErrorReply(500, active.error().ToString());
    }
    const auto found = std::find_if(active->begin(), active->end(),
                                    [&](const engine::Hold& h) { return h.name == *hold; });
    if (found == active->end()) {
      return ErrorReply(400, "no hold named \"" + *hold + "\" is in force");
    }
    job.query = engine::HoldQuery(*found);
  }
  if (!job.flag_state.empty()) {
    return Queue(call, std::move(job));
  }
  // A query the index cannot read fails here, not later in the worker.
  auto expanded = engine::ExpandHolds(call.archive, job.query);
  if (!expanded) {
    return ErrorReply(400, expanded.error().ToString());
  }
  if (auto parsed = call.archive.index().Search(*expanded, 0, 1); !parsed) {
    return ErrorReply(400, std::string("query: ").append(parsed.error().message));
  }
  return Queue(call, std::move(job));
}

Reply ExportRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  auto job = FindJob(call);
  if (!job) {
    return NoSuchExport(call);
  }
  return {200, Dump(JobJson(*job))};
}

Reply ExportDownloadRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  auto job = FindJob(call);
  if (!job) {
    return NoSuchExport(call);
  }
  if (job->state != ExportState::kDone) {
    return ErrorReply(409, std::string("the export is ")
                               .append(ExportStateName(job->state))
                               .append(": its bundle can be downloaded once it is done"));
  }
  const std::filesystem::path zip = call.exports.ZipPath(job->id);
  std::error_code ec;
  if (std::filesystem::file_size(zip, ec) != job->bytes || ec) {
    return ErrorReply(500, std::string("the bundle of export ")
                               .append(job->id)
                               .append(" is missing or changed on disk"));
  }
  Reply reply{200, "", "application/zip"};
  reply.file = zip;
  reply.file_bytes = job->bytes;
  reply.headers.emplace_back("Content-Disposition",
                             std::string("attachment; filename=\"").append(FileName(*job)) + "\"");
  return reply;
}

}  // namespace holdfast::api
