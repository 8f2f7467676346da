#include "archive/internal/merkle_cache.h"

#include <algorithm>

namespace holdfast::archive {

std::shared_ptr<MerkleCache> NewMerkleCache() { return std::make_shared<MerkleCache>(); }

std::vector<Hash> MerkleCache::Take(const std::filesystem::path& dir, const Hash& first_leaf,
                                    uint64_t max_blocks) const {
  std::lock_guard lock(mu_);
  if (dir != dir_ || first_leaf != first_leaf_) {
    return {};
  }
  const size_t count = static_cast<size_t>(std::min<uint64_t>(blocks_.size(), max_blocks));
  return std::vector<Hash>(blocks_.begin(), blocks_.begin() + static_cast<ptrdiff_t>(count));
}

void MerkleCache::Keep(const std::filesystem::path& dir, const Hash& first_leaf,
                       std::span<const Hash> blocks) {
  std::lock_guard lock(mu_);
  if (dir == dir_ && first_leaf == first_leaf_ && blocks.size() <= blocks_.size()) {
    return;
  }
  dir_ = dir;
  first_leaf_ = first_leaf;
  blocks_.assign(blocks.begin(), blocks.end());
}

}  // namespace holdfast::archive
