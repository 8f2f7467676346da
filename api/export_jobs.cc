#include "api/internal/export_jobs.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "api/internal/json_body.h"
#include "api/internal/record_drain.h"
#include "archive/archive.h"
#include "archive/merkle.h"
#include "archive/random.h"
#include "engine/audit.h"
#include "engine/evidence.h"

namespace holdfast::api {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kInterrupted = "interrupted: the server stopped before the export finished";

std::optional<ExportState> ParseState(const std::string& name) {
  for (ExportState state :
       {ExportState::kQueued, ExportState::kRunning, ExportState::kDone, ExportState::kFailed}) {
    if (ExportStateName(state) == name) {
      return state;
    }
  }
  return std::nullopt;
}

json ToJson(const ExportJob& job) {
  return {{"id", job.id},
          {"case", job.case_name},
          {"query", job.query},
          {"hold", job.hold},
          {"flag_state", job.flag_state},
          {"head", job.head},
          {"formats", job.formats},
          {"head_size", job.head_size},
          {"manifest_sha256", job.manifest_sha256},
          {"by", job.by},
          {"role", job.role},
          {"created_us", job.created_us},
          {"state", ExportStateName(job.state)},
          {"message", job.message},
          {"items_done", job.items_done},
          {"items_total", job.items_total},
          {"posts", job.posts},
          {"flags", job.flags},
          {"reviews", job.reviews},
          {"bytes", job.bytes},
          {"sha256", job.sha256},
          {"finished_us", job.finished_us}};
}

std::optional<ExportJob> FromJson(const json& value) {
  if (!value.is_object()) {
    return std::nullopt;
  }
  try {
    ExportJob job;
    job.id = value.at("id").get<std::string>();
    job.case_name = value.at("case").get<std::string>();
    job.query = value.at("query").get<std::string>();
    job.hold = value.value("hold", "");
    job.flag_state = value.value("flag_state", "");
    job.head = value.value("head", uint64_t{0});
    job.formats = value.value("formats", job.formats);
    job.head_size = value.value("head_size", uint64_t{0});
    job.manifest_sha256 = value.value("manifest_sha256", "");
    job.by = value.at("by").get<std::string>();
    job.role = value.value("role", "");
    job.created_us = value.at("created_us").get<int64_t>();
    auto state = ParseState(value.at("state").get<std::string>());
    if (!state) {
      return std::nullopt;
    }
    job.state = *state;
    job.message = value.value("message", "");
    job.items_done = value.value("items_done", uint64_t{0});
    job.items_total = value.value("items_total", uint64_t{0});
    job.posts = value.value("posts", uint64_t{0});
    job.flags = value.value("flags", uint64_t{0});
    job.reviews = value.value("reviews", uint64_t{0});
    job.bytes = value.value("bytes", uint64_t{0});
    job.sha256 = value.value("sha256", "");
    job.finished_us = value.value("finished_us", int64_t{0});
    return job;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    return std::nullopt;
  }
  return std::move(bytes).str();
}

}  // namespace

std::string_view ExportStateName(ExportState state) {
  switch (state) {
    case ExportState::kQueued:
      return "queued";
    case ExportState::kRunning:
      return "running";
    case ExportState::kDone:
      return "done";
    case ExportState::kFailed:
      return "failed";
  }
  return "failed";
}

ExportJobs::ExportJobs(std::filesystem::path dir, RecordDrain* records)
    : dir_(std::move(dir)), exports_(dir_ / "exports"), records_(records) {
  Load();
  thread_ = std::thread([this] { Run(); });
}

ExportJobs::~ExportJobs() { Stop(); }

void ExportJobs::Load() {
  std::error_code error;
  if (!fs::is_directory(exports_, error)) {
    return;
  }
  std::lock_guard lock(mu_);
  for (const fs::directory_entry& entry : fs::directory_iterator(exports_, error)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".partial" || path.extension() == ".tmp") {
      fs::remove(path, error);  // a bundle or job file a stop cut short
      continue;
    }
    if (path.extension() != ".json") {
      continue;
    }
    auto text = ReadFile(path);
    auto job = text ? FromJson(json::parse(*text, nullptr, false)) : std::nullopt;
    if (!job || job->id != path.stem().string()) {
      std::fprintf(stderr, "holdfast serve: %s is no export job; it is left as it is\n",
                   path.string().c_str());
      continue;
    }
    if (job->state == ExportState::kQueued || job->state == ExportState::kRunning) {
      job->state = ExportState::kFailed;
      job->message = kInterrupted;
      (void)Store(*job);
    }
    jobs_[job->id] = std::move(*job);
  }
}

bool ExportJobs::Store(const ExportJob& job) const {
  const fs::path path = exports_ / (job.id + ".json");
  const fs::path temporary = exports_ / (job.id + ".json.tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << Dump(ToJson(job)) << '\n';
    out.flush();
    if (!out) {
      return false;
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  return !error;
}

tl::expected<ExportJob, ExportError> ExportJobs::Add(ExportJob job) {
  auto id = archive::RandomHex(16);
  if (!id) {
    return tl::unexpected(
        ExportError{500, std::string("no export id: ").append(id.error().ToString())});
  }
  job.id = std::move(*id);
  job.state = ExportState::kQueued;
  std::lock_guard lock(mu_);
  if (stop_) {
    return tl::unexpected(ExportError{503, "the server is stopping"});
  }
  if (queue_.size() >= kMaxQueued) {
    return tl::unexpected(
        ExportError{429, std::string("too many exports wait already (")
                             .append(std::to_string(kMaxQueued))
                             .append("); start this one when one of them has run")});
  }
  std::error_code error;
  fs::create_directories(exports_, error);
  if (error || !Store(job)) {
    return tl::unexpected(
        ExportError{500, "the export could not be stored in " + exports_.string()});
  }
  jobs_[job.id] = job;
  queue_.push_back(job.id);
  wake_.notify_one();
  return job;
}

std::vector<ExportJob> ExportJobs::List() const {
  std::vector<ExportJob> out;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, job] : jobs_) {
      out.push_back(job);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ExportJob& a, const ExportJob& b) {
    return a.created_us > b.created_us;
  });
  return out;
}

