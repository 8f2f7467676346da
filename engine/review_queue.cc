#include "engine/review_queue.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>

#include "archive/pending_records.h"
#include "archive/random.h"
#include "engine/flag_book.h"

namespace holdfast::engine {

tl::expected<void, Error> IndexFlagStates(archive::Archive& archive,
                                          const std::vector<FlagStatus>& flags,
                                          const std::set<std::string>& post_keys) {
  std::map<std::string, std::set<std::string>> states;
  for (const FlagStatus& status : flags) {
    if (post_keys.contains(status.flag.post_key))
      states[status.flag.post_key].insert(status.state);
  }
  for (const auto& [post_key, post_states] : states) {
    auto set =
        archive.index().SetFilter(post_key, "state", {post_states.begin(), post_states.end()});
    if (!set)
      return tl::unexpected(FromArchive(set.error()));
  }
  return {};
}

void TakeReview(FlagStatus& status, Review review) {
  status.state = StateAfter(review.action, status.state);
  if (!review.assignee.empty() &&
      (review.action == ReviewAction::kAssign || review.action == ReviewAction::kEscalate)) {
    status.assignee = review.assignee;
  }
  for (const std::string& tag : review.tags) {
    if (std::find(status.tags.begin(), status.tags.end(), tag) == status.tags.end()) {
      status.tags.push_back(tag);
    }
  }
  status.reviews.push_back(std::move(review));
}

tl::expected<Review, Error> SpoolReview(const std::filesystem::path& dir, Review review) {
  if (review.id.empty()) {
    auto id = archive::RandomHex(16);
    if (!id)
      return tl::unexpected(FromArchive(id.error()));
    review.id = std::move(*id);
  }
  if (auto added = archive::AddPending(dir, ReviewRecord(review)); !added)
    return tl::unexpected(FromArchive(added.error()));
  return review;
}

tl::expected<std::vector<FlagStatus>, Error> LoadFlags(const archive::Archive& archive) {
  FlagBook book;
  if (auto updated = book.Update(archive); !updated) {
    return tl::unexpected(updated.error());
  }
  return std::move(book).TakeFlags();
}

tl::expected<FlagStatus, Error> ApplyReview(archive::Archive& archive, Review review) {
  auto flags = LoadFlags(archive);
  if (!flags)
    return tl::unexpected(flags.error());
  FlagStatus* target = nullptr;
  for (FlagStatus& status : *flags) {
    if (status.flag.flag_id == review.flag_id)
      target = &status;
  }
  if (target == nullptr) {
    return tl::unexpected(Error{"", 0, "no flag with id '" + review.flag_id + "'"});
  }
  auto appended = archive.Append(ReviewRecord(review));
  if (!appended)
    return tl::unexpected(FromArchive(appended.error()));
  TakeReview(*target, review);
  if (auto indexed = IndexFlagStates(archive, *flags, {target->flag.post_key}); !indexed)
    return tl::unexpected(indexed.error());
  if (auto head = CommitWithSpooledReviews(archive); !head)
    return tl::unexpected(head.error());
  return *target;
}

tl::expected<archive::TreeHead, Error> CommitWithSpooledReviews(archive::Archive& archive) {
  auto before = archive.SequencesOfType(archive::RecordType::kReview);
  if (!before)
    return tl::unexpected(FromArchive(before.error()));
  auto head = archive.Commit();
  auto after = archive.SequencesOfType(archive::RecordType::kReview);
  if (!head || !after)
    return tl::unexpected(FromArchive(!head ? head.error() : after.error()));
  if (after->size() == before->size())
    return *head;
  std::set<std::string> flag_ids;  // the flags the spooled reviews are about
  for (size_t i = before->size(); i < after->size(); ++i) {
    auto record = archive.Read((*after)[i]);
    if (!record)
      return tl::unexpected(FromArchive(record.error()));
    auto review = DecodeReview(*record);
    if (!review)
      return tl::unexpected(review.error());
    flag_ids.insert(review->flag_id);
  }
  auto flags = LoadFlags(archive);
  if (!flags)
    return tl::unexpected(flags.error());
  std::set<std::string> post_keys;
  for (const FlagStatus& status : *flags) {
    if (flag_ids.contains(status.flag.flag_id))
      post_keys.insert(status.flag.post_key);
  }
  if (auto indexed = IndexFlagStates(archive, *flags, post_keys); !indexed)
    return tl::unexpected(indexed.error());
  auto again = archive.Commit();  // signs nothing new: commits the index with the states
  if (!again)
    return tl::unexpected(FromArchive(again.error()));
  return *again;
}

tl::expected<Post, Error> ReadPost(const archive::Archive& archive, uint64_t sequence) {
  auto record = archive.Read(sequence);
  if (!record)
    return tl::unexpected(FromArchive(record.error()));
  if (record->record.type != archive::RecordType::kPost) {
    return tl::unexpected(Error{"log", sequence + 1, "record is not a post"});
  }
  return DecodePost(*record);
}

}  // namespace holdfast::engine
