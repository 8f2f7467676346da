// Transcripts are what counsel prints and reads offline, so each page stands alone: inline CSS,
// no scripts, nothing fetched (html_page.cc), and the same slice gives the same bytes (no clock, no
// unordered iteration). Every string from the log goes through Escape (html_page.h), which also
// turns any byte that is not valid UTF-8 into U+FFFD, so a page is valid UTF-8 whatever the log
// held.
//
// Layout: the posts are <article class="post"> elements in one flat list, in thread order: each
// root (a post that answers nothing shown above it) in the slice's order, then the replies under
// it, depth first. A reply carries data-parent="<control number of the post it answers>" and
// class d1..d6 for its depth, which indents it; a flat list keeps the markup shallow however
// long a reply chain grows and prints without nested boxes. A reply names the post it answers by
// parent_id, else thread_id; when several versions of that post are in the slice, the first.
#include "engine/export/html_transcript.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "engine/export/html_page.h"
#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

using html::AppendFacts;
using html::AppendPageStart;
using html::AppendParts;
using html::Day;
using html::Escape;
using html::Escaped;
using html::UrlPath;

constexpr size_t kMaxIndent = 6;

// How a post relates to the one it answers.
enum class Reply { kNone, kAbove, kBelow, kOutside };

struct Threading {
  std::vector<Reply> reply;
  std::vector<size_t> parent;         // index of the post answered, for kAbove and kBelow
  std::vector<size_t> first_version;  // index of the slice's first post with the same id
  std::vector<size_t> depth;
  std::vector<size_t> order;  // thread order: roots in slice order, replies depth first
};

Threading Thread(const std::vector<ExportPost>& posts) {
  const size_t n = posts.size();
  Threading threading{std::vector<Reply>(n, Reply::kNone),
                      std::vector<size_t>(n, 0),
                      std::vector<size_t>(n, 0),
                      std::vector<size_t>(n, 0),
                      {}};
  std::unordered_map<std::string_view, size_t> first;
  for (size_t i = 0; i < n; ++i) {
    first.emplace(posts[i].post.native_id, i);
  }
  std::vector<std::vector<size_t>> children(n);
  for (size_t i = 0; i < n; ++i) {
    const Post& post = posts[i].post;
    threading.first_version[i] = post.native_id.empty() ? i : first[post.native_id];
    const std::string& target = post.parent_id.empty() ? post.thread_id : post.parent_id;
    if (target.empty() || target == post.native_id) {
      continue;
    }
    auto found = first.find(target);
    if (found == first.end()) {
      threading.reply[i] = Reply::kOutside;
      continue;
    }
    const size_t parent = found->second;
    threading.parent[i] = parent;
    if (parent < i) {
      // Indented under it: its depth is known, and no cycle can form.
      threading.reply[i] = Reply::kAbove;
      threading.depth[i] = threading.depth[parent] + 1;
      children[parent].push_back(i);
    } else {
      threading.reply[i] = Reply::kBelow;  // answers a later post: kept as a root, linked
    }
  }
  std::vector<size_t> stack;
  for (size_t root = 0; root < n; ++root) {
    if (threading.reply[root] == Reply::kAbove) {
      continue;
    }
    stack.push_back(root);
    while (!stack.empty()) {
      const size_t i = stack.back();
      stack.pop_back();
      threading.order.push_back(i);
      stack.insert(stack.end(), children[i].rbegin(), children[i].rend());
    }
  }
  return threading;
}

// The ends of a flag span, when it lies in `text` and on character boundaries.
bool ValidSpan(std::string_view text, uint32_t begin, uint32_t end) {
  auto boundary = [&](size_t at) {
    return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
  };
  return begin < end && end <= text.size() && boundary(begin) && boundary(end);
}

// The text with each flag's span in <mark>; overlapping spans are merged into one mark.
void AppendMarkedText(std::string& out, std::string_view text,
                      const std::vector<ExportFlag>& flags) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const ExportFlag& item : flags) {
    if (ValidSpan(text, item.flag.begin, item.flag.end)) {
      spans.emplace_back(item.flag.begin, item.flag.end);
    }
  }
  std::sort(spans.begin(), spans.end());
  size_t at = 0;
  for (size_t i = 0; i < spans.size();) {
    size_t begin = std::max(spans[i].first, at);
    size_t end = spans[i].second;
    for (++i; i < spans.size() && spans[i].first <= end; ++i) {
      end = std::max(end, spans[i].second);
    }
    if (end <= begin) {
      continue;
    }
    Escape(out, text.substr(at, begin - at));
    out += "<mark>";
    Escape(out, text.substr(begin, end - begin));
    out += "</mark>";
    at = end;
  }
  Escape(out, text.substr(at));
}

