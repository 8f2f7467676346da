// holdfast-sample: writes a deterministic sample Slack workspace export (zip), as Slack lays
// it out: users.json, channels.json and <channel>/<YYYY-MM-DD>.json day files, with threads,
// edits, file shares, bot posts, joins, English and Dutch text, sensitive content and, on
// request, a few malformed records. Used by `tools/dev demo`, the end-to-end test and the
// benchmarks.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archive/zip_writer.h"
#include "tools/sample_corpus.h"

namespace {

using nlohmann::json;

constexpr int64_t kStart = 1709280000;  // 2024-03-01T08:00:00Z
constexpr int64_t kDay = 86400;

struct User {
  const char* id;
  const char* name;
  const char* real_name;
};
constexpr User kUsers[] = {
    {"U0001", "alice", "Alice Smith"},     {"U0002", "bram", "Bram Jansen"},
    {"U0003", "chen", "Chen Wei"},         {"U0004", "anna", "Anna de Vries"},
    {"U0005", "dave", "Dave O'Brien"},     {"U0006", "eva", "Eva Bakker"},
    {"U0007", "farid", "Farid El Amrani"}, {"U0008", "grace", "Grace Kim"},
    {"U0009", "henk", "Henk van Dijk"},    {"U0010", "isha", "Isha Patel"},
};
constexpr const char* kChannels[] = {"general", "finance", "engineering",
                                     "sales",   "hr-nl",   "random"};

std::string Ts(int64_t seconds, int64_t micros) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%06lld", static_cast<long long>(seconds),
                static_cast<long long>(micros));
  return buffer;
}

