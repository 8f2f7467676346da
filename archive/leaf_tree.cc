#include "archive/internal/leaf_tree.h"

#include <bit>
#include <cassert>
#include <span>

#include "archive/merkle.h"

namespace holdfast::archive::internal {

namespace {
constexpr uint64_t kBlocksPerRead = 64;  // leaves are read from the index 16,384 at a time
}

void LeafTree::AddBlock(const Hash& root) {
  if (levels_.empty()) {
    levels_.emplace_back();
  }
  levels_[0].push_back(root);
  // A completed subtree completes its parent whenever it is a right child.
  for (size_t i = 0; levels_[i].size() % 2 == 0; ++i) {
    if (levels_.size() == i + 1) {
      levels_.emplace_back();
    }
    const std::vector<Hash>& level = levels_[i];
    levels_[i + 1].push_back(NodeHash(level[level.size() - 2], level.back()));
  }
}

tl::expected<void, Error> LeafTree::CatchUp(const RecordIndex& records) {
  constexpr uint64_t kBlock = uint64_t{1} << kFirstCachedHeight;
  const uint64_t blocks = records.size() / kBlock;
  std::vector<Hash> leaves;
  for (uint64_t done = levels_.empty() ? 0 : levels_[0].size(); done < blocks;) {
    const uint64_t count = std::min(kBlocksPerRead, blocks - done);
    leaves.resize(count * kBlock);
    if (auto read = records.ReadLeaves(done * kBlock, leaves); !read) {
      return read;
    }
    for (uint64_t i = 0; i < count; ++i) {
      AddBlock(RootFromLeaves(std::span(leaves).subspan(i * kBlock, kBlock)));
    }
    done += count;
  }
  return {};
}

std::span<const Hash> LeafTree::blocks() const {
  return levels_.empty() ? std::span<const Hash>() : std::span<const Hash>(levels_[0]);
}

void LeafTree::Seed(std::span<const Hash> blocks) {
  assert(levels_.empty());
  for (const Hash& root : blocks) {
    AddBlock(root);
  }
}

void LeafTree::Truncate(uint64_t size) {
  for (size_t i = 0; i < levels_.size(); ++i) {
    const uint64_t keep = size >> (kFirstCachedHeight + i);
    if (levels_[i].size() > keep) {
      levels_[i].resize(keep);
    }
  }
}

tl::expected<Hash, Error> LeafTree::PerfectRoot(const RecordIndex& records, uint64_t begin,
                                                unsigned height) const {
  if (height >= kFirstCachedHeight) {
    const size_t level = height - kFirstCachedHeight;
    assert(level < levels_.size() && (begin >> height) < levels_[level].size());
    return levels_[level][begin >> height];
  }
  std::vector<Hash> leaves(uint64_t{1} << height);
  if (auto read = records.ReadLeaves(begin, leaves); !read) {
    return tl::unexpected(read.error());
  }
  return RootFromLeaves(leaves);
}

tl::expected<Hash, Error> LeafTree::RangeRoot(const RecordIndex& records, uint64_t begin,
                                              uint64_t end) const {
  const uint64_t n = end - begin;
  if (n == 0) {
    return Sha256("");
  }
  if (std::has_single_bit(n)) {
    return PerfectRoot(records, begin, static_cast<unsigned>(std::countr_zero(n)));
  }
  const uint64_t k = std::bit_floor(n - 1);
  auto left = PerfectRoot(records, begin, static_cast<unsigned>(std::countr_zero(k)));
  if (!left) {
    return left;
  }
  auto right = RangeRoot(records, begin + k, end);
  if (!right) {
    return right;
  }
  return NodeHash(*left, *right);
}

tl::expected<Hash, Error> LeafTree::Root(const RecordIndex& records, uint64_t tree_size) const {
  assert(tree_size <= records.size());
  return RangeRoot(records, 0, tree_size);
}

tl::expected<std::vector<Hash>, Error> LeafTree::InclusionProof(const RecordIndex& records,
                                                                uint64_t index,
                                                                uint64_t tree_size) const {
  assert(index < tree_size && tree_size <= records.size());
  std::vector<Hash> path;  // root first; reversed below, as an audit path lists leaf first
  uint64_t begin = 0;
  uint64_t end = tree_size;
  while (end - begin > 1) {
    const uint64_t k = std::bit_floor(end - begin - 1);
    auto sibling = index < begin + k
                       ? RangeRoot(records, begin + k, end)
                       : PerfectRoot(records, begin, static_cast<unsigned>(std::countr_zero(k)));
    if (!sibling) {
      return tl::unexpected(sibling.error());
    }
    path.push_back(*sibling);
    if (index < begin + k) {
      end = begin + k;
    } else {
      begin += k;
    }
  }
  return std::vector<Hash>(path.rbegin(), path.rend());
}

tl::expected<std::vector<Hash>, Error> LeafTree::ConsistencyProof(const RecordIndex& records,
                                                                  uint64_t old_size,
                                                                  uint64_t new_size) const {
  assert(old_size <= new_size && new_size <= records.size());
  std::vector<Hash> proof;  // root first; reversed below, as SUBPROOF lists the deepest first
  if (old_size == 0 || old_size == new_size) {
    return proof;
  }
  // SUBPROOF unrolled from the root down: [begin, end) is the subtree in hand, and old_size lies
  // in it (begin < old_size < end) until the old tree's edge is reached.
  uint64_t begin = 0;
  uint64_t end = new_size;
  bool whole_old_tree = true;
  while (end > old_size) {
    const uint64_t k = std::bit_floor(end - begin - 1);
    const bool left = old_size <= begin + k;
    auto sibling = left ? RangeRoot(records, begin + k, end)
                        : PerfectRoot(records, begin, static_cast<unsigned>(std::countr_zero(k)));
    if (!sibling) {
      return tl::unexpected(sibling.error());
    }
    proof.push_back(*sibling);
    if (left) {
      end = begin + k;
    } else {
      begin += k;
      whole_old_tree = false;
    }
  }
  if (!whole_old_tree) {
    // The walk ended on a left step, so [begin, old_size) is a perfect subtree.
    auto node = PerfectRoot(records, begin, static_cast<unsigned>(std::countr_zero(end - begin)));
    if (!node) {
      return tl::unexpected(node.error());
    }
    proof.push_back(*node);
  }
  return std::vector<Hash>(proof.rbegin(), proof.rend());
}

}  // namespace holdfast::archive::internal