std::optional<ExportJob> ExportJobs::Find(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto found = jobs_.find(id);
  if (found == jobs_.end()) {
    return std::nullopt;
  }
  return found->second;
}

std::filesystem::path ExportJobs::ZipPath(const std::string& id) const {
  return exports_ / (id + ".zip");
}

void ExportJobs::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  std::lock_guard lock(mu_);
  for (const std::string& id : queue_) {
    ExportJob& job = jobs_.at(id);
    job.state = ExportState::kFailed;
    job.message = kInterrupted;
    (void)Store(job);
  }
  queue_.clear();
}

void ExportJobs::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) {
      return;
    }
    const std::string id = queue_.front();
    queue_.pop_front();
    jobs_.at(id).state = ExportState::kRunning;
    (void)Store(jobs_.at(id));
    lock.unlock();
    RunJob(id);
    lock.lock();
  }
}

void ExportJobs::RunJob(const std::string& id) {
  ExportJob job = *Find(id);
  const fs::path partial = exports_ / (id + ".zip.partial");
  const auto fail = [&](std::string message) {
    std::error_code error;
    fs::remove(partial, error);
    job.state = ExportState::kFailed;
    job.message = std::move(message);
    Finish(id, std::move(job));
  };
  // The job's own reader: the server's snapshot stays with the request threads.
  auto archive = archive::Archive::Open(dir_);
  if (!archive) {
    return fail(
        std::string("the archive could not be opened: ").append(archive.error().ToString()));
  }
  engine::EvidenceRequest request;
  request.case_name = job.case_name;
  request.selection = engine::EvidenceSelection::kQuery;
  request.value = job.query;
  if (!job.hold.empty()) {
    request.selection = engine::EvidenceSelection::kHold;
    request.value = job.hold;
  } else if (!job.flag_state.empty()) {
    request.selection = engine::EvidenceSelection::kFlags;
    request.value = job.flag_state;
  }
  request.exported_by = job.by;
  request.out = partial;
  request.formats = job.formats;
  if (job.head != 0) {
    request.head_size = job.head;
  }
  request.progress = [this, &id](const engine::EvidenceProgress& progress) {
    std::lock_guard lock(mu_);
    ExportJob& live = jobs_.at(id);
    live.items_done = progress.done;
    live.items_total = progress.total;
    return !stop_;
  };
  auto summary = engine::ExportEvidence(**archive, request);
  if (!summary) {
    std::unique_lock lock(mu_);
    const bool stopping = stop_;
    lock.unlock();
    return fail(stopping ? kInterrupted : summary.error().ToString());
  }
  auto bytes = ReadFile(partial);
  if (!bytes) {
    return fail(
        std::string("the bundle ").append(partial.string()).append(" could not be read back"));
  }
  job.posts = summary->posts;
  job.flags = summary->flags;
  job.reviews = summary->reviews;
  job.head_size = summary->head_size;
  job.manifest_sha256 = summary->manifest_sha256;
  job.bytes = bytes->size();
  job.sha256 = archive::ToHex(archive::Sha256(*bytes));
  // Audited before it is served: an export that cannot be audited is not kept.
  engine::AuditEvent event{
      .user = job.by,
      .role = job.role,
      .time_us = (*archive)->NowUs(),
      .action = engine::AuditAction::kExport,
      .target = job.case_name,
      .detail = std::string("query: ")
                    .append(job.query)
                    .append(job.hold.empty() ? std::string() : std::string("; hold: ") + job.hold)
                    .append(job.flag_state.empty() ? std::string()
                                                   : std::string("; flags: ") + job.flag_state)
                    .append("; head ")
                    .append(std::to_string(summary->head_size))
                    .append("; manifest.json sha256 ")
                    .append(summary->manifest_sha256)
                    .append("; export ")
                    .append(id)
                    .append("; ")
                    .append(std::to_string(job.flags))
                    .append(" flags, ")
                    .append(std::to_string(job.reviews))
                    .append(" reviews"),
      .results = job.posts};
  if (auto spooled = engine::SpoolAudit(dir_, std::move(event)); !spooled) {
    return fail(std::string("the export could not be audited, so it is not kept: ")
                    .append(spooled.error().ToString()));
  }
  std::error_code error;
  fs::rename(partial, ZipPath(id), error);
  if (error) {
    return fail(
        std::string("the bundle could not be renamed into place: ").append(error.message()));
  }
  job.state = ExportState::kDone;
  job.items_done = job.items_total = job.posts + job.flags + job.reviews;
  job.finished_us = (*archive)->NowUs();
  Finish(id, std::move(job));
  if (records_ != nullptr) {
    (void)records_->DrainNow();  // the audit record; the server's drain tries again if busy
  }
}

void ExportJobs::Finish(const std::string& id, ExportJob done) {
  std::lock_guard lock(mu_);
  ExportJob& live = jobs_.at(id);
  if (done.state != ExportState::kDone) {
    done.items_done = live.items_done;
    done.items_total = live.items_total;
  }
  live = std::move(done);
  (void)Store(live);
}

}  // namespace holdfast::api
