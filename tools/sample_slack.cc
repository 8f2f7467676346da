// The Slack writer of holdfast-sample: a workspace export zip as Slack lays it out:
// users.json, channels.json and <channel>/<YYYY-MM-DD>.json day files, with threads, edits,
// file shares, bot posts, joins and, on request, a few malformed records (a message without
// ts, one whose ts is a number, a truncated day file). Its bytes for a given seed are what the
// demo, the end-to-end test and the benchmarks expect: change them only on purpose.
// It writes posts - 1 generated messages and one fixed post that tests search for.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archive/zip_writer.h"
#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

using nlohmann::json;

std::string Ts(int64_t seconds, int64_t micros) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%06lld", static_cast<long long>(seconds),
                static_cast<long long>(micros));
  return buffer;
}

json Message(SampleCorpus& corpus, int64_t seconds, int64_t micros, unsigned sensitive_percent) {
  const SampleUser& user = kSampleUsers[corpus.Below(std::size(kSampleUsers))];
  const SampleUser& other = kSampleUsers[corpus.Below(std::size(kSampleUsers))];
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
                                     {"name", "report-" + SampleDay(seconds) + ".pdf"},
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

}  // namespace

int WriteSlackSample(const SampleOptions& options) {
  auto zip = archive::ZipWriter::Create(options.out);
  if (!zip) {
    std::fprintf(stderr, "holdfast-sample: %s\n", zip.error().message.c_str());
    return 1;
  }
  json users = json::array();
  for (const SampleUser& user : kSampleUsers) {
    users.push_back({{"id", user.id}, {"name", user.name}, {"real_name", user.real_name}});
  }
  json channels = json::array();
  for (size_t i = 0; i < std::size(kSampleChannels); ++i) {
    channels.push_back({{"id", "C000000" + std::to_string(i + 1)}, {"name", kSampleChannels[i]}});
  }
  bool ok = (*zip)->Add("users.json", users.dump(1)).has_value() &&
            (*zip)->Add("channels.json", channels.dump(1)).has_value();
  SampleCorpus corpus(options.seed);
  // Posts come in time order, and each day's files are written once the day is over: a
  // sample of any size (bench-ingest's memory test makes gigabytes) takes a day's memory.
  std::map<std::string, json> files;  // path -> day array, for the day being made
  const std::string malformed_day = "random/" + SampleDay(kSampleStart + kSampleDay) + ".json";
  auto write_files = [&] {
    for (auto& [path, day] : files) {
      // Malformed records: a message without ts, one whose ts is a number.
      for (unsigned i = 0; path == malformed_day && i < options.malformed; ++i) {
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
  for (uint64_t i = 0; i < options.posts - 1; ++i) {
    const int64_t seconds = SampleSeconds(i, options.posts);
    if (SampleDay(seconds) != today) {
      write_files();
      today = SampleDay(seconds);
      if (today == SampleDay(kSampleStart + 3 * kSampleDay)) {
        // A fixed post that tests and the README search for.
        files["finance/" + today + ".json"].push_back(
            {{"type", "message"},
             {"user", "U0004"},
             {"ts", Ts(kSampleStart + 3 * kSampleDay + 3600, 1)},
             {"text", "Quarterly close: the Q1 ledger reconciliation is done."}});
      }
      if (today == SampleDay(kSampleStart + kSampleDay)) {
        files[malformed_day];  // holds the malformed records even on a quiet day
      }
    }
    const std::string channel = kSampleChannels[corpus.Below(std::size(kSampleChannels))];
    json message =
        Message(corpus, seconds, static_cast<int64_t>(i % 1000000), options.sensitive_percent);
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
  if (options.malformed >= 3) {  // a truncated day file
    ok = ok && (*zip)
                   ->Add("random/" + SampleDay(kSampleStart + 2 * kSampleDay) + ".json",
                         "[{\"type\": \"message\", \"ts\": \"1709452800.000001\", \"te")
                   .has_value();
  }
  if (!ok || !(*zip)->Close()) {
    std::fprintf(stderr, "holdfast-sample: cannot write %s\n", options.out.c_str());
    return 1;
  }
  return 0;
}

}  // namespace holdfast::tools
