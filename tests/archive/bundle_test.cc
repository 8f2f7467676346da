#include "archive/bundle.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "archive/export_reader.h"
#include "archive/internal/libarchive_handles.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "archive/zip_writer.h"
#include "test_files.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
using holdfast::testing::TempDir;
namespace {

namespace fs = std::filesystem;
using Entries = std::vector<std::pair<std::string, std::string>>;

Entries ReadZip(const fs::path& zip) {
  Entries entries;
  auto reader = ExportReader::Open(zip);
  EXPECT_TRUE(reader.has_value()) << reader.error().ToString();
  while (reader.has_value()) {
    auto entry = (*reader)->Next();
    EXPECT_TRUE(entry.has_value()) << entry.error().ToString();
    if (!entry.has_value() || !entry->has_value()) {
      break;
    }
    entries.emplace_back((*entry)->path, (*reader)->ReadAll().value_or("<unreadable>"));
  }
  return entries;
}

void WriteZip(const fs::path& zip, const Entries& entries) {
  auto writer = ZipWriter::Create(zip);
  ASSERT_TRUE(writer.has_value()) << writer.error().ToString();
  for (const auto& [name, bytes] : entries) {
    ASSERT_TRUE((*writer)->Add(name, bytes).has_value()) << name;
  }
  ASSERT_TRUE((*writer)->Close().has_value());
}

std::string& Entry(Entries& entries, const std::string& name) {
  for (auto& [entry_name, bytes] : entries) {
    if (entry_name == name) {
      return bytes;
    }
  }
  ADD_FAILURE() << name << " is not in the bundle";
  static std::string none;
  return none;
}

class BundleTest : public ::testing::Test {
 protected:
  // Records 0-5 (posts), a review, head 7 (size 7), then record 8 after the head.
  void SetUp() override {
    ASSERT_TRUE(Archive::Create(dir_).has_value());
    archive_ = OpenOrDie(dir_, Writable(clock_));
    ASSERT_NE(archive_, nullptr);
    for (int i = 0; i < 6; ++i) {
      const std::string id = std::to_string(i);
      ASSERT_TRUE(archive_
                      ->Append(Post("post:" + id, R"({"channel":"general","n":)" + id + "}",
                                    R"({"text":"message )" + id + R"("})"))
                      .has_value());
    }
    ASSERT_TRUE(
        archive_->Append(Record{RecordType::kReview, "", R"({"flag":"f1"})", "{}"}).has_value());
    auto head = archive_->Commit();
    ASSERT_TRUE(head.has_value()) << head.error().ToString();
    head_ = *head;
    ASSERT_TRUE(archive_->Append(Post("post:late", "{}", "{}")).has_value());
  }

  fs::path WriteOrDie(std::vector<uint64_t> sequences) {
    const fs::path out = tmp_ / "bundle.zip";
    auto written = WriteBundle(*archive_, sequences, {"Case 7", "author:alice", out});
    EXPECT_TRUE(written.has_value()) << written.error().ToString();
    return out;
  }

  // Rewrites the bundle with `edit` applied to its entries, and verifies the result.
  BundleReport VerifyEdited(const std::function<void(Entries&)>& edit) {
    const fs::path original = WriteOrDie({0, 2, 6});
    Entries entries = ReadZip(original);
    edit(entries);
    const fs::path edited = tmp_ / "edited.zip";
    WriteZip(edited, entries);
    return VerifyBundle(edited);
  }

  TempDir tmp_;
  fs::path dir_ = tmp_ / "archive";
  TestClock clock_;
  std::unique_ptr<Archive> archive_;
  TreeHead head_;
};

TEST_F(BundleTest, BundleOfSelectedRecordsVerifiesOnItsOwn) {
  const fs::path zip = WriteOrDie({6, 0, 2, 2});
  const fs::path moved = tmp_ / "elsewhere.zip";
  fs::rename(zip, moved);
  archive_.reset();
  fs::remove_all(dir_);  // nothing but the bundle is needed

  const BundleReport report = VerifyBundle(moved);
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.items, 3u);
  EXPECT_EQ(report.case_name, "Case 7");
  EXPECT_EQ(report.tree_size, 7u);
  EXPECT_EQ(report.key_fingerprint.size(), 16u);
  EXPECT_EQ(report.message, "ok: 3 items proven against a signed head of 7 records");
}

