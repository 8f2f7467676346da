// LeafTree: every leaf hash of the log plus the roots of its larger perfect subtrees, so that
// the root of any prefix and an audit path cost O(log n) cached hashes and a few hundred fresh
// ones, instead of rehashing the whole log per proof (a bundle asks for one proof per item).
// Results equal RootFromLeaves and InclusionProof in archive/merkle.h, which define them.
// Memory: the leaves, plus under 1% for the cached subtree roots.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <vector>

#include "archive/record.h"

namespace holdfast::archive::internal {

class LeafTree {
 public:
  void Append(const Hash& leaf);
  uint64_t size() const { return leaves_.size(); }
  const Hash& leaf(uint64_t index) const { return leaves_[index]; }

  // MTH of the first `tree_size` leaves. REQUIRES: tree_size <= size().
  Hash Root(uint64_t tree_size) const;
  // PATH(index, D[tree_size]). REQUIRES: index < tree_size <= size().
  std::vector<Hash> InclusionProof(uint64_t index, uint64_t tree_size) const;

 private:
  // Subtrees of 2^kFirstCachedHeight leaves and up are cached; smaller ones are hashed afresh.
  static constexpr unsigned kFirstCachedHeight = 8;

  // MTH(D[begin:end]) for a range the RFC 6962 recursion produces (begin aligned to the
  // largest power of two below end - begin).
  Hash RangeRoot(uint64_t begin, uint64_t end) const;
  // The root of the perfect subtree of 2^height leaves starting at `begin`.
  Hash PerfectRoot(uint64_t begin, unsigned height) const;

  std::vector<Hash> leaves_;
  // levels_[i][j]: root of the j-th perfect subtree of height kFirstCachedHeight + i.
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace holdfast::archive::internal
