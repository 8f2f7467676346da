#include "engine/sources/slack_source.h"

#include <array>
#include <string_view>

#include "engine/sources/json_fields.h"
#include "engine/sources/slack_blocks.h"
#include "engine/time_format.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {

namespace {

// Subtypes that record something that happened to a channel rather than something said.
// clang-format off
constexpr std::array<std::string_view, 23> kSystemSubtypes = {
    "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name",
    "channel_archive", "channel_unarchive", "channel_convert_to_private",
    "channel_convert_to_public", "channel_posting_permissions", "group_join", "group_leave",
    "group_topic", "group_purpose", "group_name", "group_archive", "group_unarchive", "bot_add",
    "bot_remove", "bot_enable", "bot_disable", "pinned_item", "unpinned_item"};
// clang-format on

bool IsSystemSubtype(std::string_view subtype) {
  for (std::string_view system : kSystemSubtypes) {
    if (system == subtype) {
      return true;
    }
  }
  return false;
}

// "general/2024-01-02.json" -> folder "general"; false for anything else.
bool SplitDayFile(std::string_view path, std::string_view& folder) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || !path.ends_with(".json")) {
    return false;
  }
  const std::string_view file = path.substr(slash + 1);
  if (file.size() != 15 || file[4] != '-' || file[7] != '-') {
    return false;
  }
  folder = path.substr(0, slash);
  const size_t parent = folder.rfind('/');
  if (parent != std::string_view::npos) {
    folder = folder.substr(parent + 1);  // an export zipped inside a top folder
  }
  return true;
}

std::string ErrorPath(const std::string& zip, const std::string& entry) {
  return zip + "!" + entry;
}

}  // namespace

SlackSource::SlackSource(std::string path, SourceOptions options)
    : path_(std::move(path)), name_(path_), options_(std::move(options)) {}

tl::expected<std::unique_ptr<Source>, Error> SlackSource::Open(const std::string& path,
                                                               const SourceOptions& options) {
  std::unique_ptr<SlackSource> source(new SlackSource(path, options));
  if (auto loaded = source->LoadDirectory(); !loaded) {
    return tl::unexpected(loaded.error());
  }
  auto reader = archive::ExportReader::Open(path);
  if (!reader) {
    return tl::unexpected(Error{path, 0, reader.error().message});
  }
  source->reader_ = std::move(*reader);
  return std::unique_ptr<Source>(std::move(source));
}

SourceProgress SlackSource::progress() const {
  if (!reader_) {
    return {};
  }
  return {reader_->bytes_done(), reader_->bytes_total()};
}

tl::expected<void, Error> SlackSource::LoadDirectory() {
  auto reader = archive::ExportReader::Open(path_);
  if (!reader) {
    return tl::unexpected(Error{path_, 0, reader.error().message});
  }
  bool found = false;
  std::vector<Listed> listed;
  for (;;) {
    auto entry = (*reader)->Next();
    if (!entry) {
      if ((*reader)->done()) {
        return tl::unexpected(Error{path_, 0, entry.error().message});
      }
      continue;  // a refused entry; the message pass dead-letters it
    }
    if (!*entry) {
      break;
    }
    const std::string& entry_path = (*entry)->path;
    const std::string_view file = std::string_view(entry_path).substr(entry_path.rfind('/') + 1);
    const bool users = file == "users.json";
    const bool direct = file == "dms.json" || file == "mpims.json";
    if (!users && !direct && file != "channels.json" && file != "groups.json") {
      continue;
    }
    auto bytes = (*reader)->ReadAll();
    if (!bytes) {
      return tl::unexpected(Error{ErrorPath(path_, entry_path), 0, bytes.error().message});
    }
    simdjson::dom::array array;
    if (auto error = parser_.parse(*bytes).get_array().get(array); error != simdjson::SUCCESS) {
      return tl::unexpected(
          Error{ErrorPath(path_, entry_path), 0,
                std::string("not a JSON array: ") + simdjson::error_message(error)});
    }
    found = true;
    if (users) {
      LoadUsers(array);
    } else {
      LoadChannels(array, direct, listed);
    }
  }
  if (!found) {
    return tl::unexpected(
        Error{path_, 0, "not a Slack export: no users.json or channels.json found"});
  }
  NameChannels(listed);
  return {};
}

