// Evidence export: the posts a query finds, with the flags raised on them and the reviews of
// those flags, written as a bundle that proves itself offline (see archive/bundle.h).
// Thread safety: a function; the archive is only read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <tl/expected.hpp>

#include "archive/archive.h"
#include "engine/error.h"

namespace holdfast::engine {

struct EvidenceRequest {
  std::string query;
  std::string case_name;
  std::filesystem::path out;
};

struct EvidenceSummary {
  uint64_t posts = 0;
  uint64_t flags = 0;
  uint64_t reviews = 0;
};

[[nodiscard]] tl::expected<EvidenceSummary, Error> ExportEvidence(const archive::Archive& archive,
                                                                  const EvidenceRequest& request);

}  // namespace holdfast::engine
