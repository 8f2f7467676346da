// Key rotation: Archive::RotateKey hands signing over to a new key with a head the old key
// cosigns, and Verify follows that chain; heads by keys outside it, or a handover taken away,
// fail at the record concerned.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/bundle.h"
#include "archive/internal/log_file.h"
#include "archive/key_chain.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;

class KeyRotationTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Archive::Create(dir_).has_value()); }

  fs::path keys() const { return dir_ / "keys"; }
  fs::path log() const { return FirstSegment(dir_); }

  // Appends `count` posts and commits; returns the head.
  TreeHead AddAndCommit(Archive& archive, int count) {
    for (int i = 0; i < count; ++i) {
      const std::string id = std::to_string(next_post_++);
      EXPECT_TRUE(archive.Append(Post("p" + id, "meta-" + id, "content-" + id)).has_value());
    }
    auto head = archive.Commit();
    EXPECT_TRUE(head.has_value()) << head.error().ToString();
    return head.value_or(TreeHead{});
  }

  VerifyReport VerifyReadOnly() {
    auto archive = OpenOrDie(dir_, Options{});
    return archive == nullptr ? VerifyReport{} : archive->Verify();
  }

  // Rewrites the log with `edit` applied, digests and leaf hashes recomputed: what someone who
  // can write the files but holds no key would do.
  void Rewrite(const std::function<void(StoredRecord&)>& edit) { RewriteLog(dir_, edit); }

  // Puts a fresh key pair in place of keys/*.pem without any handover, as someone who swapped
  // the key files would; the replaced public key is kept in keys/retired.
  void SwapInForeignKey() {
    TempDir other;
    ASSERT_TRUE(Signer::Generate(other / "private.pem", other / "public.pem").has_value());
    const std::string old_public = Slurp(keys() / "public.pem");
    fs::create_directories(keys() / "retired");
    Spit(keys() / "retired" / (KeyFingerprint(old_public) + ".pem"), old_public);
    fs::copy_file(other / "private.pem", keys() / "private.pem",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(other / "public.pem", keys() / "public.pem",
                  fs::copy_options::overwrite_existing);
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "a";
  TestClock clock_;
  int next_post_ = 0;
};

TEST_F(KeyRotationTest, ASingleKeyArchiveKeepsItsFormatAndVerifies) {
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  const TreeHead head = AddAndCommit(*archive, 3);
  EXPECT_FALSE(head.handover.has_value());
  EXPECT_TRUE(head.cosignatures.empty());
  const std::string note = Slurp(dir_ / "head.note");
  EXPECT_EQ(note.find("handover"), std::string::npos);
  EXPECT_EQ(std::count(note.begin(), note.end(), '\n'), 6);  // four body lines, blank, one sig
  EXPECT_FALSE(fs::exists(keys() / "retired"));
  const VerifyReport report = VerifyReadOnly();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.heads_checked, 2u);
}

TEST_F(KeyRotationTest, ARotationChainVerifiesAndTheNewKeySignsFromTheHandoverOn) {
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  const std::string first_key = archive->public_pem();
  AddAndCommit(*archive, 3);  // records 0-2, head 3
  auto handover = archive->RotateKey();
  ASSERT_TRUE(handover.has_value()) << handover.error().ToString();
  const std::string second_key = archive->public_pem();
  EXPECT_NE(second_key, first_key);
  EXPECT_EQ(Slurp(keys() / "public.pem"), second_key);
  EXPECT_EQ(Slurp(keys() / "retired" / (KeyFingerprint(first_key) + ".pem")), first_key);
  EXPECT_FALSE(fs::exists(keys() / "next"));
  ASSERT_TRUE(handover->handover.has_value());
  EXPECT_EQ(handover->handover->size, 3u);
  EXPECT_EQ(handover->handover->old_key, KeyFingerprint(first_key));
  EXPECT_EQ(handover->size, 4u);
  EXPECT_TRUE(VerifyHead(*handover, second_key));
  EXPECT_FALSE(VerifyHead(*handover, first_key));
  EXPECT_TRUE(VerifyCosignature(*handover, first_key));

  AddAndCommit(*archive, 2);
  ASSERT_TRUE(archive->RotateKey().has_value());
  const TreeHead last = AddAndCommit(*archive, 2);
  EXPECT_TRUE(VerifyHead(last, archive->public_pem()));
  archive.reset();

  const VerifyReport report = VerifyReadOnly();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.records, 12u);  // 0-2, head 3, handover 4, 5-6, head 7, handover 8, 9-10, 11
  EXPECT_EQ(report.heads_checked, 6u);  // five head records and head.note
  ASSERT_EQ(report.key_chain.size(), 3u);
  EXPECT_EQ(report.key_chain.front(), KeyFingerprint(first_key));
  EXPECT_EQ(report.key_chain[1], KeyFingerprint(second_key));
  auto known = ArchivePublicKeys(dir_);
  ASSERT_TRUE(known.has_value());
  EXPECT_EQ(known->size(), 3u);
}

