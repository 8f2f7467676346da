// Consistency proofs: the property that every proof between two sizes verifies and that any
// change to it, its sizes or its roots does not; the cached LeafTree against the definition;
// and Archive::ConsistencyProof on real archives, including a history rewritten by someone who
// holds the signing key. The published vectors are in merkle_test.cc.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/internal/leaf_tree.h"
#include "archive/merkle.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

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

// As transparency-dev/merkle's TestVerifyConsistency, except that a tree of size 0 must carry
// the empty tree's root: an auditor holding another root for it holds no head of this log.
TEST(ConsistencyTest, EqualSizesNeedEqualRootsAndSizeZeroNeedsTheEmptyRoot) {
  const Hash empty = RootFromLeaves({});
  const Hash a = Sha256("a");
  const Hash b = Sha256("b");
  EXPECT_TRUE(VerifyConsistency(0, 0, empty, empty, {}));
  EXPECT_TRUE(VerifyConsistency(0, 5, empty, b, {}));
  EXPECT_FALSE(VerifyConsistency(0, 5, a, b, {}));
  EXPECT_FALSE(VerifyConsistency(0, 5, empty, b, std::vector<Hash>{empty}));
  EXPECT_TRUE(VerifyConsistency(3, 3, a, a, {}));
  EXPECT_FALSE(VerifyConsistency(3, 3, a, b, {}));
  EXPECT_FALSE(VerifyConsistency(3, 3, a, a, std::vector<Hash>{a}));
  EXPECT_FALSE(VerifyConsistency(1, 0, a, b, {}));
  EXPECT_FALSE(VerifyConsistency(2, 1, a, b, {}));
  EXPECT_FALSE(VerifyConsistency(1, 2, a, b, {}));
}

// Consistency proofs from the cached tree, between sizes either side of where its cached levels
// start (256), fill (512) and combine (1024), equal the definition's.
TEST(ConsistencyTest, CachedLeafTreeGivesTheSameConsistencyProofsAsTheDefinition) {
  const std::vector<Hash> leaves = NumberedLeaves(1100);
  holdfast::testing::TempDir tmp;
  auto records = internal::RecordIndex::Open(tmp / "records.idx", true);
  ASSERT_TRUE(records.has_value()) << records.error().ToString();
  for (size_t i = 0; i < leaves.size(); ++i) {
    records->Append(i * 100, leaves[i]);
  }
  ASSERT_TRUE(records->Flush().has_value());
  internal::LeafTree tree;
  ASSERT_TRUE(tree.CatchUp(*records).has_value());
  const std::vector<uint64_t> sizes = {0,   1,   2,   3,   255,  256,  257,  511,
                                       512, 513, 767, 768, 1023, 1024, 1025, 1100};
  for (uint64_t n : sizes) {
    for (uint64_t m : sizes) {
      if (m <= n) {
        EXPECT_EQ(tree.ConsistencyProof(*records, m, n),
                  ConsistencyProof(std::span(leaves).first(n), m))
            << m << " -> " << n;
      }
    }
  }
}

class ArchiveConsistencyTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Archive::Create(dir_).has_value()); }

  // Appends posts <prefix><first>.. and commits; returns the signed head.
  TreeHead AppendAndCommit(Archive& archive, int n, int first, const std::string& prefix = "p") {
    for (int i = first; i < first + n; ++i) {
      const std::string id = prefix + std::to_string(i);
      auto appended = archive.Append(Post(id, R"({"id":")" + id + R"("})", "content " + id));
      EXPECT_TRUE(appended.has_value() && appended->has_value());
    }
    auto head = archive.Commit();
    EXPECT_TRUE(head.has_value()) << head.error().ToString();
    return head.value_or(TreeHead{});
  }

  static std::vector<Hash> Leaves(const Archive& archive) {
    std::vector<Hash> leaves;
    for (uint64_t i = 0; i < archive.size(); ++i) {
      leaves.push_back(archive.Read(i).value().leaf_hash);
    }
    return leaves;
  }

  // A second archive with this one's id and keys but a history of its own: what the holder of
  // the signing key could publish in place of the log.
  fs::path ForgeWithSameKey() {
    const fs::path forged = tmp_ / "forged";
    EXPECT_TRUE(Archive::Create(forged).has_value());
    for (const char* file : {"archive.json", "keys/private.pem", "keys/public.pem"}) {
      fs::copy_file(dir_ / file, forged / file, fs::copy_options::overwrite_existing);
    }
    return forged;
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
};

// Heads at 3, 304 and 905 records: proofs cross the cached subtrees of 256 and 512 records.
TEST_F(ArchiveConsistencyTest, ProofsBetweenSignedHeadsVerifyAgainstTheirRoots) {
  std::vector<TreeHead> heads;
  {
    auto writer = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(writer, nullptr);
    heads.push_back(AppendAndCommit(*writer, 3, 0));
    heads.push_back(AppendAndCommit(*writer, 300, 3));
    heads.push_back(AppendAndCommit(*writer, 600, 303));
  }
  ASSERT_EQ(heads.back().size, 905u);
  auto reader = OpenOrDie(dir_, Options{});
  ASSERT_NE(reader, nullptr);
  const std::vector<Hash> leaves = Leaves(*reader);
  for (const TreeHead& old_head : heads) {
    for (const TreeHead& new_head : heads) {
      if (old_head.size > new_head.size) {
        continue;
      }
      auto proof = reader->ConsistencyProof(old_head.size, new_head.size);
      ASSERT_TRUE(proof.has_value()) << proof.error().ToString();
      EXPECT_EQ(*proof, ConsistencyProof(std::span(leaves).first(new_head.size), old_head.size));
      EXPECT_TRUE(
          VerifyConsistency(old_head.size, new_head.size, old_head.root, new_head.root, *proof))
          << old_head.size << " -> " << new_head.size;
    }
  }
}

