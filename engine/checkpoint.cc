#include "engine/checkpoint.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>
#include <type_traits>
#include <utility>

#include "archive/merkle.h"
#include "archive/record.h"

namespace holdfast::engine {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr int kVersion = 1;

// Nanoseconds since the Unix epoch; errno in `ec` when the path cannot be read.
int64_t ModifiedNs(const fs::path& path, std::error_code& ec) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    ec.assign(errno, std::generic_category());
    return 0;
  }
  return int64_t{status.st_mtim.tv_sec} * 1'000'000'000 + status.st_mtim.tv_nsec;
}

// A folder: its files, their total size and the newest time of anything in it.
tl::expected<void, Error> AddFolder(const fs::path& root, InputIdentity& identity) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::file_status status = it->symlink_status(ec);
    if (ec) {
      break;
    }
    if (fs::is_regular_file(status)) {
      ++identity.files;
      identity.bytes += it->file_size(ec);
    }
    if (!ec) {
      identity.mtime_ns = std::max(identity.mtime_ns, ModifiedNs(it->path(), ec));
    }
    if (ec) {
      return tl::unexpected(Error{it->path().string(), 0, ec.message()});
    }
  }
  if (ec) {
    return tl::unexpected(Error{root.string(), 0, ec.message()});
  }
  return {};
}

// Reads a field that must be there with the right type; false when it is not.
bool Get(const json& object, const char* name, std::string& out) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) {
    return false;
  }
  out = it->get<std::string>();
  return true;
}

template <typename Int>
bool Get(const json& object, const char* name, Int& out) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_number_integer()) {
    return false;
  }
  if constexpr (std::is_unsigned_v<Int>) {
    if (!it->is_number_unsigned()) {
      return false;
    }
  }
  out = it->get<Int>();
  return true;
}

std::string Dump(const Checkpoint& checkpoint) {
  const InputIdentity& input = checkpoint.input;
  const json object = {
      {"version", kVersion},        {"path", input.path},        {"format", input.format},
      {"options", input.options},   {"files", input.files},      {"bytes", input.bytes},
      {"mtime_ns", input.mtime_ns}, {"items", checkpoint.items}, {"log_size", checkpoint.log_size}};
  return object.dump(2) + "\n";
}

Error Errno(const fs::path& path, const std::string& what) {
  return Error{path.string(), 0, what + ": " + std::strerror(errno)};
}

// Temporary file, fsync, rename: a crash leaves the old checkpoint or the new one.
tl::expected<void, Error> ReplaceFile(const fs::path& path, const std::string& bytes) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return tl::unexpected(Errno(tmp, "cannot create"));
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) {
      continue;
    }
    if (wrote <= 0) {
      Error error = Errno(tmp, "cannot write");
      ::close(fd);
      return tl::unexpected(std::move(error));
    }
    done += static_cast<size_t>(wrote);
  }
  if (::fsync(fd) != 0) {
    Error error = Errno(tmp, "cannot sync");
    ::close(fd);
    return tl::unexpected(std::move(error));
  }
  if (::close(fd) != 0) {
    return tl::unexpected(Errno(tmp, "cannot close"));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return tl::unexpected(Errno(path, "cannot replace"));
  }
  return {};
}

// Why a stored checkpoint does not apply to `identity` now; empty when it does.
std::string Staleness(const Checkpoint& stored, const InputIdentity& identity, uint64_t log_size) {
  if (stored.input.options != identity.options) {
    return "it was taken with other source options";
  }
  if (stored.input != identity) {
    return "the input changed since (size, files or modification time differ)";
  }
  if (stored.log_size > log_size) {
    return "the archive's log is shorter than when it was written";
  }
  return "";
}

}  // namespace

tl::expected<std::optional<InputIdentity>, Error> IdentifyInput(const SourceInput& input) {
  if (input.path.empty() || input.path == "-") {
    return std::nullopt;
  }
  std::error_code ec;
  const fs::path path = fs::canonical(input.path, ec);
  if (ec) {
    return tl::unexpected(Error{input.path, 0, ec.message()});
  }
  InputIdentity identity{path.string(), input.format, input.options};
  identity.mtime_ns = ModifiedNs(path, ec);
  if (ec) {
    return tl::unexpected(Error{input.path, 0, ec.message()});
  }
  if (fs::is_directory(path, ec)) {
    if (auto added = AddFolder(path, identity); !added) {
      return tl::unexpected(added.error());
    }
  } else {
    identity.files = 1;
    identity.bytes = fs::file_size(path, ec);
  }
  if (ec) {
    return tl::unexpected(Error{input.path, 0, ec.message()});
  }
  return identity;
}