TEST_F(KeyRotationTest, AReopenedWriterSignsWithTheKeyInForce) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);
    ASSERT_TRUE(archive->RotateKey().has_value());
  }
  auto archive = OpenOrDie(dir_, Writable(clock_));
  ASSERT_NE(archive, nullptr);
  const TreeHead head = AddAndCommit(*archive, 2);
  EXPECT_TRUE(VerifyHead(head, Slurp(keys() / "public.pem")));
  archive.reset();
  const VerifyReport report = VerifyReadOnly();
  EXPECT_TRUE(report.ok) << report.message;
}

TEST_F(KeyRotationTest, AHeadSignedByAKeyOutsideTheChainFailsAtItsRecord) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);                      // 0-1, head 2
    ASSERT_TRUE(archive->RotateKey().has_value());  // handover 3
  }
  SwapInForeignKey();
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 1);  // 4, head 5 by the foreign key
  }
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 5u);
  EXPECT_NE(report.message.find("record 5 (tree head): signed by a key outside the archive's key "
                                "chain"),
            std::string::npos)
      << report.message;
  EXPECT_NE(report.message.find("in force since the handover at record 3"), std::string::npos)
      << report.message;
}

TEST_F(KeyRotationTest, ANewKeyWithoutAHandoverFails) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);  // 0-1, head 2
  }
  SwapInForeignKey();  // the first key is now in keys/retired, as after a rotation
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 1);  // 3, head 4 by the new key, which no handover names
  }
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 4u);
  EXPECT_NE(report.message.find("a new key signs only after a handover head"), std::string::npos)
      << report.message;
}

TEST_F(KeyRotationTest, AFirstHeadByAKeyTheArchiveDoesNotHoldFails) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);  // 0-1, head 2
  }
  TempDir other;
  ASSERT_TRUE(Signer::Generate(other / "private.pem", other / "public.pem").has_value());
  fs::copy_file(other / "public.pem", keys() / "public.pem", fs::copy_options::overwrite_existing);
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 2u);
  EXPECT_NE(report.message.find("record 2 (tree head): signature does not verify under "
                                "keys/public.pem (signed by key hint "),
            std::string::npos)
      << report.message;
}

TEST_F(KeyRotationTest, AHandoverWithoutTheOldKeysCosignatureFails) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);                      // 0-1, head 2
    ASSERT_TRUE(archive->RotateKey().has_value());  // handover 3
    AddAndCommit(*archive, 1);
  }
  Rewrite([](StoredRecord& stored) {
    if (stored.sequence == 3) {
      auto head = ParseNote(stored.record.meta);
      ASSERT_TRUE(head.has_value());
      head->cosignatures.clear();
      stored.record.meta = head->Note();
    }
  });
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 3u);
  EXPECT_NE(report.message.find("is not cosigned by the retiring key"), std::string::npos)
      << report.message;
}

TEST_F(KeyRotationTest, RemovingTheHandoverLineFails) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);
    ASSERT_TRUE(archive->RotateKey().has_value());  // handover 3
  }
  Rewrite([](StoredRecord& stored) {
    if (stored.sequence == 3) {
      auto head = ParseNote(stored.record.meta);
      ASSERT_TRUE(head.has_value());
      head->handover.reset();
      head->cosignatures.clear();
      stored.record.meta = head->Note();
    }
  });
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 3u);
  EXPECT_NE(report.message.find("record 3 (tree head): signed by a key outside"), std::string::npos)
      << report.message;
}

TEST_F(KeyRotationTest, AHandoverNamingAnOlderHeadFails) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);                      // head 2
    AddAndCommit(*archive, 1);                      // head 4
    ASSERT_TRUE(archive->RotateKey().has_value());  // handover 5 names head of 4 records
  }
  Rewrite([](StoredRecord& stored) {
    if (stored.sequence == 5) {
      auto head = ParseNote(stored.record.meta);
      ASSERT_TRUE(head.has_value());
      head->handover->size = 2;
      stored.record.meta = head->Note();
    }
  });
  const VerifyReport report = VerifyReadOnly();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, 5u);
}

