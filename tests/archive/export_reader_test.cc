#include "archive/export_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archive/internal/libarchive_handles.h"
#include "archive/zip_writer.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;

using Files = std::vector<std::pair<std::string, std::string>>;

void WriteFile(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

// ZipWriter refuses hostile names by contract, so hostile zips are built with libarchive
// directly. A name ending in '/' becomes a directory entry.
void WriteRawZip(const fs::path& zip, const Files& entries) {
  internal::ArchiveWriter writer(archive_write_new());
  ASSERT_EQ(archive_write_set_format_zip(writer.get()), ARCHIVE_OK);
  ASSERT_EQ(archive_write_open_filename(writer.get(), zip.c_str()), ARCHIVE_OK);
  for (const auto& [name, bytes] : entries) {
    internal::ArchiveEntry entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), name.c_str());
    const bool dir = name.back() == '/';
    archive_entry_set_filetype(entry.get(), dir ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry.get(), dir ? 0755 : 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
    ASSERT_EQ(archive_write_header(writer.get(), entry.get()), ARCHIVE_OK) << name;
    ASSERT_EQ(archive_write_data(writer.get(), bytes.data(), bytes.size()),
              static_cast<la_ssize_t>(bytes.size()));
  }
  ASSERT_EQ(archive_write_close(writer.get()), ARCHIVE_OK);
}

void WriteZip(const fs::path& zip, const Files& entries) {
  auto writer = ZipWriter::Create(zip);
  ASSERT_TRUE(writer.has_value()) << writer.error().message;
  for (const auto& [name, bytes] : entries) {
    ASSERT_TRUE((*writer)->Add(name, bytes).has_value()) << name;
  }
  ASSERT_TRUE((*writer)->Close().has_value());
}

std::string Pseudorandom(size_t n, uint32_t seed) {
  std::string out(n, '\0');
  for (char& c : out) {
    seed = seed * 1664525u + 1013904223u;
    c = static_cast<char>(seed >> 24);
  }
  return out;
}

class ExportReaderTest : public ::testing::Test {
 protected:
  std::unique_ptr<ExportReader> OpenOrDie(const fs::path& path, ReaderLimits limits = {}) {
    auto reader = ExportReader::Open(path, limits);
    EXPECT_TRUE(reader.has_value()) << reader.error().message;
    return reader.has_value() ? std::move(*reader) : nullptr;
  }

  // Every entry with its content, in walk order; stops at the first error.
  Files ReadEverything(ExportReader& reader) {
    Files out;
    while (true) {
      auto entry = reader.Next();
      EXPECT_TRUE(entry.has_value()) << entry.error().path << ": " << entry.error().message;
      if (!entry.has_value() || !entry->has_value()) {
        return out;
      }
      auto bytes = reader.ReadAll();
      EXPECT_TRUE(bytes.has_value()) << bytes.error().message;
      out.emplace_back((*entry)->path, bytes.value_or(""));
    }
  }

  holdfast::testing::TempDir tmp_;
  const fs::path dir_ = tmp_.path();
};

TEST_F(ExportReaderTest, WalksAFolderInPathOrderSkippingSymlinksAndFolders) {
  const fs::path root = dir_ / "export";
  WriteFile(root / "users.json", "[]");
  WriteFile(root / "general" / "2024-01-02.json", "second");
  WriteFile(root / "general" / "2024-01-01.json", "first");
  WriteFile(root / "random" / "deep" / "x.json", "deep");
  fs::create_directories(root / "empty");
  WriteFile(dir_ / "outside.txt", "secret");
  fs::create_symlink(dir_ / "outside.txt", root / "link.json");
  fs::create_directory_symlink(dir_, root / "loop");

  auto reader = OpenOrDie(root);
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->is_folder());
  EXPECT_EQ(reader->bytes_total(), 2u + 6u + 5u + 4u);
  EXPECT_EQ(reader->bytes_done(), 0u);
  EXPECT_EQ(ReadEverything(*reader), (Files{{"general/2024-01-01.json", "first"},
                                            {"general/2024-01-02.json", "second"},
                                            {"random/deep/x.json", "deep"},
                                            {"users.json", "[]"}}));
  EXPECT_TRUE(reader->done());
  EXPECT_EQ(reader->bytes_done(), reader->bytes_total());
}