TEST_F(BundleTest, BundleHoldsTheDocumentedFilesInOrder) {
  const Entries entries = ReadZip(WriteOrDie({2, 0}));
  std::vector<std::string> names;
  for (const auto& [name, bytes] : entries) {
    names.push_back(name);
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{
                "README.txt", "case.json", "items/0/meta.json", "items/0/content.json",
                "items/0/proof.json", "items/2/meta.json", "items/2/content.json",
                "items/2/proof.json", "head.note", "public.pem", "manifest.json", "manifest.sig"}));
}

TEST_F(BundleTest, ItemFilesCarryTheLoggedBytesAndAProofAgainstTheHead) {
  Entries entries = ReadZip(WriteOrDie({2}));
  const StoredRecord stored = archive_->Read(2).value();
  EXPECT_EQ(Entry(entries, "items/2/meta.json"), stored.record.meta);
  EXPECT_EQ(Entry(entries, "items/2/content.json"), stored.record.content);
  EXPECT_EQ(Entry(entries, "head.note"), head_.Note());
  EXPECT_EQ(Entry(entries, "public.pem"), archive_->public_pem());

  const auto proof = nlohmann::json::parse(Entry(entries, "items/2/proof.json"));
  EXPECT_EQ(proof["sequence"], 2);
  EXPECT_EQ(proof["leaf_index"], 2);
  EXPECT_EQ(proof["type"], "post");
  EXPECT_EQ(proof["key"], "post:2");
  EXPECT_EQ(proof["captured_at"], "2024-05-01T12:00:02.000000Z");
  EXPECT_EQ(proof["captured_at_us"], stored.captured_at_us);
  EXPECT_EQ(proof["content_digest"], ToHex(stored.content_digest));
  EXPECT_EQ(proof["leaf_hash"], ToHex(stored.leaf_hash));
  EXPECT_EQ(proof["tree_size"], 7);
  std::vector<std::string> path;
  const std::vector<Hash> audit_path = archive_->InclusionProof(2, 7).value();
  for (const Hash& hash : audit_path) {
    path.push_back(ToHex(hash));
  }
  EXPECT_EQ(proof["path"].get<std::vector<std::string>>(), path);

  const auto manifest = nlohmann::json::parse(Entry(entries, "manifest.json"));
  EXPECT_EQ(manifest["files"].size(), entries.size() - 2);
  EXPECT_EQ(manifest["files"]["items/2/content.json"], ToHex(Sha256(stored.record.content)));
  EXPECT_TRUE(VerifySignature(archive_->public_pem(), Entry(entries, "manifest.json"),
                              Entry(entries, "manifest.sig")));
  const auto case_json = nlohmann::json::parse(Entry(entries, "case.json"));
  EXPECT_EQ(case_json["case_name"], "Case 7");
  EXPECT_EQ(case_json["query"], "author:alice");
  EXPECT_EQ(case_json["origin"], archive_->origin());
  EXPECT_EQ(case_json["items"], 1);
  EXPECT_NE(Entry(entries, "README.txt").find("fingerprint of public.pem"), std::string::npos);
}

