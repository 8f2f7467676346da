#include "archive/record.h"

#include <cassert>
#include <limits>

#include "archive/internal/big_endian.h"
#include "archive/internal/digest.h"
#include "archive/internal/encoding.h"

namespace holdfast::archive {

namespace {

constexpr uint8_t kLeafVersion = 1;

}  // namespace

std::string_view RecordTypeName(RecordType type) {
  switch (type) {
    case RecordType::kPost:
      return "post";
    case RecordType::kFlag:
      return "flag";
    case RecordType::kReview:
      return "review";
    case RecordType::kDeadLetter:
      return "dead_letter";
    case RecordType::kTreeHead:
      return "tree_head";
    case RecordType::kHold:
      return "hold";
    case RecordType::kRetention:
      return "retention";
    case RecordType::kErasure:
      return "erasure";
    case RecordType::kTimestamp:
      return "timestamp";
    case RecordType::kSavedSearch:
      return "saved_search";
    case RecordType::kUser:
      return "user";
    case RecordType::kAudit:
      return "audit";
  }
  return "unknown";
}

bool IsListedType(RecordType type) {
  return type == RecordType::kHold || type == RecordType::kRetention ||
         type == RecordType::kErasure || type == RecordType::kFlag || type == RecordType::kReview ||
         type == RecordType::kTimestamp || type == RecordType::kSavedSearch ||
         type == RecordType::kUser || type == RecordType::kAudit;
}

std::string StoredRecord::LeafInput() const {
  // Append refuses keys and meta beyond 4 GiB, so the lengths always fit.
  assert(record.key.size() <= std::numeric_limits<uint32_t>::max());
  assert(record.meta.size() <= std::numeric_limits<uint32_t>::max());
  std::string out;
  out.reserve(1 + 1 + 8 + 4 + record.key.size() + 4 + record.meta.size() + content_digest.size());
  internal::PutU8(out, kLeafVersion);
  internal::PutU8(out, static_cast<uint8_t>(record.type));
  internal::PutI64(out, captured_at_us);
  internal::PutU32(out, static_cast<uint32_t>(record.key.size()));
  out += record.key;
  internal::PutU32(out, static_cast<uint32_t>(record.meta.size()));
  out += record.meta;
  out += internal::AsBytes(content_digest);
  return out;
}

Hash ContentDigest(const std::array<uint8_t, 16>& salt, std::string_view content) {
  const std::string_view salt_bytes(reinterpret_cast<const char*>(salt.data()), salt.size());
  return internal::Sha256Parts({salt_bytes, content});
}

std::string ToHex(const Hash& hash) { return internal::HexEncode(internal::AsBytes(hash)); }

std::string ToBase64(std::string_view bytes) { return internal::Base64Encode(bytes); }

}  // namespace holdfast::archive