TEST_F(ExportReaderTest, CountsFolderProgressByFilesFinished) {
  const fs::path root = dir_ / "export";
  WriteFile(root / "a.json", std::string(100, 'a'));
  WriteFile(root / "b.json", std::string(50, 'b'));
  auto reader = OpenOrDie(root);
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->Next().has_value());
  EXPECT_EQ(reader->bytes_done(), 0u);
  ASSERT_TRUE(reader->ReadAll().has_value());
  EXPECT_EQ(reader->bytes_done(), 100u);
  ASSERT_TRUE(reader->Next().has_value());  // b.json, passed by without reading
  ASSERT_TRUE(reader->Next().has_value());
  EXPECT_EQ(reader->bytes_done(), 150u);
}

TEST_F(ExportReaderTest, ReadsBackWhatZipWriterWroteByteExact) {
  const fs::path zip = dir_ / "export.zip";
  const Files files = {{"channels.json", R"([{"name":"general"}])"},
                       {"general/2024-01-01.json", Pseudorandom(300000, 1)},
                       {"general/empty.json", ""}};
  WriteZip(zip, files);
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  EXPECT_FALSE(reader->is_folder());
  EXPECT_EQ(reader->bytes_total(), fs::file_size(zip));
  EXPECT_EQ(ReadEverything(*reader), files);
  EXPECT_TRUE(reader->done());
  EXPECT_EQ(reader->bytes_done(), reader->bytes_total());
}

// verify-bundle keeps every entry of a bundle in memory: an entry of a few bytes must not hold
// a whole read block (a 100,000-post bundle took 24 GB when each did).
TEST_F(ExportReaderTest, ReadAllOfASmallZipEntryHoldsLittleMoreThanItsBytes) {
  const fs::path zip = dir_ / "small.zip";
  WriteZip(zip, {{"a.json", R"({"flag":"f1"})"}, {"b.json", Pseudorandom(100000, 2)}});
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  for (size_t expected : {size_t{13}, size_t{100000}}) {
    auto entry = reader->Next();
    ASSERT_TRUE(entry.has_value() && entry->has_value());
    auto bytes = reader->ReadAll();
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(bytes->size(), expected);
    EXPECT_LE(bytes->capacity(), expected + 16384) << (*entry)->path;
  }
}

TEST_F(ExportReaderTest, ReportsZipProgressAsCompressedBytesConsumed) {
  const fs::path zip = dir_ / "export.zip";
  WriteZip(zip, {{"a.bin", Pseudorandom(400000, 2)}, {"b.bin", Pseudorandom(400000, 3)}});
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->Next().has_value());
  ASSERT_TRUE(reader->ReadAll().has_value());
  const uint64_t after_first = reader->bytes_done();
  EXPECT_GT(after_first, 0u);
  EXPECT_LT(after_first, reader->bytes_total());
  ASSERT_TRUE(reader->Next().has_value());
  ASSERT_TRUE(reader->ReadAll().has_value());
  EXPECT_GE(reader->bytes_done(), after_first);
}

TEST_F(ExportReaderTest, RefusesEntriesThatLeaveTheExportAndGoesOnWithTheNext) {
  const fs::path zip = dir_ / "hostile.zip";
  WriteRawZip(zip, {{"../evil.txt", "evil"},
                    {"good1.txt", "one"},
                    {"/etc/passwd", "root:x:0:0"},
                    {"a/../../escape.txt", "escape"},
                    {"good2.txt", "two"}});
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);

  auto expect_refused = [&](const std::string& name, const std::string& reason) {
    auto entry = reader->Next();
    ASSERT_FALSE(entry.has_value()) << "accepted " << name;
    EXPECT_EQ(entry.error().path, zip.string() + "!" + name);
    EXPECT_NE(entry.error().message.find("\"" + name + "\" refused"), std::string::npos)
        << entry.error().message;
    EXPECT_NE(entry.error().message.find(reason), std::string::npos) << entry.error().message;
    EXPECT_FALSE(reader->done());
  };
  auto expect_good = [&](const std::string& name, const std::string& bytes) {
    auto entry = reader->Next();
    ASSERT_TRUE(entry.has_value()) << entry.error().message;
    ASSERT_TRUE(entry->has_value());
    EXPECT_EQ((*entry)->path, name);
    EXPECT_EQ(reader->ReadAll().value_or("<error>"), bytes);
  };
  expect_refused("../evil.txt", "\"..\" component");
  expect_good("good1.txt", "one");
  expect_refused("/etc/passwd", "absolute path");
  expect_refused("a/../../escape.txt", "\"..\" component");
  expect_good("good2.txt", "two");
  auto end = reader->Next();
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(end->has_value());
}

