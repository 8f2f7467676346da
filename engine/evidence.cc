#include "engine/evidence.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "archive/bundle.h"
#include "engine/review_queue.h"

namespace holdfast::engine {

namespace {

constexpr uint32_t kPage = 1000;

// Reports progress; false when the caller asks to stop.
bool Report(const EvidenceRequest& request, uint64_t done, uint64_t total) {
  return !request.progress || request.progress(EvidenceProgress{done, total});
}

tl::expected<EvidenceSummary, Error> Cancelled(const EvidenceRequest& request) {
  return tl::unexpected(Error{request.out.string(), 0, "export cancelled"});
}

}  // namespace

tl::expected<EvidenceSummary, Error> ExportEvidence(const archive::Archive& archive,
                                                    const EvidenceRequest& request) {
  std::vector<uint64_t> sequences;
  std::unordered_set<std::string> post_keys;
  for (uint32_t offset = 0;; offset += kPage) {
    // Every version the query finds, superseded ones too: evidence keeps the history.
    auto page = archive.index().Search(request.query, offset, kPage, /*history=*/true);
    if (!page)
      return tl::unexpected(FromArchive(page.error()));
    for (const archive::SearchHit& hit : page->hits) {
      sequences.push_back(hit.sequence);
      post_keys.insert(hit.key);
    }
    if (!Report(request, sequences.size(), 0))
      return Cancelled(request);
    if (page->hits.size() < kPage)
      break;
  }
  EvidenceSummary summary;
  summary.posts = sequences.size();

  auto flags = LoadFlags(archive);
  if (!flags)
    return tl::unexpected(flags.error());
  auto head = archive.LatestHead();
  if (!head)
    return tl::unexpected(FromArchive(head.error()));
  for (const FlagStatus& status : *flags) {
    if (post_keys.contains(status.flag.post_key) && status.flag_sequence < head->size) {
      sequences.push_back(status.flag_sequence);
      ++summary.flags;
    }
  }
  // Reviews are found by walking the log once more: they carry the flag id only.
  std::unordered_set<std::string> flag_ids;
  for (const FlagStatus& status : *flags) {
    if (post_keys.contains(status.flag.post_key))
      flag_ids.insert(status.flag.flag_id);
  }
  auto walked = archive.ForEach([&](const archive::StoredRecord& record) {
    if (record.sequence >= head->size)
      return false;
    if (record.record.type == archive::RecordType::kReview) {
      auto review = DecodeReview(record);
      if (review && flag_ids.contains(review->flag_id)) {
        sequences.push_back(record.sequence);
        ++summary.reviews;
      }
    }
    return true;
  });
  if (!walked)
    return tl::unexpected(FromArchive(walked.error()));

  std::sort(sequences.begin(), sequences.end());
  if (!Report(request, 0, sequences.size()))
    return Cancelled(request);
  archive::BundleRequest bundle{request.case_name, request.query, request.out};
  if (auto written = archive::WriteBundle(archive, sequences, bundle); !written) {
    return tl::unexpected(FromArchive(written.error()));
  }
  (void)Report(request, sequences.size(), sequences.size());
  return summary;
}

}  // namespace holdfast::engine
