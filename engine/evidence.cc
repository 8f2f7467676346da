#include "engine/evidence.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>

#include "archive/bundle.h"
#include "archive/merkle.h"
#include "engine/export/conversation_slices.h"
#include "engine/export/dat_load_file.h"
#include "engine/export/html_transcript.h"
#include "engine/export/native_post.h"
#include "engine/export/rsmf.h"
#include "engine/records.h"

namespace holdfast::engine {

namespace {

std::string ControlNumber(uint64_t sequence) {
  char number[32];
  std::snprintf(number, sizeof(number), "HF%010" PRIu64, sequence);
  return number;
}

class EvidenceExport {
 public:
  EvidenceExport(const archive::Archive& archive, const EvidenceRequest& request,
                 archive::BundleWriter& writer, std::vector<ExportFlag> flags)
      : archive_(archive), request_(request), writer_(writer), flags_(std::move(flags)) {}

  // The posts' records, with their flags and the reviews of those, then the native files.
  tl::expected<void, Error> WriteRecords(const std::vector<uint64_t>& posts);
  // RSMF, DAT and HTML, one conversation slice at a time.
  tl::expected<void, Error> WriteFormats(const ExportContext& context);

  uint64_t flags_written() const { return flags_written_; }
  uint64_t reviews_written() const { return reviews_written_; }
  uint64_t slices_written() const { return slices_written_; }

 private:
  tl::expected<ExportPost, Error> ReadPost(uint64_t sequence, archive::StoredRecord* stored) const;
  bool Wants(std::string_view format) const {
    return std::find(request_.formats.begin(), request_.formats.end(), format) !=
           request_.formats.end();
  }
  bool Step() {
    ++done_;
    return !request_.progress || request_.progress(EvidenceProgress{done_, total_});
  }

