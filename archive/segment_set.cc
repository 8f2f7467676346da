#include "archive/internal/segment_set.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <system_error>

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

namespace {

constexpr size_t kNameDigits = 20;  // every u64 fits
constexpr std::string_view kLegacyName = "records.log";

Error At(const fs::path& path, std::string message) {
  return Error{path.string(), std::nullopt, std::move(message)};
}

// The first sequence a segment's file name gives, or nullopt for any other name.
std::optional<uint64_t> ParseName(const std::string& name) {
  if (name.size() != kNameDigits + 4 || !name.ends_with(".log")) {
    return std::nullopt;
  }
  uint64_t value = 0;
  for (size_t i = 0; i < kNameDigits; ++i) {
    if (name[i] < '0' || name[i] > '9') {
      return std::nullopt;
    }
    const uint64_t digit = static_cast<uint64_t>(name[i] - '0');
    if (value > (UINT64_MAX - digit) / 10) {
      return std::nullopt;
    }
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace

fs::path SegmentSet::Folder(const fs::path& log_dir) { return log_dir / "segments"; }

fs::path SegmentSet::PathFor(const fs::path& log_dir, uint64_t first_sequence) {
  char name[kNameDigits + 5];
  std::snprintf(name, sizeof name, "%020llu.log", static_cast<unsigned long long>(first_sequence));
  return Folder(log_dir) / name;
}

tl::expected<void, Error> SegmentSet::CreateEmpty(const fs::path& log_dir) {
  std::error_code ec;
  fs::create_directories(Folder(log_dir), ec);
  if (ec) {
    return tl::unexpected(At(Folder(log_dir), "cannot create the folder: " + ec.message()));
  }
  if (auto written = WriteFileAtomic(PathFor(log_dir, 0), "", 0644, true); !written) {
    return written;
  }
  return SyncDir(log_dir);
}

tl::expected<bool, Error> SegmentSet::UpgradeLegacyLog(const fs::path& log_dir) {
  const fs::path legacy = log_dir / kLegacyName;
  const fs::path folder = Folder(log_dir);
  std::error_code ec;
  if (!fs::exists(legacy, ec)) {
    return false;
  }
  fs::create_directory(folder, ec);
  if (ec) {
    return tl::unexpected(At(folder, "cannot create the folder: " + ec.message()));
  }
  if (!fs::is_empty(folder, ec) || ec) {
    return tl::unexpected(
        At(folder, "holds segments, and log/records.log is there too: which one is the log?"));
  }
  // Renamed, not copied: the frames and records.idx stay as they are, and a crash leaves the
  // file at one name or the other.
  fs::rename(legacy, PathFor(log_dir, 0), ec);
  if (ec) {
    return tl::unexpected(At(legacy, "cannot move the log into segments/: " + ec.message()));
  }
  if (auto synced = SyncDir(folder); !synced) {
    return tl::unexpected(synced.error());
  }
  if (auto synced = SyncDir(log_dir); !synced) {
    return tl::unexpected(synced.error());
  }
  return true;
}

tl::expected<SegmentSet, Error> SegmentSet::Open(const fs::path& log_dir) {
  const fs::path folder = Folder(log_dir);
  const fs::path legacy = log_dir / kLegacyName;
  std::error_code ec;
  std::vector<Segment> segments;
  if (fs::is_directory(folder, ec)) {
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      const auto first = ParseName(entry.path().filename().string());
      if (first.has_value() && entry.is_regular_file(ec)) {
        segments.push_back(Segment{*first, 0, 0, entry.path()});
      }
    }
    if (ec) {
      return tl::unexpected(At(folder, "cannot list the segments: " + ec.message()));
    }
  }
  const bool has_legacy = fs::exists(legacy, ec);
  if (has_legacy && !segments.empty()) {
    return tl::unexpected(
        At(folder, "holds segments, and log/records.log is there too: which one is the log?"));
  }
  if (has_legacy) {
    segments.push_back(Segment{0, 0, 0, legacy});
  }
  if (segments.empty()) {
    return tl::unexpected(At(folder, "the log has no segment (no 20-digit <sequence>.log file)"));
  }
  std::sort(segments.begin(), segments.end(),
            [](const Segment& a, const Segment& b) { return a.first_sequence < b.first_sequence; });
  uint64_t base = 0;
  for (Segment& segment : segments) {
    segment.base = base;
    segment.size = fs::file_size(segment.path, ec);
    if (ec) {
      return tl::unexpected(At(segment.path, "cannot read the segment's size: " + ec.message()));
    }
    base += segment.size;
  }
  return SegmentSet(log_dir, std::move(segments), has_legacy);
}

size_t SegmentSet::Find(uint64_t offset) const {
  const auto after =
      std::upper_bound(segments_.begin(), segments_.end(), offset,
                       [](uint64_t value, const Segment& segment) { return value < segment.base; });
  return after == segments_.begin() ? 0 : static_cast<size_t>(after - segments_.begin()) - 1;
}

tl::expected<void, Error> SegmentSet::ReadAt(uint64_t offset, size_t size, char* out,
                                             uint64_t sequence) const {
  const size_t index = Find(offset);
  const Segment& segment = segments_[index];
  if (!cached_fd_.valid() || cached_ != index) {
    cached_fd_.Reset(::open(segment.path.c_str(), O_RDONLY | O_CLOEXEC));
    cached_ = index;
    if (!cached_fd_.valid()) {
      return tl::unexpected(
          Error{segment.path.string(), sequence, ErrnoMessage("cannot open the segment")});
    }
  }
  if (!PreadAll(cached_fd_.get(), offset - segment.base, size, out)) {
    return tl::unexpected(
        Error{segment.path.string(), sequence, ErrnoMessage("cannot read the frame")});
  }
  return {};
}

tl::expected<UniqueFd, Error> SegmentSet::Roll(uint64_t first_sequence, bool sync) {
  const fs::path path = PathFor(log_dir_, first_sequence);
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!fd.valid()) {
    return tl::unexpected(
        Error{path.string(), first_sequence, ErrnoMessage("cannot start a new segment")});
  }
  if (sync) {
    if (auto synced = SyncDir(Folder(log_dir_)); !synced) {
      return tl::unexpected(synced.error());
    }
  }
  segments_.push_back(Segment{first_sequence, last().base + last().size, 0, path});
  return fd;
}

tl::expected<size_t, Error> SegmentSet::DropEmptyTail(bool sync) {
  size_t dropped = 0;
  while (segments_.size() > 1 && last().size == 0) {
    if (::unlink(last().path.c_str()) != 0) {
      return tl::unexpected(
          Error{last().path.string(), std::nullopt, ErrnoMessage("cannot remove the segment")});
    }
    if (cached_ == segments_.size() - 1) {
      cached_fd_.Reset();
    }
    segments_.pop_back();
    ++dropped;
  }
  if (dropped > 0 && sync) {
    if (auto synced = SyncDir(Folder(log_dir_)); !synced) {
      return tl::unexpected(synced.error());
    }
  }
  return dropped;
}

}  // namespace holdfast::archive::internal
