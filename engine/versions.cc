#include "engine/versions.h"

namespace holdfast::engine {

namespace {
constexpr uint32_t kMaxVersions = 1000;  // versions of one post looked at; edits are few
}

tl::expected<std::optional<std::string>, Error> LatestOtherVersion(const archive::Archive& archive,
                                                                   const Post& post) {
  auto found = archive.index().Search("post:" + post.PostId(), 0, kMaxVersions, true);
  if (!found)
    return tl::unexpected(FromArchive(found.error()));
  const std::string key = post.Key();
  std::optional<std::string> latest;
  uint64_t latest_sequence = 0;
  for (const archive::SearchHit& hit : found->hits) {
    if (hit.key != key && (!latest || hit.sequence > latest_sequence)) {
      latest = hit.key;
      latest_sequence = hit.sequence;
    }
  }
  return latest;
}

tl::expected<void, Error> MarkSuperseded(archive::Archive& archive, const std::string& key) {
  auto set = archive.index().SetFilter(key, "version", {"superseded"});
  if (!set)
    return tl::unexpected(FromArchive(set.error()));
  return {};
}

}  // namespace holdfast::engine
