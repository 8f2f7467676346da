// The Telegram writer of holdfast-sample: a Telegram Desktop full export's result.json
// ("Export Telegram data", JSON, one-space indentation as Desktop writes it), alone: the
// exporting user's personal_information and "chats": {"list": [...]}, one supergroup per
// sample channel and a personal chat. Messages carry date and date_unixtime, from and
// from_id, text as a string or, with mentions, links and hashtags, an array of entities
// (text_entities always); some reply (reply_to_message_id), a few are edited, carry a file
// the export left out ("(File not included. ...)" with file_name), or are service messages
// (invite_members). Every message is one post.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

using json = nlohmann::ordered_json;

constexpr uint64_t kFirstUser = 100000001;
constexpr uint64_t kFirstGroup = 1700000001;
constexpr const char* kNotIncluded =
    "(File not included. Change data exporting settings to download.)";

std::string FromId(size_t user) {
  return std::string("user").append(std::to_string(kFirstUser + user));
}

struct Chat {
  std::string name;
  std::string type;
  uint64_t id = 0;
  std::vector<size_t> members;  // empty: anyone
  std::string messages;         // the messages so far, as written inside the array
  uint64_t count = 0;
};

// Sets "text" (a string, or an array when there are entities) and "text_entities".
void SetText(std::string_view slack_text, json& message) {
  json text = json::array();
  json entities = json::array();
  bool plain_only = true;
  for (const SamplePiece& piece : SplitSampleText(slack_text)) {
    json entity;
    if (piece.kind == SamplePiece::Kind::kText) {
      entity = {{"type", "plain"}, {"text", piece.text}};
      text.push_back(piece.text);
    } else {
      plain_only = false;
      if (piece.kind == SamplePiece::Kind::kMention) {
        entity = {
            {"type", "mention"},
            {"text", std::string("@").append(kSampleUsers[SampleUserIndex(piece.target)].name)}};
      } else if (piece.kind == SamplePiece::Kind::kLink) {
        entity = {{"type", "text_link"}, {"text", piece.text}, {"href", piece.target}};
      } else {
        entity = {{"type", "hashtag"}, {"text", std::string("#").append(piece.text)}};
      }
      text.push_back(entity);
    }
    entities.push_back(entity);
  }
  message["text"] = plain_only ? json(PlainSampleText(SplitSampleText(slack_text))) : text;
  message["text_entities"] = entities;
}

json Message(SampleCorpus& corpus, Chat& chat, int64_t seconds, unsigned sensitive_percent) {
  const size_t from = chat.members.empty() ? corpus.Below(kSampleUserCount)
                                           : chat.members[corpus.Below(chat.members.size())];
  const size_t other = corpus.Below(kSampleUserCount);
  const std::string text = corpus.Text(sensitive_percent, kSampleUsers[other].id);
  const uint64_t shape = corpus.Below(40);
  const uint64_t id = ++chat.count;
  json message;
  message["id"] = id;
  message["type"] = "message";
  message["date"] = SampleIso(seconds, -1).substr(0, 19);  // exported on a machine in UTC
  message["date_unixtime"] = std::to_string(seconds);
  if (shape == 0 && chat.members.empty()) {
    message["type"] = "service";
    message["actor"] = kSampleUsers[from].real_name;
    message["actor_id"] = FromId(from);
    message["action"] = "invite_members";
    message["members"] = json::array({kSampleUsers[other].real_name});
    message["text"] = "";
    message["text_entities"] = json::array();
    return message;
  }
  if (shape == 1) {
    message["edited"] = SampleIso(seconds + 60, -1).substr(0, 19);
    message["edited_unixtime"] = std::to_string(seconds + 60);
  }
  message["from"] = kSampleUsers[from].real_name;
  message["from_id"] = FromId(from);
  if (id > 1 && corpus.Below(5) == 0) {
    message["reply_to_message_id"] = id - 1 - corpus.Below(std::min<uint64_t>(id - 1, 5));
  }
  if (shape == 2) {
    message["file"] = kNotIncluded;
    message["file_name"] = std::string("report-").append(SampleDay(seconds)).append(".pdf");
    message["file_size"] = 20000 + corpus.Below(90000);
    message["mime_type"] = "application/pdf";
  }
  SetText(text, message);
  return message;
}

std::string Document(const std::vector<Chat>& chats) {
  const json about =
      "Here is the data you requested. Remember: Telegram is ad free, it doesn't "
      "use your data for ad targeting and doesn't store your data forever.";
  const json personal = {{"user_id", kFirstUser}, {"first_name", "Alice"},
                         {"last_name", "Smith"},  {"phone_number", "+31 6 1234 5601"},
                         {"username", "@alice"},  {"bio", ""}};
  std::string out = "{\n \"about\": ";
  out.append(about.dump()).append(",\n \"personal_information\": ");
  out.append(SampleIndent(personal.dump(1), 1).substr(1)).append(",\n \"chats\": {\n");
  out += "  \"about\": \"This page lists all chats from this export.\",\n  \"list\": [\n";
  for (size_t c = 0; c < chats.size(); ++c) {
    const Chat& chat = chats[c];
    out.append("   {\n    \"name\": ").append(json(chat.name).dump());
    out.append(",\n    \"type\": ").append(json(chat.type).dump());
    out.append(",\n    \"id\": ").append(std::to_string(chat.id));
    out += chat.messages.empty() ? ",\n    \"messages\": []\n   }" : ",\n    \"messages\": [\n";
    if (!chat.messages.empty()) {
      out.append(chat.messages).append("\n    ]\n   }");
    }
    out += c + 1 < chats.size() ? ",\n" : "\n";
  }
  out += "  ]\n }\n}\n";
  return out;
}

}  // namespace

int WriteTelegramSample(const SampleOptions& options) {
  std::vector<Chat> chats;
  for (size_t c = 0; c < kSampleChannelCount; ++c) {
    chats.push_back({kSampleChannelTitles[c], "private_supergroup", kFirstGroup + c, {}, "", 0});
  }
  chats.push_back({kSampleUsers[1].real_name, "personal_chat", kFirstUser + 1, {0, 1}, "", 0});
  SampleCorpus corpus(options.seed);
  for (uint64_t i = 0; i < options.posts; ++i) {
    Chat& chat = chats[corpus.Below(chats.size())];
    const json message =
        Message(corpus, chat, SampleSeconds(i, options.posts), options.sensitive_percent);
    if (!chat.messages.empty()) {
      chat.messages += ",\n";
    }
    chat.messages += SampleIndent(message.dump(1), 5);
  }
  return WriteSampleFile(options.out, Document(chats)) ? 0 : 1;
}

}  // namespace holdfast::tools
