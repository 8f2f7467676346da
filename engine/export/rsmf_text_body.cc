#include "engine/export/rsmf_text_body.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/export/rsmf_events.h"
#include "engine/export/rsmf_mime.h"
#include "engine/time_format.h"

namespace holdfast::engine::rsmf {
namespace {

std::string AuthorLabel(const ExportPost& item) {
  const Post& post = item.post;
  if (!post.author_name.empty() && !post.author_id.empty() && post.author_name != post.author_id) {
    return post.author_name + " <" + post.author_id + ">";
  }
  if (!post.author_name.empty()) {
    return post.author_name;
  }
  if (!post.author_id.empty()) {
    return post.author_id;
  }
  return item.content_erased ? "(content erased)" : "(unknown)";
}

// The conversation, its day, who exported it from which archive, and how many events follow.
void AppendHeading(std::string& out, const ConversationSlice& slice, const ExportContext& context) {
  out += "Holdfast export: " + (slice.title.empty() ? slice.conversation_id : slice.title);
  out += " (" + ApplicationName(slice.source);
  if (!slice.workspace.empty()) {
    out += ", " + slice.workspace;
  }
  out += "), " + Day(slice.day_start_us) + " UTC\n";
  out += "Conversation: " + slice.conversation_id + "\n";
  out += "Slice: " + slice.slug + "\n";
  if (!context.case_name.empty()) {
    out += "Case: " + context.case_name + "\n";
  }
  if (!context.selection.empty()) {
    out += "Selection: " + context.selection + "\n";
  }
  if (!context.exported_by.empty()) {
    out += "Exported by: " + context.exported_by + "\n";
  }
  if (!context.origin.empty()) {
    out += "Archive: " + context.origin + ", head size " + std::to_string(context.head_size);
    if (context.head_time_us != 0) {
      out += ", head time " + FormatRfc3339(context.head_time_us);
    }
    out += "\n";
  }
  out += "Events: " + std::to_string(slice.posts.size()) + "\n\n";
}

// The event id, then what the manifest marks of the post.
std::vector<std::string> Marks(const ConversationSlice& slice, const EventLinks& links, size_t i) {
  const ExportPost& item = slice.posts[i];
  const Post& post = item.post;
  std::vector<std::string> marks;
  marks.push_back(links.ids[i]);
  if (post.kind == PostKind::kSystem) {
    marks.emplace_back("system");
  }
  if (!links.parent[i].empty()) {
    marks.push_back("reply to " + links.parent[i]);
  } else if (!links.parent_named[i].empty()) {
    marks.push_back("reply to " + links.parent_named[i] + ", not in this file");
  }
  if (post.kind == PostKind::kEdit) {
    marks.push_back(links.previous[i] >= 0
                        ? "edit of " + links.ids[static_cast<size_t>(links.previous[i])]
                        : std::string("edited"));
    if (post.edited_us != 0) {
      marks.back() += " at " + FormatRfc3339(post.edited_us);
    }
  }
  if (post.kind == PostKind::kDelete) {
    marks.push_back(links.previous[i] >= 0
                        ? "deleted " + links.ids[static_cast<size_t>(links.previous[i])]
                        : std::string("deleted"));
  }
  if (item.content_erased) {
    marks.emplace_back("content erased");
  }
  for (const ExportFlag& flag : item.flags) {
    marks.push_back("flag: " + FlagSummary(flag));
  }
  return marks;
}

// The text: its first line on the event's line, the others indented under it.
void AppendText(std::string& out, std::string_view text) {
  bool first = true;
  while (!text.empty() || first) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (!line.empty()) {
      out += first ? " " : "    ";
      out += line;
    }
    out += "\n";
    first = false;
    if (end == std::string_view::npos) {
      break;
    }
    text.remove_prefix(end + 1);
  }
}

}  // namespace

std::string TextBody(const ConversationSlice& slice, const ExportContext& context) {
  const EventLinks links = Links(slice);
  std::string out;
  AppendHeading(out, slice, context);
  for (size_t i = 0; i < slice.posts.size(); ++i) {
    const ExportPost& item = slice.posts[i];
    const std::vector<std::string> marks = Marks(slice, links, i);
    out += '[';
    out += FormatRfc3339(item.post.created_us);
    out += "] ";
    out += AuthorLabel(item);
    out += " (";
    for (size_t m = 0; m < marks.size(); ++m) {
      out += m == 0 ? "" : "; ";
      out += marks[m];
    }
    out += "):";
    AppendText(out, item.content_erased ? std::string_view() : item.post.text);
  }
  return out;
}

}  // namespace holdfast::engine::rsmf
