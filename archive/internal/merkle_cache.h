// MerkleCache (declared in archive/archive.h): the block roots of a log's Merkle tree that one
// Archive worked out, handed to the next Archive of the same folder this process opens with
// the same cache. Only blocks wholly below a signed head are kept, so a torn tail that was
// never committed cannot have reached them; the log's first leaf hash (salted, so unique to
// the log) tells a log made afresh in the same folder from the one the roots were taken of.
// Thread safety: thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <span>
#include <vector>

#include "archive/archive.h"
#include "archive/record.h"

namespace holdfast::archive {

class MerkleCache {
 public:
  // The roots kept for this log, at most max_blocks of them; none for another log.
  std::vector<Hash> Take(const std::filesystem::path& dir, const Hash& first_leaf,
                         uint64_t max_blocks) const;
  // Keeps `blocks` for this log, unless fewer than it keeps already.
  void Keep(const std::filesystem::path& dir, const Hash& first_leaf, std::span<const Hash> blocks);

 private:
  mutable std::mutex mu_;
  std::filesystem::path dir_;  // guarded by mu_
  Hash first_leaf_{};          // guarded by mu_
  std::vector<Hash> blocks_;   // guarded by mu_
};

}  // namespace holdfast::archive
