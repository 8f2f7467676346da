#include "archive/internal/leaf_tree.h"

#include <bit>
#include <cassert>
#include <span>

#include "archive/merkle.h"

namespace holdfast::archive::internal {

void LeafTree::Append(const Hash& leaf) {
  leaves_.push_back(leaf);
  const uint64_t first_size = uint64_t{1} << kFirstCachedHeight;
  if (leaves_.size() % first_size != 0) {
    return;
  }
  if (levels_.empty()) {
    levels_.emplace_back();
  }
  levels_[0].push_back(
      RootFromLeaves(std::span(leaves_).subspan(leaves_.size() - first_size, first_size)));
  // A completed subtree completes its parent whenever it is a right child.
  for (size_t i = 0; levels_[i].size() % 2 == 0; ++i) {
    if (levels_.size() == i + 1) {
      levels_.emplace_back();
    }
    const std::vector<Hash>& level = levels_[i];
    levels_[i + 1].push_back(NodeHash(level[level.size() - 2], level.back()));
  }
}

Hash LeafTree::PerfectRoot(uint64_t begin, unsigned height) const {
  if (height >= kFirstCachedHeight) {
    return levels_[height - kFirstCachedHeight][begin >> height];
  }
  return RootFromLeaves(std::span(leaves_).subspan(begin, uint64_t{1} << height));
}

Hash LeafTree::RangeRoot(uint64_t begin, uint64_t end) const {
  const uint64_t n = end - begin;
  if (n == 0) {
    return Sha256("");
  }
  if (std::has_single_bit(n)) {
    return PerfectRoot(begin, static_cast<unsigned>(std::countr_zero(n)));
  }
  const uint64_t k = std::bit_floor(n - 1);
  return NodeHash(PerfectRoot(begin, static_cast<unsigned>(std::countr_zero(k))),
                  RangeRoot(begin + k, end));
}

Hash LeafTree::Root(uint64_t tree_size) const {
  assert(tree_size <= size());
  return RangeRoot(0, tree_size);
}

std::vector<Hash> LeafTree::InclusionProof(uint64_t index, uint64_t tree_size) const {
  assert(index < tree_size && tree_size <= size());
  std::vector<Hash> path;  // root first; reversed below, as an audit path lists leaf first
  uint64_t begin = 0;
  uint64_t end = tree_size;
  while (end - begin > 1) {
    const uint64_t k = std::bit_floor(end - begin - 1);
    if (index < begin + k) {
      path.push_back(RangeRoot(begin + k, end));
      end = begin + k;
    } else {
      path.push_back(PerfectRoot(begin, static_cast<unsigned>(std::countr_zero(k))));
      begin += k;
    }
  }
  return {path.rbegin(), path.rend()};
}

}  // namespace holdfast::archive::internal
