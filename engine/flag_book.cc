#include "engine/flag_book.h"

#include <algorithm>
#include <iterator>

namespace holdfast::engine {

const FlagStatus* FlagBook::Find(const std::string& flag_id) const {
  const auto it = by_id_.find(flag_id);
  return it == by_id_.end() ? nullptr : &flags_[it->second];
}

namespace {
// Every state a flag can be in; another (from a newer version) numbers as kOtherState.
constexpr std::string_view kStates[] = {"open", "escalated", "dismissed", "resolved", "unsampled"};
constexpr uint8_t kOtherState = 255;
}  // namespace

std::optional<uint8_t> FlagBook::StateNumber(std::string_view state) {
  for (size_t i = 0; i < std::size(kStates); ++i) {
    if (kStates[i] == state) {
      return static_cast<uint8_t>(i);
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> FlagBook::PolicyNumber(const std::string& policy) const {
  const auto it = policy_ids_.find(policy);
  return it == policy_ids_.end() ? std::nullopt : std::optional<uint32_t>(it->second);
}

std::span<const size_t> FlagBook::FlagsOfPost(const std::string& post_key) const {
  const auto it = by_post_.find(post_key);
  return it == by_post_.end() ? std::span<const size_t>() : std::span<const size_t>(it->second);
}

size_t FlagBook::FlagsWithin(uint64_t log_size) const {
  const auto end = std::partition_point(
      flags_.begin(), flags_.end(),
      [&](const FlagStatus& status) { return status.flag_sequence < log_size; });
  return static_cast<size_t>(end - flags_.begin());
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
      by_post_[flag->post_key].push_back(flags_.size());
      const auto group = group_ids_.try_emplace(flag->group, group_ids_.size()).first;
      group_numbers_.push_back(group->second);
      const auto policy = policy_ids_.try_emplace(flag->policy, policy_ids_.size()).first;
      policy_numbers_.push_back(policy->second);
      state_numbers_.push_back(StateNumber(flag->queued ? "open" : "unsampled").value());
      const char* state = flag->queued ? "open" : "unsampled";
      flags_.push_back({std::move(*flag), sequence, state, {}});
    } else if (record->record.type == archive::RecordType::kReview) {
      auto review = DecodeReview(*record);
      if (!review) {
        return tl::unexpected(review.error());
      }
      if (const auto it = by_id_.find(review->flag_id); it != by_id_.end()) {
        TakeReview(flags_[it->second], std::move(*review));
        state_numbers_[it->second] = StateNumber(flags_[it->second].state).value_or(kOtherState);
      }
    }
  }
  read_to_ = end;
  return {};
}

}  // namespace holdfast::engine
