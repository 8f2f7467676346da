#include "engine/records.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "archive/merkle.h"
#include "engine/language.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kActionNames = {"dismiss", "escalate", "resolve",
                                                          "assign",  "tag",      "notify"};
constexpr std::array<std::string_view, 3> kStateNames = {"dismissed", "escalated", "resolved"};

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// Bytes as a JSON string when they are UTF-8, else as hex under `<field>_hex`.
void PutBytes(json& object, const std::string& field, std::string_view bytes) {
  if (simdjson::validate_utf8(bytes.data(), bytes.size())) {
    object[field] = bytes;
  } else {
    object[field + "_hex"] = Hex(bytes);
  }
}

tl::expected<json, Error> Parse(const archive::StoredRecord& record, const std::string& bytes,
                                std::string_view what) {
  json value = json::parse(bytes, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    return tl::unexpected(
        Error{"log", record.sequence + 1, std::string(what) + " of record is not a JSON object"});
  }
  return value;
}

std::string Field(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t TimeField(const json& object, const char* name) {
  return ParseRfc3339(Field(object, name)).value_or(0);
}

}  // namespace

std::string_view ReviewActionName(ReviewAction action) {
  return kActionNames[static_cast<size_t>(action)];
}

std::optional<ReviewAction> ParseReviewAction(std::string_view name) {
  for (size_t i = 0; i < kActionNames.size(); ++i) {
    if (kActionNames[i] == name) {
      return static_cast<ReviewAction>(i);
    }
  }
  return std::nullopt;
}

std::string_view StateAfter(ReviewAction action, std::string_view state) {
  const auto index = static_cast<size_t>(action);
  return index < kStateNames.size() ? kStateNames[index] : state;
}

std::string FlagId(const std::string& post_key, const std::string& rule, uint32_t begin,
                   uint32_t end) {
  const std::string input =
      post_key + '\n' + rule + '\n' + std::to_string(begin) + '\n' + std::to_string(end);
  return archive::ToHex(archive::Sha256(input)).substr(0, 16);
}

bool SampledForReview(std::string_view flag_id, double percent) {
  if (percent >= 100) {
    return true;
  }
  uint32_t draw = 0;
  if (flag_id.size() < 8 ||
      std::from_chars(flag_id.data(), flag_id.data() + 8, draw, 16).ptr != flag_id.data() + 8) {
    return true;  // not an id of ours: never hide a flag from review
  }
  return static_cast<double>(draw) < percent / 100.0 * 4294967296.0;
}

archive::Record PostRecord(const Post& post) {
  json meta = {{"source", post.source},
               {"workspace", post.workspace},
               {"community_id", post.community_id},
               {"native_id", post.native_id},
               {"version", post.version},
               {"kind", PostKindName(post.kind)},
               {"created", FormatRfc3339(post.created_us)}};
  if (!post.thread_id.empty())
    meta["thread"] = post.thread_id;
  if (!post.parent_id.empty())
    meta["parent"] = post.parent_id;
  if (post.edited_us != 0)
    meta["edited"] = FormatRfc3339(post.edited_us);
  if (!post.supersedes.empty())
    meta["supersedes"] = post.supersedes;
  json attachments = json::array();
  for (const Attachment& attachment : post.attachments) {
    attachments.push_back(
        {{"name", attachment.name}, {"type", attachment.type}, {"size", attachment.size}});
  }
  json content = {{"community", post.community_name},
                  {"author_id", post.author_id},
                  {"author_name", post.author_name},
                  {"text", post.text},
                  {"attachments", attachments}};
  if (post.replaced_invalid_utf8)
    content["replaced_invalid_utf8"] = true;
  PutBytes(content, "original", post.original);
  return {archive::RecordType::kPost, post.Key(), Dump(meta), Dump(content)};
}

archive::Record FlagRecord(const Flag& flag) {
  json meta = {{"flag_id", flag.flag_id},
               {"post_key", flag.post_key},
               {"post_seq", flag.post_sequence},
               {"policy", flag.policy},
               {"policy_name", flag.policy_name},
               {"rule", flag.rule},
               {"category", flag.category},
               {"severity", flag.severity},
               {"confidence", flag.confidence},
               {"action", flag.action},
               {"begin", flag.begin},
               {"end", flag.end}};
  if (!flag.queued) {
    meta["queued"] = false;
  }
  if (!flag.group.empty()) {
    meta["group"] = flag.group;
  }
  json content = {{"match", flag.match}};
  return {archive::RecordType::kFlag, "flag:" + flag.flag_id, Dump(meta), Dump(content)};
}

