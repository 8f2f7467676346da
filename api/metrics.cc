#include "api/internal/metrics.h"

#include <cstdio>

#include "api/internal/params.h"
#include "api/internal/routes.h"
#include "engine/review_queue.h"

namespace holdfast::api {

namespace {

// A label value with \, " and newline escaped as the text format asks.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.9g", value);
  return buffer;
}

void Family(std::string& out, const char* name, const char* type, const char* help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

}  // namespace

void Metrics::Observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  Latency& latency = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++latency.buckets[i];
      break;
    }
  }
  ++latency.count;
  latency.sum += seconds;
}

void Metrics::CountPosts(const archive::Archive& archive) const {
  if (archive.size() <= gauges_.counted_to || !gauges_.error.empty()) {
    return;
  }
  auto walked = archive.ForEach(
      [&](const archive::StoredRecord& record) {
        gauges_.posts += record.record.type == archive::RecordType::kPost ? 1 : 0;
        return true;
      },
      gauges_.counted_to);
  if (!walked) {
    gauges_.error = walked.error().ToString();
    return;
  }
  gauges_.counted_to = archive.size();
}

std::string Metrics::Render(const archive::Archive& archive, const engine::FlagBook& book) const {
  std::lock_guard lock(mu_);
  CountPosts(archive);
  std::map<std::string, uint64_t> flags_by_policy;
  uint64_t open_flags = 0;
  for (size_t i = 0, n = book.FlagsWithin(archive.size()); i < n; ++i) {
    const engine::FlagStatus& status = book.flags()[i];
    ++flags_by_policy[status.flag.policy];
    open_flags += status.state == "open" ? 1 : 0;
  }
  std::string out;
  Family(out, "holdfast_log_records", "gauge", "Records in the signed log.");
  out.append("holdfast_log_records ").append(std::to_string(archive.size())).append("\n");
  if (gauges_.error.empty()) {
    Family(out, "holdfast_posts_archived", "gauge", "Post records in the log (every version).");
    out.append("holdfast_posts_archived ").append(std::to_string(gauges_.posts)).append("\n");
  }
  Family(out, "holdfast_flags", "gauge", "Flags in the log by policy, in any review state.");
  for (const auto& [policy, count] : flags_by_policy) {
    out.append("holdfast_flags{policy=\"")
        .append(Label(policy))
        .append("\"} ")
        .append(std::to_string(count))
        .append("\n");
  }
  Family(out, "holdfast_open_flags", "gauge", "Flags awaiting review: the queue's depth.");
  out.append("holdfast_open_flags ").append(std::to_string(open_flags)).append("\n");
  Family(out, "holdfast_http_requests_total", "counter", "HTTP requests by route and status.");
  for (const auto& [key, count] : requests_) {
    out.append("holdfast_http_requests_total{route=\"")
        .append(Label(key.first))
        .append("\",status=\"")
        .append(std::to_string(key.second))
        .append("\"} ")
        .append(std::to_string(count))
        .append("\n");
  }
  Family(out, "holdfast_http_request_duration_seconds", "histogram",
         "Time from a request's arrival to its reply, by route.");
  for (const auto& [route, latency] : latency_) {
    const std::string label = std::string("route=\"").append(Label(route)).append("\"");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += latency.buckets[i];
      out.append("holdfast_http_request_duration_seconds_bucket{")
          .append(label)
          .append(",le=\"")
          .append(Number(kBuckets[i]))
          .append("\"} ")
          .append(std::to_string(cumulative))
          .append("\n");
    }
    const std::string count = std::to_string(latency.count);
    out.append("holdfast_http_request_duration_seconds_bucket{")
        .append(label)
        .append(",le=\"+Inf\"} ")
        .append(count)
        .append("\n");
    out.append("holdfast_http_request_duration_seconds_sum{")
        .append(label)
        .append("} ")
        .append(Number(latency.sum))
        .append("\n");
    out.append("holdfast_http_request_duration_seconds_count{")
        .append(label)
        .append("} ")
        .append(count)
        .append("\n");
  }
  return out;
}

Reply MetricsRoute(const RouteCall& call) {
  if (auto only = OnlyParams(call.request, {}); !only)
    return only.error();
  auto locked = call.flags.Lock(call.archive);
  if (!locked) {
    return ErrorReply(500, locked.error().ToString());
  }
  return {200, call.metrics.Render(call.archive, **locked),
          "text/plain; version=0.0.4; charset=utf-8"};
}

}  // namespace holdfast::api
