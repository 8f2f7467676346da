// The Microsoft Teams writer of holdfast-sample: Microsoft Graph chatMessage JSON as a script
// that pages through GET /teams/{id}/channels/{id}/messages (replies included) and
// GET /chats/{id}/messages saves it, zipped: the Graph pages ({"@odata.context",
// "@odata.count", "@odata.nextLink", "value": [...]}, at most 50 messages each, as Graph
// returns them) in one folder per conversation, beside channels_<team id>.json, the team's
// channel list, which names the channels. Bodies are HTML with <at> mentions split per word,
// links, entities and file references; replies carry replyToId; a few messages are edited,
// deleted, reacted to (which bumps lastModifiedDateTime but is no edit), sent by a bot, or
// are membersAdded system events. Every message is one post.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archive/zip_writer.h"
#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

using json = nlohmann::ordered_json;

constexpr size_t kPageSize = 50;
constexpr const char* kGraph = "https://graph.microsoft.com/v1.0/";

// A GUID-shaped id, the same for the same `seed`.
std::string Guid(uint64_t seed) {
  const std::string a = SampleHex(seed);
  const std::string b = SampleHex(~seed);
  std::string guid = a.substr(0, 8);
  guid.append("-").append(a.substr(8, 4)).append("-4").append(a.substr(13, 3));
  guid.append("-8").append(b.substr(1, 3)).append("-").append(b.substr(4, 12));
  return guid;
}

std::string Tenant() { return Guid(1000); }
std::string TeamId() { return Guid(2000); }
std::string UserId(size_t user) { return Guid(3000 + user); }
std::string ChannelId(size_t channel) {
  std::string id = "19:";
  return id.append(SampleHex((uint64_t{1} << 40) + channel))
      .append(SampleHex((uint64_t{1} << 41) + channel))
      .append("@thread.tacv2");
}

json UserIdentity(size_t user, bool with_name) {
  return {{"@odata.type", "#microsoft.graph.teamworkUserIdentity"},
          {"id", UserId(user)},
          {"displayName", with_name ? json(kSampleUsers[user].real_name) : json(nullptr)},
          {"userIdentityType", "aadUser"},
          {"tenantId", Tenant()}};
}

json From(json user) { return {{"application", nullptr}, {"device", nullptr}, {"user", user}}; }

// One conversation: a channel of the team, or a chat among a few of the users.
struct Conversation {
  std::string folder;           // "channels/general", "chats/alice-bram"
  std::string channel_id;       // empty for a chat
  std::string chat_id;          // empty for a channel
  std::vector<size_t> members;  // of a chat
  std::string root;             // a channel's latest thread root, that replies go to
  json page = json::array();
  unsigned pages = 0;  // written so far

  // The request's URL and its result's @odata.context.
  std::string Path() const {
    std::string path = kGraph;
    if (channel_id.empty()) {
      return path.append("chats/").append(chat_id);
    }
    return path.append("teams/").append(TeamId()).append("/channels/").append(channel_id);
  }
  std::string Context() const {
    std::string context = kGraph;
    context += "$metadata#";
    if (channel_id.empty()) {
      return context.append("chats('").append(chat_id).append("')/messages");
    }
    context.append("teams('").append(TeamId()).append("')/channels('").append(channel_id);
    return context.append("')/messages");
  }
};

void AppendEscaped(std::string_view text, std::string& html) {
  for (char c : text) {
    switch (c) {
      case '&':
        html += "&amp;";
        break;
      case '<':
        html += "&lt;";
        break;
      case '>':
        html += "&gt;";
        break;
      case '"':
        html += "&quot;";
        break;
      default:
        html += c;
    }
  }
}

