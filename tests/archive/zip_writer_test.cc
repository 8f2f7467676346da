#include "archive/zip_writer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "archive/export_reader.h"
#include "tests/testing/temp_dir.h"

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;

class ZipWriterTest : public ::testing::Test {
 protected:
  holdfast::testing::TempDir tmp_;
  const fs::path dir_ = tmp_.path();
};

// Runs a shell command and returns what it printed; the tests use the real unzip tool so that
// the files are checked by something other than the library that wrote them.
std::string RunCommand(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  if (pipe == nullptr) {
    return out;
  }
  std::array<char, 4096> buffer;
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) {
    out.append(buffer.data(), n);
  }
  return out;
}

TEST_F(ZipWriterTest, WritesAZipThatUnzipListsAndExtractsByteExact) {
  const fs::path zip = dir_ / "out.zip";
  auto writer = ZipWriter::Create(zip);
  ASSERT_TRUE(writer.has_value()) << writer.error().message;
  std::string binary;
  for (int i = 0; i < 70000; ++i) {
    binary.push_back(static_cast<char>(i * 7 % 256));
  }
  ASSERT_TRUE((*writer)->Add("manifest.json", R"({"items":2})").has_value());
  ASSERT_TRUE((*writer)->Add("items/00000001.bin", binary).has_value());
  ASSERT_TRUE((*writer)->Add("empty.txt", "").has_value());
  ASSERT_TRUE((*writer)->Close().has_value());

  const std::string listing = RunCommand("unzip -l '" + zip.string() + "'");
  EXPECT_NE(listing.find("manifest.json"), std::string::npos) << listing;
  EXPECT_NE(listing.find("items/00000001.bin"), std::string::npos) << listing;
  EXPECT_NE(listing.find("empty.txt"), std::string::npos) << listing;
  EXPECT_EQ(RunCommand("unzip -p '" + zip.string() + "' manifest.json"), R"({"items":2})");
  EXPECT_EQ(RunCommand("unzip -p '" + zip.string() + "' items/00000001.bin"), binary);
  EXPECT_EQ(RunCommand("unzip -tq '" + zip.string() + "'").find("No errors detected"), 0u);
}

TEST_F(ZipWriterTest, WritesAZipThatExportReaderReadsBackByteExact) {
  const fs::path zip = dir_ / "out.zip";
  std::string binary;
  for (int i = 0; i < 1 << 20; ++i) {
    binary.push_back(static_cast<char>((i * 2654435761u) >> 13));
  }
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"items/b.bin", binary}, {"items/a.json", R"({"text":"caf\u00e9"})"}, {"z/empty", ""}};
  {
    auto writer = ZipWriter::Create(zip);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    for (const auto& [name, bytes] : entries) {
      ASSERT_TRUE((*writer)->Add(name, bytes).has_value()) << name;
    }
    ASSERT_TRUE((*writer)->Close().has_value());
  }
  auto reader = ExportReader::Open(zip);
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  std::vector<std::pair<std::string, std::string>> read;
  while (true) {
    auto entry = (*reader)->Next();
    ASSERT_TRUE(entry.has_value()) << entry.error().message;
    if (!entry->has_value()) {
      break;
    }
    auto bytes = (*reader)->ReadAll();
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
    read.emplace_back((*entry)->path, std::move(*bytes));
  }
  EXPECT_EQ(read, entries);  // in the order written
}

TEST_F(ZipWriterTest, BuildsTheSameZipInMemoryAsOnDisk) {
  const fs::path zip = dir_ / "out.zip";
  std::string in_memory;
  {
    auto on_disk = ZipWriter::Create(zip);
    auto memory = ZipWriter::CreateInMemory(in_memory, "rsmf.zip");
    ASSERT_TRUE(on_disk.has_value() && memory.has_value());
    for (auto* writer : {on_disk->get(), memory->get()}) {
      ASSERT_TRUE(writer->Add("rsmf_manifest.json", R"({"version":"2.0.0"})").has_value());
      ASSERT_TRUE(writer->Add("a/b.txt", std::string(5000, 'x')).has_value());
      ASSERT_TRUE(writer->Close().has_value());
    }
  }
  ASSERT_FALSE(in_memory.empty());
  std::ifstream file(zip, std::ios::binary);
  const std::string disk_bytes((std::istreambuf_iterator<char>(file)), {});
  EXPECT_EQ(in_memory, disk_bytes);
  EXPECT_EQ(RunCommand("unzip -p '" + zip.string() + "' rsmf_manifest.json"),
            R"({"version":"2.0.0"})");
}

TEST_F(ZipWriterTest, CompressesWithDeflate) {
  const fs::path zip = dir_ / "out.zip";
  auto writer = ZipWriter::Create(zip);
  ASSERT_TRUE(writer.has_value()) << writer.error().message;
  ASSERT_TRUE((*writer)->Add("zeros.bin", std::string(1 << 20, '\0')).has_value());
  ASSERT_TRUE((*writer)->Close().has_value());
  EXPECT_LT(fs::file_size(zip), 1u << 16);
  EXPECT_NE(RunCommand("unzip -v '" + zip.string() + "'").find("Defl"), std::string::npos);
}

TEST_F(ZipWriterTest, RemovesThePartialFileWhenAbandonedBeforeClose) {
  const fs::path zip = dir_ / "partial.zip";
  {
    auto writer = ZipWriter::Create(zip);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    ASSERT_TRUE((*writer)->Add("a.txt", std::string(200000, 'a')).has_value());
    EXPECT_TRUE(fs::exists(zip));
  }
  EXPECT_FALSE(fs::exists(zip));
}

TEST_F(ZipWriterTest, ReportsTheFileWhenItCannotBeCreated) {
  const fs::path zip = dir_ / "no-such-folder" / "out.zip";
  auto writer = ZipWriter::Create(zip);
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().path, zip.string());
  EXPECT_NE(writer.error().message.find("cannot create the zip file"), std::string::npos)
      << writer.error().message;
}

TEST_F(ZipWriterTest, LeavesAnExistingFileAloneWhenCreateFails) {
  // A folder where the zip should go: creation fails and the folder must survive.
  const fs::path target = dir_ / "taken";
  fs::create_directory(target);
  auto writer = ZipWriter::Create(target);
  ASSERT_FALSE(writer.has_value());
  EXPECT_TRUE(fs::is_directory(target));
}

}  // namespace
}  // namespace holdfast::archive
