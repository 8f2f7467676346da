// LeafTree: the roots of the log's larger perfect subtrees, over the leaf hashes of a
// RecordIndex, so that the root of any prefix and an audit path cost O(log n) cached hashes and
// a few hundred leaves read from the index, instead of rehashing the whole log per proof (a
// bundle asks for one proof per item). Results equal RootFromLeaves, InclusionProof and
// ConsistencyProof in archive/merkle.h, which define them.
// Memory: one hash per 256 records (about 0.25 bytes per record); the leaves stay on disk.
// Subtrees are folded in lazily, by CatchUp, so that opening an archive reads none of them.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <span>
#include <tl/expected.hpp>
#include <vector>

#include "archive/error.h"
#include "archive/internal/record_index.h"
#include "archive/record.h"

namespace holdfast::archive::internal {

class LeafTree {
 public:
  // Caches the subtrees `records` completed since the last call. Call before Root and
  // InclusionProof, with the same index each time.
  [[nodiscard]] tl::expected<void, Error> CatchUp(const RecordIndex& records);
  // Forgets cached subtrees beyond the first `size` leaves (the index was cut short).
  void Truncate(uint64_t size);
  // The roots of the first blocks of kBlockLeaves leaves, as CatchUp caches them, and a way to
  // start a new tree from them (archive/internal/merkle_cache.h). Seed REQUIRES an empty tree
  // and roots that the same leaves give.
  static constexpr uint64_t kBlockLeaves = uint64_t{1} << 8;
  std::span<const Hash> blocks() const;
  void Seed(std::span<const Hash> blocks);

  // MTH of the first `tree_size` leaves. REQUIRES: tree_size <= records.size().
  [[nodiscard]] tl::expected<Hash, Error> Root(const RecordIndex& records,
                                               uint64_t tree_size) const;
  // PATH(index, D[tree_size]). REQUIRES: index < tree_size <= records.size().
  [[nodiscard]] tl::expected<std::vector<Hash>, Error> InclusionProof(const RecordIndex& records,
                                                                      uint64_t index,
                                                                      uint64_t tree_size) const;
  // PROOF(old_size, D[new_size]). REQUIRES: old_size <= new_size <= records.size().
  [[nodiscard]] tl::expected<std::vector<Hash>, Error> ConsistencyProof(const RecordIndex& records,
                                                                        uint64_t old_size,
                                                                        uint64_t new_size) const;

 private:
  // Subtrees of 2^kFirstCachedHeight leaves and up are cached; smaller ones are hashed afresh.
  static constexpr unsigned kFirstCachedHeight = 8;
  static_assert(kBlockLeaves == uint64_t{1} << kFirstCachedHeight);

  // MTH(D[begin:end]) for a range the RFC 6962 recursion produces (begin aligned to the
  // largest power of two below end - begin).
  tl::expected<Hash, Error> RangeRoot(const RecordIndex& records, uint64_t begin,
                                      uint64_t end) const;
  // The root of the perfect subtree of 2^height leaves starting at `begin`.
  tl::expected<Hash, Error> PerfectRoot(const RecordIndex& records, uint64_t begin,
                                        unsigned height) const;
  void AddBlock(const Hash& root);

  // levels_[i][j]: root of the j-th perfect subtree of height kFirstCachedHeight + i.
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace holdfast::archive::internal
