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
  EXPECT_EQ(report.posts, 2u);
  EXPECT_EQ(report.case_name, "Case 7");
  EXPECT_EQ(report.tree_size, 7u);
  EXPECT_EQ(report.key_fingerprint.size(), 16u);
  EXPECT_EQ(report.message, "ok: 3 items (2 posts) proven against a signed head of 7 records");
}

TEST_F(BundleTest, BundleHoldsTheDocumentedFilesInOrder) {
  const Entries entries = ReadZip(WriteOrDie({2, 0}));
  std::vector<std::string> names;
  for (const auto& [name, bytes] : entries) {
    names.push_back(name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{
                       "native/0/meta.json", "native/0/content.json", "proof/items/0.json",
                       "native/2/meta.json", "native/2/content.json", "proof/items/2.json",
                       "proof/head.note", "proof/public.pem", "CHAIN-OF-CUSTODY.txt", "VERIFY.md",
                       "verify_bundle.py", "manifest.json", "manifest.sig"}));
}

TEST_F(BundleTest, ItemFilesCarryTheLoggedBytesAndAProofAgainstTheHead) {
  Entries entries = ReadZip(WriteOrDie({2}));
  const StoredRecord stored = archive_->Read(2).value();
  EXPECT_EQ(Entry(entries, "native/2/meta.json"), stored.record.meta);
  EXPECT_EQ(Entry(entries, "native/2/content.json"), stored.record.content);
  EXPECT_EQ(Entry(entries, "proof/head.note"), head_.Note());
  EXPECT_EQ(Entry(entries, "proof/public.pem"), archive_->public_pem());

  const auto proof = nlohmann::json::parse(Entry(entries, "proof/items/2.json"));
  EXPECT_EQ(proof["sequence"], 2);
  EXPECT_EQ(proof["leaf_index"], 2);
  EXPECT_EQ(proof["type"], "post");
  EXPECT_EQ(proof["key"], "post:2");
  EXPECT_EQ(proof["captured_at"], "2024-05-01T12:00:02.000000Z");
  EXPECT_EQ(proof["captured_at_us"], stored.captured_at_us);
  EXPECT_EQ(proof["content_digest"], ToHex(stored.content_digest));
  EXPECT_EQ(proof["leaf_hash"], ToHex(stored.leaf_hash));
  EXPECT_EQ(proof["tree_size"], 7);
  EXPECT_EQ(proof["first_head"], 7);  // no earlier head held it
  std::vector<std::string> path;
  const std::vector<Hash> audit_path = archive_->InclusionProof(2, 7).value();
  for (const Hash& hash : audit_path) {
    path.push_back(ToHex(hash));
  }
  EXPECT_EQ(proof["path"].get<std::vector<std::string>>(), path);

  const auto manifest = nlohmann::json::parse(Entry(entries, "manifest.json"));
  EXPECT_EQ(manifest["format"], "holdfast-bundle/2");
  EXPECT_EQ(manifest["files"].size(), entries.size() - 2);
  EXPECT_EQ(manifest["files"]["native/2/content.json"]["sha256"],
            ToHex(Sha256(stored.record.content)));
  EXPECT_EQ(manifest["files"]["native/2/content.json"]["size"], stored.record.content.size());
  EXPECT_TRUE(VerifySignature(archive_->public_pem(), Entry(entries, "manifest.json"),
                              Entry(entries, "manifest.sig")));
  EXPECT_EQ(manifest["case"], "Case 7");
  EXPECT_EQ(manifest["query"], "author:alice");
  EXPECT_EQ(manifest["archive"]["origin"], archive_->origin());
  EXPECT_EQ(manifest["head"]["tree_size"], 7);
  EXPECT_EQ(manifest["head"]["root"], ToHex(head_.root));
  EXPECT_EQ(manifest["head"]["timestamp"], "2024-05-01T12:00:07.000000Z");
  EXPECT_EQ(manifest["counts"]["items"], 1);
  const std::string custody = Entry(entries, "CHAIN-OF-CUSTODY.txt");
  EXPECT_NE(custody.find("Case 7"), std::string::npos);
  EXPECT_NE(custody.find(ToHex(head_.root)), std::string::npos);
}