// The body as Teams writes it: a person is mentioned once per word of their name, each word
// its own <at> with its own entry in `mentions`; a channel mention names the conversation.
std::string Html(const std::vector<SamplePiece>& pieces, json& mentions) {
  std::string html = "<p>";
  int next = 0;
  auto at = [&](std::string_view word, json mentioned) {
    html.append("<at id=\"").append(std::to_string(next)).append("\">");
    AppendEscaped(word, html);
    html += "</at>";
    mentions.push_back({{"id", next++}, {"mentionText", word}, {"mentioned", mentioned}});
  };
  for (const SamplePiece& piece : pieces) {
    if (piece.kind == SamplePiece::Kind::kText) {
      AppendEscaped(piece.text, html);
    } else if (piece.kind == SamplePiece::Kind::kLink) {
      html.append("<a href=\"").append(piece.target).append("\" rel=\"noreferrer noopener\" ");
      html.append("target=\"_blank\" title=\"").append(piece.target).append("\">");
      AppendEscaped(piece.text, html);
      html += "</a>";
    } else if (piece.kind == SamplePiece::Kind::kChannel) {
      // "C0000001" is the first channel
      const size_t channel = std::stoul(piece.target.substr(1)) - 1;
      at(piece.text, {{"conversation",
                       {{"id", ChannelId(channel % kSampleChannelCount)},
                        {"displayName", piece.text},
                        {"conversationIdentityType", "channel"}}}});
    } else {
      const size_t user = SampleUserIndex(piece.target);
      const std::string_view name = kSampleUsers[user].real_name;
      for (size_t begin = 0; begin < name.size();) {
        const size_t space = std::min(name.find(' ', begin), name.size());
        if (begin > 0) {
          html += "&nbsp;";
        }
        at(name.substr(begin, space - begin),
           {{"device", nullptr}, {"user", UserIdentity(user, true)}});
        begin = space + 1;
      }
    }
  }
  html += "</p>";
  return html;
}

// A message as Graph returns it, in Graph's property order.
json Envelope(const Conversation& where, const std::string& id, const std::string& created,
              size_t author, bool reply, const std::vector<SamplePiece>& pieces) {
  const bool channel = !where.channel_id.empty();
  json mentions = json::array();
  json m;
  m["id"] = id;
  m["replyToId"] = reply ? json(where.root) : json(nullptr);
  m["etag"] = id;
  m["messageType"] = "message";
  m["createdDateTime"] = created;
  m["lastModifiedDateTime"] = created;
  m["lastEditedDateTime"] = nullptr;
  m["deletedDateTime"] = nullptr;
  m["subject"] = channel && !reply ? json("") : json(nullptr);
  m["summary"] = nullptr;
  m["chatId"] = channel ? json(nullptr) : json(where.chat_id);
  m["importance"] = "normal";
  m["locale"] = "en-us";
  m["webUrl"] = nullptr;
  if (channel) {
    std::string url = "https://teams.microsoft.com/l/message/";
    url.append(where.channel_id).append("/").append(id).append("?groupId=").append(TeamId());
    url.append("&tenantId=").append(Tenant()).append("&createdTime=").append(id);
    if (reply) {
      url.append("&parentMessageId=").append(where.root);
    }
    m["webUrl"] = url;
  }
  m["policyViolation"] = nullptr;
  m["eventDetail"] = nullptr;
  m["from"] = From(UserIdentity(author, true));
  m["body"] = {{"contentType", "html"}, {"content", Html(pieces, mentions)}};
  m["channelIdentity"] =
      channel ? json({{"teamId", TeamId()}, {"channelId", where.channel_id}}) : json(nullptr);
  m["attachments"] = json::array();
  m["mentions"] = mentions;
  m["reactions"] = json::array();
  return m;
}

