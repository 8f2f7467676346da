// Evidence export: the posts a query finds, with the flags raised on them and the reviews of
// those flags, written as a bundle that proves itself offline (see archive/bundle.h).
// Thread safety: a function; the archive is only read. The progress callback runs on the
// caller's thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <tl/expected.hpp>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

// Where an export has got to: the items (post versions, flags, reviews) gathered so far while
// `total` is 0, then the items written out of `total` once everything is gathered.
struct EvidenceProgress {
  uint64_t done = 0;
  uint64_t total = 0;  // 0 while the items are still being gathered
};

struct EvidenceRequest {
  std::string query;
  std::string case_name;
  std::filesystem::path out;
  // Called after each page of search hits, once everything is gathered and once written; when
  // it returns false the export stops before writing on and fails with "export cancelled".
  // Empty: no reports.
  std::function<bool(const EvidenceProgress&)> progress{};
};

struct EvidenceSummary {
  uint64_t posts = 0;
  uint64_t flags = 0;
  uint64_t reviews = 0;
};

[[nodiscard]] tl::expected<EvidenceSummary, Error> ExportEvidence(const archive::Archive& archive,
                                                                  const EvidenceRequest& request);

}  // namespace holdfast::engine