TEST_F(BundleTest, ChangedByteOfOneItemsContentFailsNamingThatItem) {
  const BundleReport report =
      VerifyEdited([](Entries& entries) { Entry(entries, "native/2/content.json")[3] ^= 0x01; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message,
            "item 2: native/2/content.json does not match the content digest in "
            "proof/items/2.json: the content is not what the archive captured");
}

TEST_F(BundleTest, ChangedMetaFailsNamingThatItem) {
  const BundleReport report = VerifyEdited(
      [](Entries& entries) { Entry(entries, "native/6/meta.json") = R"({"flag":"f2"})"; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message,
            "item 6: native/6/meta.json with proof/items/6.json does not hash to leaf_hash: the "
            "record is not what the archive logged");
}

TEST_F(BundleTest, ChangedManifestFailsItsSignature) {
  const BundleReport report =
      VerifyEdited([](Entries& entries) { Entry(entries, "manifest.json") += " "; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message,
            "manifest.sig: the signature of manifest.json does not verify under proof/public.pem");
}

TEST_F(BundleTest, ChangedCustodyTextFailsTheManifest) {
  const BundleReport report = VerifyEdited(
      [](Entries& entries) { Entry(entries, "CHAIN-OF-CUSTODY.txt") += "Trust me.\n"; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message, "CHAIN-OF-CUSTODY.txt: SHA-256 does not match manifest.json");
}

TEST_F(BundleTest, AddedOrRemovedFilesFailNamingThem) {
  const BundleReport added =
      VerifyEdited([](Entries& entries) { entries.emplace_back("notes.txt", "unlisted"); });
  EXPECT_FALSE(added.ok);
  EXPECT_EQ(added.message, "notes.txt: not listed in manifest.json");

  const BundleReport removed = VerifyEdited([](Entries& entries) {
    std::erase_if(entries,
                  [](const auto& entry) { return entry.first == "native/0/content.json"; });
  });
  EXPECT_FALSE(removed.ok);
  EXPECT_EQ(removed.message, "item 0: native/0/content.json is missing from the bundle");
}

TEST_F(BundleTest, HeadFromAnotherKeyFails) {
  TempDir other;
  ASSERT_TRUE(Archive::Create(other / "a").has_value());
  auto foreign = OpenOrDie(other / "a", Writable(clock_));
  ASSERT_NE(foreign, nullptr);
  const std::string note = foreign->Commit().value().Note();
  const BundleReport report =
      VerifyEdited([&](Entries& entries) { Entry(entries, "proof/head.note") = note; });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message,
            "proof/head.note: the signature does not verify under the archive's keys");
}

TEST_F(BundleTest, ItemsNameTheEarliestHeadThatHeldThemWithItsConsistencyProof) {
  ASSERT_TRUE(archive_->Commit().has_value());  // head of 9: post:late (8) and head record 7
  Entries entries = ReadZip(WriteOrDie({2, 8}));
  EXPECT_EQ(nlohmann::json::parse(Entry(entries, "proof/items/2.json"))["first_head"], 7);
  EXPECT_EQ(nlohmann::json::parse(Entry(entries, "proof/items/8.json"))["first_head"], 9);
  EXPECT_EQ(Entry(entries, "proof/heads/7.note"), head_.Note());
  const auto consistency = nlohmann::json::parse(Entry(entries, "proof/consistency/7.json"));
  EXPECT_EQ(consistency["old_size"], 7);
  EXPECT_EQ(consistency["new_size"], 9);
  const BundleReport report = VerifyBundle(tmp_ / "bundle.zip");
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.earlier_heads, 1u);

  Entries forged = entries;
  auto proof = nlohmann::json::parse(Entry(forged, "proof/consistency/7.json"));
  proof["path"][0] = ToHex(Hash{});
  Entry(forged, "proof/consistency/7.json") = proof.dump(2) + "\n";
  WriteZip(tmp_ / "forged.zip", forged);
  EXPECT_EQ(VerifyBundle(tmp_ / "forged.zip").message,
            "proof/consistency/7.json: the head of 7 records is not a prefix of the export head");
}

TEST_F(BundleTest, AnEarlierHeadGivesTheSameBytesHoweverTheArchiveGrew) {
  ASSERT_TRUE(archive_->Commit().has_value());
  BundleRequest request{"Case 7", "author:alice", tmp_ / "first.zip", 7};
  ASSERT_TRUE(WriteBundle(*archive_, std::vector<uint64_t>{0, 2, 6}, request).has_value());
  ASSERT_TRUE(archive_->Append(Post("post:later", "{}", "{}")).has_value());
  ASSERT_TRUE(archive_->Commit().has_value());
  request.out = tmp_ / "second.zip";
  ASSERT_TRUE(WriteBundle(*archive_, std::vector<uint64_t>{0, 2, 6}, request).has_value());
  EXPECT_EQ(Slurp(tmp_ / "first.zip"), Slurp(tmp_ / "second.zip"));
  const BundleReport report = VerifyBundle(tmp_ / "second.zip");
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.tree_size, 7u);

  request.out = tmp_ / "late.zip";
  auto late = WriteBundle(*archive_, std::vector<uint64_t>{8}, request);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().message,
            "not covered by the export head (7 records); commit before exporting it");
}