TEST_F(ExportReaderTest, SkipsDirectoryEntriesAndCanonicalisesNames) {
  const fs::path zip = dir_ / "dirs.zip";
  WriteRawZip(zip, {{"general/", ""}, {"./general//a.json", "a"}, {"general/sub/", ""}});
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ReadEverything(*reader), (Files{{"general/a.json", "a"}}));
}

TEST_F(ExportReaderTest, StopsAZipBombAtMaxRatio) {
  const fs::path zip = dir_ / "bomb.zip";
  WriteZip(zip, {{"zeros.bin", std::string(size_t{50} << 20, '\0')}, {"after.txt", "x"}});
  ASSERT_LT(fs::file_size(zip), uint64_t{200} << 10);
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  auto entry = reader->Next();
  ASSERT_TRUE(entry.has_value() && entry->has_value());
  auto bytes = reader->ReadAll();
  ASSERT_FALSE(bytes.has_value());
  EXPECT_EQ(bytes.error().path, zip.string() + "!zeros.bin");
  EXPECT_NE(bytes.error().message.find("expands to more than 250 times"), std::string::npos)
      << bytes.error().message;
  EXPECT_NE(bytes.error().message.find("zip bomb"), std::string::npos);
  EXPECT_TRUE(reader->done());
  auto next = reader->Next();
  ASSERT_TRUE(next.has_value());
  EXPECT_FALSE(next->has_value());
}

TEST_F(ExportReaderTest, RefusesAnEntryWhoseDeclaredSizeExceedsMaxEntryBytes) {
  const fs::path zip = dir_ / "big.zip";
  WriteZip(zip, {{"small.txt", "ok"}, {"big.txt", std::string(1000, 'b')}});
  auto reader = OpenOrDie(zip, ReaderLimits{.max_entry_bytes = 100, .max_ratio = 250.0});
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->Next().has_value());
  auto entry = reader->Next();
  ASSERT_FALSE(entry.has_value());
  EXPECT_EQ(entry.error().path, zip.string() + "!big.txt");
  EXPECT_NE(entry.error().message.find("more than the limit of 100 bytes (1000)"),
            std::string::npos)
      << entry.error().message;
  EXPECT_TRUE(reader->done());
}

TEST_F(ExportReaderTest, EnforcesMaxEntryBytesOnTheBytesActuallyRead) {
  // The file grows after the walk listed it, so only the bytes read can catch it.
  const fs::path root = dir_ / "export";
  WriteFile(root / "growing.json", "tiny");
  auto reader = OpenOrDie(root, ReaderLimits{.max_entry_bytes = 1000, .max_ratio = 250.0});
  ASSERT_NE(reader, nullptr);
  WriteFile(root / "growing.json", std::string(200000, 'g'));
  auto entry = reader->Next();
  ASSERT_TRUE(entry.has_value() && entry->has_value());
  EXPECT_EQ((*entry)->size, 4u);
  auto bytes = reader->ReadAll();
  ASSERT_FALSE(bytes.has_value());
  EXPECT_EQ(bytes.error().path, (root / "growing.json").string());
  EXPECT_NE(bytes.error().message.find("more than the limit of 1000 bytes"), std::string::npos)
      << bytes.error().message;
  EXPECT_TRUE(reader->done());
}

TEST_F(ExportReaderTest, ReportsATruncatedZipAsAnError) {
  const fs::path zip = dir_ / "truncated.zip";
  WriteZip(zip, {{"a.bin", Pseudorandom(200000, 4)}, {"b.bin", Pseudorandom(200000, 5)}});
  fs::resize_file(zip, fs::file_size(zip) / 3);
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  std::optional<Error> error;
  for (int step = 0; step < 10 && !error.has_value(); ++step) {
    auto entry = reader->Next();
    if (!entry.has_value()) {
      error = entry.error();
    } else if (!entry->has_value()) {
      break;
    } else if (auto bytes = reader->ReadAll(); !bytes.has_value()) {
      error = bytes.error();
    }
  }
  ASSERT_TRUE(error.has_value()) << "a truncated zip read without complaint";
  EXPECT_EQ(error->path, zip.string() + "!a.bin");
  EXPECT_NE(error->message.find("cannot read entry \"a.bin\""), std::string::npos)
      << error->message;
  EXPECT_TRUE(reader->done());
}

