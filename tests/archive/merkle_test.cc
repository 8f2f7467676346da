#include "archive/merkle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive/internal/leaf_tree.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
namespace {

// The leaves of the RFC 6962 test tree (certificate-transparency-go, merkletree tests).
std::vector<std::string> VectorInputs() {
  return {std::string(),
          std::string("\x00", 1),
          std::string("\x10", 1),
          std::string("\x20\x21", 2),
          std::string("\x30\x31", 2),
          std::string("\x40\x41\x42\x43", 4),
          std::string("\x50\x51\x52\x53\x54\x55\x56\x57", 8),
          std::string("\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f", 16)};
}

std::vector<Hash> VectorLeaves() {
  std::vector<Hash> leaves;
  for (const std::string& input : VectorInputs()) {
    leaves.push_back(LeafHash(input));
  }
  return leaves;
}

std::vector<Hash> NumberedLeaves(uint64_t n) {
  std::vector<Hash> leaves;
  for (uint64_t i = 0; i < n; ++i) {
    leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  }
  return leaves;
}

Hash Flipped(Hash hash, size_t byte = 0) {
  hash[byte] ^= 0x01;
  return hash;
}

// The published roots of the first n leaves above (index n; [0] is the empty tree), from
// google/certificate-transparency cpp/merkletree/merkle_tree_test.cc (kSHA256Roots).
std::vector<std::string> PublishedRoots() {
  return {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
}

Hash FromHex(std::string_view hex) {
  Hash hash{};
  for (size_t i = 0; i < hash.size(); ++i) {
    hash[i] = static_cast<uint8_t>(std::stoi(std::string(hex.substr(2 * i, 2)), nullptr, 16));
  }
  return hash;
}

std::vector<std::string> Hexes(const std::vector<Hash>& hashes) {
  std::vector<std::string> hex;
  for (const Hash& hash : hashes) {
    hex.push_back(ToHex(hash));
  }
  return hex;
}

TEST(MerkleTest, EmptyTreeRootIsTheSha256OfNothing) {
  EXPECT_EQ(ToHex(RootFromLeaves({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(MerkleFrontier().Root(), RootFromLeaves({}));
}

TEST(MerkleTest, RootsMatchTheRfc6962TestVectorsForSizesOneToEight) {
  const std::vector<std::string> expected = PublishedRoots();
  const std::vector<Hash> leaves = VectorLeaves();
  for (size_t n = 1; n <= leaves.size(); ++n) {
    EXPECT_EQ(ToHex(RootFromLeaves(std::span(leaves).first(n))), expected[n]) << "size " << n;
  }
}

TEST(MerkleTest, LeafAndNodeHashesCarryTheirDomainPrefix) {
  EXPECT_EQ(LeafHash("abc"), Sha256(std::string("\x00"
                                                "abc",
                                                4)));
  const Hash left = Sha256("left");
  const Hash right = Sha256("right");
  std::string joined("\x01", 1);
  joined.append(reinterpret_cast<const char*>(left.data()), left.size());
  joined.append(reinterpret_cast<const char*>(right.data()), right.size());
  EXPECT_EQ(NodeHash(left, right), Sha256(joined));
  EXPECT_NE(NodeHash(left, right), NodeHash(right, left));
}

TEST(MerkleTest, RootsSplitAtTheLargestPowerOfTwoBelowTheSize) {
  const std::vector<Hash> l = VectorLeaves();
  const Hash n01 = NodeHash(l[0], l[1]);
  const Hash n23 = NodeHash(l[2], l[3]);
  const Hash n45 = NodeHash(l[4], l[5]);
  const Hash n0123 = NodeHash(n01, n23);
  EXPECT_EQ(RootFromLeaves(std::span(l).first(3)), NodeHash(n01, l[2]));
  EXPECT_EQ(RootFromLeaves(std::span(l).first(5)), NodeHash(n0123, l[4]));
  EXPECT_EQ(RootFromLeaves(std::span(l).first(6)), NodeHash(n0123, n45));
  EXPECT_EQ(RootFromLeaves(std::span(l).first(7)), NodeHash(n0123, NodeHash(n45, l[6])));
}

TEST(MerkleTest, AuditPathsListSiblingsFromTheLeafUp) {
  const std::vector<Hash> l = VectorLeaves();
  const Hash n01 = NodeHash(l[0], l[1]);
  const Hash n23 = NodeHash(l[2], l[3]);
  const Hash n45 = NodeHash(l[4], l[5]);
  EXPECT_TRUE(InclusionProof(std::span(l).first(1), 0).empty());
  EXPECT_EQ(InclusionProof(std::span(l).first(3), 0), (std::vector<Hash>{l[1], l[2]}));
  EXPECT_EQ(InclusionProof(std::span(l).first(3), 2), (std::vector<Hash>{n01}));
  EXPECT_EQ(InclusionProof(std::span(l).first(7), 6), (std::vector<Hash>{n45, NodeHash(n01, n23)}));
  EXPECT_EQ(InclusionProof(std::span(l).first(7), 3),
            (std::vector<Hash>{l[2], n01, NodeHash(n45, l[6])}));
}

TEST(MerkleTest, EveryAuditPathOfTreesUpToEightVerifies) {
  const std::vector<Hash> leaves = VectorLeaves();
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    const auto tree = std::span(leaves).first(n);
    const Hash root = RootFromLeaves(tree);
    for (uint64_t i = 0; i < n; ++i) {
      const std::vector<Hash> path = InclusionProof(tree, i);
      EXPECT_TRUE(VerifyInclusion(i, n, leaves[i], path, root)) << "leaf " << i << " of " << n;
    }
  }
}

TEST(MerkleTest, AuditPathFailsWithAFlippedByteInPathLeafOrRoot) {
  const std::vector<Hash> leaves = VectorLeaves();
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    const auto tree = std::span(leaves).first(n);
    const Hash root = RootFromLeaves(tree);
    for (uint64_t i = 0; i < n; ++i) {
      const std::vector<Hash> path = InclusionProof(tree, i);
      EXPECT_FALSE(VerifyInclusion(i, n, Flipped(leaves[i], 31), path, root));
      EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], path, Flipped(root, 7)));
      for (size_t p = 0; p < path.size(); ++p) {
        std::vector<Hash> bad = path;
        bad[p] = Flipped(bad[p], p);
        EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], bad, root)) << i << "/" << n << " @" << p;
      }
    }
  }
}