archive::Record ReviewRecord(const Review& review) {
  json meta = {{"flag_id", review.flag_id},
               {"action", ReviewActionName(review.action)},
               {"time", FormatRfc3339(review.time_us)}};
  json content = {{"by", review.by}, {"note", review.note}};
  if (!review.role.empty())
    meta["role"] = review.role;
  if (!review.tags.empty())
    meta["tags"] = review.tags;
  if (!review.assignee.empty())
    content["assignee"] = review.assignee;
  if (!review.message.empty())
    content["message"] = review.message;
  return {archive::RecordType::kReview, review.id.empty() ? "" : "review:" + review.id, Dump(meta),
          Dump(content)};
}

archive::Record DeadLetterRecord(const DeadLetter& dead_letter) {
  json meta = {{"source_file", dead_letter.source_file},
               {"record", dead_letter.record},
               {"reason", dead_letter.reason}};
  json content = json::object();
  PutBytes(content, "raw", dead_letter.raw);
  const std::string identity =
      dead_letter.source_file + '\n' + std::to_string(dead_letter.record) + '\n' + dead_letter.raw;
  return {archive::RecordType::kDeadLetter, "dead:" + archive::ToHex(archive::Sha256(identity)),
          Dump(meta), Dump(content)};
}

tl::expected<Post, Error> DecodePost(const archive::StoredRecord& record) {
  auto meta = Parse(record, record.record.meta, "meta");
  if (!meta)
    return tl::unexpected(meta.error());
  Post post;
  post.source = Field(*meta, "source");
  post.workspace = Field(*meta, "workspace");
  post.community_id = Field(*meta, "community_id");
  post.native_id = Field(*meta, "native_id");
  post.version = Field(*meta, "version");
  ParsePostKind(Field(*meta, "kind"), post.kind);
  post.created_us = TimeField(*meta, "created");
  post.edited_us = TimeField(*meta, "edited");
  post.supersedes = Field(*meta, "supersedes");
  post.thread_id = Field(*meta, "thread");
  post.parent_id = Field(*meta, "parent");
  if (record.content_erased) {
    return post;
  }
  auto content = Parse(record, record.record.content, "content");
  if (!content)
    return tl::unexpected(content.error());
  post.community_name = Field(*content, "community");
  post.author_id = Field(*content, "author_id");
  post.author_name = Field(*content, "author_name");
  post.text = Field(*content, "text");
  post.original = Field(*content, "original");
  post.replaced_invalid_utf8 = content->value("replaced_invalid_utf8", false);
  for (const json& attachment : content->value("attachments", json::array())) {
    post.attachments.push_back({attachment.value("name", ""), attachment.value("type", ""),
                                attachment.value("size", uint64_t{0})});
  }
  return post;
}

tl::expected<Flag, Error> DecodeFlag(const archive::StoredRecord& record) {
  auto meta = Parse(record, record.record.meta, "meta");
  if (!meta)
    return tl::unexpected(meta.error());
  Flag flag;
  flag.flag_id = Field(*meta, "flag_id");
  flag.post_key = Field(*meta, "post_key");
  flag.post_sequence = meta->value("post_seq", uint64_t{0});
  flag.policy = Field(*meta, "policy");
  flag.policy_name = Field(*meta, "policy_name");
  flag.rule = Field(*meta, "rule");
  flag.category = Field(*meta, "category");
  flag.severity = Field(*meta, "severity");
  flag.confidence = Field(*meta, "confidence");
  flag.action = Field(*meta, "action");
  flag.begin = meta->value("begin", uint32_t{0});
  flag.end = meta->value("end", uint32_t{0});
  flag.queued = meta->value("queued", true);
  flag.group = meta->value("group", flag.flag_id);
  if (!record.content_erased) {
    auto content = Parse(record, record.record.content, "content");
    if (content)
      flag.match = Field(*content, "match");
  }
  return flag;
}

