// Generated project codenames for the benchmark's large-lexicon rows: distinct names made of
// invented syllables ("Zilverreiger", "Project Velvet Harbor" in shape, not in words), so that
// they are like a real codename list in length and form but do not occur in the corpus by
// accident. Same count and seed, same list everywhere (only mt19937_64's raw output is used).
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace holdfast::tools::bench {

// `count` distinct codenames, each one to three words.
std::vector<std::string> GenerateCodenames(size_t count, uint64_t seed);

// Writes `terms` one a line to a new file in the system's temporary folder, as
// rules::AddCodenames reads them; the caller removes it. Fails with a message if it cannot.
[[nodiscard]] tl::expected<std::filesystem::path, std::string> WriteCodenameFile(
    const std::vector<std::string>& terms);

}  // namespace holdfast::tools::bench
