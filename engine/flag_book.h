// FlagBook: the review queue as the log gives it (every flag with the state, assignee and tags
// its reviews give it), kept up to date by reading only the flag and review records appended
// since its last Update. The API server keeps one, so that listing the queue is a filter over
// memory rather than a read of every flag and its post; LoadFlags (review_queue.h) is one
// Update of a new book. Sequences are the log's, so any Archive object of the same folder can
// update a book, the one a server reopens after a commit included.
// Thread safety: owned.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

#include "archive/archive.h"
#include "engine/error.h"
#include "engine/review_queue.h"

namespace holdfast::engine {

// Where a flagged post was posted, which queue filters and community managers' rights read.
struct FlagPlace {
  std::string community_id;
  std::string community_name;
};

class FlagBook {
 public:
  // with_places: also read each new flag's post, once, for place(). A post whose content was
  // erased keeps what its metadata says.
  explicit FlagBook(bool with_places = false) : with_places_(with_places) {}

  // Reads the flag and review records from read_to() up to the end of `archive`'s log.
  [[nodiscard]] tl::expected<void, Error> Update(const archive::Archive& archive);

  // In log order of the flags.
  const std::vector<FlagStatus>& flags() const { return flags_; }
  std::vector<FlagStatus> TakeFlags() && { return std::move(flags_); }
  // REQUIRES: the book was made with_places; i < flags().size().
  const FlagPlace& place(size_t i) const { return places_[i]; }
  // The flag with this id, or null.
  const FlagStatus* Find(const std::string& flag_id) const;
  // The indexes in flags() of the flags raised on the post with this key, in log order.
  std::span<const size_t> FlagsOfPost(const std::string& post_key) const;
  // Flag i's state and policy as small numbers, so that a listing filters without reading each
  // flag: StateNumber("open") == state_number(i) when flags()[i].state is "open". nullopt for
  // a state or policy no flag has.
  static std::optional<uint8_t> StateNumber(std::string_view state);
  uint8_t state_number(size_t i) const { return state_numbers_[i]; }
  std::optional<uint32_t> PolicyNumber(const std::string& policy) const;
  uint32_t policy_number(size_t i) const { return policy_numbers_[i]; }
  // Flag i's duplicate group as a small number below groups(), for counting without hashing.
  uint32_t group_number(size_t i) const { return group_numbers_[i]; }
  size_t groups() const { return group_ids_.size(); }
  // How many of flags() an archive of `log_size` records holds: a reader of an older snapshot
  // than the one the book was brought up to lists only these (flags are in log order).
  size_t FlagsWithin(uint64_t log_size) const;
  // Records below this sequence have been read.
  uint64_t read_to() const { return read_to_; }

 private:
  const bool with_places_;
  std::vector<FlagStatus> flags_;
  std::vector<FlagPlace> places_;  // parallel to flags_ when with_places_
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_post_;
  std::unordered_map<std::string, uint32_t> group_ids_;
  std::vector<uint32_t> group_numbers_;  // parallel to flags_
  std::unordered_map<std::string, uint32_t> policy_ids_;
  std::vector<uint32_t> policy_numbers_;  // parallel to flags_
  std::vector<uint8_t> state_numbers_;    // parallel to flags_
  uint64_t read_to_ = 0;
};

}  // namespace holdfast::engine