void SlackSource::LoadUsers(simdjson::dom::array users) {
  for (simdjson::dom::element element : users) {
    simdjson::dom::object user;
    if (element.get_object().get(user) != simdjson::SUCCESS) {
      continue;
    }
    std::string_view name = StringField(user, "real_name");
    simdjson::dom::object profile;
    if (name.empty() && user["profile"].get_object().get(profile) == simdjson::SUCCESS) {
      name = StringField(profile, "real_name");
      if (name.empty()) {
        name = StringField(profile, "display_name");
      }
    }
    if (name.empty()) {
      name = StringField(user, "name");
    }
    names_.users[std::string(StringField(user, "id"))] = std::string(name);
  }
}

void SlackSource::LoadChannels(simdjson::dom::array channels, bool direct,
                               std::vector<Listed>& listed) {
  for (simdjson::dom::element element : channels) {
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
      continue;
    }
    Listed entry{{std::string(StringField(object, "id")), std::string(StringField(object, "name"))},
                 {},
                 direct};
    simdjson::dom::array members;
    if (object["members"].get_array().get(members) == simdjson::SUCCESS) {
      for (simdjson::dom::element member : members) {
        std::string_view id;
        if (member.get_string().get(id) == simdjson::SUCCESS) {
          entry.members.emplace_back(id);
        }
      }
    }
    listed.push_back(std::move(entry));
  }
}

void SlackSource::NameChannels(const std::vector<Listed>& listed) {
  for (const Listed& entry : listed) {
    Channel channel = entry.channel;
    if (entry.direct && !entry.members.empty()) {
      // dms.json has no names and mpims.json machine-made ones ("mpdm-ann--bram-1").
      channel.name.clear();
      for (const std::string& member : entry.members) {
        auto known = names_.users.find(member);
        channel.name += channel.name.empty() ? "" : ", ";
        channel.name += known != names_.users.end() ? known->second : member;
      }
    }
    if (channel.name.empty()) {
      channel.name = channel.id;
    }
    names_.channels[channel.id] = channel.name;
    // Exports name a channel's folder after the channel (public, private, group DM) or its
    // id (DMs, and some newer exports): match either.
    folders_[channel.id] = channel;
    if (!entry.channel.name.empty()) {
      folders_[entry.channel.name] = channel;
    }
  }
}

void SlackSource::DeadLetterItem(SourceItem& item, uint64_t record, std::string reason,
                                 std::string_view raw) const {
  item.is_post = false;
  item.dead_letter = DeadLetter{ErrorPath(path_, day_file_), record, std::move(reason),
                                std::string(raw.substr(0, options_.max_dead_letter_bytes))};
}

tl::expected<bool, Error> SlackSource::OpenNextDayFile(SourceItem& item, bool& yielded) {
  yielded = false;
  for (;;) {
    auto entry = reader_->Next();
    if (!entry) {
      if (reader_->done()) {
        return tl::unexpected(Error{path_, 0, entry.error().message});
      }
      day_file_.clear();
      item.is_post = false;
      item.dead_letter = DeadLetter{
          entry.error().path.empty() ? path_ : entry.error().path, 0, entry.error().message, {}};
      yielded = true;
      return true;
    }
    if (!*entry) {
      return false;
    }
    std::string_view folder;
    if (!SplitDayFile((*entry)->path, folder)) {
      continue;
    }
    day_file_ = (*entry)->path;
    auto bytes = reader_->ReadAll();
    if (!bytes) {
      DeadLetterItem(item, 0, bytes.error().message, {});
      yielded = true;
      return true;
    }
    auto known = folders_.find(std::string(folder));
    channel_ =
        known != folders_.end() ? known->second : Channel{std::string(folder), std::string(folder)};
    day_replaced_ = !simdjson::validate_utf8(*bytes);
    if (day_replaced_) {
      *bytes = rules::NormalizeNfc(*bytes).text;  // U+FFFD for each invalid sequence
    }
    day_bytes_ = simdjson::padded_string(*bytes);
    simdjson::dom::array array;
    if (auto error = parser_.parse(day_bytes_).get_array().get(array); error != simdjson::SUCCESS) {
      DeadLetterItem(item, 0,
                     std::string("day file is not a JSON array: ") + simdjson::error_message(error),
                     *bytes);
      yielded = true;
      return true;
    }
    next_ = array.begin();
    end_ = array.end();
    record_ = 0;
    in_file_ = true;
    return true;
  }
}

