// The Mattermost writer of holdfast-sample: the bulk export JSONL that `mmctl export create`
// writes, alone (its zip would add only the data/ attachments): the version line first, then
// the team, its channels, the users (with their team and channel memberships), every channel
// post with its replies nested under it, then the direct channels and their posts. Messages
// use Mattermost markdown (@username, ~channel, [label](url)); a few are edited (edit_at),
// deleted (delete_at), system_join_channel posts or carry an attachment path. The root and
// each reply are one post each.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tools/sample_corpus.h"
#include "tools/sample_format.h"

namespace holdfast::tools {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kTeam = "acme";

std::string Markdown(std::string_view slack_text) {
  std::string text;
  for (const SamplePiece& piece : SplitSampleText(slack_text)) {
    switch (piece.kind) {
      case SamplePiece::Kind::kText:
        text += piece.text;
        break;
      case SamplePiece::Kind::kMention:
        text.append("@").append(kSampleUsers[SampleUserIndex(piece.target)].name);
        break;
      case SamplePiece::Kind::kLink:
        text.append("[").append(piece.text).append("](").append(piece.target).append(")");
        break;
      case SamplePiece::Kind::kChannel:
        text.append("~").append(piece.text);
        break;
    }
  }
  return text;
}

// A post or reply object; `create_at` in milliseconds. Only a channel's root post may be a
// system post.
json Post(SampleCorpus& corpus, size_t user, int64_t create_at, unsigned sensitive_percent,
          bool reply, bool direct) {
  const size_t other = corpus.Below(kSampleUserCount);
  json post;
  if (!reply) {
    post["team"] = nullptr;  // filled by the caller, in the export's order
    post["channel"] = nullptr;
  }
  post["user"] = kSampleUsers[user].name;
  post["type"] = "";
  post["message"] = Markdown(corpus.Text(sensitive_percent, kSampleUsers[other].id));
  post["props"] = json::object();
  post["create_at"] = create_at;
  post["edit_at"] = 0;
  post["delete_at"] = 0;
  post["flagged_by"] = nullptr;
  post["reactions"] = nullptr;
  if (!reply) {
    post["replies"] = nullptr;
  }
  post["attachments"] = nullptr;
  post["is_pinned"] = false;
  switch (corpus.Below(40)) {
    case 0:
      if (!reply && !direct) {
        post["type"] = "system_join_channel";
        post["message"] = std::string(kSampleUsers[user].name).append(" joined the channel.");
      }
      break;
    case 1:
      post["edit_at"] = create_at + 60000;
      break;
    case 2:
      post["delete_at"] = create_at + 120000;
      break;
    case 3: {
      std::string path = "data/20240301/teams/acme/channels/";
      path.append(SampleHex(create_at).substr(0, 12)).append("/report.pdf");
      post["attachments"] = json::array({{{"path", path}}});
      break;
    }
    default:
      break;
  }
  return post;
}

// The lines before the posts: team, channels, users.
std::string Header() {
  std::string out;
  auto line = [&](const char* type, json value) {
    out += json({{"type", type}, {type, std::move(value)}}).dump();
    out += '\n';
  };
  out += json({{"type", "version"},
               {"version", 1},
               {"info",
                {{"generator", "mattermost-server"},
                 {"version", "9.11.0 (9.11.0, 2024-06-01)"},
                 {"created", "2024-06-01T10:00:00.000000000Z"}}}})
             .dump();
  out += '\n';
  line("team", {{"name", kTeam},
                {"display_name", "Acme"},
                {"type", "O"},
                {"description", ""},
                {"allow_open_invite", false},
                {"scheme", nullptr}});
  json memberships = json::array();
  for (size_t c = 0; c < kSampleChannelCount; ++c) {
    line("channel", {{"team", kTeam},
                     {"name", kSampleChannels[c]},
                     {"display_name", kSampleChannelTitles[c]},
                     {"type", c == 4 ? "P" : "O"},
                     {"header", ""},
                     {"purpose", ""},
                     {"scheme", nullptr}});
    memberships.push_back({{"name", kSampleChannels[c]}, {"roles", "channel_user"}});
  }
  for (const SampleUser& user : kSampleUsers) {
    const std::string_view real_name = user.real_name;
    const size_t space = real_name.find(' ');
    line("user",
         {{"username", user.name},
          {"email", std::string(user.name).append("@acme.example")},
          {"auth_service", ""},
          {"nickname", ""},
          {"first_name", real_name.substr(0, space)},
          {"last_name", real_name.substr(space + 1)},
          {"position", ""},
          {"roles", "system_user"},
          {"locale", "en"},
          {"teams",
           json::array({{{"name", kTeam}, {"roles", "team_user"}, {"channels", memberships}}})}});
  }
  return out;
}

}  // namespace

int WriteMattermostSample(const SampleOptions& options) {
  std::string out = Header();
  std::string direct_posts;  // direct posts, which the export writes after the channel posts
  std::set<std::pair<size_t, size_t>> direct_channels;
  SampleCorpus corpus(options.seed);
  for (uint64_t i = 0; i < options.posts;) {
    const int64_t create_at =
        SampleSeconds(i, options.posts) * 1000 + static_cast<int64_t>(i % 1000);
    const size_t user = corpus.Below(kSampleUserCount);
    const uint64_t where = corpus.Below(10);  // below 8 a channel, else a direct message
    const size_t partner = (user + 1 + corpus.Below(kSampleUserCount - 1)) % kSampleUserCount;
    const bool direct = where >= 8;
    json post = Post(corpus, user, create_at, options.sensitive_percent, false, direct);
    ++i;
    // A thread: up to four replies, each some seconds after the one before.
    const uint64_t replies = corpus.Below(4) == 0 ? 1 + corpus.Below(4) : 0;
    for (uint64_t r = 0; r < replies && i < options.posts; ++r, ++i) {
      if (post["replies"].is_null()) {
        post["replies"] = json::array();
      }
      const size_t author =
          direct ? (corpus.Below(2) == 0 ? user : partner) : corpus.Below(kSampleUserCount);
      post["replies"].push_back(Post(corpus, author,
                                     create_at + static_cast<int64_t>(r + 1) * 17000,
                                     options.sensitive_percent, true, direct));
    }
    if (!direct) {
      post["team"] = kTeam;
      post["channel"] = kSampleChannels[where % kSampleChannelCount];
      out += json({{"type", "post"}, {"post", std::move(post)}}).dump();
      out += '\n';
      continue;
    }
    const std::pair<size_t, size_t> pair = {std::min(user, partner), std::max(user, partner)};
    direct_channels.insert(pair);
    post.erase("team");
    post.erase("channel");
    json members = json::array({kSampleUsers[pair.first].name, kSampleUsers[pair.second].name});
    json direct_post = {{"channel_members", members}};
    direct_post.update(post);
    direct_posts += json({{"type", "direct_post"}, {"direct_post", std::move(direct_post)}}).dump();
    direct_posts += '\n';
  }
  for (const std::pair<size_t, size_t>& pair : direct_channels) {
    out += json({{"type", "direct_channel"},
                 {"direct_channel",
                  {{"members", {kSampleUsers[pair.first].name, kSampleUsers[pair.second].name}},
                   {"favorited_by", nullptr},
                   {"header", ""}}}})
               .dump();
    out += '\n';
  }
  out += direct_posts;
  return WriteSampleFile(options.out, out) ? 0 : 1;
}

}  // namespace holdfast::tools
