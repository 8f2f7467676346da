#include "engine/sources/mattermost_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string_view>
#include <system_error>
#include <vector>

#include "engine/sources/export_entries.h"
#include "engine/sources/json_fields.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {

namespace {

// Times are milliseconds since 1970 and become microseconds: anything larger overflows.
constexpr int64_t kMaxMilliseconds = std::numeric_limits<int64_t>::max() / 1000;

constexpr size_t kIdWindow = size_t{1} << 16;
// A version line is short; this bounds what detection reads of a file that is not JSONL.
constexpr uint64_t kDetectLineBytes = uint64_t{64} << 10;

bool IsJsonlEntry(std::string_view path) { return path.ends_with(".jsonl"); }

// A plain JSONL file opens with '{' (after white space or a BOM); anything else is handed to
// libarchive as a container.
bool LooksLikeContainer(const std::string& path) {
  std::error_code ec;
  if (path == "-" || std::filesystem::is_directory(path, ec)) {
    return path != "-";
  }
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c)) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\xEF' && c != '\xBB' &&
        c != '\xBF') {
      return c != '{';
    }
  }
  return false;
}

bool IsVersionLine(const std::string& line) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(line).get_object().get(object) != simdjson::SUCCESS) {
    return false;
  }
  return StringField(object, "type") == "version";
}

int64_t IntField(simdjson::dom::object object, std::string_view key) {
  int64_t value = 0;
  if (object[key].get_int64().get(value) == simdjson::SUCCESS) {
    return value;
  }
  return 0;
}

}  // namespace

MattermostSource::MattermostSource(std::string path, SourceOptions options)
    : path_(std::move(path)),
      name_(path_ == "-" ? "<stdin>" : path_),
      options_(std::move(options)),
      file_(name_) {}

bool MattermostSource::Detect(const std::string& path) {
  if (path == "-") {
    return false;  // stdin cannot be read twice
  }
  if (!LooksLikeContainer(path)) {
    auto reader = LineReader::Open(path, kDetectLineBytes);
    std::string line;
    bool too_long = false;
    if (!reader) {
      return false;
    }
    auto more = (*reader)->Next(line, too_long);
    return more && *more && !too_long && IsVersionLine(line);
  }
  return DetectByEntries(path, [](std::string_view entry_path, archive::ExportReader&) {
    return IsJsonlEntry(FileName(entry_path)) ? Verdict::kYes : Verdict::kNext;
  });
}

tl::expected<std::unique_ptr<Source>, Error> MattermostSource::Open(const std::string& path,
                                                                    const SourceOptions& options) {
  std::unique_ptr<MattermostSource> source(new MattermostSource(path, options));
  if (!LooksLikeContainer(path)) {
    auto reader = LineReader::Open(path, options.max_line_bytes);
    if (!reader) {
      return tl::unexpected(reader.error());
    }
    source->reader_ = std::move(*reader);
    return std::unique_ptr<Source>(std::move(source));
  }
  auto reader = archive::ExportReader::Open(path);
  if (!reader) {
    return tl::unexpected(FromArchive(reader.error()));
  }
  source->archive_ = std::move(*reader);
  auto opened = source->OpenNextEntry();
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  if (!*opened) {
    return tl::unexpected(Error{path, 0, "not a Mattermost bulk export: no .jsonl file in it"});
  }
  return std::unique_ptr<Source>(std::move(source));
}

tl::expected<bool, Error> MattermostSource::OpenNextEntry() {
  reader_.reset();
  for (;;) {
    auto entry = archive_->Next();
    if (!entry) {
      if (archive_->done()) {
        return tl::unexpected(FromArchive(entry.error()));
      }
      continue;  // a refused entry (".." or absolute): not ours to read
    }
    if (!*entry) {
      return false;
    }
    if (!IsJsonlEntry((*entry)->path)) {
      continue;  // attachments under data/ and anything else
    }
    file_ = archive_->is_folder() ? (archive_->path() / (*entry)->path).string()
                                  : path_ + "!" + (*entry)->path;
    archive::ExportReader* archive = archive_.get();
    reader_ = LineReader::FromChunks(
        [archive](char* data, size_t size) -> tl::expected<size_t, Error> {
          auto got = archive->Read(data, size);
          if (!got) {
            return tl::unexpected(FromArchive(got.error()));
          }
          return *got;
        },
        file_, options_.max_line_bytes, 0);
    line_number_ = 0;
    return true;
  }
}

SourceProgress MattermostSource::progress() const {
  if (archive_) {
    return {archive_->bytes_done(), archive_->bytes_total()};
  }
  return {reader_->bytes_done(), reader_->bytes_total()};
}

void MattermostSource::DeadLetterItem(SourceItem& item, std::string reason,
                                      std::string_view raw) const {
  item.is_post = false;
  item.dead_letter = DeadLetter{file_, line_number_, std::move(reason),
                                std::string(raw.substr(0, options_.max_dead_letter_bytes))};
}