tl::expected<bool, Error> SlackSource::Next(SourceItem& item) {
  for (;;) {
    if (in_file_ && next_ != end_) {
      simdjson::dom::element element = *next_;
      ++next_;
      ++record_;
      item.post = Post{};
      if (std::string reason = ReadMessage(element, item.post); !reason.empty()) {
        DeadLetterItem(item, record_, std::move(reason), simdjson::minify(element));
        return true;
      }
      item.is_post = true;
      item.post.replaced_invalid_utf8 = day_replaced_;
      return true;
    }
    in_file_ = false;
    bool yielded = false;
    auto opened = OpenNextDayFile(item, yielded);
    if (!opened) {
      return tl::unexpected(opened.error());
    }
    if (!*opened || yielded) {
      return *opened;
    }
  }
}

std::string SlackSource::ReadMessage(simdjson::dom::element element, Post& post) const {
  simdjson::dom::object message;
  if (element.get_object().get(message) != simdjson::SUCCESS) {
    return "message is not a JSON object";
  }
  const std::string_view subtype = StringField(message, "subtype");
  if (subtype == "message_changed") {
    // An edit event: the message as it now reads is nested, with its own ts.
    simdjson::dom::object inner;
    if (message["message"].get_object().get(inner) != simdjson::SUCCESS ||
        StringField(inner, "subtype") == "message_changed") {
      return "message_changed without the changed 'message' object";
    }
    if (std::string reason = ReadPost(inner, post); !reason.empty()) {
      return "in the changed 'message': " + reason;
    }
    if (post.kind == PostKind::kMessage) {
      post.kind = PostKind::kEdit;
    }
    if (post.version.empty()) {
      post.version = StringField(message, "ts");
      post.edited_us = ParseEpochSeconds(post.version).value_or(0);
    }
  } else if (std::string reason = ReadPost(message, post); !reason.empty()) {
    return reason;
  }
  if (subtype == "message_deleted") {
    // A deletion event names the deleted message by deleted_ts; the event's own ts says when.
    const std::string_view deleted = StringField(message, "deleted_ts");
    if (auto created = ParseEpochSeconds(deleted); created) {
      post.native_id = deleted;
      post.created_us = *created;
    }
    post.version = "deleted:" + std::string(StringField(message, "ts"));
    post.edited_us = 0;
  }
  post.original = simdjson::minify(element);
  return {};
}

std::string SlackSource::ReadPost(simdjson::dom::object message, Post& post) const {
  std::string_view ts;
  simdjson::dom::element ts_field;
  if (message["ts"].get(ts_field) != simdjson::SUCCESS) {
    return "missing 'ts' (the message id, a string)";
  }
  if (ts_field.get_string().get(ts) != simdjson::SUCCESS) {
    return "'ts' is not a string (Slack writes the message id as \"1709280000.000100\")";
  }
  auto created = ParseEpochSeconds(ts);
  if (!created) {
    return "'ts' is not a Slack timestamp: \"" + std::string(ts) + "\"";
  }
  const std::string_view subtype = StringField(message, "subtype");
  post.source = "slack";
  post.community_id = channel_.id;
  post.community_name = channel_.name;
  post.native_id = ts;
  post.created_us = *created;
  post.thread_id = StringField(message, "thread_ts");
  if (!post.thread_id.empty() && post.thread_id != ts) {
    post.parent_id = post.thread_id;  // replies, thread broadcasts included
  }
  ReadAuthor(message, post);
  if (IsSystemSubtype(subtype)) {
    post.kind = PostKind::kSystem;
  } else if (subtype == "message_deleted" || subtype == "tombstone") {
    post.kind = PostKind::kDelete;
  }
  simdjson::dom::object edited;
  if (message["edited"].get_object().get(edited) == simdjson::SUCCESS) {
    post.version = StringField(edited, "ts");
    post.edited_us = ParseEpochSeconds(post.version).value_or(0);
    if (post.kind == PostKind::kMessage) {
      post.kind = PostKind::kEdit;
    }
  }
  if (subtype == "tombstone") {
    // A deleted thread root kept for its replies: it has the root's ts, so it needs a version
    // of its own to be a record apart from the post it replaces.
    post.version = "deleted";
    post.edited_us = 0;
  }
  ReadText(message, post);
  ReadFiles(message, post);
  return {};
}