// `initiator` added `member`: a system event has no author and no text of its own.
void MakeMembersAdded(size_t initiator, size_t member, json& m) {
  m["messageType"] = "systemEventMessage";
  m["from"] = nullptr;
  m["body"] = {{"contentType", "html"}, {"content", "<systemEventMessage/>"}};
  m["mentions"] = json::array();
  m["eventDetail"] = {{"@odata.type", "#microsoft.graph.membersAddedEventMessageDetail"},
                      {"visibleHistoryStartDateTime", "0001-01-01T00:00:00Z"},
                      {"members", json::array({{{"id", UserId(member)},
                                                {"displayName", nullptr},
                                                {"userIdentityType", "aadUser"},
                                                {"tenantId", Tenant()}}})},
                      {"initiator", From(UserIdentity(initiator, false))}};
}

// A file shared from SharePoint: a "reference" attachment, and its tag in the body.
void AddFile(const std::string& file, const std::string& attachment, json& m) {
  std::string body = m["body"]["content"];
  m["body"]["content"] =
      body.append("<attachment id=\"").append(attachment).append("\"></attachment>");
  std::string url = "https://acme.sharepoint.com/sites/Acme/Shared%20Documents/General/";
  m["attachments"].push_back({{"id", attachment},
                              {"contentType", "reference"},
                              {"contentUrl", url.append(file)},
                              {"content", nullptr},
                              {"name", file},
                              {"thumbnailUrl", nullptr},
                              {"teamsAppId", nullptr}});
}

void MakeBotPost(uint64_t build, json& m) {
  m["from"] = {{"application",
                {{"@odata.type", "#microsoft.graph.teamworkApplicationIdentity"},
                 {"id", Guid(4000)},
                 {"displayName", "Deploy Bot"},
                 {"applicationIdentityType", "bot"}}},
               {"device", nullptr},
               {"user", nullptr}};
  std::string body = "<p>Deployed build ";
  m["body"]["content"] = body.append(std::to_string(build)).append(" to staging</p>");
  m["mentions"] = json::array();
}

json Message(SampleCorpus& corpus, Conversation& where, uint64_t i, int64_t seconds,
             unsigned sensitive_percent) {
  const bool channel = !where.channel_id.empty();
  const size_t author =
      channel ? corpus.Below(kSampleUserCount) : where.members[corpus.Below(where.members.size())];
  const size_t other = corpus.Below(kSampleUserCount);
  const std::vector<SamplePiece> pieces =
      SplitSampleText(corpus.Text(sensitive_percent, kSampleUsers[other].id));
  const uint64_t shape = corpus.Below(40);
  const bool reply = channel && !where.root.empty() && corpus.Below(3) == 0;
  const int millis = static_cast<int>(i % 1000);
  const std::string id = std::to_string(seconds * 1000 + millis);
  json m = Envelope(where, id, SampleIso(seconds, millis), author, reply, pieces);
  if (shape == 0 && !reply) {
    MakeMembersAdded(author, other, m);
    return m;  // no thread root: nobody replies to a system event
  }
  if (shape == 1) {
    m["lastModifiedDateTime"] = m["lastEditedDateTime"] = SampleIso(seconds + 60, millis);
  } else if (shape == 2) {
    AddFile(std::string("report-").append(SampleDay(seconds)).append(".pdf"), Guid(10000 + i), m);
  } else if (shape == 3) {  // Graph keeps a deleted message's envelope, not its body
    m["lastModifiedDateTime"] = m["deletedDateTime"] = SampleIso(seconds + 120, millis);
    m["body"]["content"] = "";
    m["mentions"] = json::array();
  } else if (shape == 4) {  // a reaction bumps lastModifiedDateTime; it is no edit
    const std::string when = SampleIso(seconds + 30, millis);
    m["lastModifiedDateTime"] = when;
    m["reactions"].push_back({{"reactionType", "like"},
                              {"displayName", "Like"},
                              {"reactionContentUrl", nullptr},
                              {"createdDateTime", when},
                              {"user", From(UserIdentity(other, false))}});
  } else if (shape == 5) {
    MakeBotPost(corpus.Below(9000), m);
  }
  if (channel && !reply) {
    where.root = id;
  }
  return m;
}

