#include "engine/export/evidence_selection.h"

#include <algorithm>
#include <unordered_map>

#include "engine/hold_query.h"
#include "engine/retention.h"
#include "engine/review_queue.h"

namespace holdfast::engine {

namespace {

constexpr uint32_t kPage = 1000;

// The query of the hold named `name` as it stood at the head: placed and not yet released.
tl::expected<std::string, Error> HoldQueryAtHead(const archive::Archive& archive,
                                                 uint64_t head_size, const std::string& name) {
  auto history = HoldHistory(archive);
  if (!history) {
    return tl::unexpected(history.error());
  }
  const Hold* in_force = nullptr;
  for (const Hold& hold : *history) {
    if (hold.sequence < head_size && SameHoldName(hold.name, name)) {
      in_force = hold.active ? &hold : nullptr;
    }
  }
  if (in_force == nullptr) {
    return tl::unexpected(Error{"", 0,
                                "no hold named \"" + name + "\" was in force at the head of " +
                                    std::to_string(head_size) + " records"});
  }
  return HoldQuery(*in_force);
}

tl::expected<std::vector<uint64_t>, Error> Search(const archive::Archive& archive,
                                                  uint64_t head_size, const std::string& query,
                                                  const std::function<bool(uint64_t)>& progress) {
  std::vector<uint64_t> sequences;
  for (uint32_t offset = 0;; offset += kPage) {
    // Every version the query finds, superseded ones too: evidence keeps the history.
    auto page = archive.index().Search(query, offset, kPage, /*history=*/true);
    if (!page) {
      return tl::unexpected(FromArchive(page.error()));
    }
    for (const archive::SearchHit& hit : page->hits) {
      if (hit.sequence < head_size) {
        sequences.push_back(hit.sequence);
      }
    }
    if (progress && !progress(sequences.size())) {
      return tl::unexpected(Error{"", 0, "export cancelled"});
    }
    if (page->hits.size() < kPage) {
      return sequences;
    }
  }
}

}  // namespace

std::string_view EvidenceSelectionName(EvidenceSelection selection) {
  switch (selection) {
    case EvidenceSelection::kQuery:
      return "query";
    case EvidenceSelection::kHold:
      return "hold";
    case EvidenceSelection::kFlags:
      return "flags";
  }
  return "query";
}

tl::expected<std::vector<ExportFlag>, Error> FlagsAtHead(const archive::Archive& archive,
                                                         uint64_t head_size) {
  auto loaded = LoadFlags(archive);
  if (!loaded) {
    return tl::unexpected(loaded.error());
  }
  std::vector<ExportFlag> flags;
  std::unordered_map<std::string, size_t> by_id;
  for (FlagStatus& status : *loaded) {
    if (status.flag_sequence >= head_size) {
      continue;
    }
    by_id.emplace(status.flag.flag_id, flags.size());
    const char* state = status.flag.queued ? "open" : "unsampled";
    flags.push_back(ExportFlag{std::move(status.flag), status.flag_sequence, state, {}});
  }
  auto reviews = archive.SequencesOfType(archive::RecordType::kReview);
  if (!reviews) {
    return tl::unexpected(FromArchive(reviews.error()));
  }
  for (uint64_t sequence : *reviews) {
    if (sequence >= head_size) {
      break;
    }
    auto stored = archive.Read(sequence);
    if (!stored) {
      return tl::unexpected(FromArchive(stored.error()));
    }
    auto review = DecodeReview(*stored);
    if (!review) {
      return tl::unexpected(review.error());
    }
    const auto it = by_id.find(review->flag_id);
    if (it == by_id.end()) {
      continue;  // a review of a flag the head does not cover cannot be; a stray one is left out
    }
    ExportFlag& flag = flags[it->second];
    flag.state = std::string(StateAfter(review->action, flag.state));
    flag.reviews.push_back(std::move(*review));
    flag.review_sequences.push_back(sequence);
  }
  return flags;
}

tl::expected<SelectedPosts, Error> SelectPosts(const archive::Archive& archive, uint64_t head_size,
                                               EvidenceSelection selection,
                                               const std::string& value,
                                               const std::vector<ExportFlag>& flags,
                                               const std::function<bool(uint64_t)>& progress) {
  SelectedPosts selected;
  if (selection == EvidenceSelection::kFlags) {
    if (std::find(std::begin(kExportFlagStates), std::end(kExportFlagStates), value) ==
        std::end(kExportFlagStates)) {
      return tl::unexpected(Error{"", 0,
                                  "unknown flag state \"" + value +
                                      "\": give open, escalated, dismissed, resolved, "
                                      "unsampled or any"});
    }
    for (const ExportFlag& flag : flags) {
      if ((value == "any" || flag.state == value) && flag.flag.post_sequence < head_size) {
        selected.sequences.push_back(flag.flag.post_sequence);
      }
    }
  } else {
    if (selection == EvidenceSelection::kHold) {
      auto query = HoldQueryAtHead(archive, head_size, value);
      if (!query) {
        return tl::unexpected(query.error());
      }
      selected.query = std::move(*query);
    } else {
      // hold:NAME inside a query stands for the hold's query, as in a search.
      auto query = ExpandHolds(archive, value);
      if (!query) {
        return tl::unexpected(query.error());
      }
      selected.query = std::move(*query);
    }
    auto found = Search(archive, head_size, selected.query, progress);
    if (!found) {
      return tl::unexpected(found.error());
    }
    selected.sequences = std::move(*found);
  }
  std::sort(selected.sequences.begin(), selected.sequences.end());
  selected.sequences.erase(std::unique(selected.sequences.begin(), selected.sequences.end()),
                           selected.sequences.end());
  return selected;
}

}  // namespace holdfast::engine
