#include "archive/internal/bundle_proof.h"

#include <charconv>
#include <cstring>

#include "archive/internal/encoding.h"

namespace holdfast::archive::internal {

namespace {

using nlohmann::json;

std::optional<uint64_t> ParseSequence(std::string_view text) {
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // Canonical decimal only, so that one record has one folder name.
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() ||
      (text.size() > 1 && text[0] == '0')) {
    return std::nullopt;
  }
  return value;
}

std::optional<RecordType> TypeNamed(std::string_view name) {
  for (uint8_t type = 1; type <= static_cast<uint8_t>(RecordType::kAudit); ++type) {
    if (name != "unknown" && RecordTypeName(static_cast<RecordType>(type)) == name) {
      return static_cast<RecordType>(type);
    }
  }
  return std::nullopt;
}

// Copies a hex field of exactly `N` bytes; false if absent, not a string or the wrong size.
template <size_t N>
bool HexField(const json& doc, const char* name, std::array<uint8_t, N>* out) {
  const auto it = doc.find(name);
  if (it == doc.end() || !it->is_string()) {
    return false;
  }
  const auto bytes = HexDecode(it->get_ref<const std::string&>());
  if (!bytes || bytes->size() != N) {
    return false;
  }
  std::memcpy(out->data(), bytes->data(), N);
  return true;
}

// Parses a list of hex hashes; nullopt if any is malformed.
}  // namespace

std::optional<std::vector<Hash>> ParseHashList(const json& list) {
  if (!list.is_array()) {
    return std::nullopt;
  }
  std::vector<Hash> hashes;
  for (const json& step : list) {
    Hash hash{};
    const auto bytes =
        step.is_string() ? HexDecode(step.get_ref<const std::string&>()) : std::nullopt;
    if (!bytes || bytes->size() != hash.size()) {
      return std::nullopt;
    }
    std::memcpy(hash.data(), bytes->data(), hash.size());
    hashes.push_back(hash);
  }
  return hashes;
}

std::optional<ItemProof> ParseItemProof(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) {
    return std::nullopt;
  }
  auto number = [&](const char* name) {
    return doc.contains(name) && doc[name].is_number_integer();
  };
  auto string = [&](const char* name) { return doc.contains(name) && doc[name].is_string(); };
  if (!number("sequence") || !number("leaf_index") || !number("tree_size") ||
      !number("captured_at_us") || !string("type") || !string("key") || !string("captured_at") ||
      !doc.contains("content_erased") || !doc["content_erased"].is_boolean() ||
      !doc.contains("path") || !doc["path"].is_array() || !number("first_head")) {
    return std::nullopt;
  }
  ItemProof proof;
  proof.sequence = doc["sequence"].get<uint64_t>();
  proof.leaf_index = doc["leaf_index"].get<uint64_t>();
  proof.tree_size = doc["tree_size"].get<uint64_t>();
  const auto type = TypeNamed(doc["type"].get_ref<const std::string&>());
  if (!type || !HexField(doc, "salt", &proof.record.salt) ||
      !HexField(doc, "content_digest", &proof.record.content_digest) ||
      !HexField(doc, "leaf_hash", &proof.record.leaf_hash)) {
    return std::nullopt;
  }
  proof.record.sequence = proof.sequence;
  proof.record.record.type = *type;
  proof.record.record.key = doc["key"].get<std::string>();
  proof.record.captured_at_us = doc["captured_at_us"].get<int64_t>();
  proof.record.content_erased = doc["content_erased"].get<bool>();
  proof.captured_at = doc["captured_at"].get<std::string>();
  proof.first_head = doc["first_head"].get<uint64_t>();
  auto path = ParseHashList(doc["path"]);
  if (!path) {
    return std::nullopt;
  }
  proof.path = std::move(*path);
  return proof;
}

// "<prefix><decimal><suffix>" -> the number, canonical decimal only.
std::optional<uint64_t> NumberIn(std::string_view name, std::string_view prefix,
                                 std::string_view suffix) {
  if (!name.starts_with(prefix) || !name.ends_with(suffix) ||
      name.size() < prefix.size() + suffix.size()) {
    return std::nullopt;
  }
  return ParseSequence(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
}

}  // namespace holdfast::archive::internal