void SlackSource::ReadAuthor(simdjson::dom::object message, Post& post) const {
  post.author_id = StringField(message, "user", StringField(message, "bot_id"));
  simdjson::dom::object comment;
  if (post.author_id.empty() && message["comment"].get_object().get(comment) == simdjson::SUCCESS) {
    post.author_id = StringField(comment, "user");  // file_comment (2016 exports)
  }
  simdjson::dom::object profile;
  simdjson::dom::object bot;
  const bool has_profile = message["user_profile"].get_object().get(profile) == simdjson::SUCCESS;
  const bool has_bot = message["bot_profile"].get_object().get(bot) == simdjson::SUCCESS;
  // A bot post's username is the name the integration chose for that post.
  const bool bot_post = StringField(message, "subtype") == "bot_message";
  auto known = names_.users.find(post.author_id);
  const std::array<std::string_view, 6> candidates = {
      bot_post ? StringField(message, "username") : std::string_view(),
      known != names_.users.end() ? std::string_view(known->second) : std::string_view(),
      has_profile ? StringField(profile, "real_name") : std::string_view(),
      has_profile ? StringField(profile, "display_name") : std::string_view(),
      StringField(message, "username"),
      has_bot ? StringField(bot, "name") : std::string_view()};
  for (std::string_view candidate : candidates) {
    if (!candidate.empty()) {
      post.author_name = candidate;
      return;
    }
  }
  post.author_name = post.author_id;
}

void SlackSource::ReadText(simdjson::dom::object message, Post& post) const {
  post.text = RenderSlackText(StringField(message, "text"), names_);
  simdjson::dom::array blocks;
  if (post.text.empty() && message["blocks"].get_array().get(blocks) == simdjson::SUCCESS) {
    post.text = RenderSlackBlocks(blocks, names_);
  }
  // Integration posts (GitHub, Jira) carry their content in legacy attachments only.
  simdjson::dom::array legacy;
  if (message["attachments"].get_array().get(legacy) == simdjson::SUCCESS) {
    const std::string attached = RenderSlackAttachments(legacy, names_);
    post.text += !post.text.empty() && !attached.empty() ? "\n" : "";
    post.text += attached;
  }
}

void SlackSource::ReadFiles(simdjson::dom::object message, Post& post) {
  auto add_file = [&](simdjson::dom::object file) {
    // A deleted file stays as {"id": ..., "mode": "tombstone"}: its id is all there is.
    std::string_view name = StringField(file, "name");
    name = name.empty() ? StringField(file, "title", StringField(file, "id")) : name;
    post.attachments.push_back(
        {std::string(name), std::string(StringField(file, "mimetype")), UintField(file, "size")});
  };
  simdjson::dom::array files;
  if (message["files"].get_array().get(files) == simdjson::SUCCESS) {
    for (simdjson::dom::element file : files) {
      simdjson::dom::object fields;
      if (file.get_object().get(fields) == simdjson::SUCCESS) {
        add_file(fields);
      }
    }
  }
  simdjson::dom::object file;
  if (message["file"].get_object().get(file) == simdjson::SUCCESS) {
    add_file(file);  // 2016 exports: one file per file_share or file_comment
  }
}

}  // namespace holdfast::engine