fs::path CheckpointPath(const fs::path& archive_dir, const InputIdentity& input) {
  const std::string slot =
      archive::ToHex(archive::Sha256(input.path + '\n' + input.format)).substr(0, 32);
  return archive_dir / "checkpoints" / (slot + ".json");
}

tl::expected<std::optional<Checkpoint>, Error> ReadCheckpoint(const fs::path& archive_dir,
                                                              const InputIdentity& input) {
  const fs::path path = CheckpointPath(archive_dir, input);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return std::nullopt;
  }
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) {
    return tl::unexpected(Error{path.string(), 0, "cannot read"});
  }
  const json object = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  Checkpoint checkpoint;
  InputIdentity& id = checkpoint.input;
  int version = 0;
  if (object.is_discarded() || !object.is_object()) {
    return tl::unexpected(Error{path.string(), 0, "not a JSON object"});
  }
  if (!Get(object, "version", version) || version != kVersion || !Get(object, "path", id.path) ||
      !Get(object, "format", id.format) || !Get(object, "options", id.options) ||
      !Get(object, "files", id.files) || !Get(object, "bytes", id.bytes) ||
      !Get(object, "mtime_ns", id.mtime_ns) || !Get(object, "items", checkpoint.items) ||
      !Get(object, "log_size", checkpoint.log_size)) {
    return tl::unexpected(Error{path.string(), 0, "not a version 1 checkpoint"});
  }
  return checkpoint;
}

tl::expected<void, Error> WriteCheckpoint(const fs::path& archive_dir,
                                          const Checkpoint& checkpoint) {
  const fs::path path = CheckpointPath(archive_dir, checkpoint.input);
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    return tl::unexpected(Error{path.parent_path().string(), 0, ec.message()});
  }
  return ReplaceFile(path, Dump(checkpoint));
}

Checkpoints::Checkpoints(fs::path archive_dir, uint64_t log_size,
                         const std::vector<SourceInput>& inputs, bool resume)
    : dir_(std::move(archive_dir)), skip_(inputs.size(), 0), entries_(inputs.size()) {
  std::set<fs::path> slots;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string& name = entries_[i].name = inputs[i].path;
    auto identity = IdentifyInput(inputs[i]);
    if (!identity) {
      notes_.push_back(name + ": not checkpointed: " + identity.error().ToString());
      continue;
    }
    // An input named twice is checkpointed once, by its first reading.
    if (!*identity || !slots.insert(CheckpointPath(dir_, **identity)).second) {
      continue;
    }
    entries_[i].identity = **identity;
    tl::expected<std::optional<Checkpoint>, Error> stored = std::nullopt;
    if (resume) {
      stored = ReadCheckpoint(dir_, **identity);
    }
    if (!stored) {
      notes_.push_back(name + ": checkpoint ignored: " + stored.error().ToString());
      continue;
    }
    if (!*stored) {
      continue;
    }
    if (std::string stale = Staleness(**stored, **identity, log_size); !stale.empty()) {
      notes_.push_back(name + ": checkpoint ignored: " + stale);
      continue;
    }
    skip_[i] = (*stored)->items;
    entries_[i].saved = (*stored)->items;
  }
}

void Checkpoints::Save(uint64_t log_size, bool last) {
  for (Entry& entry : entries_) {
    if (!entry.identity || !(entry.items > entry.saved || (last && entry.items != entry.saved))) {
      continue;
    }
    auto written = WriteCheckpoint(dir_, {*entry.identity, entry.items, log_size});
    if (!written) {
      notes_.push_back(entry.name + ": checkpoint not saved: " + written.error().ToString());
      entry.identity.reset();
      continue;
    }
    entry.saved = entry.items;
  }
}

}  // namespace holdfast::engine
