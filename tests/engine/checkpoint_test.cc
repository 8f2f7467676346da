// Checkpoint files and the identity of an input, on real files and folders.
#include "engine/checkpoint.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "tests/testing/temp_dir.h"

namespace holdfast::engine {
namespace {

namespace fs = std::filesystem;
using holdfast::testing::TempDir;

InputIdentity Identify(const fs::path& path) {
  auto identity = IdentifyInput({path.string(), "slack", ""});
  EXPECT_TRUE(identity.has_value()) << identity.error().ToString();
  EXPECT_TRUE(identity && identity->has_value());
  return identity && *identity ? **identity : InputIdentity{};
}

// Every file and folder under `root`, and `root`, an hour back: a change made now shows.
void BackdateAll(const fs::path& root) {
  const auto back = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    fs::last_write_time(entry.path(), back);
  }
  fs::last_write_time(root, back);
}

TEST(CheckpointTest, StdinAndSourcesWithoutAPathAreNeverCheckpointed) {
  auto stdin_identity = IdentifyInput({"-", "jsonl", ""});
  ASSERT_TRUE(stdin_identity.has_value());
  EXPECT_FALSE(stdin_identity->has_value());
  auto unnamed = IdentifyInput({});
  ASSERT_TRUE(unnamed.has_value());
  EXPECT_FALSE(unnamed->has_value());
}

TEST(CheckpointTest, AFileIsIdentifiedByItsAbsolutePathSizeAndTime) {
  TempDir dir;
  const fs::path file = dir.Write("a/export.zip", "12345");
  const InputIdentity identity = Identify(dir / "a/../a/export.zip");
  EXPECT_EQ(identity.path, fs::canonical(file).string());
  EXPECT_EQ(identity.format, "slack");
  EXPECT_EQ(identity.files, 1u);
  EXPECT_EQ(identity.bytes, 5u);
  EXPECT_GT(identity.mtime_ns, 1'600'000'000'000'000'000);  // after 2020, in Unix time
}

TEST(CheckpointTest, AFolderChangesIdentityWhenAFileIsAddedGrowsOrIsRenamed) {
  TempDir dir;
  dir.Write("export/general/2024-01-01.json", "[]");
  dir.Write("export/users.json", "[{}]");
  BackdateAll(dir / "export");
  const InputIdentity before = Identify(dir / "export");
  EXPECT_EQ(before.files, 2u);
  EXPECT_EQ(before.bytes, 6u);
  EXPECT_EQ(Identify(dir / "export"), before);  // nothing changed

  fs::rename(dir / "export/general/2024-01-01.json", dir / "export/general/2024-01-02.json");
  const InputIdentity renamed = Identify(dir / "export");
  EXPECT_NE(renamed, before);
  EXPECT_EQ(renamed.bytes, before.bytes);

  BackdateAll(dir / "export");
  const InputIdentity settled = Identify(dir / "export");
  dir.Write("export/general/2024-01-03.json", "[]");
  EXPECT_EQ(Identify(dir / "export").files, 3u);
  EXPECT_NE(Identify(dir / "export"), settled);
}

TEST(CheckpointTest, AWrittenCheckpointReadsBackAndLeavesNoTemporaryFile) {
  TempDir dir;
  const InputIdentity input = Identify(dir.Write("export.zip", "zip"));
  ASSERT_TRUE(WriteCheckpoint(dir / "archive", {input, 42, 7}).has_value());
  ASSERT_TRUE(WriteCheckpoint(dir / "archive", {input, 43, 9}).has_value());
  auto stored = ReadCheckpoint(dir / "archive", input);
  ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->input, input);
  EXPECT_EQ((*stored)->items, 43u);
  EXPECT_EQ((*stored)->log_size, 9u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "archive/checkpoints"), {}), 1);
}

TEST(CheckpointTest, AMissingCheckpointIsNoneAndAMisshapenOneIsAnErrorNamingTheFile) {
  TempDir dir;
  const InputIdentity input = Identify(dir.Write("export.zip", "zip"));
  auto none = ReadCheckpoint(dir / "archive", input);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());

  const fs::path path = CheckpointPath(dir / "archive", input);
  dir.Write(fs::relative(path, dir.path()).string(), R"({"version": 1, "items": "many"})");
  auto misshapen = ReadCheckpoint(dir / "archive", input);
  ASSERT_FALSE(misshapen.has_value());
  EXPECT_EQ(misshapen.error().ToString(), path.string() + ": not a version 1 checkpoint");
}

}  // namespace
}  // namespace holdfast::engine
