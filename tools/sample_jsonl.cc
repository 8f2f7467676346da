// The JSONL writer of holdfast-sample: one post per line in the schema the README documents
// (id, text, workspace, channel, channel_name, thread, parent, author, author_name, time,
// kind, version, attachments), as an in-house tool feeding Holdfast would write it. Times
// carry an offset (+01:00); texts are plain with "@Name" mentions; some lines are replies in
// a thread, a few are edits (kind edit with a version), deletions, system lines or carry an
// attachment. Every line is one post.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

using json = nlohmann::ordered_json;

// "2024-03-01T09:00:00+01:00": the UTC time `seconds`, written in UTC+1.
std::string Time(int64_t seconds) {
  std::string iso = SampleIso(seconds + 3600, -1);
  iso.pop_back();
  return iso.append("+01:00");
}

}  // namespace

int WriteJsonlSample(const SampleOptions& options) {
  std::string out;
  std::string roots[kSampleChannelCount];  // each channel's running thread
  SampleCorpus corpus(options.seed);
  for (uint64_t i = 0; i < options.posts; ++i) {
    const int64_t seconds = SampleSeconds(i, options.posts);
    const size_t channel = corpus.Below(kSampleChannelCount);
    const size_t author = corpus.Below(kSampleUserCount);
    const size_t other = corpus.Below(kSampleUserCount);
    const std::string text = PlainSampleText(
        SplitSampleText(corpus.Text(options.sensitive_percent, kSampleUsers[other].id)));
    const uint64_t shape = corpus.Below(40);
    char id[32];
    std::snprintf(id, sizeof id, "msg-%08llu", static_cast<unsigned long long>(i + 1));
    json line;
    line["id"] = id;
    line["text"] = text;
    line["workspace"] = "acme";
    line["channel"] = std::string("C000000").append(std::to_string(channel + 1));
    line["channel_name"] = kSampleChannels[channel];
    std::string& root = roots[channel];
    if (!root.empty() && corpus.Below(4) == 0) {
      line["thread"] = root;
      line["parent"] = root;
    } else if (corpus.Below(6) == 0) {
      root = id;
      line["thread"] = root;
    }
    line["author"] = kSampleUsers[author].name;
    line["author_name"] = kSampleUsers[author].real_name;
    line["time"] = Time(seconds);
    if (shape == 0) {
      line["kind"] = "system";
      line["text"] = std::string(kSampleUsers[author].real_name).append(" joined the channel");
    } else if (shape == 1) {
      line["kind"] = "edit";
      line["version"] = Time(seconds + 60);
    } else if (shape == 2) {
      line["kind"] = "delete";
      line["version"] = Time(seconds + 120);
    } else if (shape == 3) {
      line["attachments"] =
          json::array({{{"name", std::string("report-").append(SampleDay(seconds)).append(".pdf")},
                        {"type", "application/pdf"},
                        {"size", 20000 + corpus.Below(90000)}}});
    }
    out += line.dump();
    out += '\n';
  }
  return WriteSampleFile(options.out, out) ? 0 : 1;
}

}  // namespace holdfast::tools