TEST_F(ArchiveConsistencyTest, WriterProvesRecordsItHasNotCommittedYet) {
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  const TreeHead head = AppendAndCommit(*writer, 5, 0);
  ASSERT_TRUE(writer->Append(Post("late", "{}", "not yet committed")).has_value());
  auto proof = writer->ConsistencyProof(head.size, writer->size());
  ASSERT_TRUE(proof.has_value()) << proof.error().ToString();
  EXPECT_TRUE(VerifyConsistency(head.size, writer->size(), head.root,
                                RootFromLeaves(Leaves(*writer)), *proof));
}

TEST_F(ArchiveConsistencyTest, EqualSizesAndSizeZeroHaveAnEmptyProof) {
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  AppendAndCommit(*writer, 4, 0);
  EXPECT_EQ(writer->ConsistencyProof(4, 4), std::vector<Hash>{});
  EXPECT_EQ(writer->ConsistencyProof(0, 5), std::vector<Hash>{});
  EXPECT_EQ(writer->ConsistencyProof(0, 0), std::vector<Hash>{});
}

TEST_F(ArchiveConsistencyTest, SizesOutOfOrderOrBeyondTheLogAreErrorsNamingThem) {
  auto writer = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(writer, nullptr);
  AppendAndCommit(*writer, 5, 0);  // records 0-4, head record 5
  auto backwards = writer->ConsistencyProof(5, 3);
  ASSERT_FALSE(backwards.has_value());
  EXPECT_EQ(backwards.error().path, (dir_ / "log" / "segments").string());
  EXPECT_EQ(backwards.error().message,
            "no consistency proof from a tree of 5 records to one of 3 (the log holds 6)");
  auto beyond = writer->ConsistencyProof(2, 7);
  ASSERT_FALSE(beyond.has_value());
  EXPECT_EQ(beyond.error().message,
            "no consistency proof from a tree of 2 records to one of 7 (the log holds 6)");
}

// The auditor's check: a head saved earlier is signed by this archive's key, and the log only
// grew since. A history forged under the same key passes Verify but fails the proof.
TEST_F(ArchiveConsistencyTest, HistoryRewrittenUnderTheSameKeyIsNotConsistentWithAnEarlierHead) {
  TreeHead saved;
  {
    auto writer = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(writer, nullptr);
    AppendAndCommit(*writer, 4, 0);
    auto parsed = ParseNote(Slurp(dir_ / "head.note"));
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    saved = *parsed;
    const TreeHead grown = AppendAndCommit(*writer, 3, 4);
    EXPECT_TRUE(VerifyConsistency(saved.size, grown.size, saved.root, grown.root,
                                  writer->ConsistencyProof(saved.size, grown.size).value()));
  }
  const fs::path forged_dir = ForgeWithSameKey();
  auto forged = OpenOrDie(forged_dir, Writable(clock_));
  ASSERT_NE(forged, nullptr);
  const TreeHead same_size = AppendAndCommit(*forged, 4, 0, "edited-");
  ASSERT_EQ(same_size.size, saved.size);
  EXPECT_FALSE(VerifyConsistency(saved.size, same_size.size, saved.root, same_size.root, {}));
  const TreeHead forged_head = AppendAndCommit(*forged, 3, 4);
  ASSERT_TRUE(forged->Verify().ok) << forged->Verify().message;
  EXPECT_TRUE(VerifyHead(saved, forged->public_pem()));
  EXPECT_EQ(forged->origin(), saved.origin);
  ASSERT_LE(saved.size, forged_head.size);
  auto proof = forged->ConsistencyProof(saved.size, forged_head.size);
  ASSERT_TRUE(proof.has_value()) << proof.error().ToString();
  EXPECT_FALSE(
      VerifyConsistency(saved.size, forged_head.size, saved.root, forged_head.root, *proof));
}

TEST_F(ArchiveConsistencyTest, HeadOfAnotherArchiveDoesNotVerifyUnderThisArchivesKey) {
  TreeHead mine;
  {
    auto writer = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(writer, nullptr);
    mine = AppendAndCommit(*writer, 2, 0);
  }
  const fs::path other_dir = tmp_ / "other";
  ASSERT_TRUE(Archive::Create(other_dir).has_value());
  auto other = OpenOrDie(other_dir, Writable(clock_));
  ASSERT_NE(other, nullptr);
  const TreeHead theirs = AppendAndCommit(*other, 2, 0);
  EXPECT_TRUE(VerifyHead(mine, Slurp(dir_ / "keys" / "public.pem")));
  EXPECT_FALSE(VerifyHead(theirs, Slurp(dir_ / "keys" / "public.pem")));
  EXPECT_NE(theirs.origin, mine.origin);
}

}  // namespace
}  // namespace holdfast::archive
