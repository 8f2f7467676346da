#include "engine/sources/jsonl_source.h"

#include "engine/sources/json_fields.h"
#include "engine/time_format.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {

JsonlSource::JsonlSource(std::unique_ptr<LineReader> reader, std::string name,
                         SourceOptions options)
    : reader_(std::move(reader)), name_(std::move(name)), options_(std::move(options)) {}

tl::expected<std::unique_ptr<Source>, Error> JsonlSource::Open(const std::string& path,
                                                               const SourceOptions& options) {
  auto reader = LineReader::Open(path, options.max_line_bytes);
  if (!reader) {
    return tl::unexpected(reader.error());
  }
  const std::string name = path == "-" ? "<stdin>" : path;
  return std::unique_ptr<Source>(new JsonlSource(std::move(*reader), name, options));
}

SourceProgress JsonlSource::progress() const {
  return {reader_->bytes_done(), reader_->bytes_total()};
}

tl::expected<bool, Error> JsonlSource::Next(SourceItem& item) {
  for (;;) {
    bool too_long = false;
    auto more = reader_->Next(line_, too_long);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more) {
      return false;
    }
    ++line_number_;
    if (!too_long && line_.find_first_not_of(" \t") == std::string::npos) {
      continue;  // blank lines are not records
    }
    auto dead = [&](std::string reason) {
      item.is_post = false;
      item.dead_letter = DeadLetter{name_, line_number_, std::move(reason),
                                    line_.substr(0, options_.max_dead_letter_bytes)};
      return true;
    };
    if (too_long) {
      return dead("line longer than " + std::to_string(options_.max_line_bytes) + " bytes");
    }
    bool replaced = false;
    if (!simdjson::validate_utf8(line_)) {
      line_ = rules::NormalizeNfc(line_).text;
      replaced = true;
    }
    simdjson::dom::element element;
    if (auto error = parser_.parse(line_).get(element); error != simdjson::SUCCESS) {
      return dead(std::string("not valid JSON: ") + simdjson::error_message(error));
    }
    item.post = Post{};
    if (std::string reason = ReadPost(element, item.post); !reason.empty()) {
      return dead(std::move(reason));
    }
    item.is_post = true;
    item.post.original = line_;
    item.post.replaced_invalid_utf8 = replaced;
    return true;
  }
}

std::string JsonlSource::ReadPost(simdjson::dom::element element, Post& post) const {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) {
    return "not a JSON object";
  }
  post.native_id = IdField(object, "id");
  if (post.native_id.empty()) {
    return "missing 'id' (a string or a number)";
  }
  std::string_view text;
  if (object["text"].get_string().get(text) != simdjson::SUCCESS) {
    return "missing 'text' (a string)";
  }
  post.text = text;
  post.source = StringField(object, "source", "jsonl");
  post.workspace = StringField(object, "workspace");
  post.community_id = StringField(object, "channel");
  post.community_name = StringField(object, "channel_name", post.community_id);
  post.thread_id = IdField(object, "thread");
  post.parent_id = IdField(object, "parent");
  post.version = IdField(object, "version");
  post.author_id = IdField(object, "author");
  post.author_name = StringField(object, "author_name", post.author_id);
  if (std::string_view kind = StringField(object, "kind", "message");
      !ParsePostKind(kind, post.kind)) {
    return "unknown 'kind' \"" + std::string(kind) + "\" (message, edit, delete or system)";
  }
  if (std::string_view time = StringField(object, "time"); !time.empty()) {
    auto parsed = ParseRfc3339(time);
    if (!parsed) {
      return "'time' is not an RFC 3339 time: \"" + std::string(time) + "\"";
    }
    post.created_us = *parsed;
  }
  if (std::string_view edited = StringField(object, "edited"); !edited.empty()) {
    post.edited_us = ParseRfc3339(edited).value_or(0);
  }
  simdjson::dom::array attachments;
  if (object["attachments"].get_array().get(attachments) == simdjson::SUCCESS) {
    for (simdjson::dom::element attachment : attachments) {
      simdjson::dom::object fields;
      if (attachment.get_object().get(fields) != simdjson::SUCCESS) {
        return "'attachments' holds something other than objects";
      }
      post.attachments.push_back({std::string(StringField(fields, "name")),
                                  std::string(StringField(fields, "type")),
                                  UintField(fields, "size")});
    }
  }
  return {};
}

}  // namespace holdfast::engine