  const archive::Archive& archive_;
  const EvidenceRequest& request_;
  archive::BundleWriter& writer_;
  const std::vector<ExportFlag> flags_;
  std::map<uint64_t, std::vector<size_t>> flags_of_post_;  // post sequence -> flags_ indexes
  std::vector<PostOutline> outlines_;
  uint64_t done_ = 0;
  uint64_t total_ = 0;
  uint64_t flags_written_ = 0;
  uint64_t reviews_written_ = 0;
  uint64_t slices_written_ = 0;
};

Error Cancelled(const EvidenceRequest& request) {
  return Error{request.out.string(), 0, "export cancelled"};
}

tl::expected<ExportPost, Error> EvidenceExport::ReadPost(uint64_t sequence,
                                                         archive::StoredRecord* stored) const {
  auto record = archive_.Read(sequence);
  if (!record) {
    return tl::unexpected(FromArchive(record.error()));
  }
  auto post = DecodePost(*record);
  if (!post) {
    return tl::unexpected(post.error());
  }
  ExportPost exported{std::move(*post),
                      sequence,
                      ControlNumber(sequence),
                      record->captured_at_us,
                      record->content_erased,
                      "native/" + std::to_string(sequence) + "/",
                      record->content_erased
                          ? std::string()
                          : archive::ToHex(archive::Sha256(record->record.content)),
                      "",
                      {}};
  exported.original_file = OriginalFileName(exported);
  if (const auto it = flags_of_post_.find(sequence); it != flags_of_post_.end()) {
    for (size_t index : it->second) {
      exported.flags.push_back(flags_[index]);
    }
  }
  if (stored != nullptr) {
    *stored = std::move(*record);
  }
  return exported;
}

tl::expected<void, Error> EvidenceExport::WriteRecords(const std::vector<uint64_t>& posts) {
  std::vector<uint64_t> others;  // flags and reviews
  for (size_t i = 0; i < flags_.size(); ++i) {
    const uint64_t post = flags_[i].flag.post_sequence;
    if (!std::binary_search(posts.begin(), posts.end(), post)) {
      continue;
    }
    flags_of_post_[post].push_back(i);
    others.push_back(flags_[i].sequence);
    others.insert(others.end(), flags_[i].review_sequences.begin(),
                  flags_[i].review_sequences.end());
    ++flags_written_;
    reviews_written_ += flags_[i].review_sequences.size();
  }
  std::sort(others.begin(), others.end());
  total_ = 2 * posts.size() + others.size();
  for (uint64_t sequence : posts) {
    archive::StoredRecord stored;
    auto post = ReadPost(sequence, &stored);
    if (!post) {
      return tl::unexpected(post.error());
    }
    if (auto added = writer_.AddRecord(stored); !added) {
      return tl::unexpected(FromArchive(added.error()));
    }
    if (auto added = writer_.AddFile(post->native_dir + kNativePostFile, NativePostJson(*post));
        !added) {
      return tl::unexpected(FromArchive(added.error()));
    }
    if (!post->original_file.empty()) {
      if (auto added = writer_.AddFile(post->original_file, post->post.original); !added) {
        return tl::unexpected(FromArchive(added.error()));
      }
    }
    const Post& p = post->post;
    outlines_.push_back(PostOutline{sequence, ChatId(p), p.created_us, p.source, p.workspace,
                                    p.community_name.empty() ? p.community_id : p.community_name});
    if (!Step()) {
      return tl::unexpected(Cancelled(request_));
    }
  }
  for (uint64_t sequence : others) {
    auto stored = archive_.Read(sequence);
    if (!stored) {
      return tl::unexpected(FromArchive(stored.error()));
    }
    if (auto added = writer_.AddRecord(*stored); !added) {
      return tl::unexpected(FromArchive(added.error()));
    }
    if (!Step()) {
      return tl::unexpected(Cancelled(request_));
    }
  }
  return {};
}

tl::expected<void, Error> EvidenceExport::WriteFormats(const ExportContext& context) {
  DatLoadFile dat;
  std::vector<TranscriptEntry> transcripts;
  for (const SlicePlan& plan : PlanSlices(std::move(outlines_), kMaxSliceEvents)) {
    ConversationSlice slice{
        plan.conversation_id, plan.title, plan.source, plan.workspace, plan.slug,
        plan.day_start_us,    {}};
    size_t flagged = 0;
    for (uint64_t sequence : plan.sequences) {
      auto post = ReadPost(sequence, nullptr);
      if (!post) {
        return tl::unexpected(post.error());
      }
      flagged += post->flags.empty() ? 0 : 1;
      slice.posts.push_back(std::move(*post));
      if (!Step()) {
        return tl::unexpected(Cancelled(request_));
      }
    }
    if (Wants("rsmf")) {
      auto rsmf = RsmfFile(slice, context);
      if (!rsmf) {
        return tl::unexpected(rsmf.error());
      }
      if (auto added = writer_.AddFile(RsmfPath(slice), *rsmf); !added) {
        return tl::unexpected(FromArchive(added.error()));
      }
    }
    if (Wants("html")) {
      if (auto added = writer_.AddFile(HtmlTranscriptPath(slice), HtmlTranscript(slice, context));
          !added) {
        return tl::unexpected(FromArchive(added.error()));
      }
      transcripts.push_back(TranscriptEntry{slice.slug, slice.title, slice.source,
                                            slice.day_start_us, slice.posts.size(), flagged});
    }
    if (Wants("dat")) {
      for (const ExportPost& post : slice.posts) {
        dat.Add(slice, post);
      }
    }
    ++slices_written_;
  }
  if (Wants("dat")) {
    if (auto added = writer_.AddFile(kDatLoadFilePath, dat.Take()); !added) {
      return tl::unexpected(FromArchive(added.error()));
    }
  }
  if (Wants("html")) {
    if (auto added = writer_.AddFile(kHtmlIndexPath, HtmlIndex(transcripts, context)); !added) {
      return tl::unexpected(FromArchive(added.error()));
    }
  }
  return {};
}

}  // namespace

tl::expected<EvidenceSummary, Error> ExportEvidence(const archive::Archive& archive,
                                                    const EvidenceRequest& request) {
  for (const std::string& format : request.formats) {
    if (std::find(std::begin(kEvidenceFormats), std::end(kEvidenceFormats), format) ==
        std::end(kEvidenceFormats)) {
      return tl::unexpected(
          Error{request.out.string(), 0,
                "unknown format \"" + format + "\": give native, rsmf, dat or html"});
    }
  }
  auto writer = archive::BundleWriter::Create(archive, request.head_size, request.out);
  if (!writer) {
    return tl::unexpected(FromArchive(writer.error()));
  }
  const archive::TreeHead head = (*writer)->head();
  auto flags = FlagsAtHead(archive, head.size);
  if (!flags) {
    return tl::unexpected(flags.error());
  }
  auto selected = SelectPosts(
      archive, head.size, request.selection, request.value, *flags, [&request](uint64_t found) {
        return !request.progress || request.progress(EvidenceProgress{found, 0});
      });
  if (!selected) {
    return tl::unexpected(selected.error());
  }
  EvidenceExport evidence(archive, request, **writer, std::move(*flags));
  if (auto written = evidence.WriteRecords(selected->sequences); !written) {
    return tl::unexpected(written.error());
  }
  const std::string selection_name(EvidenceSelectionName(request.selection));
  const ExportContext context{request.case_name,   selection_name + ": " + request.value,
                              request.exported_by, archive.origin(),
                              head.size,           head.time_us};
  if (auto written = evidence.WriteFormats(context); !written) {
    return tl::unexpected(written.error());
  }
  EvidenceSummary summary{selected->sequences.size(),
                          evidence.flags_written(),
                          evidence.reviews_written(),
                          evidence.slices_written(),
                          head.size,
                          selected->query,
                          ""};
  std::vector<std::string> formats{"native"};
  formats.insert(formats.end(), request.formats.begin(), request.formats.end());
  const archive::BundleFields fields{request.case_name,
                                     selection_name,
                                     request.value,
                                     selected->query,
                                     request.exported_by,
                                     formats,
                                     {{"posts", summary.posts},
                                      {"flags", summary.flags},
                                      {"reviews", summary.reviews},
                                      {"items", summary.posts + summary.flags + summary.reviews},
                                      {"conversation_slices", summary.conversations}}};
  auto manifest = (*writer)->Finish(fields);
  if (!manifest) {
    return tl::unexpected(FromArchive(manifest.error()));
  }
  summary.manifest_sha256 = std::move(*manifest);
  return summary;
}

}  // namespace holdfast::engine