tl::expected<bool, Error> MattermostSource::Next(SourceItem& item) {
  for (;;) {
    if (in_replies_ && next_reply_ != end_reply_) {
      simdjson::dom::element element = *next_reply_;
      ++next_reply_;
      ++reply_number_;
      simdjson::dom::object reply;
      item.post = Post{};
      std::string reason = element.get_object().get(reply) == simdjson::SUCCESS
                               ? ReadMessage(reply, item.post)
                               : "not a JSON object";
      if (!reason.empty()) {
        DeadLetterItem(item, "reply " + std::to_string(reply_number_) + ": " + reason,
                       simdjson::minify(element));
        return true;
      }
      item.is_post = true;
      item.post.parent_id = thread_.root_id;
      item.post.thread_id = thread_.root_id;
      item.post.original = simdjson::minify(element);
      return true;
    }
    in_replies_ = false;
    if (reader_ == nullptr) {
      return false;
    }
    bool too_long = false;
    auto more = reader_->Next(line_, too_long);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more) {
      if (!archive_) {
        return false;
      }
      if (auto opened = OpenNextEntry(); !opened) {
        return tl::unexpected(opened.error());
      }
      continue;
    }
    ++line_number_;
    if (too_long) {
      DeadLetterItem(item, "line longer than " + std::to_string(options_.max_line_bytes) + " bytes",
                     line_);
      return true;
    }
    if (line_.find_first_not_of(" \t") == std::string::npos) {
      continue;  // blank lines are not records
    }
    line_replaced_ = !simdjson::validate_utf8(line_);
    if (line_replaced_) {
      line_ = rules::NormalizeNfc(line_).text;  // U+FFFD for each invalid sequence
    }
    simdjson::dom::element element;
    if (auto error = parser_.parse(line_).get(element); error != simdjson::SUCCESS) {
      DeadLetterItem(item, std::string("not valid JSON: ") + simdjson::error_message(error), line_);
      return true;
    }
    if (ReadLine(element, item)) {
      return true;
    }
  }
}

bool MattermostSource::ReadLine(simdjson::dom::element element, SourceItem& item) {
  simdjson::dom::object line;
  std::string_view type;
  if (element.get_object().get(line) != simdjson::SUCCESS ||
      line["type"].get_string().get(type) != simdjson::SUCCESS) {
    DeadLetterItem(item, "not a bulk export line: no \"type\" (a string)", line_);
    return true;
  }
  const bool direct = type == "direct_post";
  if (type != "post" && !direct && type != "team" && type != "channel" && type != "user") {
    return false;  // not a post and no name a post needs
  }
  simdjson::dom::object object;
  if (line[type].get_object().get(object) != simdjson::SUCCESS) {
    DeadLetterItem(
        item, "a \"" + std::string(type) + "\" line without a \"" + std::string(type) + "\" object",
        line_);
    return true;
  }
  if (type == "team" || type == "channel" || type == "user") {
    ReadNames(type, object);
    return false;
  }
  Thread thread;
  if (std::string reason = ReadCommunity(object, direct, thread); !reason.empty()) {
    DeadLetterItem(item, std::move(reason), line_);  // the replies are in it too
    return true;
  }
  thread_ = std::move(thread);
  simdjson::dom::array replies;
  in_replies_ = object["replies"].get_array().get(replies) == simdjson::SUCCESS;
  if (in_replies_) {
    next_reply_ = replies.begin();
    end_reply_ = replies.end();
    reply_number_ = 0;
  }
  item.post = Post{};
  if (std::string reason = ReadMessage(object, item.post); !reason.empty()) {
    // The replies still go on, outside any thread: nothing that parsed is lost.
    DeadLetterItem(item, std::move(reason), line_);
    return true;
  }
  thread_.root_id = item.post.native_id;
  if (in_replies_ && next_reply_ != end_reply_) {
    item.post.thread_id = thread_.root_id;
  }
  item.is_post = true;
  item.post.original = line_;
  return true;
}

void MattermostSource::ReadNames(std::string_view type, simdjson::dom::object object) {
  const std::string name(StringField(object, type == "user" ? "username" : "name"));
  if (type == "team") {
    teams_[name] = StringField(object, "display_name", name);
  } else if (type == "channel") {
    channels_[std::string(StringField(object, "team")) + "/" + name] =
        StringField(object, "display_name", name);
  } else {
    std::string full(StringField(object, "first_name"));
    const std::string_view last = StringField(object, "last_name");
    if (!full.empty() && !last.empty()) {
      full += ' ';
    }
    full += last;
    if (full.empty()) {
      full = StringField(object, "nickname");  // written as "" when unset
    }
    users_[name] = full.empty() ? name : full;
  }
}

