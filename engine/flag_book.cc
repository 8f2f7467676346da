#include "engine/flag_book.h"

#include <algorithm>
#include <iterator>

namespace holdfast::engine {

const FlagStatus* FlagBook::Find(const std::string& flag_id) const {
  const auto it = by_id_.find(flag_id);
  return it == by_id_.end() ? nullptr : &flags_[it->second];
}

tl::expected<void, Error> FlagBook::Update(const archive::Archive& archive) {
  const uint64_t end = archive.size();
  if (end <= read_to_) {
    return {};
  }
  // Flags and reviews are listed by type: read them alone, in log order, not the whole log.
  auto flag_sequences = archive.SequencesOfType(archive::RecordType::kFlag, read_to_);
  auto review_sequences = archive.SequencesOfType(archive::RecordType::kReview, read_to_);
  if (!flag_sequences || !review_sequences) {
    return tl::unexpected(
        FromArchive(!flag_sequences ? flag_sequences.error() : review_sequences.error()));
  }
  std::vector<uint64_t> sequences;
  sequences.reserve(flag_sequences->size() + review_sequences->size());
  std::merge(flag_sequences->begin(), flag_sequences->end(), review_sequences->begin(),
             review_sequences->end(), std::back_inserter(sequences));
  for (const uint64_t sequence : sequences) {
    if (sequence >= end) {
      break;
    }
    auto record = archive.Read(sequence);
    if (!record) {
      return tl::unexpected(FromArchive(record.error()));
    }
    if (record->record.type == archive::RecordType::kFlag) {
      auto flag = DecodeFlag(*record);
      if (!flag) {
        return tl::unexpected(flag.error());
      }
      if (with_places_) {
        auto post = ReadPost(archive, flag->post_sequence);
        places_.push_back(post ? FlagPlace{post->community_id, post->community_name} : FlagPlace{});
      }
      by_id_[flag->flag_id] = flags_.size();
      const char* state = flag->queued ? "open" : "unsampled";
      flags_.push_back({std::move(*flag), sequence, state, {}});
    } else if (record->record.type == archive::RecordType::kReview) {
      auto review = DecodeReview(*record);
      if (!review) {
        return tl::unexpected(review.error());
      }
      if (const auto it = by_id_.find(review->flag_id); it != by_id_.end()) {
        TakeReview(flags_[it->second], std::move(*review));
      }
    }
  }
  read_to_ = end;
  return {};
}

}  // namespace holdfast::engine
