// Records: what the log holds. The Merkle leaf of a record commits to its type, capture time,
// key and meta bytes directly, and to its content only through a salted SHA-256, so content
// can later be erased (retention, privacy) while the tree still verifies.
//
// Leaf input (all integers big-endian):
//   u8 version (1) | u8 type | i64 captured_at_us | u32 len | key | u32 len | meta |
//   32 bytes content_digest = SHA-256(salt || content)
// Thread safety: immutable values.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace holdfast::archive {

using Hash = std::array<uint8_t, 32>;

enum class RecordType : uint8_t {
  kPost = 1,          // a captured post (content: the post; meta: non-personal facts)
  kFlag = 2,          // a policy hit on a post
  kReview = 3,        // a person's review action on a flag
  kDeadLetter = 4,    // input that could not become a post, and why
  kTreeHead = 5,      // a signed tree head (meta: the signed note)
  kHold = 6,          // a legal hold placed or released (meta: name, action; content: scope)
  kRetention = 7,     // a retention rule set (meta: name, period, scope)
  kErasure = 8,       // a tombstone: a record's content was erased, by whom and why
  kTimestamp = 9,     // an RFC 3161 token for a signed head (archive/timestamp.h)
  kSavedSearch = 10,  // a named search query, who saved it and when (engine/saved_search.h)
  kUser = 11,         // an API user added or removed, with a digest of their token (engine/users.h)
  kAudit = 12,        // who searched, viewed, reviewed or exported what, and when (engine/audit.h)
};
// Types rare enough beside posts that the archive lists their records by type
// (Archive::SequencesOfType), so that the review queue, holds, users, saved searches and
// timestamps are read without reading the log: holds, retention rules, tombstones, since
// listing version 2 flags, reviews, timestamps, saved searches and users, and since version 3
// audit records.
bool IsListedType(RecordType type);
// Bumped whenever IsListedType grows: keys.db records the version it lists, and a store of an
// older one is completed from the log by the next writer (readers read the log meanwhile).
constexpr uint32_t kListedTypesVersion = 3;
std::string_view RecordTypeName(RecordType type);

// What a caller appends.
struct Record {
  RecordType type = RecordType::kPost;
  std::string key;      // unique key; empty for none. Appending an existing key is a no-op.
  std::string meta;     // bytes kept for ever (JSON by convention)
  std::string content;  // erasable bytes (JSON by convention)
};

// What the log returns.
struct StoredRecord {
  uint64_t sequence = 0;  // leaf index
  int64_t captured_at_us = 0;
  Record record;
  std::array<uint8_t, 16> salt{};
  Hash content_digest{};
  Hash leaf_hash{};
  bool content_erased = false;

  std::string LeafInput() const;  // the bytes hashed into the leaf (see above)
};

// SHA-256(salt || content).
Hash ContentDigest(const std::array<uint8_t, 16>& salt, std::string_view content);

std::string ToHex(const Hash& hash);
// Standard base64 with padding (RFC 4648), for formats that carry bytes as text (MIME).
std::string ToBase64(std::string_view bytes);

}  // namespace holdfast::archive
