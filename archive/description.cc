// archive.json: what the folder is (format "holdfast-archive"), the layout version, the archive
// id and the segment size limit; and the move from version 1 to 2.
#include "archive/internal/description.h"

#include <nlohmann/json.hpp>

#include "archive/internal/encoding.h"
#include "archive/internal/file_io.h"
#include "archive/internal/segment_set.h"

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFormat = "holdfast-archive";

Error At(const fs::path& path, std::string message) {
  return Error{path.string(), std::nullopt, std::move(message)};
}

}  // namespace

tl::expected<void, Error> WriteDescription(const fs::path& dir, const Description& description) {
  const nlohmann::ordered_json doc = {{"format", kFormat},
                                      {"version", description.version},
                                      {"id", description.id},
                                      {"segment_bytes", description.segment_bytes}};
  return WriteFileAtomic(dir / "archive.json", doc.dump(2) + "\n", 0644, true);
}

tl::expected<Description, Error> ReadDescription(const fs::path& dir) {
  const fs::path path = dir / "archive.json";
  auto text = ReadWholeFile(path);
  if (!text) {
    return tl::unexpected(text.error());
  }
  // Compared as json values, so that a field of the wrong type is a mismatch, not an exception.
  const nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
  if (!doc.is_object() || doc.value("format", nlohmann::json()) != std::string(kFormat)) {
    return tl::unexpected(At(path, "not a holdfast archive description"));
  }
  Description description;
  const nlohmann::json version = doc.value("version", nlohmann::json());
  if (version != kArchiveVersion && version != kVersionLegacyLog) {
    return tl::unexpected(At(path, "unsupported archive version " + version.dump() +
                                       " (this build reads versions 1 and 2; a newer holdfast "
                                       "wrote this archive)"));
  }
  description.version = version.get<int>();
  const nlohmann::json id_field = doc.value("id", nlohmann::json());
  description.id = id_field.is_string() ? id_field.get<std::string>() : "";
  if (description.id.size() != 2 * kIdBytes || !HexDecode(description.id)) {
    return tl::unexpected(At(path, "the archive id is not 32 hex digits"));
  }
  const nlohmann::json segment_bytes = doc.value("segment_bytes", nlohmann::json());
  if (description.version == kArchiveVersion) {
    if (!segment_bytes.is_number_unsigned() || segment_bytes.get<uint64_t>() < kMinSegmentBytes) {
      return tl::unexpected(At(
          path, "segment_bytes is not a number of at least " + std::to_string(kMinSegmentBytes)));
    }
    description.segment_bytes = segment_bytes.get<uint64_t>();
  }
  return description;
}

tl::expected<void, Error> UpgradeFromVersion1(const fs::path& dir, Description& description) {
  if (auto moved = SegmentSet::UpgradeLegacyLog(dir / "log"); !moved) {
    return tl::unexpected(moved.error());
  }
  description.version = kArchiveVersion;
  description.segment_bytes = kDefaultSegmentBytes;
  return WriteDescription(dir, description);
}

}  // namespace holdfast::archive::internal
