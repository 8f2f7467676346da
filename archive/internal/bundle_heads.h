// The signed heads an evidence bundle is cut at and refers to, found in the log (each head is
// logged as a tree-head record right after it is signed), and the chain-of-custody text.
// Thread safety: functions; the archive is only read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "archive/archive.h"
#include "archive/bundle.h"
#include "archive/tree_head.h"

namespace holdfast::archive::internal {

struct BundleHeads {
  TreeHead head;                  // the export head
  std::vector<TreeHead> earlier;  // heads of fewer records, by size, the first of each size
};

// The export head of `size` records (nullopt: the latest head) and the heads before it. Fails
// when the archive signed no head of that size, naming the nearest ones it did sign.
[[nodiscard]] tl::expected<BundleHeads, Error> FindBundleHeads(const Archive& archive,
                                                               std::optional<uint64_t> size);

// CHAIN-OF-CUSTODY.txt: plain text, no clock reading but the head's.
std::string CustodyText(const Archive& archive, const TreeHead& head, const BundleFields& fields,
                        const std::vector<std::string>& key_chain);

}  // namespace holdfast::archive::internal
