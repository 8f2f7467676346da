// Archive::EraseContent: a record's content is overwritten with zeros where it lies in its
// segment, so that no copy of it stays in the archive's files and no later frame moves; the
// frame's CRC32C is rewritten for its new bytes. The leaf commits
// to the content through its salted digest, so every head and proof still verifies.
#include <fcntl.h>
#include <unistd.h>

#include "archive/archive.h"
#include "archive/internal/archive_state.h"
#include "archive/internal/file_io.h"
#include "archive/internal/log_file.h"

namespace holdfast::archive {

namespace {

bool IsErasable(RecordType type) {
  return type == RecordType::kPost || type == RecordType::kFlag || type == RecordType::kReview ||
         type == RecordType::kDeadLetter;
}

}  // namespace

tl::expected<bool, Error> Archive::EraseContent(uint64_t sequence) {
  Impl& impl = *impl_;
  const std::string path = impl.log_path().string();
  if (!impl.writer.has_value()) {
    return tl::unexpected(Error{path, sequence, "the archive is open read-only"});
  }
  auto head = LatestHead();
  if (!head || sequence >= head->size) {
    return tl::unexpected(Error{path, sequence, "only a record under a signed head is erased"});
  }
  if (auto flushed = impl.FlushPending(); !flushed) {
    return tl::unexpected(flushed.error());
  }
  auto extent = impl.FrameExtent(sequence);
  if (!extent) {
    return tl::unexpected(extent.error());
  }
  const auto [begin, end] = *extent;
  const internal::Segment segment = impl.segments->segments()[impl.segments->Find(begin)];
  const std::string segment_path = segment.path.string();
  std::string frame(end - begin, '\0');
  if (auto read = impl.segments->ReadAt(begin, frame.size(), frame.data(), sequence); !read) {
    return tl::unexpected(read.error());
  }
  auto stored = internal::DecodeFrame(frame, sequence);
  if (!stored) {
    return tl::unexpected(Error{segment_path, sequence, stored.error()});
  }
  if (!IsErasable(stored->record.type)) {
    return tl::unexpected(Error{path, sequence,
                                std::string("a ") +
                                    std::string(RecordTypeName(stored->record.type)) +
                                    " record has no content to erase"});
  }
  if (stored->content_erased) {
    return false;
  }
  auto erased = internal::EraseFrameContent(frame);
  if (!erased) {
    return tl::unexpected(Error{segment_path, sequence, erased.error()});
  }
  internal::UniqueFd fd(::open(segment_path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return tl::unexpected(
        Error{segment_path, sequence, internal::ErrnoMessage("cannot open the segment")});
  }
  if (::pwrite(fd.get(), erased->data(), erased->size(),
               static_cast<off_t>(begin - segment.base)) != static_cast<ssize_t>(erased->size()) ||
      (impl.options.sync && ::fdatasync(fd.get()) != 0)) {
    return tl::unexpected(
        Error{segment_path, sequence, internal::ErrnoMessage("cannot erase the record's content")});
  }
  return true;
}

}  // namespace holdfast::archive
