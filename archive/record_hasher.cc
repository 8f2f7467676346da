#include "archive/internal/record_hasher.h"

#include <cassert>
#include <thread>

#include "archive/merkle.h"

namespace holdfast::archive::internal {

namespace {

// Below this many records a second thread costs more than it saves.
constexpr size_t kMinRecordsToSplit = 256;

void HashRange(std::span<const StoredRecord> records, std::span<RecordHash> out) {
  for (size_t i = 0; i < records.size(); ++i) {
    const StoredRecord& stored = records[i];
    out[i].content_matches =
        stored.content_erased ||
        ContentDigest(stored.salt, stored.record.content) == stored.content_digest;
    out[i].leaf = LeafHash(stored.LeafInput());
  }
}

}  // namespace

void HashRecords(std::span<const StoredRecord> records, std::span<RecordHash> out) {
  assert(records.size() == out.size());
  if (records.size() < kMinRecordsToSplit || std::thread::hardware_concurrency() < 2) {
    HashRange(records, out);
    return;
  }
  const size_t half = records.size() / 2;
  std::thread second([&] { HashRange(records.subspan(half), out.subspan(half)); });
  HashRange(records.first(half), out.first(half));
  second.join();
}

}  // namespace holdfast::archive::internal