TEST_F(KeyRotationTest, ARotationCutShortAfterItsHandoverIsFinishedByTheNextWriter) {
  std::string old_private;
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);
    old_private = Slurp(keys() / "private.pem");
    ASSERT_TRUE(archive->RotateKey().has_value());
  }
  // The files as a crash after the handover record, before the keys moved, leaves them.
  const std::string new_public = Slurp(keys() / "public.pem");
  fs::create_directories(keys() / "next");
  fs::rename(keys() / "private.pem", keys() / "next" / "private.pem");
  fs::rename(keys() / "public.pem", keys() / "next" / "public.pem");
  std::string old_public;
  for (const auto& entry : fs::directory_iterator(keys() / "retired")) {
    if (entry.path().extension() == ".pem") {
      old_public = Slurp(entry.path());
    }
  }
  fs::remove_all(keys() / "retired");
  Spit(keys() / "public.pem", old_public);
  Spit(keys() / "private.pem", old_private);

  const VerifyReport before = VerifyReadOnly();
  EXPECT_FALSE(before.ok);
  EXPECT_NE(before.message.find("rotate-key cut short"), std::string::npos) << before.message;
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    EXPECT_EQ(archive->public_pem(), new_public);
    AddAndCommit(*archive, 1);
  }
  EXPECT_FALSE(fs::exists(keys() / "next"));
  const VerifyReport after = VerifyReadOnly();
  EXPECT_TRUE(after.ok) << after.message;
}

TEST_F(KeyRotationTest, AStagedKeyThatNoHandoverNamesIsDiscarded) {
  const std::string first_key = Slurp(keys() / "public.pem");
  fs::create_directories(keys() / "next");
  ASSERT_TRUE(Signer::Generate(keys() / "next" / "private.pem", keys() / "next" / "public.pem")
                  .has_value());
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    EXPECT_EQ(archive->public_pem(), first_key);
    AddAndCommit(*archive, 1);
  }
  EXPECT_FALSE(fs::exists(keys() / "next"));
  const VerifyReport report = VerifyReadOnly();
  EXPECT_TRUE(report.ok) << report.message;
}

TEST_F(KeyRotationTest, ABundleOfARotatedArchiveCarriesTheKeyChain) {
  std::string first_key;
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    first_key = archive->public_pem();
    AddAndCommit(*archive, 2);
    ASSERT_TRUE(archive->RotateKey().has_value());
    AddAndCommit(*archive, 2);
    ASSERT_TRUE(archive->RotateKey().has_value());
    AddAndCommit(*archive, 1);
  }
  auto archive = OpenOrDie(dir_, Options{});
  ASSERT_NE(archive, nullptr);
  const fs::path out = tmp_ / "case.zip";
  auto written = WriteBundle(*archive, std::vector<uint64_t>{0, 5}, {"c", "q", out});
  ASSERT_TRUE(written.has_value()) << written.error().ToString();
  const BundleReport report = VerifyBundle(out);
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.key_fingerprint, KeyFingerprint(first_key));
  ASSERT_EQ(report.key_chain.size(), 3u);
  EXPECT_EQ(report.key_chain.back(), KeyFingerprint(archive->public_pem()));
}

TEST_F(KeyRotationTest, ABundleWhoseHandoverNoteIsNotCosignedFails) {
  {
    auto archive = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive, nullptr);
    AddAndCommit(*archive, 2);
    ASSERT_TRUE(archive->RotateKey().has_value());
    AddAndCommit(*archive, 1);
  }
  // A handover note in keys/retired whose cosignature is gone: the bundle carries it as is.
  for (const auto& entry : fs::directory_iterator(keys() / "retired")) {
    if (entry.path().string().ends_with(".handover.note")) {
      auto head = ParseNote(Slurp(entry.path()));
      ASSERT_TRUE(head.has_value());
      head->cosignatures.clear();
      Spit(entry.path(), head->Note());
    }
  }
  auto archive = OpenOrDie(dir_, Options{});
  ASSERT_NE(archive, nullptr);
  const fs::path out = tmp_ / "case.zip";
  ASSERT_TRUE(WriteBundle(*archive, std::vector<uint64_t>{0}, {"c", "q", out}).has_value());
  const BundleReport report = VerifyBundle(out);
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("handover.note: not cosigned by key"), std::string::npos)
      << report.message;
}

}  // namespace
}  // namespace holdfast::archive
