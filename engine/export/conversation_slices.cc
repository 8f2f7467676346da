#include "engine/export/conversation_slices.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

constexpr int64_t kDayUs = int64_t{86400} * 1000000;
constexpr size_t kMaxSlugTitle = 40;

// Lower-case ASCII letters and digits, anything else one '-'.
std::string SlugPart(std::string_view text) {
  std::string slug;
  for (unsigned char c : text) {
    if (slug.size() >= kMaxSlugTitle) {
      break;
    }
    if (std::isalnum(c) && c < 0x80) {
      slug.push_back(static_cast<char>(std::tolower(c)));
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  return slug.empty() ? "chat" : slug;
}

}  // namespace

int64_t DayStartUs(int64_t time_us) {
  int64_t day = time_us / kDayUs;
  if (time_us % kDayUs < 0) {
    --day;  // floor, for times before 1970
  }
  return day * kDayUs;
}

std::vector<SlicePlan> PlanSlices(std::vector<PostOutline> outlines, size_t max_events) {
  // Conversations in the order of their first post, so that the bundle reads in time order.
  std::map<std::string, std::pair<int64_t, uint64_t>> first;  // id -> (time, sequence)
  for (const PostOutline& post : outlines) {
    auto [it, added] = first.try_emplace(post.conversation_id, post.created_us, post.sequence);
    if (!added) {
      it->second = std::min(it->second, std::make_pair(post.created_us, post.sequence));
    }
  }
  std::sort(outlines.begin(), outlines.end(), [&first](const PostOutline& a, const PostOutline& b) {
    return std::tie(first.at(a.conversation_id), a.conversation_id, a.created_us, a.sequence) <
           std::tie(first.at(b.conversation_id), b.conversation_id, b.created_us, b.sequence);
  });
  std::vector<SlicePlan> slices;
  std::map<std::string, std::string> slug_owner;  // base slug -> the conversation that has it
  for (const PostOutline& post : outlines) {
    const int64_t day = DayStartUs(post.created_us);
    const bool same_day = !slices.empty() &&
                          slices.back().conversation_id == post.conversation_id &&
                          slices.back().day_start_us == day;
    if (same_day && slices.back().sequences.size() < max_events) {
      slices.back().sequences.push_back(post.sequence);
      continue;
    }
    SlicePlan slice{post.conversation_id, post.title, post.source, post.workspace, "", day, {}};
    std::string base = SlugPart(post.source) + "-" + SlugPart(post.title);
    // Two conversations with one name (a channel in two workspaces) get the id's start too.
    if (auto [owner, added] = slug_owner.try_emplace(base, post.conversation_id);
        !added && owner->second != post.conversation_id) {
      base += '-';
      base += post.conversation_id.substr(0, 8);
    }
    slice.slug = base + "-" + FormatRfc3339(day).substr(0, 10);
    if (same_day) {
      // A further part of a day past max_events: "-2", "-3", ...
      size_t parts = 0;
      for (auto it = slices.rbegin();
           it != slices.rend() && it->conversation_id == post.conversation_id &&
           it->day_start_us == day;
           ++it) {
        ++parts;
      }
      slice.slug += '-';
      slice.slug += std::to_string(parts + 1);
    }
    slice.sequences.push_back(post.sequence);
    slices.push_back(std::move(slice));
  }
  return slices;
}

}  // namespace holdfast::engine