TEST(MerkleTest, AuditPathFailsAtAnotherIndex) {
  const std::vector<Hash> leaves = VectorLeaves();
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    const auto tree = std::span(leaves).first(n);
    const Hash root = RootFromLeaves(tree);
    for (uint64_t i = 0; i < n; ++i) {
      const std::vector<Hash> path = InclusionProof(tree, i);
      for (uint64_t other = 0; other < n + 2; ++other) {
        if (other != i) {
          EXPECT_FALSE(VerifyInclusion(other, n, leaves[i], path, root)) << i << "->" << other;
        }
      }
    }
  }
}

TEST(MerkleTest, AuditPathFailsAtATreeSizeWithAnotherPathLength) {
  const std::vector<Hash> leaves = VectorLeaves();
  const std::vector<Hash> wide = NumberedLeaves(16);
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    const auto tree = std::span(leaves).first(n);
    const Hash root = RootFromLeaves(tree);
    for (uint64_t i = 0; i < n; ++i) {
      const std::vector<Hash> path = InclusionProof(tree, i);
      EXPECT_FALSE(VerifyInclusion(i, 0, leaves[i], path, root));
      EXPECT_FALSE(VerifyInclusion(i, i, leaves[i], path, root));
      for (uint64_t size = i + 1; size <= wide.size(); ++size) {
        if (InclusionProof(std::span(wide).first(size), i).size() != path.size()) {
          EXPECT_FALSE(VerifyInclusion(i, size, leaves[i], path, root)) << n << "->" << size;
        }
      }
    }
  }
}

TEST(MerkleTest, TreeSizeIsBoundByTheSignedHeadNotByTheAuditPath) {
  // Leaf 0 of 3 has siblings L1 and L2; in a tree of 4 the same hashes sit in the same places
  // (L2 standing for the subtree [2, 4)). The path alone cannot tell the sizes apart, which is
  // why a proof is only ever checked against the size a signed head gives.
  const std::vector<Hash> l = VectorLeaves();
  const auto three = std::span(l).first(3);
  const std::vector<Hash> path = InclusionProof(three, 0);
  EXPECT_TRUE(VerifyInclusion(0, 4, l[0], path, RootFromLeaves(three)));
}

TEST(MerkleTest, AuditPathFailsWhenShortenedOrExtended) {
  const std::vector<Hash> leaves = VectorLeaves();
  const Hash root = RootFromLeaves(leaves);
  for (uint64_t i = 0; i < leaves.size(); ++i) {
    std::vector<Hash> path = InclusionProof(leaves, i);
    std::vector<Hash> longer = path;
    longer.push_back(root);
    EXPECT_FALSE(VerifyInclusion(i, leaves.size(), leaves[i], longer, root));
    path.pop_back();
    EXPECT_FALSE(VerifyInclusion(i, leaves.size(), leaves[i], path, root));
  }
}

