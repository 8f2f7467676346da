// What holdfast-sample's writers share: one writer per export format (tools/sample_<format>.cc),
// each writing a deterministic export of exactly `posts` posts, shaped as the tool itself
// writes it, from the same people, channels, timeline and SampleCorpus text. Same options and
// seed, same bytes, on every machine.
// Thread safety: pure functions and constants.
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace holdfast::tools {

struct SampleOptions {
  std::string out;                 // the zip or file to write
  uint64_t posts = 300;            // posts in the export, system and delete posts included
  uint64_t seed = 1;               // SampleCorpus seed
  unsigned malformed = 0;          // Slack only: planted bad records
  unsigned sensitive_percent = 8;  // share of texts a policy flags
};

// Each returns 0, or 1 after saying on stderr why the export could not be written.
int WriteSlackSample(const SampleOptions& options);
int WriteTeamsSample(const SampleOptions& options);
int WriteYammerSample(const SampleOptions& options);
int WriteWhatsAppSample(const SampleOptions& options);
int WriteMattermostSample(const SampleOptions& options);
int WriteTelegramSample(const SampleOptions& options);
int WriteDiscordSample(const SampleOptions& options);
int WriteJsonlSample(const SampleOptions& options);

struct SampleUser {
  const char* id;  // Slack's user id; other formats derive theirs from the index
  const char* name;
  const char* real_name;
};
inline constexpr SampleUser kSampleUsers[] = {
    {"U0001", "alice", "Alice Smith"},     {"U0002", "bram", "Bram Jansen"},
    {"U0003", "chen", "Chen Wei"},         {"U0004", "anna", "Anna de Vries"},
    {"U0005", "dave", "Dave O'Brien"},     {"U0006", "eva", "Eva Bakker"},
    {"U0007", "farid", "Farid El Amrani"}, {"U0008", "grace", "Grace Kim"},
    {"U0009", "henk", "Henk van Dijk"},    {"U0010", "isha", "Isha Patel"},
};
inline constexpr size_t kSampleUserCount = std::size(kSampleUsers);
inline constexpr const char* kSampleChannels[] = {"general", "finance", "engineering",
                                                  "sales",   "hr-nl",   "random"};
inline constexpr size_t kSampleChannelCount = std::size(kSampleChannels);
// The channels' names where a tool shows a title (a group, a team channel, a chat).
inline constexpr const char* kSampleChannelTitles[kSampleChannelCount] = {
    "General", "Finance", "Engineering", "Sales", "HR NL", "Random"};

constexpr int64_t kSampleStart = 1709280000;  // 2024-03-01T08:00:00Z
constexpr int64_t kSampleDay = 86400;

// The time (seconds since 1970) of post `i` of `posts`: spread evenly over max(10, posts / 2000)
// days from kSampleStart, strictly increasing in i.
int64_t SampleSeconds(uint64_t i, uint64_t posts);
// "2024-03-01"
std::string SampleDay(int64_t seconds);
// "2024-03-01T08:00:00.123Z" (with `millis` below 1000), or without the fraction when
// `millis` is negative.
std::string SampleIso(int64_t seconds, int millis);
// 16 lower-case hex digits mixed from `value` (SplitMix64), for ids that look random.
std::string SampleHex(uint64_t value);
// The index into kSampleUsers of a Slack user id ("U0003" -> 2); 0 when unknown.
size_t SampleUserIndex(std::string_view slack_id);

// A SampleCorpus text (written in Slack markup: "<@U0003> ", "<https://x|label>",
// "<#C0000001|general>", "&amp;") cut into pieces that each writer renders in its own markup.
struct SamplePiece {
  enum class Kind { kText, kMention, kLink, kChannel };
  Kind kind = Kind::kText;
  std::string text;    // kText: plain text, entities decoded; kLink and kChannel: the label
  std::string target;  // kMention: the Slack user id; kLink: the URL; kChannel: the id
};
std::vector<SamplePiece> SplitSampleText(std::string_view slack_text);
// The pieces as a person types them: "@Real Name", the URL alone, "#channel".
std::string PlainSampleText(const std::vector<SamplePiece>& pieces);

// `text` (JSON dumped with indentation) with every line moved right by `depth` spaces, to
// nest it inside a document written piece by piece.
std::string SampleIndent(std::string_view text, size_t depth);

// Writes `bytes` to `path`; false (after saying so on stderr) when it cannot.
bool WriteSampleFile(const std::string& path, std::string_view bytes);
// Says on stderr that `path` could not be written, and returns 1.
int SampleWriteFailed(const std::string& path);

}  // namespace holdfast::tools
