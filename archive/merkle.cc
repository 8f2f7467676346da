#include "archive/merkle.h"

#include <openssl/evp.h>

#include <bit>
#include <cassert>
#include <cstdio>
#include <cstdlib>

#include "archive/internal/digest.h"
#include "archive/internal/openssl_handles.h"

namespace holdfast::archive {

namespace {

constexpr char kLeafPrefix = 0x00;
constexpr char kNodePrefix = 0x01;

[[noreturn]] void DigestFailed(const char* step) {
  std::fprintf(stderr, "holdfast: OpenSSL SHA-256 %s failed\n", step);
  std::abort();
}

// One SHA-256 implementation fetched once, and a context per thread that is reset between
// digests: a context allocated and the algorithm looked up on every call cost more than
// hashing a short record itself (verify hashes three to four times per record).
struct Sha256State {
  Sha256State() {
    if (md == nullptr || ctx == nullptr) {
      DigestFailed("setup");
    }
  }
  internal::Md md{EVP_MD_fetch(nullptr, "SHA256", nullptr)};
  internal::MdCtx ctx{EVP_MD_CTX_new()};
};

// The largest power of two strictly below n (RFC 6962 section 2.1). REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace

namespace internal {

Hash Sha256Parts(std::initializer_list<std::string_view> parts) {
  thread_local Sha256State state;
  EVP_MD_CTX* ctx = state.ctx.get();
  if (EVP_DigestInit_ex2(ctx, state.md.get(), nullptr) != 1) {
    DigestFailed("init");
  }
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx, part.data(), part.size()) != 1) {
      DigestFailed("update");
    }
  }
  Hash out{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx, out.data(), &size) != 1 || size != out.size()) {
    DigestFailed("final");
  }
  return out;
}

}  // namespace internal

Hash Sha256(std::string_view bytes) { return internal::Sha256Parts({bytes}); }

Hash LeafHash(std::string_view leaf_input) {
  return internal::Sha256Parts({std::string_view(&kLeafPrefix, 1), leaf_input});
}

Hash NodeHash(const Hash& left, const Hash& right) {
  return internal::Sha256Parts(
      {std::string_view(&kNodePrefix, 1), internal::AsBytes(left), internal::AsBytes(right)});
}

Hash RootFromLeaves(std::span<const Hash> leaves) {
  if (leaves.empty()) {
    return Sha256("");
  }
  if (leaves.size() == 1) {
    return leaves[0];
  }
  const uint64_t k = SplitPoint(leaves.size());
  return NodeHash(RootFromLeaves(leaves.first(k)), RootFromLeaves(leaves.subspan(k)));
}

std::vector<Hash> InclusionProof(std::span<const Hash> leaves, uint64_t index) {
  assert(index < leaves.size());
  // PATH(m, D[n]) unrolled from the root down; the siblings are collected root first and
  // reversed at the end, since the audit path lists them leaf first.
  std::vector<Hash> path;
  uint64_t m = index;
  while (leaves.size() > 1) {
    const uint64_t k = SplitPoint(leaves.size());
    if (m < k) {
      path.push_back(RootFromLeaves(leaves.subspan(k)));
      leaves = leaves.first(k);
    } else {
      path.push_back(RootFromLeaves(leaves.first(k)));
      leaves = leaves.subspan(k);
      m -= k;
    }
  }
  return {path.rbegin(), path.rend()};
}

bool VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf, std::span<const Hash> proof,
                     const Hash& root) {
  if (index >= size) {
    return false;
  }
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) {
      return false;  // the path is longer than the tree is deep
    }
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      // A left sibling at the right edge: climb past the levels where this node has none.
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

namespace {

// SUBPROOF(m, D[n], b) of RFC 9162 section 2.1.4.1, appended to `proof`; `b` says whether the
// subtree of the first m leaves is the whole old tree, whose root the verifier already holds.
void SubProof(uint64_t m, std::span<const Hash> leaves, bool b, std::vector<Hash>& proof) {
  if (m == leaves.size()) {
    if (!b) {
      proof.push_back(RootFromLeaves(leaves));
    }
    return;
  }
  const uint64_t k = SplitPoint(leaves.size());
  if (m <= k) {
    SubProof(m, leaves.first(k), b, proof);
    proof.push_back(RootFromLeaves(leaves.subspan(k)));
  } else {
    SubProof(m - k, leaves.subspan(k), false, proof);
    proof.push_back(RootFromLeaves(leaves.first(k)));
  }
}

}  // namespace

std::vector<Hash> ConsistencyProof(std::span<const Hash> leaves, uint64_t old_size) {
  assert(old_size <= leaves.size());
  std::vector<Hash> proof;
  if (old_size > 0) {
    SubProof(old_size, leaves, true, proof);
  }
  return proof;
}

bool VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                       const Hash& new_root, std::span<const Hash> proof) {
  if (old_size > new_size) {
    return false;
  }
  if (old_size == new_size) {
    return proof.empty() && old_root == new_root;
  }
  if (old_size == 0) {
    return proof.empty() && old_root == Sha256("");
  }
  if (proof.empty()) {
    return false;
  }
  // An old tree of 2^j leaves is a node of the new one: the proof leaves its root out, and the
  // walk starts from the root the verifier holds (step 2 of the RFC's algorithm).
  const bool perfect = std::has_single_bit(old_size);
  const Hash start = perfect ? old_root : proof[0];
  const std::span<const Hash> rest = perfect ? proof : proof.subspan(1);
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = start;  // climbs to the old root
  Hash sr = start;  // climbs to the new root
  for (const Hash& c : rest) {
    if (sn == 0) {
      return false;  // the proof is longer than the new tree is deep
    }
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == old_root && sr == new_root;
}

void MerkleFrontier::Append(const Hash& leaf) {
  peaks_.push_back(leaf);
  peak_sizes_.push_back(1);
  // Two perfect subtrees of the same size side by side are the halves of a larger one.
  while (peak_sizes_.size() >= 2 && peak_sizes_[peak_sizes_.size() - 2] == peak_sizes_.back()) {
    const Hash right = peaks_.back();
    peaks_.pop_back();
    peak_sizes_.pop_back();
    peaks_.back() = NodeHash(peaks_.back(), right);
    peak_sizes_.back() *= 2;
  }
  ++size_;
}

Hash MerkleFrontier::Root() const {
  if (peaks_.empty()) {
    return Sha256("");
  }
  // RFC 6962 splits at the largest power of two, so the right-hand peaks join first.
  Hash root = peaks_.back();
  for (size_t i = peaks_.size() - 1; i-- > 0;) {
    root = NodeHash(peaks_[i], root);
  }
  return root;
}

}  // namespace holdfast::archive
