#include "archive/pending_records.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <system_error>

#include "archive/internal/big_endian.h"
#include "archive/internal/crc32c.h"
#include "archive/internal/file_io.h"
#include "archive/internal/pending_spool.h"
#include "archive/random.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "HFPEND1\n";
constexpr std::string_view kSuffix = ".rec";

fs::path PendingFolder(const fs::path& dir) { return dir / "pending"; }

bool IsSpoolableType(uint8_t type) {
  return type != static_cast<uint8_t>(RecordType::kTreeHead) &&
         RecordTypeName(static_cast<RecordType>(type)) != "unknown";
}

bool IsPendingName(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > kSuffix.size() && name.ends_with(kSuffix) && name.front() != '.';
}

// The record files of the spool, in the order they were added (their names sort by time).
tl::expected<std::vector<fs::path>, Error> ListPending(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  const fs::path folder = PendingFolder(dir);
  if (!fs::exists(folder, ec)) {
    return files;
  }
  if (!fs::is_directory(folder, ec)) {
    // AddPending fails too, so nothing can be waiting: a writer goes on, and says why.
    std::fprintf(stderr, "holdfast: %s is not a folder; no pending records can be spooled\n",
                 folder.c_str());
    return files;
  }
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && IsPendingName(it->path())) {
      files.push_back(it->path());
    }
  }
  if (ec) {
    return tl::unexpected(Error{folder.string(), std::nullopt, "cannot list: " + ec.message()});
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Moves a file that is no record out of the way, and says so.
void SetAside(const fs::path& dir, const fs::path& file, const std::string& why) {
  const fs::path rejected = PendingFolder(dir) / "rejected";
  std::error_code ec;
  fs::create_directory(rejected, ec);
  fs::rename(file, rejected / file.filename(), ec);
  std::fprintf(stderr, "holdfast: %s: not a pending record (%s); %s\n", file.c_str(), why.c_str(),
               ec ? ("could not move it aside: " + ec.message() + "; skipped").c_str()
                  : ("moved to " + (rejected / file.filename()).string()).c_str());
}

}  // namespace

namespace internal {

std::string EncodePending(const Record& record) {
  std::string out(kMagic);
  PutU8(out, static_cast<uint8_t>(record.type));
  for (const std::string* part : {&record.key, &record.meta, &record.content}) {
    PutU32(out, static_cast<uint32_t>(part->size()));
    out += *part;
  }
  PutU32(out, ComputeCrc32c(out));
  return out;
}

namespace {

// The frame at the start of `bytes`, and how many bytes it took.
tl::expected<std::pair<Record, size_t>, std::string> DecodeFrame(std::string_view bytes) {
  if (bytes.size() < kMagic.size() + 4 || !bytes.starts_with(kMagic)) {
    return tl::unexpected("it does not start with " + std::string(kMagic.substr(0, 7)));
  }
  ByteReader reader(bytes.substr(kMagic.size()));
  uint8_t type = 0;
  Record record;
  if (!reader.ReadU8(&type) || !IsSpoolableType(type)) {
    return tl::unexpected("record type " + std::to_string(type) + " cannot be spooled");
  }
  record.type = static_cast<RecordType>(type);
  for (std::string* part : {&record.key, &record.meta, &record.content}) {
    uint32_t size = 0;
    std::string_view value;
    if (!reader.ReadU32(&size) || !reader.ReadBytes(size, &value)) {
      return tl::unexpected(std::string("a length runs past the end of the file"));
    }
    part->assign(value);
  }
  const size_t body = bytes.size() - reader.remaining();
  uint32_t crc = 0;
  if (!reader.ReadU32(&crc) || crc != ComputeCrc32c(bytes.substr(0, body))) {
    return tl::unexpected(std::string("its checksum does not match: cut short or changed"));
  }
  if (record.key.empty()) {
    return tl::unexpected(std::string("it has no key"));
  }
  return std::pair{std::move(record), body + 4};
}

}  // namespace

tl::expected<std::vector<Record>, std::string> DecodePending(std::string_view bytes) {
  std::vector<Record> records;
  do {
    auto frame = DecodeFrame(bytes);
    if (!frame) {
      return tl::unexpected(records.empty() ? frame.error()
                                            : "frame " + std::to_string(records.size() + 1) + ": " +
                                                  frame.error());
    }
    records.push_back(std::move(frame->first));
    bytes.remove_prefix(frame->second);
  } while (!bytes.empty());
  return records;
}

tl::expected<std::vector<PendingFile>, Error> ReadPending(const fs::path& dir) {
  auto files = ListPending(dir);
  if (!files) {
    return tl::unexpected(files.error());
  }
  std::vector<PendingFile> out;
  for (const fs::path& file : *files) {
    auto bytes = ReadWholeFile(file);
    if (!bytes) {
      return tl::unexpected(bytes.error());
    }
    auto records = DecodePending(*bytes);
    if (!records) {
      SetAside(dir, file, records.error());
      continue;
    }
    out.push_back({file, std::move(*records)});
  }
  return out;
}

void RemovePending(const std::vector<fs::path>& files, bool sync) {
  for (const fs::path& file : files) {
    ::unlink(file.c_str());
  }
  if (sync && !files.empty()) {
    (void)SyncDir(files.front().parent_path());  // a failure only leaves files to skip again
  }
}

}  // namespace internal

tl::expected<void, Error> AddPending(const fs::path& dir, const Record& record) {
  return AddPending(dir, std::span<const Record>(&record, 1));
}

tl::expected<void, Error> AddPending(const fs::path& dir, std::span<const Record> records) {
  const fs::path folder = PendingFolder(dir);
  if (records.empty()) {
    return {};
  }
  std::string bytes;
  for (const Record& record : records) {
    if (record.key.empty()) {
      return tl::unexpected(Error{folder.string(), std::nullopt, "a pending record needs a key"});
    }
    if (!IsSpoolableType(static_cast<uint8_t>(record.type))) {
      return tl::unexpected(Error{folder.string(), std::nullopt, "only Commit appends tree heads"});
    }
    constexpr size_t kMax = std::numeric_limits<uint32_t>::max();
    if (record.key.size() > kMax || record.meta.size() > kMax || record.content.size() > kMax) {
      return tl::unexpected(Error{folder.string(), std::nullopt, "a record part passes 4 GiB"});
    }
    bytes += internal::EncodePending(record);
  }
  std::error_code ec;
  fs::create_directory(folder, ec);
  if (ec) {
    return tl::unexpected(
        Error{folder.string(), std::nullopt, "cannot create the folder: " + ec.message()});
  }
  auto suffix = RandomHex(8);
  if (!suffix) {
    return tl::unexpected(suffix.error());
  }
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char stamp[24];
  std::snprintf(stamp, sizeof(stamp), "%020lld", static_cast<long long>(ns));
  const fs::path file = folder / (std::string(stamp) + "-" + *suffix + std::string(kSuffix));
  return internal::WriteFileAtomic(file, bytes, 0644, /*sync=*/true);
}

tl::expected<size_t, Error> CountPending(const fs::path& dir) {
  auto files = ListPending(dir);
  if (!files) {
    return tl::unexpected(files.error());
  }
  size_t records = 0;
  for (const fs::path& file : *files) {
    auto bytes = internal::ReadWholeFile(file);
    auto decoded = bytes ? internal::DecodePending(*bytes)
                         : tl::expected<std::vector<Record>, std::string>(tl::unexpect, "");
    records += decoded ? decoded->size() : 1;  // a bad file waits to be set aside
  }
  return records;
}

}  // namespace holdfast::archive
