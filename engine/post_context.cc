#include "engine/post_context.h"

#include "engine/review_queue.h"

namespace holdfast::engine {

namespace {

tl::expected<std::vector<ContextPost>, Error> ReadAll(const archive::Archive& archive,
                                                      std::vector<archive::SearchHit> hits) {
  std::vector<ContextPost> out;
  for (archive::SearchHit& hit : hits) {
    auto post = ReadPost(archive, hit.sequence);
    if (!post)
      return tl::unexpected(post.error());
    out.push_back({std::move(hit), std::move(*post)});
  }
  return out;
}

}  // namespace

tl::expected<PostContext, Error> ReadPostContext(const archive::Archive& archive,
                                                 const std::string& key, uint32_t count) {
  // Thread first: a reply's neighbours are its thread's, not the whole channel's.
  auto found = archive.index().Context(key, {"thread", "chat"}, count, count);
  if (!found)
    return tl::unexpected(FromArchive(found.error()));
  PostContext context;
  context.scope = found->field;
  auto before = ReadAll(archive, std::move(found->before));
  if (!before)
    return tl::unexpected(before.error());
  context.before = std::move(*before);
  auto post = ReadAll(archive, {std::move(found->hit)});
  if (!post)
    return tl::unexpected(post.error());
  context.post = std::move(post->front());
  auto after = ReadAll(archive, std::move(found->after));
  if (!after)
    return tl::unexpected(after.error());
  context.after = std::move(*after);
  return context;
}

}  // namespace holdfast::engine
