#include "engine/export/native_post.h"

#include <nlohmann/json.hpp>

#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using nlohmann::ordered_json;

ordered_json ReviewJson(const Review& review, uint64_t sequence) {
  ordered_json doc = {
      {"sequence", sequence}, {"action", ReviewActionName(review.action)}, {"by", review.by},
      {"role", review.role},  {"time", FormatRfc3339(review.time_us)},     {"note", review.note}};
  if (!review.assignee.empty()) {
    doc["assignee"] = review.assignee;
  }
  if (!review.tags.empty()) {
    doc["tags"] = review.tags;
  }
  if (!review.message.empty()) {
    doc["message"] = review.message;
  }
  return doc;
}

ordered_json FlagJson(const ExportFlag& exported) {
  const std::vector<uint64_t>& review_sequences = exported.review_sequences;
  const Flag& flag = exported.flag;
  ordered_json reviews = ordered_json::array();
  for (size_t i = 0; i < exported.reviews.size(); ++i) {
    reviews.push_back(
        ReviewJson(exported.reviews[i], i < review_sequences.size() ? review_sequences[i] : 0));
  }
  return {{"sequence", exported.sequence},
          {"flag_id", flag.flag_id},
          {"policy", flag.policy},
          {"rule", flag.rule},
          {"category", flag.category},
          {"severity", flag.severity},
          {"confidence", flag.confidence},
          {"action", flag.action},
          {"span", {{"begin", flag.begin}, {"end", flag.end}}},
          {"match", flag.match},
          {"state", exported.state},
          {"reviews", std::move(reviews)}};
}

}  // namespace

std::string OriginalFileName(const ExportPost& post) {
  const std::string& original = post.post.original;
  const size_t first = original.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return "";
  }
  const bool json = original[first] == '{' || original[first] == '[';
  return post.native_dir + (json ? "original.json" : "original.txt");
}

std::string NativePostJson(const ExportPost& exported) {
  const Post& post = exported.post;
  ordered_json attachments = ordered_json::array();
  for (const Attachment& attachment : post.attachments) {
    attachments.push_back(
        {{"name", attachment.name}, {"type", attachment.type}, {"size", attachment.size}});
  }
  ordered_json flags = ordered_json::array();
  for (const ExportFlag& flag : exported.flags) {
    flags.push_back(FlagJson(flag));
  }
  const ordered_json doc = {
      {"control_number", exported.control_number},
      {"sequence", exported.sequence},
      {"key", post.Key()},
      {"captured_at", FormatRfc3339(exported.captured_us)},
      {"content_erased", exported.content_erased},
      {"source", post.source},
      {"workspace", post.workspace},
      {"community_id", post.community_id},
      {"community_name", post.community_name},
      {"thread_id", post.thread_id},
      {"parent_id", post.parent_id},
      {"native_id", post.native_id},
      {"version", post.version},
      {"kind", PostKindName(post.kind)},
      {"author_id", post.author_id},
      {"author_name", post.author_name},
      {"created", FormatRfc3339(post.created_us)},
      {"edited",
       post.edited_us == 0 ? ordered_json(nullptr) : ordered_json(FormatRfc3339(post.edited_us))},
      {"text", post.text},
      {"attachments", std::move(attachments)},
      {"attachment_files", ordered_json::array()},
      {"replaced_invalid_utf8", post.replaced_invalid_utf8},
      {"supersedes", post.supersedes},
      {"original_file", exported.original_file},
      {"content_sha256", exported.content_sha256},
      {"flags", std::move(flags)}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace holdfast::engine
