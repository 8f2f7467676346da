// Consistency proofs: the property that every proof between two sizes verifies and that any
// change to it, its sizes or its roots does not.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive/merkle.h"

namespace holdfast::archive {
namespace {

std::vector<Hash> NumberedLeaves(uint64_t n) {
  std::vector<Hash> leaves;
  for (uint64_t i = 0; i < n; ++i) {
    leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  }
  return leaves;
}

TEST(ConsistencyTest, EveryProofUpToSeventyLeavesVerifiesAndFailsWhenAnythingIsChanged) {
  const std::vector<Hash> leaves = NumberedLeaves(70);
  std::vector<Hash> roots;  // roots[n]: the root of the first n leaves
  MerkleFrontier frontier;
  roots.push_back(frontier.Root());
  for (const Hash& leaf : leaves) {
    frontier.Append(leaf);
    roots.push_back(frontier.Root());
  }
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    for (uint64_t m = 1; m <= n; ++m) {
      const std::string at = std::to_string(m) + " -> " + std::to_string(n);
      const std::vector<Hash> proof = ConsistencyProof(std::span(leaves).first(n), m);
      EXPECT_TRUE(VerifyConsistency(m, n, roots[m], roots[n], proof)) << at;
      for (size_t i = 0; i < proof.size(); ++i) {
        std::vector<Hash> bad = proof;
        bad[i][i % 32] ^= 0x01;
        EXPECT_FALSE(VerifyConsistency(m, n, roots[m], roots[n], bad)) << at << " hash " << i;
      }
      if (m != n) {
        EXPECT_FALSE(VerifyConsistency(n, m, roots[m], roots[n], proof)) << at << " swapped";
        EXPECT_FALSE(VerifyConsistency(n, m, roots[n], roots[m], proof)) << at << " swapped";
        EXPECT_FALSE(VerifyConsistency(m, n, roots[n], roots[n], proof)) << at;
      }
      EXPECT_FALSE(VerifyConsistency(m, n, roots[m - 1], roots[n], proof)) << at;
      Hash wrong = roots[m];
      wrong[31] ^= 0x80;
      EXPECT_FALSE(VerifyConsistency(m, n, wrong, roots[n], proof)) << at;
    }
  }
}

}  // namespace
}  // namespace holdfast::archive
