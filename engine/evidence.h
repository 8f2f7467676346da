// Evidence export: the posts a query, a hold or a review state selects at one signed head,
// with the flags raised on them and the reviews of those flags, written as a bundle that
// proves itself offline (archive/bundle.h) and loads into review platforms: native files,
// RSMF 2.0, a DAT load file and HTML transcripts (engine/export/).
// Memory: a few hundred bytes per exported record, and one conversation slice at a time.
// Thread safety: a function; the archive is only read. The progress callback runs on the
// caller's thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/export/evidence_selection.h"

namespace holdfast::engine {

// Where an export has got to: the posts found so far while `total` is 0, then the records
// written out of `total` (every post twice: its native files, then its slice) once everything
// is gathered.
struct EvidenceProgress {
  uint64_t done = 0;
  uint64_t total = 0;  // 0 while the posts are still being found
};

// The formats besides the native files and proofs, which every bundle carries.
inline constexpr const char* kEvidenceFormats[] = {"rsmf", "dat", "html"};

struct EvidenceRequest {
  std::string case_name;
  EvidenceSelection selection = EvidenceSelection::kQuery;
  std::string value;  // the query, the hold's name or the flag state
  std::string exported_by;
  std::filesystem::path out;
  std::optional<uint64_t> head_size{};  // the signed head to cut at; nullopt: the latest
  std::vector<std::string> formats{"rsmf", "dat", "html"};  // of kEvidenceFormats
  // Called after each page of search hits and after each record written; when it returns
  // false the export stops and fails with "export cancelled". Empty: no reports.
  std::function<bool(const EvidenceProgress&)> progress{};
};

struct EvidenceSummary {
  uint64_t posts = 0;  // post versions selected at the head
  uint64_t flags = 0;
  uint64_t reviews = 0;
  uint64_t conversations = 0;  // slices written
  uint64_t head_size = 0;
  std::string query;            // the query run; "" for a flags selection
  std::string manifest_sha256;  // hex, of the bundle's manifest.json
};

[[nodiscard]] tl::expected<EvidenceSummary, Error> ExportEvidence(const archive::Archive& archive,
                                                                  const EvidenceRequest& request);

}  // namespace holdfast::engine