TEST_F(ExportReaderTest, ReportsCorruptEntryDataAsAnErrorNamingTheEntry) {
  const fs::path zip = dir_ / "corrupt.zip";
  WriteZip(zip, {{"a.txt", std::string(100000, 'a') + Pseudorandom(1000, 7)}, {"b.txt", "b"}});
  {
    std::fstream file(zip, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(100);
    file << Pseudorandom(300, 8);
  }
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  auto entry = reader->Next();
  ASSERT_TRUE(entry.has_value() && entry->has_value()) << entry.error().message;
  auto bytes = reader->ReadAll();
  ASSERT_FALSE(bytes.has_value()) << "corrupt data read without complaint";
  EXPECT_EQ(bytes.error().path, zip.string() + "!a.txt");
  EXPECT_NE(bytes.error().message.find("cannot read entry \"a.txt\""), std::string::npos)
      << bytes.error().message;
  EXPECT_TRUE(reader->done());
}

TEST_F(ExportReaderTest, RefusesToOpenAFileThatIsNoArchive) {
  const fs::path file = dir_ / "garbage.zip";
  WriteFile(file, Pseudorandom(5000, 6));
  auto reader = ExportReader::Open(file);
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().path, file.string());
  EXPECT_NE(reader.error().message.find("cannot open as an archive"), std::string::npos)
      << reader.error().message;
}

TEST_F(ExportReaderTest, RefusesToOpenAPathThatDoesNotExist) {
  auto reader = ExportReader::Open(dir_ / "missing.zip");
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().message, "no such file or folder");
}

TEST_F(ExportReaderTest, ReadAllWithoutACurrentEntryIsAnError) {
  const fs::path root = dir_ / "export";
  WriteFile(root / "a.json", "a");
  auto reader = OpenOrDie(root);
  ASSERT_NE(reader, nullptr);
  auto before = reader->ReadAll();
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().message, "ReadAll without an unread current entry");
  ASSERT_TRUE(reader->Next().has_value());
  ASSERT_TRUE(reader->ReadAll().has_value());
  EXPECT_FALSE(reader->ReadAll().has_value());
}

// Read hands out an entry in pieces, for entries too large to hold, under the same limits.
std::string ReadInPieces(ExportReader& reader, size_t piece, std::optional<Error>& error) {
  std::string out;
  std::vector<char> buffer(piece);
  while (true) {
    auto got = reader.Read(buffer.data(), buffer.size());
    if (!got.has_value()) {
      error = got.error();
      return out;
    }
    if (*got == 0) {
      return out;
    }
    out.append(buffer.data(), *got);
  }
}

TEST_F(ExportReaderTest, ReadStreamsEachEntryOfAZipAndAFolderInPieces) {
  const std::string big = Pseudorandom(300000, 7);
  const fs::path zip = dir_ / "stream.zip";
  WriteZip(zip, {{"a.jsonl", big}, {"b.txt", "short"}});
  const fs::path root = dir_ / "folder";
  WriteFile(root / "a.jsonl", big);
  WriteFile(root / "b.txt", "short");
  for (const fs::path& path : {zip, root}) {
    auto reader = OpenOrDie(path);
    ASSERT_NE(reader, nullptr);
    for (const std::string& expected : {big, std::string("short")}) {
      auto entry = reader->Next();
      ASSERT_TRUE(entry.has_value() && entry->has_value()) << path;
      std::optional<Error> error;
      EXPECT_EQ(ReadInPieces(*reader, 4096, error), expected) << path;
      EXPECT_FALSE(error.has_value()) << error->message;
      char byte = 0;
      auto again = reader->Read(&byte, 1);  // stays at the end
      ASSERT_TRUE(again.has_value());
      EXPECT_EQ(*again, 0u);
    }
    auto end = reader->Next();
    ASSERT_TRUE(end.has_value());
    EXPECT_FALSE(end->has_value());
  }
}

TEST_F(ExportReaderTest, ReadStopsAZipBombAtMaxRatio) {
  const fs::path zip = dir_ / "bomb.zip";
  WriteZip(zip, {{"zeros.jsonl", std::string(size_t{50} << 20, '\0')}});
  auto reader = OpenOrDie(zip);
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->Next().has_value());
  std::optional<Error> error;
  const std::string got = ReadInPieces(*reader, size_t{64} << 10, error);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->path, zip.string() + "!zeros.jsonl");
  EXPECT_NE(error->message.find("zip bomb"), std::string::npos) << error->message;
  EXPECT_LE(got.size(), 250 * fs::file_size(zip));
  EXPECT_TRUE(reader->done());
}

}  // namespace
}  // namespace holdfast::archive
