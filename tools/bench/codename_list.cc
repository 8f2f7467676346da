#include "tools/bench/codename_list.h"

#include <unistd.h>

#include <fstream>
#include <random>
#include <string_view>
#include <unordered_set>

#include "tools/bench/planted_values.h"

namespace holdfast::tools::bench {
namespace {

// Syllables that read as Dutch or English but make few real words together.
constexpr std::string_view kSyllables[] = {
    "zil", "vreg", "rei", "gon",  "vel",  "vor", "har", "bix",  "ka",  "mo",  "lin", "dra",
    "tes", "quo",  "ran", "belk", "thor", "nix", "vey", "dos",  "ar",  "elm", "ion", "ur",
    "sa",  "pe",   "tri", "gul",  "mar",  "lek", "fen", "oss",  "wyn", "tal", "ber", "ko",
    "zu",  "ny",   "rax", "ish",  "vand", "jor", "kel", "mist", "orn", "plu", "sev", "tyr",
};

constexpr size_t kSyllableCount = std::size(kSyllables);

// A capitalized pseudo-word of `syllables` syllables.
std::string Word(std::mt19937_64& random, int syllables) {
  std::string word;
  for (int i = 0; i < syllables; ++i) {
    word += kSyllables[RandomBelow(random, kSyllableCount)];
  }
  word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

// One codename in one of the shapes codename lists have: a single coined word, "Project"
// followed by two words, or two words.
std::string Codename(std::mt19937_64& random) {
  const uint64_t shape = RandomBelow(random, 10);
  const int first = 2 + static_cast<int>(RandomBelow(random, 2));
  if (shape < 4) {
    return Word(random, first + 1);
  }
  std::string name = shape < 7 ? "Project " : "";
  name += Word(random, first);
  name += ' ';
  name += Word(random, 2);
  return name;
}

}  // namespace

std::vector<std::string> GenerateCodenames(size_t count, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  names.reserve(count);
  while (names.size() < count) {
    std::string name = Codename(random);
    if (seen.insert(name).second) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

tl::expected<std::filesystem::path, std::string> WriteCodenameFile(
    const std::vector<std::string>& terms) {
  std::error_code error;
  const std::filesystem::path folder = std::filesystem::temp_directory_path(error);
  if (error) {
    return tl::unexpected("no temporary folder: " + error.message());
  }
  // The process id keeps benchmarks run side by side from sharing one file.
  const std::filesystem::path path =
      folder / ("holdfast-bench-codenames-" + std::to_string(::getpid()) + ".txt");
  std::ofstream out(path, std::ios::trunc);
  for (const std::string& term : terms) {
    out << term << '\n';
  }
  out.close();
  if (!out) {
    return tl::unexpected("cannot write " + path.string());
  }
  return path;
}

}  // namespace holdfast::tools::bench
