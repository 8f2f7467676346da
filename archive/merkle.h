// Merkle tree hashing as in RFC 6962 / RFC 9162: leaf = SHA-256(0x00 || input),
// node = SHA-256(0x01 || left || right), MTH of the empty tree = SHA-256("").
// Thread safety: pure functions; MerkleFrontier is owned.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "archive/record.h"

namespace holdfast::archive {

Hash LeafHash(std::string_view leaf_input);
Hash NodeHash(const Hash& left, const Hash& right);
Hash Sha256(std::string_view bytes);

// MTH(D[n]) over leaf hashes.
Hash RootFromLeaves(std::span<const Hash> leaves);

// PATH(index, D[n]): the audit path of leaf `index` in the tree of leaves.size() leaves.
// REQUIRES: index < leaves.size().
std::vector<Hash> InclusionProof(std::span<const Hash> leaves, uint64_t index);

// True if `proof` proves leaf `leaf` at `index` in a tree of `size` leaves with root `root`
// (RFC 9162 section 2.1.3.2).
bool VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf, std::span<const Hash> proof,
                     const Hash& root);

// PROOF(old_size, D[n]): the consistency proof that the first `old_size` leaves are the start of
// the tree of leaves.size() leaves (RFC 9162 section 2.1.4.1); empty when old_size is 0 or n.
// REQUIRES: old_size <= leaves.size().
std::vector<Hash> ConsistencyProof(std::span<const Hash> leaves, uint64_t old_size);

// True if `proof` proves that the tree of `old_size` leaves with root `old_root` is the start of
// the tree of `new_size` leaves with root `new_root` (RFC 9162 section 2.1.4.2). Equal sizes
// need equal roots and an empty proof; old_size 0 needs the empty tree's root and an empty
// proof; a smaller new_size never verifies.
bool VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                       const Hash& new_root, std::span<const Hash> proof);

// The right edge of a growing tree: O(log n) hashes, enough to give the root after each append.
class MerkleFrontier {
 public:
  void Append(const Hash& leaf);
  Hash Root() const;
  uint64_t size() const { return size_; }

 private:
  std::vector<Hash> peaks_;  // perfect subtree roots, largest first
  std::vector<uint64_t> peak_sizes_;
  uint64_t size_ = 0;
};

}  // namespace holdfast::archive
