// The proof files of an evidence bundle (archive/bundle.h) as the verifier reads them:
// type-checked, never throwing on a hostile document, nullopt for anything malformed.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/record.h"

namespace holdfast::archive::internal {

// proof/items/<seq>.json
struct ItemProof {
  uint64_t sequence = 0;
  uint64_t leaf_index = 0;
  uint64_t tree_size = 0;
  StoredRecord record;  // type, key, capture time, salt, digest, leaf hash; meta added later
  std::string captured_at;
  std::vector<Hash> path;
  uint64_t first_head = 0;
};
std::optional<ItemProof> ParseItemProof(std::string_view text);

// A JSON list of hex hashes.
std::optional<std::vector<Hash>> ParseHashList(const nlohmann::json& list);

// "<prefix><decimal><suffix>" -> the number, canonical decimal only (one record, one name).
std::optional<uint64_t> NumberIn(std::string_view name, std::string_view prefix,
                                 std::string_view suffix);

}  // namespace holdfast::archive::internal