TEST(MerkleTest, AuditPathsOfLargerTreesVerify) {
  const std::vector<Hash> leaves = NumberedLeaves(37);
  const Hash root = RootFromLeaves(leaves);
  for (uint64_t i = 0; i < leaves.size(); ++i) {
    EXPECT_TRUE(VerifyInclusion(i, leaves.size(), leaves[i], InclusionProof(leaves, i), root))
        << "leaf " << i;
  }
}

TEST(MerkleTest, FrontierRootEqualsTheFullRootAfterEveryAppendUpToOneHundred) {
  const std::vector<Hash> leaves = NumberedLeaves(100);
  MerkleFrontier frontier;
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    frontier.Append(leaves[n - 1]);
    ASSERT_EQ(frontier.size(), n);
    EXPECT_EQ(frontier.Root(), RootFromLeaves(std::span(leaves).first(n))) << "size " << n;
  }
}

// Consistency proofs over the eight leaves above, as published: google/certificate-transparency
// cpp/merkletree/merkle_tree_test.cc (kSHA256Proofs: 1->1, 1->8, 6->8, 2->5) and
// transparency-dev/merkle proof/verify_test.go (consistencyProofs, which adds 6->7).
struct PublishedConsistency {
  uint64_t old_size;
  uint64_t new_size;
  std::vector<std::string> proof;
};

