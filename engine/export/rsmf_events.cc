#include "engine/export/rsmf_events.h"

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace holdfast::engine::rsmf {
namespace {

// Event ids: the control number (unique in the bundle, and the DAT load file's key), else the
// native id; made unique within the manifest all the same.
std::vector<std::string> EventIds(const ConversationSlice& slice) {
  std::vector<std::string> ids;
  std::set<std::string> taken;
  for (size_t i = 0; i < slice.posts.size(); ++i) {
    const ExportPost& item = slice.posts[i];
    std::string base = !item.control_number.empty()   ? item.control_number
                       : !item.post.native_id.empty() ? item.post.native_id
                                                      : "event-" + std::to_string(i + 1);
    std::string id = base;
    for (int n = 2; !taken.insert(id).second; ++n) {
      id = base + "-" + std::to_string(n);
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

// For each post, the index of the version an edit or deletion replaces: the one it says it
// supersedes, else the latest earlier version with its native id; -1 when neither is in the slice.
std::vector<int64_t> PreviousVersions(const ConversationSlice& slice) {
  std::vector<int64_t> previous(slice.posts.size(), -1);
  std::map<std::string, size_t> by_key;
  std::map<std::string, size_t> latest_by_post;  // the latest version so far of each post
  for (size_t i = 0; i < slice.posts.size(); ++i) {
    const Post& post = slice.posts[i].post;
    if (post.kind == PostKind::kEdit || post.kind == PostKind::kDelete) {
      const auto by_supersedes =
          post.supersedes.empty() ? by_key.end() : by_key.find(post.supersedes);
      if (by_supersedes != by_key.end()) {
        previous[i] = static_cast<int64_t>(by_supersedes->second);
      } else if (!post.native_id.empty()) {
        const auto same = latest_by_post.find(post.native_id);
        if (same != latest_by_post.end()) {
          previous[i] = static_cast<int64_t>(same->second);
        }
      }
    }
    by_key[post.Key()] = i;
    if (!post.native_id.empty()) {
      latest_by_post[post.native_id] = i;
    }
  }
  return previous;
}

}  // namespace

std::string ApplicationName(std::string_view source) {
  static const std::map<std::string_view, std::string_view> kNames = {
      {"slack", "Slack"},       {"teams", "Microsoft Teams"}, {"whatsapp", "WhatsApp"},
      {"telegram", "Telegram"}, {"discord", "Discord"},       {"mattermost", "Mattermost"},
      {"yammer", "Yammer"},     {"jsonl", "JSON Lines"},
  };
  const auto it = kNames.find(source);
  if (it != kNames.end()) {
    return std::string(it->second);
  }
  return source.empty() ? "Holdfast" : std::string(source);
}

std::string EventCollectionId(const ConversationSlice& slice) {
  return "holdfast:" + slice.conversation_id;
}

std::string ParticipantId(const ExportPost& item) {
  const Post& post = item.post;
  if (!post.author_id.empty()) {
    return post.author_id;
  }
  if (!post.author_name.empty()) {
    return "name:" + post.author_name;
  }
  return item.content_erased ? "holdfast:erased" : "holdfast:unknown";
}

std::vector<Participant> Participants(const ConversationSlice& slice) {
  std::vector<Participant> participants;
  std::map<std::string, size_t> index;
  for (const ExportPost& item : slice.posts) {
    const Post& post = item.post;
    const std::string id = ParticipantId(item);
    auto [it, added] = index.emplace(id, participants.size());
    if (added) {
      Participant participant;
      participant.id = id;
      participant.account_id = post.author_id;
      participant.display = !post.author_name.empty() ? post.author_name
                            : !post.author_id.empty() ? post.author_id
                            : item.content_erased     ? "(content erased)"
                                                      : "(unknown)";
      participants.push_back(std::move(participant));
      continue;
    }
    Participant& known = participants[it->second];
    if (post.author_name.empty()) {
      continue;
    }
    if (known.display == known.account_id || known.display == "(content erased)") {
      known.display = post.author_name;  // a name seen later beats the bare id
    } else if (known.display != post.author_name) {
      known.other_names.insert(post.author_name);
    }
  }
  return participants;
}

EventLinks Links(const ConversationSlice& slice) {
  EventLinks links;
  const size_t n = slice.posts.size();
  links.ids = EventIds(slice);
  links.parent.resize(n);
  links.parent_named.resize(n);
  links.thread_named.resize(n);
  links.previous = PreviousVersions(slice);
  std::map<std::string, size_t> first_by_native;  // a native id's first version in the slice
  for (size_t i = 0; i < n; ++i) {
    const Post& post = slice.posts[i].post;
    if (!post.native_id.empty()) {
      first_by_native.emplace(post.native_id, i);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const Post& post = slice.posts[i].post;
    std::string answers = post.parent_id;
    if (answers.empty() && !post.thread_id.empty() && post.thread_id != post.native_id) {
      answers = post.thread_id;
    }
    if (!answers.empty() && answers != post.native_id) {
      const auto it = first_by_native.find(answers);
      if (it != first_by_native.end() && it->second != i) {
        links.parent[i] = links.ids[it->second];
      } else {
        links.parent_named[i] = answers;
      }
    }
    if (!post.thread_id.empty() && post.thread_id != answers && post.thread_id != post.native_id) {
      links.thread_named[i] = post.thread_id;
    }
  }
  return links;
}

std::string FlagSummary(const ExportFlag& flag) {
  std::string out = flag.flag.rule.empty() ? "flag" : flag.flag.rule;
  if (!flag.flag.category.empty()) {
    out += " (" + flag.flag.category + ")";
  }
  if (!flag.state.empty()) {
    out += " " + flag.state;
  }
  return out;
}

}  // namespace holdfast::engine::rsmf
