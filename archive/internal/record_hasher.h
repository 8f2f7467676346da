// RecordHasher: the hashing verify does for each record (its content digest, and its leaf
// hash recomputed from the fields), for a batch of records on two threads. Records are
// independent until their leaves join the tree, which the caller does in order afterwards.
// Thread safety: owned; Hash() uses one extra thread for the length of the call.
#pragma once

#include <span>
#include <vector>

#include "archive/record.h"

namespace holdfast::archive::internal {

struct RecordHash {
  bool content_matches = false;  // true for erased content: there is nothing to hash
  Hash leaf{};                   // LeafHash(record.LeafInput())
};

// REQUIRES: out.size() == records.size().
void HashRecords(std::span<const StoredRecord> records, std::span<RecordHash> out);

}  // namespace holdfast::archive::internal