std::string Day(int64_t seconds) {
  using namespace std::chrono;
  const year_month_day date{sys_days{std::chrono::days{seconds / kDay}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

json Message(holdfast::tools::SampleCorpus& corpus, int64_t seconds, int64_t micros,
             unsigned sensitive_percent) {
  const User& user = kUsers[corpus.Below(std::size(kUsers))];
  const User& other = kUsers[corpus.Below(std::size(kUsers))];
  json message = {{"type", "message"},
                  {"user", user.id},
                  {"ts", Ts(seconds, micros)},
                  {"text", corpus.Text(sensitive_percent, other.id)}};
  const uint64_t shape = corpus.Below(40);
  if (shape == 0) {
    message["subtype"] = "channel_join";
    message["text"] = "<@" + std::string(user.id) + "> has joined the channel";
  } else if (shape == 1) {
    message["edited"] = {{"user", user.id}, {"ts", Ts(seconds + 60, 0)}};
  } else if (shape == 2) {
    message["files"] = json::array({{{"id", "F" + std::to_string(seconds)},
                                     {"name", "report-" + Day(seconds) + ".pdf"},
                                     {"mimetype", "application/pdf"},
                                     {"size", 20000 + corpus.Below(90000)}}});
  } else if (shape == 3) {
    message.erase("user");
    message["subtype"] = "bot_message";
    message["bot_id"] = "B0001";
    message["username"] = "deploybot";
    message["text"] = "";
    message["attachments"] = json::array(
        {{{"fallback", "Deployed build " + std::to_string(corpus.Below(9000)) + " to staging"}}});
  }
  return message;
}

struct Args {
  std::string out;
  uint64_t posts = 300;
  uint64_t seed = 1;
  unsigned malformed = 0;
  unsigned sensitive_percent = 8;
};

int Write(const Args& args) {
  auto zip = holdfast::archive::ZipWriter::Create(args.out);
  if (!zip) {
    std::fprintf(stderr, "holdfast-sample: %s\n", zip.error().message.c_str());
    return 1;
  }
  json users = json::array();
  for (const User& user : kUsers) {
    users.push_back({{"id", user.id}, {"name", user.name}, {"real_name", user.real_name}});
  }
  json channels = json::array();
  for (size_t i = 0; i < std::size(kChannels); ++i) {
    channels.push_back({{"id", "C000000" + std::to_string(i + 1)}, {"name", kChannels[i]}});
  }
  bool ok = (*zip)->Add("users.json", users.dump(1)).has_value() &&
            (*zip)->Add("channels.json", channels.dump(1)).has_value();
  holdfast::tools::SampleCorpus corpus(args.seed);
  const int64_t days = std::max<int64_t>(10, static_cast<int64_t>(args.posts / 2000));
  // Posts come in time order, and each day's files are written once the day is over: a
  // sample of any size (bench-ingest's memory test makes gigabytes) takes a day's memory.
  std::map<std::string, json> files;  // path -> day array, for the day being made
  const std::string malformed_day = "random/" + Day(kStart + kDay) + ".json";
  auto write_files = [&] {
    for (auto& [path, day] : files) {
      // Malformed records: a message without ts, one whose ts is a number.
      for (unsigned i = 0; path == malformed_day && i < args.malformed; ++i) {
        if (i % 3 == 0)
          day.push_back({{"type", "message"}, {"user", "U0001"}, {"text", "lost ts"}});
        if (i % 3 == 1)
          day.push_back({{"type", "message"}, {"ts", 1709366400}, {"text", "numeric"}});
      }
      ok = ok && (*zip)->Add(path, day.dump(1)).has_value();
    }
    files.clear();
  };
  std::map<std::string, std::string> thread_ts;  // channel -> its running thread
  std::string today;
  for (uint64_t i = 0; i < args.posts - 1; ++i) {
    const int64_t seconds = kStart + static_cast<int64_t>(i * days * kDay / args.posts);
    if (Day(seconds) != today) {
      write_files();
      today = Day(seconds);
      if (today == Day(kStart + 3 * kDay)) {
        // A fixed post that tests and the README search for.
        files["finance/" + today + ".json"].push_back(
            {{"type", "message"},
             {"user", "U0004"},
             {"ts", Ts(kStart + 3 * kDay + 3600, 1)},
             {"text", "Quarterly close: the Q1 ledger reconciliation is done."}});
      }
      if (today == Day(kStart + kDay)) {
        files[malformed_day];  // holds the malformed records even on a quiet day
      }
    }
    const std::string channel = kChannels[corpus.Below(std::size(kChannels))];
    json message =
        Message(corpus, seconds, static_cast<int64_t>(i % 1000000), args.sensitive_percent);
    std::string& thread = thread_ts[channel];
    if (corpus.Below(6) == 0 && !thread.empty()) {
      message["thread_ts"] = thread;  // a reply in the channel's running thread
    } else if (corpus.Below(8) == 0) {
      thread = message["ts"];
      message["thread_ts"] = thread;
    }
    files[channel + "/" + today + ".json"].push_back(std::move(message));
  }
  write_files();
  if (args.malformed >= 3) {  // a truncated day file
    ok = ok && (*zip)
                   ->Add("random/" + Day(kStart + 2 * kDay) + ".json",
                         "[{\"type\": \"message\", \"ts\": \"1709452800.000001\", \"te")
                   .has_value();
  }
  if (!ok || !(*zip)->Close()) {
    std::fprintf(stderr, "holdfast-sample: cannot write %s\n", args.out.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write a deterministic sample Slack export (zip)", "holdfast-sample"};
  Args args;
  app.add_option("--out", args.out, "Zip file to write")->required();
  app.add_option("--posts", args.posts, "Posts (default 300)")->check(CLI::Range(2, 100000000));
  app.add_option("--seed", args.seed, "Seed (default 1)");
  app.add_option("--malformed", args.malformed,
                 "Malformed records (message without ts, numeric ts, truncated day file)");
  app.add_option("--sensitive-percent", args.sensitive_percent,
                 "Share of posts with sensitive content (default 8)");
  CLI11_PARSE(app, argc, argv);
  return Write(args);
}