TEST_F(BundleTest, AHeadTheArchiveNeverSignedIsRefusedNamingTheNearest) {
  ASSERT_TRUE(archive_->Commit().has_value());  // heads of 7 and 9
  auto written = WriteBundle(*archive_, std::vector<uint64_t>{0}, {"c", "q", tmp_ / "b.zip", 8});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().message,
            "the archive signed no head of 8 records; the nearest before is 7; the nearest "
            "after is 9");
  written = WriteBundle(*archive_, std::vector<uint64_t>{0}, {"c", "q", tmp_ / "b.zip", 99});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().message, "no head of 99 records: the latest signed head has 9");
}

TEST_F(BundleTest, CountsThatDisagreeWithTheItemsFail) {
  const fs::path out = tmp_ / "counts.zip";
  auto writer = BundleWriter::Create(*archive_, std::nullopt, out);
  ASSERT_TRUE(writer.has_value()) << writer.error().ToString();
  ASSERT_TRUE((*writer)->AddRecord(archive_->Read(1).value()).has_value());
  ASSERT_TRUE((*writer)->AddRecord(archive_->Read(6).value()).has_value());
  const BundleFields fields{"c", "query", "q", "q", "me", {"native"}, {{"items", 2}, {"posts", 2}}};
  ASSERT_TRUE((*writer)->Finish(fields).has_value());
  const BundleReport report = VerifyBundle(out);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.message, "manifest.json: counts.posts says 2, the bundle holds 1");
}

// A bundle as the first format wrote it (items/, head.note, public.pem, keys/, case.json and
// README.txt; manifest.json {"files": {name: sha256}}, signed), made from a present one.
Entries FirstFormatOf(const Entries& present, const fs::path& archive_dir, size_t items) {
  Entries old;
  nlohmann::ordered_json files = nlohmann::ordered_json::object();
  auto add = [&](const std::string& name, std::string bytes) {
    files[name] = ToHex(Sha256(bytes));
    old.emplace_back(name, std::move(bytes));
  };
  add("README.txt", "Holdfast evidence bundle\n");
  add("case.json", nlohmann::json({{"case_name", "Case 7"}, {"items", items}}).dump(2) + "\n");
  for (const auto& [name, bytes] : present) {
    if (name.starts_with("native/")) {
      add("items/" + name.substr(7), bytes);
    } else if (name.starts_with("proof/items/")) {
      auto proof = nlohmann::ordered_json::parse(bytes);
      proof.erase("first_head");
      const std::string sequence = name.substr(12, name.size() - 12 - 5);
      add("items/" + sequence + "/proof.json", proof.dump(2) + "\n");
    } else if (name.starts_with("proof/")) {
      add(name.substr(6), bytes);
    }
  }
  const std::string manifest = nlohmann::ordered_json({{"files", files}}).dump(2) + "\n";
  old.emplace_back("manifest.json", manifest);
  old.emplace_back(
      "manifest.sig",
      Signer::Load(archive_dir / "keys" / "private.pem").value().Sign(manifest).value());
  return old;
}

TEST_F(BundleTest, ABundleOfTheFirstFormatStillVerifies) {
  const Entries old = FirstFormatOf(ReadZip(WriteOrDie({6, 0, 2})), dir_, 3);
  ASSERT_EQ(old.front().first, "README.txt");
  WriteZip(tmp_ / "old.zip", old);
  const BundleReport report = VerifyBundle(tmp_ / "old.zip");
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.items, 3u);
  EXPECT_EQ(report.posts, 2u);
  EXPECT_EQ(report.case_name, "Case 7");
  EXPECT_EQ(report.tree_size, 7u);

  Entries changed = old;
  Entry(changed, "items/2/content.json")[3] ^= 0x01;
  WriteZip(tmp_ / "changed.zip", changed);
  EXPECT_EQ(VerifyBundle(tmp_ / "changed.zip").message,
            "items/2/content.json: SHA-256 does not match manifest.json");

  Entries unsigned_copy = old;
  Entry(unsigned_copy, "manifest.json") += " ";
  WriteZip(tmp_ / "unsigned.zip", unsigned_copy);
  EXPECT_EQ(VerifyBundle(tmp_ / "unsigned.zip").message,
            "manifest.sig: the signature of manifest.json does not verify under public.pem");

  Entries extra = old;
  extra.emplace_back("items/9/meta.json", "{}");
  WriteZip(tmp_ / "extra.zip", extra);
  EXPECT_EQ(VerifyBundle(tmp_ / "extra.zip").message,
            "items/9/meta.json: not listed in manifest.json, or no file of a first-format bundle");
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
            "not covered by the export head (7 records); commit before exporting it");
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
