// The frame format of log_file.h: encoding, decoding with its checks, and erasure in place.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <limits>

#include "archive/internal/big_endian.h"
#include "archive/internal/crc32c.h"
#include "archive/internal/log_file.h"

namespace holdfast::archive::internal {

namespace {

constexpr uint32_t kMagicV1 = 0x48465231;  // "HFR1": version-1 archives, no CRC
constexpr uint32_t kMagic = 0x48465232;    // "HFR2"
constexpr size_t kCrcSize = 4;
constexpr uint8_t kFlagContentErased = 0x01;
constexpr size_t kSaltSize = 16;
constexpr size_t kHashSize = 32;
constexpr uint64_t kMaxU32 = std::numeric_limits<uint32_t>::max();
// type, flags, time, three lengths, salt, digest, leaf hash: the frame of an empty record.
constexpr uint64_t kMinPayload = 1 + 1 + 8 + 4 + 4 + kSaltSize + kHashSize + 4 + kHashSize;

// Known: any type RecordTypeName names (the numbers need not be contiguous).
bool IsKnownType(uint8_t type) {
  return RecordTypeName(static_cast<RecordType>(type)) != "unknown";
}

bool ReadString(ByteReader& reader, std::string* out) {
  uint32_t size = 0;
  std::string_view bytes;
  if (!reader.ReadU32(&size) || !reader.ReadBytes(size, &bytes)) {
    return false;
  }
  out->assign(bytes);
  return true;
}

uint32_t FrameLength(std::string_view header) {
  ByteReader reader(header.substr(4, 4));
  uint32_t length = 0;
  (void)reader.ReadU32(&length);  // four bytes are there: the caller checked
  return length;
}

uint32_t Magic(std::string_view header) {
  ByteReader reader(header.substr(0, 4));
  uint32_t magic = 0;
  (void)reader.ReadU32(&magic);  // four bytes are there: the caller checked
  return magic;
}

bool HasMagic(std::string_view header) {
  const uint32_t magic = Magic(header);
  return magic == kMagic || magic == kMagicV1;
}

// Where the payload starts: after the CRC in an HFR2 frame.
size_t PayloadStart(std::string_view frame) {
  return Magic(frame) == kMagic ? kFrameHeaderSize + kCrcSize : kFrameHeaderSize;
}

// The CRC of an HFR2 frame: frame_len, then the payload.
uint32_t FrameCrc(std::string_view frame) {
  Crc32c crc;
  crc.Update(frame.substr(4, 4));
  crc.Update(frame.substr(kFrameHeaderSize + kCrcSize));
  return crc.Finish();
}

void PutCrc(std::string& frame) {
  const uint32_t crc = FrameCrc(frame);
  for (size_t i = 0; i < kCrcSize; ++i) {
    frame[kFrameHeaderSize + i] = static_cast<char>((crc >> (8 * (kCrcSize - 1 - i))) & 0xff);
  }
}

constexpr std::string_view kBadMagic = "bad frame magic (expected \"HFR2\" or \"HFR1\")";

}  // namespace

tl::expected<std::string, std::string> EncodeFrame(const StoredRecord& stored) {
  const Record& record = stored.record;
  if (record.key.size() > kMaxU32 || record.meta.size() > kMaxU32 ||
      record.content.size() > kMaxU32) {
    return tl::unexpected(std::string("key, meta or content is larger than 4 GiB"));
  }
  const uint64_t payload =
      kMinPayload + record.key.size() + record.meta.size() + record.content.size();
  if (payload + kCrcSize > kMaxU32) {
    return tl::unexpected(std::string("the record is larger than a frame can hold (4 GiB)"));
  }
  std::string frame;
  frame.reserve(kFrameHeaderSize + kCrcSize + payload);
  PutU32(frame, kMagic);
  PutU32(frame, static_cast<uint32_t>(kCrcSize + payload));
  PutU32(frame, 0);  // the CRC, once the bytes it covers are there
  PutU8(frame, static_cast<uint8_t>(record.type));
  PutU8(frame, stored.content_erased ? kFlagContentErased : 0);
  PutI64(frame, stored.captured_at_us);
  PutU32(frame, static_cast<uint32_t>(record.key.size()));
  frame += record.key;
  PutU32(frame, static_cast<uint32_t>(record.meta.size()));
  frame += record.meta;
  PutBytes(frame, stored.salt.data(), stored.salt.size());
  PutBytes(frame, stored.content_digest.data(), stored.content_digest.size());
  PutU32(frame, static_cast<uint32_t>(record.content.size()));
  frame += record.content;
  PutBytes(frame, stored.leaf_hash.data(), stored.leaf_hash.size());
  PutCrc(frame);
  return frame;
}

uint64_t FrameSize(std::string_view header) { return kFrameHeaderSize + FrameLength(header); }

tl::expected<StoredRecord, std::string> DecodeFrame(std::string_view frame, uint64_t sequence,
                                                    CrcCheck crc) {
  if (frame.size() < kFrameHeaderSize || !HasMagic(frame)) {
    return tl::unexpected(std::string(kBadMagic));
  }
  if (FrameLength(frame) != frame.size() - kFrameHeaderSize) {
    return tl::unexpected(std::string("frame length does not match the frame"));
  }
  const size_t payload_start = PayloadStart(frame);
  if (frame.size() < payload_start) {
    return tl::unexpected(std::string("the frame is too short for its CRC"));
  }
  if (payload_start != kFrameHeaderSize && crc == CrcCheck::kCheck) {
    ByteReader stored_crc(frame.substr(kFrameHeaderSize, kCrcSize));
    uint32_t expected = 0;
    (void)stored_crc.ReadU32(&expected);  // the size was checked above
    if (const uint32_t actual = FrameCrc(frame); actual != expected) {
      char text[64];
      std::snprintf(text, sizeof text, "bad CRC32C (stored %08x, bytes give %08x)", expected,
                    actual);
      return tl::unexpected(std::string(text));
    }
  }
  ByteReader reader(frame.substr(payload_start));
  StoredRecord stored;
  stored.sequence = sequence;
  uint8_t type = 0;
  uint8_t flags = 0;
  if (!reader.ReadU8(&type) || !reader.ReadU8(&flags) || !reader.ReadI64(&stored.captured_at_us) ||
      !ReadString(reader, &stored.record.key) || !ReadString(reader, &stored.record.meta) ||
      !reader.ReadInto(stored.salt.data(), stored.salt.size()) ||
      !reader.ReadInto(stored.content_digest.data(), stored.content_digest.size()) ||
      !ReadString(reader, &stored.record.content) ||
      !reader.ReadInto(stored.leaf_hash.data(), stored.leaf_hash.size())) {
    return tl::unexpected(std::string("a field runs past the end of the frame"));
  }
  if (reader.remaining() != 0) {
    return tl::unexpected(std::string("bytes left over after the last field of the frame"));
  }
  if (!IsKnownType(type)) {
    return tl::unexpected("unknown record type " + std::to_string(type));
  }
  if ((flags & ~kFlagContentErased) != 0) {
    return tl::unexpected("unknown frame flags " + std::to_string(flags));
  }
  stored.record.type = static_cast<RecordType>(type);
  stored.content_erased = (flags & kFlagContentErased) != 0;
  if (stored.content_erased) {
    // Content erased where it lay leaves zero bytes of the same length (EraseFrameContent).
    if (stored.record.content.find_first_not_of('\0') != std::string::npos) {
      return tl::unexpected(std::string("content marked erased is present"));
    }
    stored.record.content.clear();
  }
  return stored;
}

tl::expected<std::string, std::string> EraseFrameContent(std::string_view frame) {
  auto stored = DecodeFrame(frame, 0);
  if (!stored) {
    return tl::unexpected(stored.error());
  }
  // The content is the last field before the 32-byte leaf hash, after its u32 length.
  const size_t content_end = frame.size() - kHashSize;
  const size_t content_size = stored->content_erased ? 0 : stored->record.content.size();
  std::string erased(frame);
  const size_t payload_start = PayloadStart(frame);
  erased[payload_start + 1] = static_cast<char>(kFlagContentErased);
  std::fill(erased.begin() + static_cast<std::ptrdiff_t>(content_end - content_size),
            erased.begin() + static_cast<std::ptrdiff_t>(content_end), '\0');
  if (payload_start != kFrameHeaderSize) {
    PutCrc(erased);
  }
  return erased;
}

}  // namespace holdfast::archive::internal
