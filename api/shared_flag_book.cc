#include "api/internal/shared_flag_book.h"

namespace holdfast::api {

tl::expected<FlagBookLock, engine::Error> SharedFlagBook::Lock(const archive::Archive& archive) {
  std::unique_lock lock(mu_);
  if (auto updated = book_.Update(archive); !updated) {
    return tl::unexpected(updated.error());
  }
  return FlagBookLock{std::move(lock), &book_};
}

}  // namespace holdfast::api