void AppendFlags(std::string& out, const ExportPost& item) {
  out += "<ul class=\"flags\">\n";
  for (const ExportFlag& flag : item.flags) {
    const Flag& f = flag.flag;
    out += "<li class=\"flag\">";
    AppendParts(out, {{"Policy", f.policy_name.empty() ? f.policy : f.policy_name},
                      {"rule", f.rule},
                      {"category", f.category},
                      {"severity", f.severity},
                      {"confidence", f.confidence}});
    out += " &middot; state <b>" + Escaped(flag.state.empty() ? "open" : flag.state) + "</b>";
    if (!item.content_erased && !ValidSpan(item.post.text, f.begin, f.end)) {
      out += " &middot; its span is not in this text";
    }
    for (const Review& review : flag.reviews) {
      out += "<br>\n" + FormatRfc3339(review.time_us) + " ";
      out += Escaped(ReviewActionName(review.action)) + " by " + Escaped(review.by);
      out += review.note.empty() ? "" : ": " + Escaped(review.note);
    }
    out += "</li>\n";
  }
  out += "</ul>\n";
}

std::string_view Badge(const Post& post) {
  switch (post.kind) {
    case PostKind::kEdit:
      return "edited";
    case PostKind::kDelete:
      return "deleted";
    case PostKind::kSystem:
      return "system";
    case PostKind::kMessage:
      break;
  }
  return post.edited_us != 0 ? "edited" : "";
}

void AppendLinkTo(std::string& out, const ExportPost& target) {
  out += "<a href=\"#" + Escaped(target.control_number) + "\">" + Escaped(target.control_number) +
         "</a>";
}

// Who answers what, and which post an edit or deletion is a later version of.
void AppendNotes(std::string& out, const std::vector<ExportPost>& posts, const Threading& threading,
                 size_t i) {
  if (threading.reply[i] == Reply::kOutside) {
    out += "<p class=\"note\">&#8627; reply to a message outside this transcript</p>\n";
  } else if (threading.reply[i] != Reply::kNone) {
    out += "<p class=\"note\">&#8627; reply to ";
    AppendLinkTo(out, posts[threading.parent[i]]);
    out += "</p>\n";
  }
  if (threading.first_version[i] != i) {
    out += "<p class=\"note\">later version of ";
    AppendLinkTo(out, posts[threading.first_version[i]]);
    out += "</p>\n";
  }
}

void AppendAttachments(std::string& out, const std::vector<Attachment>& attachments) {
  if (attachments.empty()) {
    return;
  }
  out += "<ul class=\"attachments\">\n";
  for (const Attachment& attachment : attachments) {
    out += "<li>Attachment: " + Escaped(attachment.name) + " (" +
           Escaped(attachment.type.empty() ? "unknown type" : attachment.type) + ", " +
           std::to_string(attachment.size) + " bytes)</li>\n";
  }
  out += "</ul>\n";
}