std::string MattermostSource::ReadCommunity(simdjson::dom::object post, bool direct,
                                            Thread& thread) const {
  if (!direct) {
    const std::string_view team = StringField(post, "team");
    const std::string_view channel = StringField(post, "channel");
    if (team.empty() || channel.empty()) {
      return "post without \"team\" and \"channel\" (strings)";
    }
    thread.workspace = team;
    thread.community_id = std::string(team) + "/" + std::string(channel);
    auto known = channels_.find(thread.community_id);
    thread.community_name = known != channels_.end() ? known->second : std::string(channel);
    return {};
  }
  // Mattermost 11 writes "participants": [{"username": ...}]; earlier versions and the import
  // documentation "channel_members": ["username", ...].
  std::vector<std::string> members;
  simdjson::dom::array list;
  if (post["channel_members"].get_array().get(list) == simdjson::SUCCESS ||
      post["participants"].get_array().get(list) == simdjson::SUCCESS) {
    for (simdjson::dom::element member : list) {
      std::string_view username;
      simdjson::dom::object participant;
      if (member.get_string().get(username) != simdjson::SUCCESS &&
          member.get_object().get(participant) == simdjson::SUCCESS) {
        username = StringField(participant, "username");
      }
      if (!username.empty()) {
        members.emplace_back(username);
      }
    }
  }
  if (members.empty()) {
    return "direct_post without \"channel_members\" (usernames)";
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  thread.community_id = "dm:";
  for (size_t i = 0; i < members.size(); ++i) {
    thread.community_id += (i > 0 ? "," : "") + members[i];
    thread.community_name += (i > 0 ? ", " : "") + members[i];
  }
  return {};
}

std::string MattermostSource::ReadMessage(simdjson::dom::object object, Post& post) {
  std::string_view message;
  if (object["message"].get_string().get(message) != simdjson::SUCCESS) {
    return "missing \"message\" (a string)";
  }
  int64_t create_at = 0;
  if (object["create_at"].get_int64().get(create_at) != simdjson::SUCCESS || create_at <= 0 ||
      create_at > kMaxMilliseconds) {
    return "missing \"create_at\" (milliseconds since 1970, above 0 and in range)";
  }
  const int64_t edit_at = IntField(object, "edit_at");
  const int64_t delete_at = IntField(object, "delete_at");
  if (edit_at > kMaxMilliseconds || delete_at > kMaxMilliseconds) {
    return "\"edit_at\" or \"delete_at\" is beyond any time microseconds can hold";
  }
  const std::string_view user = StringField(object, "user");
  post.source = "mattermost";
  post.workspace = thread_.workspace;
  post.community_id = thread_.community_id;
  post.community_name = thread_.community_name;
  post.native_id = NextId(thread_.community_id, create_at, user);
  post.author_id = user;
  auto known = users_.find(post.author_id);
  post.author_name = known != users_.end() ? known->second : post.author_id;
  post.created_us = create_at * 1000;
  post.text = message;
  post.replaced_invalid_utf8 = line_replaced_;
  if (StringField(object, "type").starts_with("system_")) {
    post.kind = PostKind::kSystem;
  }
  if (edit_at > 0) {
    post.version = std::to_string(edit_at);
    post.edited_us = edit_at * 1000;
    if (post.kind == PostKind::kMessage) {
      post.kind = PostKind::kEdit;
    }
  }
  if (delete_at > 0) {
    // A deletion is a record of its own, never the same key as the post it removes.
    post.version = "deleted:" + std::to_string(delete_at);
    post.kind = PostKind::kDelete;
  }
  simdjson::dom::array attachments;
  if (object["attachments"].get_array().get(attachments) == simdjson::SUCCESS) {
    for (simdjson::dom::element attachment : attachments) {
      simdjson::dom::object fields;
      if (attachment.get_object().get(fields) == simdjson::SUCCESS) {
        post.attachments.push_back({std::string(FileName(StringField(fields, "path"))), "", 0});
      }
    }
  }
  return {};
}

std::string MattermostSource::NextId(const std::string& community_id, int64_t create_at,
                                     std::string_view user) {
  std::string id = std::to_string(create_at) + "/" + std::string(user);
  std::string seen = community_id + "\n" + id;
  RecentId& recent = recent_ids_[seen];
  ++recent.live;
  const uint32_t ordinal = ++recent.ordinal;
  recent_order_.push_back(std::move(seen));
  if (recent_order_.size() > kIdWindow) {
    auto oldest = recent_ids_.find(recent_order_.front());
    if (--oldest->second.live == 0) {
      recent_ids_.erase(oldest);
    }
    recent_order_.pop_front();
  }
  if (ordinal > 1) {
    id += "#" + std::to_string(ordinal);
  }
  return id;
}

}  // namespace holdfast::engine