// Writes the conversation's page; `more` says whether another follows it (Graph's nextLink).
bool WritePage(archive::ZipWriter& zip, Conversation& where, bool more) {
  ++where.pages;
  json page;
  page["@odata.context"] = where.Context();
  page["@odata.count"] = where.page.size();
  if (more) {
    page["@odata.nextLink"] =
        where.Path().append("/messages?$top=50&$skiptoken=").append(SampleHex(where.pages));
  }
  page["value"] = std::move(where.page);
  where.page = json::array();
  char name[32];
  std::snprintf(name, sizeof name, "/page-%04u.json", where.pages);
  return zip.Add(where.folder + name, page.dump()).has_value();
}

std::vector<Conversation> Conversations() {
  std::vector<Conversation> all;
  for (size_t c = 0; c < kSampleChannelCount; ++c) {
    Conversation channel;
    channel.folder = std::string("channels/").append(kSampleChannels[c]);
    channel.channel_id = ChannelId(c);
    all.push_back(std::move(channel));
  }
  const std::vector<std::vector<size_t>> chats = {{0, 1}, {2, 3}, {4, 5, 6}};
  for (const std::vector<size_t>& members : chats) {
    Conversation chat;
    chat.members = members;
    chat.folder = "chats/";
    for (size_t member : members) {
      chat.folder.append(member == members[0] ? "" : "-").append(kSampleUsers[member].name);
    }
    chat.chat_id = "19:";
    if (members.size() == 2) {  // a one-on-one chat is named by its two members
      chat.chat_id.append(UserId(members[0])).append("_").append(UserId(members[1]));
      chat.chat_id += "@unq.gbl.spaces";
    } else {
      chat.chat_id.append(SampleHex(7000)).append(SampleHex(7001)).append("@thread.v2");
    }
    all.push_back(std::move(chat));
  }
  return all;
}

json ChannelList(const std::vector<Conversation>& conversations) {
  json list = json::array();
  for (size_t c = 0; c < kSampleChannelCount; ++c) {
    const Conversation& channel = conversations[c];
    list.push_back(
        {{"id", channel.channel_id},
         {"createdDateTime", SampleIso(kSampleStart - 90 * kSampleDay, 0)},
         {"displayName", kSampleChannelTitles[c]},
         {"description", nullptr},
         {"isFavoriteByDefault", nullptr},
         {"email", ""},
         {"tenantId", Tenant()},
         {"webUrl",
          std::string("https://teams.microsoft.com/l/channel/").append(channel.channel_id)},
         {"membershipType", "standard"}});
  }
  return list;
}

}  // namespace

int WriteTeamsSample(const SampleOptions& options) {
  auto zip = archive::ZipWriter::Create(options.out);
  if (!zip) {
    return SampleWriteFailed(options.out);
  }
  std::vector<Conversation> conversations = Conversations();
  bool ok = (*zip)
                ->Add(std::string("channels_").append(TeamId()).append(".json"),
                      ChannelList(conversations).dump(2))
                .has_value();
  SampleCorpus corpus(options.seed);
  for (uint64_t i = 0; ok && i < options.posts; ++i) {
    // Seven in ten messages are in a channel, the rest in chats.
    Conversation& where =
        corpus.Below(10) < 7
            ? conversations[corpus.Below(kSampleChannelCount)]
            : conversations[kSampleChannelCount +
                            corpus.Below(conversations.size() - kSampleChannelCount)];
    if (where.page.size() == kPageSize) {
      ok = WritePage(**zip, where, true);
    }
    where.page.push_back(
        Message(corpus, where, i, SampleSeconds(i, options.posts), options.sensitive_percent));
  }
  for (Conversation& where : conversations) {
    if (ok && !where.page.empty()) {
      ok = WritePage(**zip, where, false);
    }
  }
  if (!ok || !(*zip)->Close()) {
    return SampleWriteFailed(options.out);
  }
  return 0;
}

}  // namespace holdfast::tools