tl::expected<Review, Error> DecodeReview(const archive::StoredRecord& record) {
  auto meta = Parse(record, record.record.meta, "meta");
  if (!meta)
    return tl::unexpected(meta.error());
  Review review;
  review.flag_id = Field(*meta, "flag_id");
  review.action = ParseReviewAction(Field(*meta, "action")).value_or(ReviewAction::kDismiss);
  review.time_us = TimeField(*meta, "time");
  review.role = Field(*meta, "role");
  if (record.record.key.starts_with("review:"))
    review.id = record.record.key.substr(7);
  for (const json& tag : meta->value("tags", json::array())) {
    if (tag.is_string())
      review.tags.push_back(tag.get<std::string>());
  }
  if (!record.content_erased) {
    auto content = Parse(record, record.record.content, "content");
    if (content) {
      review.by = Field(*content, "by");
      review.note = Field(*content, "note");
      review.assignee = Field(*content, "assignee");
      review.message = Field(*content, "message");
    }
  }
  return review;
}

namespace {

constexpr std::string_view kRedactedMark = "[redacted]";

// The post text with the spans of redact-in-index flags replaced, so a secret or a card
// number is kept in the signed log but cannot be found by searching for it.
std::string RedactedText(const std::string& text, const std::vector<Flag>& flags) {
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  for (const Flag& flag : flags) {
    if (flag.action == "redact-in-index" && flag.begin < flag.end && flag.end <= text.size()) {
      spans.emplace_back(flag.begin, flag.end);
    }
  }
  if (spans.empty()) {
    return text;
  }
  std::sort(spans.begin(), spans.end());
  std::string out;
  size_t pos = 0;
  for (const auto& [begin, end] : spans) {
    if (end <= pos) {
      continue;  // inside a span already redacted
    }
    if (begin >= pos) {
      out.append(text, pos, begin - pos);
      out += kRedactedMark;
    }
    pos = end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace

std::string ChatId(const Post& post) {
  std::string input;
  for (const std::string* part : {&post.source, &post.workspace, &post.community_id}) {
    input += std::to_string(part->size());
    input += ':';
    input += *part;
  }
  return archive::ToHex(archive::Sha256(input)).substr(0, 32);
}

std::string ThreadId(const Post& post) {
  const std::string& root = post.thread_id.empty() ? post.native_id : post.thread_id;
  std::string input = ChatId(post);
  input += ':';
  input += root;
  return archive::ToHex(archive::Sha256(input)).substr(0, 32);
}

archive::IndexEntry PostIndexEntry(const Post& post, uint64_t sequence,
                                   const std::vector<Flag>& flags) {
  archive::IndexEntry entry;
  entry.key = post.Key();
  entry.sequence = sequence;
  entry.text = RedactedText(post.text, flags);
  entry.language = GuessLanguage(post.text);
  entry.time_us = post.created_us;
  entry.filters = {{"source", post.source},        {"channel", post.community_name},
                   {"channel", post.community_id}, {"author", post.author_id},
                   {"author", post.author_name},   {"kind", std::string(PostKindName(post.kind))},
                   {"post", post.PostId()},        {"version", "latest"},
                   {"chat", ChatId(post)}};
  // Only a post in a thread gets a thread term: a post alone would get a term of its own, the
  // index's costliest kind. It keeps the id its replies would name as a value instead.
  if (!post.thread_id.empty()) {
    entry.filters.emplace_back("thread", ThreadId(post));
  } else {
    entry.thread_root = ThreadId(post);  // replies that name this post as their thread find it
  }
  if (!post.attachments.empty()) {
    entry.filters.emplace_back("has", "attachment");
  }
  entry.facets = {
      {"channel", post.community_name.empty() ? post.community_id : post.community_name},
      {"author", post.author_name.empty() ? post.author_id : post.author_name},
      {"source", post.source},
      {"kind", std::string(PostKindName(post.kind))}};
  for (const Flag& flag : flags) {
    entry.filters.emplace_back("policy", flag.policy);
    entry.filters.emplace_back("category", flag.category);
    entry.filters.emplace_back("rule", flag.rule);
    entry.filters.emplace_back("severity", flag.severity);
    entry.facets.emplace_back("policy", flag.policy);
  }
  const auto queued =
      std::count_if(flags.begin(), flags.end(), [](const Flag& flag) { return flag.queued; });
  if (queued > 0) {
    entry.filters.emplace_back("state", "open");
  }
  if (queued < static_cast<std::ptrdiff_t>(flags.size())) {
    entry.filters.emplace_back("state", "unsampled");
  }
  // A hit carries its key, post id and time: the data leaves them out (HitDataJson puts them
  // back).
  json data = {{"source", post.source},
               {"channel", post.community_name},
               {"author", post.author_name},
               {"author_id", post.author_id},
               {"kind", PostKindName(post.kind)}};
  entry.data = Dump(data);
  return entry;
}

}  // namespace holdfast::engine
