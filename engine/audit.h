// Audit records: who searched, viewed, reviewed, listed or exported what through the API, and
// when (RecordType::kAudit), signed in the log like everything else a person does.
//
// Record: key "audit:<id, 32 hex digits>"; meta {"action","role","time","results"}; content
// {"user","target","detail"}: a name and a query can identify or quote a person, so they are
// content (erasable), as everywhere in the log. "results" is absent where no count applies.
// Audit records reach the log through the pending spool (archive/pending_records.h): SpoolAudit
// returns once the record is durable on disk, so that a caller can refuse to answer a request
// it could not audit.
// Thread safety: functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

enum class AuditAction { kSearch, kViewPost, kReview, kExport, kListFlags };
// "search", "view-post", "review", "export", "list-flags".
std::string_view AuditActionName(AuditAction action);
std::optional<AuditAction> ParseAuditAction(std::string_view name);

struct AuditEvent {
  std::string user;
  std::string role;
  int64_t time_us = 0;  // UTC microseconds
  AuditAction action = AuditAction::kSearch;
  std::string target;                 // the query, the post key, the flag id(s)
  std::string detail{};               // the review's action and note, a listing's filters
  std::optional<uint64_t> results{};  // hits found, flags listed, flags reviewed
  std::string id{};                   // unique; SpoolAudit gives one when empty
};

archive::Record AuditRecord(const AuditEvent& event);
// AuditRecord of the event, given a fresh unique id when it has none.
[[nodiscard]] tl::expected<archive::Record, Error> NewAuditRecord(AuditEvent event);
[[nodiscard]] tl::expected<AuditEvent, Error> DecodeAudit(const archive::StoredRecord& record);

// Spools the event for the archive at `dir`; fails (the caller refuses the request) when the
// record cannot be made durable.
[[nodiscard]] tl::expected<void, Error> SpoolAudit(const std::filesystem::path& dir,
                                                   AuditEvent event);

// One line of the audit listing (holdfast audit, GET /api/v1/audit).
struct AuditRow {
  int64_t time_us = 0;
  std::string user;
  std::string role;
  std::string action;
  std::string target;
  std::string detail;
  uint64_t sequence = 0;
};

// Whether `type` names what LoadAuditRows lists: "" (every audit record), an action name.
bool IsAuditType(std::string_view type);

// The rows of `type` at or after `since_us`, in log order. An action name lists the audit
// records of that action; "review" lists the review records themselves (reviewer, flag, time,
// action, note), which are the record of a review whether or not the API made it.
// REQUIRES: IsAuditType(type).
[[nodiscard]] tl::expected<std::vector<AuditRow>, Error> LoadAuditRows(
    const archive::Archive& archive, std::string_view type, int64_t since_us);

// RFC 4180: a header row (time,user,role,action,target,detail,sequence), CRLF line ends, a
// field quoted when it holds a comma, a quote or a line break, quotes doubled. A field that
// starts with =, +, -, @, a tab or a carriage return is quoted with a ' before it, so that a
// spreadsheet shows it as text rather than running it as a formula (OWASP's CSV injection);
// AuditRowJson keeps every value as it is.
std::string AuditCsv(const std::vector<AuditRow>& rows);
// {"time","user","role","action","target","detail","sequence"}
std::string AuditRowJson(const AuditRow& row);

}  // namespace holdfast::engine
