// AddCodenames: feeds the ip.codename rule from a list of project codenames, one term per line.
//
// TEMPORARY HEADER. The real declaration is being added to rules/policy.h on another branch;
// this header and its stub (rules/codenames_stub.cc) let the evaluation tools build until
// then, and are deleted at merge (callers then include rules/policy.h instead).
// Thread safety: a function; safe to call from any thread on distinct `policies`.
#pragma once

#include <filesystem>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/policy.h"

namespace holdfast::rules {

// Adds the terms of `terms` (whole words or phrases, any case) to the codename rule.
[[nodiscard]] tl::expected<void, Error> AddCodenames(std::vector<Policy>& policies,
                                                     const std::filesystem::path& terms);

}  // namespace holdfast::rules
