#include "engine/audit.h"

#include <array>
#include <nlohmann/json.hpp>

#include "archive/pending_records.h"
#include "archive/random.h"
#include "engine/records.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kAuditActionNames = {"search", "view-post", "review",
                                                               "export", "list-flags"};

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Field(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json ParseObject(const std::string& bytes) {
  json value = json::parse(bytes, nullptr, false);
  return value.is_object() ? value : json::object();
}

AuditRow AuditRowOf(const AuditEvent& event, uint64_t sequence) {
  std::string detail = event.detail;
  if (event.results.has_value()) {
    detail += (detail.empty() ? "" : "; ") + std::to_string(*event.results) + " results";
  }
  return {event.time_us, event.user,        event.role, std::string(AuditActionName(event.action)),
          event.target,  std::move(detail), sequence};
}

AuditRow ReviewRowOf(const Review& review, uint64_t sequence) {
  std::string detail = review.note;
  if (!review.assignee.empty()) {
    detail += (detail.empty() ? "" : "; ") + std::string("assignee: ") + review.assignee;
  }
  for (size_t i = 0; i < review.tags.size(); ++i) {
    detail += (i == 0 ? (detail.empty() ? "tags: " : "; tags: ") : ", ") + review.tags[i];
  }
  if (!review.message.empty()) {
    detail += (detail.empty() ? "" : "; ") + std::string("notice: ") + review.message;
  }
  return {
      review.time_us, review.by,         review.role, std::string(ReviewActionName(review.action)),
      review.flag_id, std::move(detail), sequence};
}

void PutCsvField(std::string& out, std::string_view field) {
  // A spreadsheet would run a field that starts like a formula: a search for
  // =HYPERLINK(...) must reach the compliance officer's sheet as text.
  const bool formula =
      !field.empty() && std::string_view("=+-@\t\r").find(field[0]) != std::string_view::npos;
  if (!formula && field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  if (formula) {
    out += '\'';
  }
  for (char c : field) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  out += '"';
}

}  // namespace

std::string_view AuditActionName(AuditAction action) {
  return kAuditActionNames[static_cast<size_t>(action)];
}

std::optional<AuditAction> ParseAuditAction(std::string_view name) {
  for (size_t i = 0; i < kAuditActionNames.size(); ++i) {
    if (kAuditActionNames[i] == name) {
      return static_cast<AuditAction>(i);
    }
  }
  return std::nullopt;
}

archive::Record AuditRecord(const AuditEvent& event) {
  json meta = {{"action", AuditActionName(event.action)},
               {"role", event.role},
               {"time", FormatRfc3339(event.time_us)}};
  if (event.results.has_value()) {
    meta["results"] = *event.results;
  }
  json content = {{"user", event.user}, {"target", event.target}, {"detail", event.detail}};
  return {archive::RecordType::kAudit, "audit:" + event.id, Dump(meta), Dump(content)};
}

tl::expected<AuditEvent, Error> DecodeAudit(const archive::StoredRecord& record) {
  const json meta = json::parse(record.record.meta, nullptr, false);
  if (!meta.is_object()) {
    return tl::unexpected(Error{"log", record.sequence + 1, "meta of record is not a JSON object"});
  }
  AuditEvent event;
  auto action = ParseAuditAction(Field(meta, "action"));
  if (!action) {
    return tl::unexpected(Error{"log", record.sequence + 1, "audit record names no known action"});
  }
  event.action = *action;
  event.role = Field(meta, "role");
  event.time_us = ParseRfc3339(Field(meta, "time")).value_or(0);
  if (auto it = meta.find("results"); it != meta.end() && it->is_number_unsigned()) {
    event.results = it->get<uint64_t>();
  }
  if (record.record.key.starts_with("audit:")) {
    event.id = record.record.key.substr(6);
  }
  if (!record.content_erased) {
    const json content = ParseObject(record.record.content);
    event.user = Field(content, "user");
    event.target = Field(content, "target");
    event.detail = Field(content, "detail");
  }
  return event;
}

tl::expected<archive::Record, Error> NewAuditRecord(AuditEvent event) {
  if (event.id.empty()) {
    auto id = archive::RandomHex(16);
    if (!id) {
      return tl::unexpected(FromArchive(id.error()));
    }
    event.id = std::move(*id);
  }
  return AuditRecord(event);
}

tl::expected<void, Error> SpoolAudit(const std::filesystem::path& dir, AuditEvent event) {
  auto record = NewAuditRecord(std::move(event));
  if (!record) {
    return tl::unexpected(record.error());
  }
  if (auto added = archive::AddPending(dir, *record); !added) {
    return tl::unexpected(FromArchive(added.error()));
  }
  return {};
}

bool IsAuditType(std::string_view type) { return type.empty() || ParseAuditAction(type); }

tl::expected<std::vector<AuditRow>, Error> LoadAuditRows(const archive::Archive& archive,
                                                         std::string_view type, int64_t since_us) {
  const bool reviews = type == AuditActionName(AuditAction::kReview);
  auto sequences =
      archive.SequencesOfType(reviews ? archive::RecordType::kReview : archive::RecordType::kAudit);
  if (!sequences) {
    return tl::unexpected(FromArchive(sequences.error()));
  }
  std::vector<AuditRow> rows;
  for (uint64_t sequence : *sequences) {
    auto record = archive.Read(sequence);
    if (!record) {
      return tl::unexpected(FromArchive(record.error()));
    }
    AuditRow row;
    if (reviews) {
      auto review = DecodeReview(*record);
      if (!review) {
        return tl::unexpected(review.error());
      }
      row = ReviewRowOf(*review, sequence);
    } else {
      auto event = DecodeAudit(*record);
      if (!event) {
        return tl::unexpected(event.error());
      }
      if (!type.empty() && AuditActionName(event->action) != type) {
        continue;
      }
      row = AuditRowOf(*event, sequence);
    }
    if (row.time_us >= since_us) {
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string AuditCsv(const std::vector<AuditRow>& rows) {
  std::string out = "time,user,role,action,target,detail,sequence\r\n";
  for (const AuditRow& row : rows) {
    const std::string time = FormatRfc3339(row.time_us);
    for (const std::string* field :
         {&time, &row.user, &row.role, &row.action, &row.target, &row.detail}) {
      PutCsvField(out, *field);
      out += ',';
    }
    out += std::to_string(row.sequence);
    out += "\r\n";
  }
  return out;
}

std::string AuditRowJson(const AuditRow& row) {
  return Dump({{"time", FormatRfc3339(row.time_us)},
               {"user", row.user},
               {"role", row.role},
               {"action", row.action},
               {"target", row.target},
               {"detail", row.detail},
               {"sequence", row.sequence}});
}

}  // namespace holdfast::engine