std::vector<PublishedConsistency> PublishedConsistencyProofs() {
  return {{1, 1, {}},
          {1,
           8,
           {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
          {6,
           8,
           {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
          {2,
           5,
           {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
          {6,
           7,
           {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}}};
}

TEST(MerkleTest, ConsistencyProofsMatchThePublishedRfc6962Vectors) {
  const std::vector<Hash> leaves = VectorLeaves();
  const std::vector<std::string> roots = PublishedRoots();
  for (const PublishedConsistency& v : PublishedConsistencyProofs()) {
    const std::vector<Hash> proof =
        ConsistencyProof(std::span(leaves).first(v.new_size), v.old_size);
    EXPECT_EQ(Hexes(proof), v.proof) << v.old_size << " -> " << v.new_size;
    EXPECT_TRUE(VerifyConsistency(v.old_size, v.new_size, FromHex(roots[v.old_size]),
                                  FromHex(roots[v.new_size]), proof))
        << v.old_size << " -> " << v.new_size;
  }
}

// The corruptions transparency-dev/merkle's verifierConsistencyCheck tries on each proof.
TEST(MerkleTest, PublishedConsistencyProofsFailUnderThePublishedCorruptions) {
  const std::vector<std::string> roots = PublishedRoots();
  for (const PublishedConsistency& v : PublishedConsistencyProofs()) {
    if (v.proof.empty()) {
      continue;
    }
    std::vector<Hash> proof;
    for (const std::string& hex : v.proof) {
      proof.push_back(FromHex(hex));
    }
    const uint64_t m = v.old_size;
    const uint64_t n = v.new_size;
    const Hash r1 = FromHex(roots[m]);
    const Hash r2 = FromHex(roots[n]);
    const std::string at = std::to_string(m) + " -> " + std::to_string(n);
    for (uint64_t wrong_m : {m - 1, m + 1, m ^ 2}) {
      EXPECT_FALSE(VerifyConsistency(wrong_m, n, r1, r2, proof)) << at << " as " << wrong_m;
    }
    for (uint64_t wrong_n : {n * 2, n / 2}) {
      EXPECT_FALSE(VerifyConsistency(m, wrong_n, r1, r2, proof)) << at << " to " << wrong_n;
    }
    EXPECT_FALSE(VerifyConsistency(m, n, Flipped(r1), r2, proof)) << at;
    EXPECT_FALSE(VerifyConsistency(m, n, r1, Flipped(r2), proof)) << at;
    EXPECT_FALSE(VerifyConsistency(m, n, r2, r1, proof)) << at << " roots swapped";
    EXPECT_FALSE(VerifyConsistency(m, n, r1, r2, {})) << at << " empty";
    for (const Hash& extra : {r1, r2, proof[0]}) {
      std::vector<Hash> longer = proof;
      longer.push_back(extra);
      EXPECT_FALSE(VerifyConsistency(m, n, r1, r2, longer)) << at << " trailing";
      longer.pop_back();
      longer.insert(longer.begin(), extra);
      EXPECT_FALSE(VerifyConsistency(m, n, r1, r2, longer)) << at << " preceding";
    }
    EXPECT_FALSE(VerifyConsistency(m, n, r1, r2, std::span(proof).first(proof.size() - 1))) << at;
    for (size_t i = 0; i < proof.size(); ++i) {
      std::vector<Hash> bad = proof;
      bad[i][0] ^= 16;
      EXPECT_FALSE(VerifyConsistency(m, n, r1, r2, bad)) << at << " bit 4 of " << i;
    }
  }
}

TEST(MerkleTest, EveryConsistencyProofBetweenSizesZeroToEightVerifiesAgainstThePublishedRoots) {
  const std::vector<Hash> leaves = VectorLeaves();
  const std::vector<std::string> roots = PublishedRoots();
  for (uint64_t n = 0; n <= leaves.size(); ++n) {
    for (uint64_t m = 0; m <= n; ++m) {
      const std::vector<Hash> proof = ConsistencyProof(std::span(leaves).first(n), m);
      EXPECT_EQ(proof.empty(), m == 0 || m == n) << m << " -> " << n;
      EXPECT_TRUE(VerifyConsistency(m, n, FromHex(roots[m]), FromHex(roots[n]), proof))
          << m << " -> " << n;
    }
  }
}

// The cached tree must agree with the defining functions across the sizes where its cached
// subtree levels (256 leaves and up) start, fill and combine, with leaves read from the index
// file and from its entries held in memory, and with subtrees cached in two steps.
TEST(MerkleTest, CachedLeafTreeGivesTheSameRootsAndPathsAsTheDefinition) {
  const std::vector<Hash> leaves = NumberedLeaves(1100);
  holdfast::testing::TempDir tmp;
  auto records = internal::RecordIndex::Open(tmp / "records.idx", true);
  ASSERT_TRUE(records.has_value()) << records.error().ToString();
  internal::LeafTree tree;
  for (size_t i = 0; i < leaves.size(); ++i) {
    records->Append(i * 100, leaves[i]);
    if (i == 600) {
      ASSERT_TRUE(records->Flush().has_value());  // 601 in the file, the rest in memory
      ASSERT_TRUE(tree.CatchUp(*records).has_value());
    }
  }
  ASSERT_TRUE(tree.CatchUp(*records).has_value());
  for (uint64_t n : {0, 1, 2, 3, 255, 256, 257, 511, 512, 513, 767, 768, 1024, 1025, 1100}) {
    const auto prefix = std::span(leaves).first(n);
    EXPECT_EQ(tree.Root(*records, n), RootFromLeaves(prefix)) << "size " << n;
    for (uint64_t i = 0; i < n; i += (n > 300 ? 101 : 1)) {
      EXPECT_EQ(tree.InclusionProof(*records, i, n), InclusionProof(prefix, i)) << i << " of " << n;
    }
    if (n > 0) {
      EXPECT_EQ(tree.InclusionProof(*records, n - 1, n), InclusionProof(prefix, n - 1))
          << "last of " << n;
    }
  }
  EXPECT_EQ(records->Get(700).value().offset, 70000u);
  EXPECT_EQ(records->Get(7).value().leaf, leaves[7]);
}

// Reopened, the index holds what was flushed; cut short, the tree forgets the subtrees past it.
TEST(MerkleTest, RecordIndexReopensWithItsFlushedEntriesAndCutsShort) {
  const std::vector<Hash> leaves = NumberedLeaves(600);
  holdfast::testing::TempDir tmp;
  internal::LeafTree tree;
  {
    auto records = internal::RecordIndex::Open(tmp / "records.idx", true);
    ASSERT_TRUE(records.has_value());
    for (size_t i = 0; i < leaves.size(); ++i) {
      records->Append(i, leaves[i]);
    }
    ASSERT_TRUE(records->Flush().has_value());
    ASSERT_TRUE(tree.CatchUp(*records).has_value());
  }
  auto records = internal::RecordIndex::Open(tmp / "records.idx", false);
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 600u);
  EXPECT_EQ(tree.Root(*records, 600), RootFromLeaves(leaves));
  ASSERT_TRUE(records->Truncate(300).has_value());
  tree.Truncate(300);
  for (size_t i = 300; i < 520; ++i) {
    records->Append(i, NumberedLeaves(1)[0]);
  }
  std::vector<Hash> changed(leaves.begin(), leaves.begin() + 300);
  changed.resize(520, NumberedLeaves(1)[0]);
  ASSERT_TRUE(tree.CatchUp(*records).has_value());
  EXPECT_EQ(tree.Root(*records, 520), RootFromLeaves(changed));
}

}  // namespace
}  // namespace holdfast::archive