TEST_F(BundleTest, ChangedByteOfOneItemsContentFailsNamingThatFile) {
  const BundleReport report =
      VerifyEdited([](Entries& entries) { Entry(entries, "items/2/content.json")[3] ^= 0x01; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message, "items/2/content.json: content digest does not match the proof");
}

TEST_F(BundleTest, ChangedMetaFailsNamingThatFile) {
  const BundleReport report = VerifyEdited(
      [](Entries& entries) { Entry(entries, "items/6/meta.json") = R"({"flag":"f2"})"; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message,
            "items/6/meta.json: the record (meta.json and proof.json) does not hash to leaf_hash");
}

TEST_F(BundleTest, ChangedManifestFailsItsSignature) {
  const BundleReport report =
      VerifyEdited([](Entries& entries) { Entry(entries, "manifest.json") += " "; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message,
            "manifest.sig: the signature of manifest.json does not verify under public.pem");
}

TEST_F(BundleTest, ChangedReadmeFailsTheManifest) {
  const BundleReport report =
      VerifyEdited([](Entries& entries) { Entry(entries, "README.txt") += "Trust me.\n"; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message, "README.txt: SHA-256 does not match manifest.json");
}

TEST_F(BundleTest, AddedOrRemovedFilesFailNamingThem) {
  const BundleReport added =
      VerifyEdited([](Entries& entries) { entries.emplace_back("notes.txt", "unlisted"); });
  EXPECT_FALSE(added.ok);
  EXPECT_EQ(added.message, "notes.txt: not listed in manifest.json");

  const BundleReport removed = VerifyEdited([](Entries& entries) {
    std::erase_if(entries, [](const auto& entry) { return entry.first == "items/0/content.json"; });
  });
  EXPECT_FALSE(removed.ok);
  EXPECT_EQ(removed.message, "items/0/content.json: missing from the bundle");
}

TEST_F(BundleTest, HeadFromAnotherKeyFails) {
  TempDir other;
  ASSERT_TRUE(Archive::Create(other / "a").has_value());
  auto foreign = OpenOrDie(other / "a", Writable(clock_));
  ASSERT_NE(foreign, nullptr);
  const std::string note = foreign->Commit().value().Note();
  const BundleReport report =
      VerifyEdited([&](Entries& entries) { Entry(entries, "head.note") = note; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message, "head.note: the signature does not verify under public.pem");
}

TEST_F(BundleTest, EntryThatWouldLeaveTheBundleIsRefused) {
  const fs::path zip = WriteOrDie({0});
  Entries entries = ReadZip(zip);
  // ZipWriter refuses such names, so the hostile zip is written with libarchive's raw API.
  entries.emplace_back("../evil.txt", "evil");
  const fs::path hostile = tmp_ / "hostile.zip";
  internal::ArchiveWriter raw(archive_write_new());
  ASSERT_EQ(archive_write_set_format_zip(raw.get()), ARCHIVE_OK);
  ASSERT_EQ(archive_write_open_filename(raw.get(), hostile.c_str()), ARCHIVE_OK);
  for (const auto& [name, bytes] : entries) {
    internal::ArchiveEntry entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
    ASSERT_EQ(archive_write_header(raw.get(), entry.get()), ARCHIVE_OK);
    ASSERT_EQ(archive_write_data(raw.get(), bytes.data(), bytes.size()),
              static_cast<la_ssize_t>(bytes.size()));
  }
  ASSERT_EQ(archive_write_close(raw.get()), ARCHIVE_OK);
  const BundleReport report = VerifyBundle(hostile);
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("\"../evil.txt\" refused"), std::string::npos) << report.message;
}

TEST_F(BundleTest, WriteRefusesARecordTheLatestHeadDoesNotCover) {
  const fs::path out = tmp_ / "late.zip";
  auto written = WriteBundle(*archive_, std::vector<uint64_t>{1, 8}, {"c", "q", out});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().sequence, 8u);
  EXPECT_EQ(written.error().message,
            "not covered by the latest signed head (7 records); commit before exporting it");
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(BundleTest, WriteRefusesAnArchiveThatWasNeverCommitted) {
  TempDir fresh;
  ASSERT_TRUE(Archive::Create(fresh / "a").has_value());
  auto archive = OpenOrDie(fresh / "a", Options{});
  ASSERT_NE(archive, nullptr);
  auto written = WriteBundle(*archive, {}, {"c", "q", fresh / "b.zip"});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().message, "no signed head yet: nothing was committed");
}

TEST_F(BundleTest, VerifyReportsAFileThatIsNoZip) {
  Spit(tmp_ / "not.zip", "plain text, not a zip");
  const BundleReport report = VerifyBundle(tmp_ / "not.zip");
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("cannot open as an archive"), std::string::npos) << report.message;
}

}  // namespace
}  // namespace holdfast::archive