void AppendPost(std::string& out, const ConversationSlice& slice, const Threading& threading,
                size_t i) {
  const ExportPost& item = slice.posts[i];
  const Post& post = item.post;
  out += "<article class=\"post kind-" + std::string(PostKindName(post.kind));
  if (threading.reply[i] == Reply::kAbove) {
    out += " d" + std::to_string(std::min(threading.depth[i], kMaxIndent));
  }
  out += item.flags.empty() ? "" : " flagged";
  out += item.content_erased ? " erased" : "";
  out += "\" id=\"" + Escaped(item.control_number) + "\"";
  if (threading.reply[i] == Reply::kAbove) {
    out += " data-parent=\"" + Escaped(slice.posts[threading.parent[i]].control_number) + "\"";
  }
  const std::string sent = FormatRfc3339(post.created_us);
  const std::string native =
      item.original_file.empty() ? item.native_dir + "post.json" : item.original_file;
  out += ">\n<div class=\"meta\"><a class=\"ctl\" href=\"../" + Escaped(UrlPath(native)) + "\">";
  out += Escaped(item.control_number) + "</a> <time datetime=\"" + sent + "\">";
  out += sent.substr(0, 10) == Day(slice.day_start_us)
             ? sent.substr(11, 8)
             : sent.substr(0, 10) + " " + sent.substr(11, 8);
  const std::string& author = post.author_name.empty() ? post.author_id : post.author_name;
  out += "</time> <span class=\"author\">" + Escaped(author.empty() ? "unknown" : author);
  out += "</span>";
  if (const std::string_view badge = Badge(post); !badge.empty()) {
    out += " <span class=\"badge\">" + std::string(badge) + "</span>";
  }
  out += "</div>\n";
  AppendNotes(out, slice.posts, threading, i);
  out += "<div class=\"text\">";
  if (item.content_erased) {
    out += "[content erased]";
  } else if (post.text.empty() && post.kind == PostKind::kDelete) {
    out += "[message deleted]";
  } else {
    AppendMarkedText(out, post.text, item.flags);
  }
  out += "</div>\n";
  AppendAttachments(out, post.attachments);
  if (!item.flags.empty()) {
    AppendFlags(out, item);
  }
  out += "</article>\n";
}

}  // namespace

std::string HtmlTranscriptPath(const ConversationSlice& slice) {
  return "html/" + slice.slug + ".html";
}

std::string HtmlTranscript(const ConversationSlice& slice, const ExportContext& context) {
  const std::string day = Day(slice.day_start_us);
  std::string title = slice.title;
  for (const std::string* part : {&slice.source, &slice.workspace, &day}) {
    if (!part->empty()) {
      title += " \xE2\x80\x94 " + *part;  // em dash
    }
  }
  const size_t flagged =
      static_cast<size_t>(std::count_if(slice.posts.begin(), slice.posts.end(),
                                        [](const ExportPost& p) { return !p.flags.empty(); }));
  std::string out;
  AppendPageStart(out, title);
  out += "<header>\n<p class=\"nav\"><a href=\"index.html\">All transcripts</a></p>\n";
  out += "<h1>" + Escaped(slice.title) + "</h1>\n<p class=\"sub\">";
  AppendParts(out, {{"Platform", slice.source}, {"workspace", slice.workspace}});
  out += " &middot; " + day + " (UTC) &middot; " + std::to_string(slice.posts.size()) + " posts, " +
         std::to_string(flagged) + " flagged</p>\n";
  AppendFacts(out, context);
  out += "</header>\n<main>\n";
  if (slice.posts.empty()) {
    out += "<p>No posts.</p>\n";
  }
  const Threading threading = Thread(slice.posts);
  for (const size_t i : threading.order) {
    AppendPost(out, slice, threading, i);
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::string HtmlIndex(const std::vector<TranscriptEntry>& transcripts,
                      const ExportContext& context) {
  std::string out;
  AppendPageStart(out, "Transcripts \xE2\x80\x94 " + context.case_name);
  out += "<header>\n<h1>Transcripts</h1>\n";
  AppendFacts(out, context);
  out +=
      "</header>\n<main>\n<table>\n<thead><tr><th>Conversation</th><th>Platform</th>"
      "<th>Day (UTC)</th><th>Posts</th><th>Flagged posts</th></tr></thead>\n<tbody>\n";
  size_t posts = 0;
  size_t flagged = 0;
  for (const TranscriptEntry& entry : transcripts) {
    out += "<tr><td><a href=\"" + Escaped(UrlPath(entry.slug + ".html")) + "\">";
    out += Escaped(entry.title) + "</a></td><td>" + Escaped(entry.source) + "</td><td>";
    out += Day(entry.day_start_us) + "</td><td class=\"n\">" + std::to_string(entry.posts);
    out += "</td><td class=\"n\">" + std::to_string(entry.flagged_posts) + "</td></tr>\n";
    posts += entry.posts;
    flagged += entry.flagged_posts;
  }
  out += "</tbody>\n<tfoot><tr><th colspan=\"3\">" + std::to_string(transcripts.size()) +
         " transcripts</th><td class=\"n\">" + std::to_string(posts) + "</td><td class=\"n\">" +
         std::to_string(flagged) + "</td></tr></tfoot>\n</table>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace holdfast::engine
