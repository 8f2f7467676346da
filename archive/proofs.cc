// Archive::ConsistencyProof: the proof that the log only grew between two tree heads, served
// from the cached subtrees of LeafTree.
#include <string>

#include "archive/archive.h"
#include "archive/internal/archive_state.h"

namespace holdfast::archive {

tl::expected<std::vector<Hash>, Error> Archive::ConsistencyProof(uint64_t old_size,
                                                                 uint64_t new_size) const {
  if (old_size > new_size || new_size > impl_->size()) {
    return tl::unexpected(Error{impl_->log_path().string(), std::nullopt,
                                "no consistency proof from a tree of " + std::to_string(old_size) +
                                    " records to one of " + std::to_string(new_size) +
                                    " (the log holds " + std::to_string(impl_->size()) + ")"});
  }
  if (auto caught_up = impl_->tree.CatchUp(*impl_->records); !caught_up) {
    return tl::unexpected(caught_up.error());
  }
  return impl_->tree.ConsistencyProof(*impl_->records, old_size, new_size);
}

}  // namespace holdfast::archive
