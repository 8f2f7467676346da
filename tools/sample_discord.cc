// The Discord writer of holdfast-sample: DiscordChatExporter's JSON format, one file per
// channel of a guild ("Acme - Text Channels - general [ID].json", two-space indentation as
// the exporter writes it), zipped together. Ids are snowflakes made from the message time;
// content is plain text with mentions as "@Name"; replies are type Reply with a reference;
// links get an embed; a few messages are edited (timestampEdited), carry an attachment, or are
// system messages (GuildMemberJoin, ChannelPinnedMessage). Every message is one post.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archive/zip_writer.h"
#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

using json = nlohmann::ordered_json;

constexpr int64_t kDiscordEpochMs = 1420070400000;

std::string Snowflake(int64_t ms, uint64_t sequence) {
  return std::to_string((static_cast<uint64_t>(ms - kDiscordEpochMs) << 22) | (sequence % 4096));
}
std::string GuildId() { return Snowflake(1600000000000, 1); }
std::string ChannelId(size_t channel) { return Snowflake(1600000000000 + 1000 * channel, 2); }
std::string UserId(size_t user) { return Snowflake(1500000000000 + 1000 * user, 3); }

// "2024-03-01T08:00:00.123+00:00"
std::string Timestamp(int64_t ms) {
  std::string iso = SampleIso(ms / 1000, static_cast<int>(ms % 1000));
  iso.pop_back();
  return iso.append("+00:00");
}

json Author(size_t user) {
  return {{"id", UserId(user)},
          {"name", kSampleUsers[user].name},
          {"discriminator", "0000"},
          {"nickname", kSampleUsers[user].real_name},
          {"color", nullptr},
          {"isBot", false},
          {"roles", json::array()},
          {"avatarUrl", std::string("https://cdn.discordapp.com/embed/avatars/")
                            .append(std::to_string(user % 5))
                            .append(".png")}};
}

struct Channel {
  size_t index = 0;
  std::string messages;  // the messages so far, as written inside the array
  uint64_t count = 0;
  std::string last_id;  // of the latest message, for replies and pins
};

json Message(SampleCorpus& corpus, Channel& channel, uint64_t i, int64_t ms,
             unsigned sensitive_percent) {
  const size_t author = corpus.Below(kSampleUserCount);
  const size_t other = corpus.Below(kSampleUserCount);
  const std::vector<SamplePiece> pieces =
      SplitSampleText(corpus.Text(sensitive_percent, kSampleUsers[other].id));
  const uint64_t shape = corpus.Below(40);
  const bool reply = !channel.last_id.empty() && corpus.Below(6) == 0;
  const std::string id = Snowflake(ms, i);
  json message;
  message["id"] = id;
  message["type"] = reply ? "Reply" : "Default";
  message["timestamp"] = Timestamp(ms);
  message["timestampEdited"] = shape == 1 ? json(Timestamp(ms + 60000)) : json(nullptr);
  message["callEndedTimestamp"] = nullptr;
  message["isPinned"] = false;
  message["content"] = PlainSampleText(pieces);
  message["author"] = Author(author);
  message["attachments"] = json::array();
  message["embeds"] = json::array();
  message["stickers"] = json::array();
  message["reactions"] = json::array();
  message["mentions"] = json::array();
  for (const SamplePiece& piece : pieces) {
    if (piece.kind == SamplePiece::Kind::kMention) {
      message["mentions"].push_back(Author(SampleUserIndex(piece.target)));
    } else if (piece.kind == SamplePiece::Kind::kLink) {
      message["embeds"].push_back({{"title", "Acme Wiki"},
                                   {"url", piece.target},
                                   {"timestamp", nullptr},
                                   {"description", "Pages for the whole company."},
                                   {"color", nullptr},
                                   {"thumbnail", nullptr},
                                   {"images", json::array()},
                                   {"fields", json::array()},
                                   {"inlineEmojis", json::array()}});
    }
  }
  if (shape == 0 && !reply) {
    message["type"] = "GuildMemberJoin";
    message["content"] = "Joined the server.";
    message["mentions"] = message["embeds"] = json::array();
  } else if (shape == 2) {
    const std::string name = std::string("report-").append(SampleDay(ms / 1000)).append(".pdf");
    message["attachments"].push_back({{"id", Snowflake(ms, i + 1)},
                                      {"url", std::string("https://cdn.discordapp.com/attachments/")
                                                  .append(ChannelId(channel.index))
                                                  .append("/")
                                                  .append(Snowflake(ms, i + 1))
                                                  .append("/")
                                                  .append(name)},
                                      {"fileName", name},
                                      {"fileSizeBytes", 20000 + corpus.Below(90000)}});
  } else if (shape == 3 && !channel.last_id.empty() && !reply) {
    message["type"] = "ChannelPinnedMessage";
    message["content"] = "Pinned a message.";
    message["mentions"] = message["embeds"] = json::array();
  }
  if (reply || message["type"] == "ChannelPinnedMessage") {
    message["reference"] = {{"messageId", channel.last_id},
                            {"channelId", ChannelId(channel.index)},
                            {"guildId", GuildId()}};
  }
  channel.last_id = id;
  return message;
}

std::string Document(const Channel& channel) {
  const json guild = {{"id", GuildId()},
                      {"name", "Acme"},
                      {"iconUrl", "https://cdn.discordapp.com/embed/avatars/1.png"}};
  const json about = {{"id", ChannelId(channel.index)},
                      {"type", "GuildTextChat"},
                      {"categoryId", Snowflake(1600000000000, 4)},
                      {"category", "Text Channels"},
                      {"name", kSampleChannels[channel.index]},
                      {"topic", nullptr}};
  std::string out = "{\n  \"guild\": ";
  out.append(SampleIndent(guild.dump(2), 2).substr(2)).append(",\n  \"channel\": ");
  out.append(SampleIndent(about.dump(2), 2).substr(2));
  out += ",\n  \"dateRange\": {\n    \"after\": null,\n    \"before\": null\n  },\n";
  out += "  \"exportedAt\": \"2024-06-01T10:00:00.0000000+00:00\",\n  \"messages\": [\n";
  out.append(channel.messages).append("\n  ],\n  \"messageCount\": ");
  out.append(std::to_string(channel.count)).append("\n}");
  return out;
}

}  // namespace

int WriteDiscordSample(const SampleOptions& options) {
  std::vector<Channel> channels(kSampleChannelCount);
  for (size_t c = 0; c < channels.size(); ++c) {
    channels[c].index = c;
  }
  SampleCorpus corpus(options.seed);
  for (uint64_t i = 0; i < options.posts; ++i) {
    Channel& channel = channels[corpus.Below(channels.size())];
    const int64_t ms = SampleSeconds(i, options.posts) * 1000 + static_cast<int64_t>(i % 1000);
    const json message = Message(corpus, channel, i, ms, options.sensitive_percent);
    if (channel.count++ > 0) {
      channel.messages += ",\n";
    }
    channel.messages += SampleIndent(message.dump(2), 4);
  }
  auto zip = archive::ZipWriter::Create(options.out);
  bool ok = zip.has_value();
  for (const Channel& channel : channels) {
    if (ok && channel.count > 0) {
      const std::string name = std::string("Acme - Text Channels - ")
                                   .append(kSampleChannels[channel.index])
                                   .append(" [")
                                   .append(ChannelId(channel.index))
                                   .append("].json");
      ok = (*zip)->Add(name, Document(channel)).has_value();
    }
  }
  if (!ok || !(*zip)->Close()) {
    return SampleWriteFailed(options.out);
  }
  return 0;
}

}  // namespace holdfast::tools
