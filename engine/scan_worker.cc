#include "engine/scan_worker.h"

#include <algorithm>
#include <span>
#include <string>

#include "engine/duplicate_group.h"
#include "rules/unicode_text.h"

namespace holdfast::engine {

namespace {

// Stage 2 and 3: normalize, scan and decide which hits become flags.
void Decide(const rules::RuleSet& rules, std::span<const rules::Hit> hits, Work& work) {
  const Post& post = work.item.post;
  const std::string key = post.Key();
  const std::string duplicate_text = hits.empty() ? std::string() : DuplicateText(post.text);
  for (const rules::Hit& hit : hits) {
    const rules::RuleInfo& info = rules.info(hit.rule);
    Flag flag;
    flag.flag_id = FlagId(key, info.rule_id, hit.begin, hit.end);
    flag.post_key = key;
    flag.policy = info.policy_id;
    flag.policy_name = info.policy_name;
    flag.rule = info.rule_id;
    flag.category = info.category;
    flag.severity = rules::SeverityName(info.severity);
    flag.confidence = rules::ConfidenceName(hit.confidence);
    flag.action = rules::ActionName(info.action);
    flag.begin = hit.begin;
    flag.end = hit.end;
    flag.match = post.text.substr(hit.begin, hit.end - hit.begin);
    flag.queued = SampledForReview(flag.flag_id, info.review_sample);
    flag.group = DuplicateGroup(info.rule_id, duplicate_text);
    work.flags.push_back(std::move(flag));
  }
}

void Finish(Work& work) {
  work.record = PostRecord(work.item.post);
  work.index_entry = PostIndexEntry(work.item.post, 0, work.flags);
}

void ScanFailed(Work& work, const rules::Error& error) {
  const Post& post = work.item.post;
  work.item.is_post = false;
  work.item.dead_letter = {post.source, 0, "could not scan: " + error.message, post.original};
}

rules::ScanContext ContextOf(const Post& post) {
  return rules::ScanContext{post.source, post.community_id, post.community_name, post.author_id,
                            post.author_name};
}

// Scans the posts of `works` in one scanner call; the scanner maps hits back to their posts.
// If the call fails (a post over the scanner's limits), each post is scanned alone so that
// only the bad one becomes a dead letter.
void ScanPosts(rules::Scanner& scanner, std::span<Work*> works) {
  std::vector<std::string_view> texts;
  std::vector<rules::ScanContext> contexts;
  for (Work* work : works) {
    texts.push_back(work->item.post.text);
    contexts.push_back(ContextOf(work->item.post));
  }
  auto hits = scanner.ScanBatch(texts, contexts);
  if (!hits) {
    for (Work* work : works) {
      auto alone = scanner.Scan(work->item.post.text, ContextOf(work->item.post));
      if (alone) {
        Decide(scanner.rules(), *alone, *work);
        Finish(*work);
      } else {
        ScanFailed(*work, alone.error());
      }
    }
    return;
  }
  size_t next = 0;
  for (uint32_t item = 0; item < works.size(); ++item) {
    const size_t first = next;
    while (next < hits->size() && (*hits)[next].item == item) {
      ++next;
    }
    Decide(scanner.rules(), hits->subspan(first, next - first), *works[item]);
    Finish(*works[item]);
  }
}

}  // namespace

void ScanWorker(rules::Scanner& scanner, size_t max_batch, Queue& in, Queue& out) {
  Batch batch;
  std::vector<Work*> posts;
  while (in.Pop(batch)) {
    posts.clear();
    for (Work& work : batch) {
      if (work.skipped > 0 || !work.item.is_post) {
        continue;
      }
      Post& post = work.item.post;
      rules::NormalizedText normalized = rules::NormalizeNfc(post.text);
      post.text = std::move(normalized.text);
      post.replaced_invalid_utf8 |= normalized.replaced_invalid;
      posts.push_back(&work);
    }
    for (size_t first = 0; first < posts.size(); first += max_batch) {
      const size_t count = std::min(max_batch, posts.size() - first);
      ScanPosts(scanner, std::span<Work*>(posts.data() + first, count));
    }
    if (!out.Push(std::move(batch))) {
      break;
    }
  }
  out.Close();
}

}  // namespace holdfast::engine
