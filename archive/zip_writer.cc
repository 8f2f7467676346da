#include "archive/zip_writer.h"

#include <algorithm>
#include <cassert>
#include <string>
#include <system_error>
#include <utility>

#include "archive/internal/libarchive_handles.h"

namespace holdfast::archive {
namespace {

// Entries carry a fixed time (1980-01-01, the start of the DOS dates a zip stores) so that the
// same entries always give the same bytes; the capture times live in the records themselves.
constexpr time_t kEntryTime = 315532800;

// libarchive accepts writes of at most SSIZE_MAX; chunking also keeps each call's return value
// easy to check against what was asked.
constexpr size_t kWriteChunk = size_t{1} << 20;

[[maybe_unused]] bool IsRelativeName(std::string_view name) {
  if (name.empty() || name.front() == '/') {
    return false;
  }
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) {
      end = name.size();
    }
    if (name.substr(start, end - start) == "..") {
      return false;
    }
    start = end + 1;
  }
  return true;
}

std::string LibarchiveReason(struct archive* a, std::string_view what) {
  const char* reason = archive_error_string(a);
  std::string message(what);
  message += ": ";
  message += reason != nullptr ? reason : "unknown libarchive error";
  return message;
}

}  // namespace

struct ZipWriter::Impl {
  std::filesystem::path file;
  std::string* memory = nullptr;  // set for a zip built in memory
  internal::ArchiveWriter writer;
  bool closed = false;

  Error Fail(std::string_view what) const {
    return Error{file.string(), std::nullopt, LibarchiveReason(writer.get(), what)};
  }

  // Removes what was written so that no truncated file can be mistaken for a complete one.
  // The explicit close releases the file descriptor and buffers even after a fatal write error
  // (archive_write_free skips closing in that state); what it writes is deleted right after.
  void Abandon() {
    archive_write_close(writer.get());
    writer.reset();
    if (memory != nullptr) {
      memory->clear();
    } else {
      std::error_code ignored;
      std::filesystem::remove(file, ignored);
    }
    closed = true;
  }
};

ZipWriter::ZipWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ZipWriter::~ZipWriter() {
  if (impl_ != nullptr && !impl_->closed) {
    impl_->Abandon();
  }
}

tl::expected<std::unique_ptr<ZipWriter>, Error> ZipWriter::Create(
    const std::filesystem::path& file) {
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  impl->writer.reset(archive_write_new());
  if (impl->writer == nullptr) {
    return tl::unexpected(Error{file.string(), std::nullopt, "cannot allocate a zip writer"});
  }
  struct archive* a = impl->writer.get();
  if (archive_write_set_format_zip(a) != ARCHIVE_OK) {
    return tl::unexpected(impl->Fail("cannot select the zip format"));
  }
  if (archive_write_zip_set_compression_deflate(a) != ARCHIVE_OK) {
    return tl::unexpected(impl->Fail("cannot select deflate compression"));
  }
  if (archive_write_open_filename(a, file.c_str()) != ARCHIVE_OK) {
    Error error = impl->Fail("cannot create the zip file");
    // Nothing of ours is on disk yet; the destructor must not remove a file we did not make.
    impl->closed = true;
    return tl::unexpected(std::move(error));
  }
  return std::unique_ptr<ZipWriter>(new ZipWriter(std::move(impl)));
}

namespace {

la_ssize_t AppendToString(struct archive*, void* out, const void* bytes, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(bytes), size);
  return static_cast<la_ssize_t>(size);
}

}  // namespace

tl::expected<std::unique_ptr<ZipWriter>, Error> ZipWriter::CreateInMemory(std::string& out,
                                                                          std::string name) {
  auto impl = std::make_unique<Impl>();
  impl->file = std::move(name);
  impl->memory = &out;
  impl->writer.reset(archive_write_new());
  if (impl->writer == nullptr) {
    return tl::unexpected(Error{impl->file.string(), std::nullopt, "cannot allocate a zip writer"});
  }
  struct archive* a = impl->writer.get();
  if (archive_write_set_format_zip(a) != ARCHIVE_OK) {
    return tl::unexpected(impl->Fail("cannot select the zip format"));
  }
  if (archive_write_zip_set_compression_deflate(a) != ARCHIVE_OK) {
    return tl::unexpected(impl->Fail("cannot select deflate compression"));
  }
  // No padding of the last block: the zip ends where its central directory does.
  if (archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
      archive_write_open(a, &out, nullptr, AppendToString, nullptr) != ARCHIVE_OK) {
    Error error = impl->Fail("cannot start the zip");
    impl->closed = true;
    return tl::unexpected(std::move(error));
  }
  return std::unique_ptr<ZipWriter>(new ZipWriter(std::move(impl)));
}

tl::expected<void, Error> ZipWriter::Add(std::string_view name, std::string_view bytes) {
  assert(!impl_->closed);
  assert(IsRelativeName(name));
  struct archive* a = impl_->writer.get();
  internal::ArchiveEntry entry(archive_entry_new());
  if (entry == nullptr) {
    return tl::unexpected(Error{impl_->file.string(), std::nullopt, "cannot allocate an entry"});
  }
  const std::string pathname(name);
  archive_entry_set_pathname_utf8(entry.get(), pathname.c_str());
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
  archive_entry_set_mtime(entry.get(), kEntryTime, 0);
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK) {
    return tl::unexpected(impl_->Fail("cannot write the header of " + pathname));
  }
  while (!bytes.empty()) {
    const size_t chunk = std::min(bytes.size(), kWriteChunk);
    const la_ssize_t written = archive_write_data(a, bytes.data(), chunk);
    if (written < 0 || static_cast<size_t>(written) != chunk) {
      return tl::unexpected(impl_->Fail("cannot write the data of " + pathname));
    }
    bytes.remove_prefix(chunk);
  }
  if (archive_write_finish_entry(a) != ARCHIVE_OK) {
    return tl::unexpected(impl_->Fail("cannot finish " + pathname));
  }
  return {};
}

tl::expected<void, Error> ZipWriter::Close() {
  assert(!impl_->closed);
  if (archive_write_close(impl_->writer.get()) != ARCHIVE_OK) {
    Error error = impl_->Fail("cannot complete the zip file");
    impl_->Abandon();
    return tl::unexpected(std::move(error));
  }
  impl_->closed = true;
  return {};
}

}  // namespace holdfast::archive
