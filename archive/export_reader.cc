#include "archive/export_reader.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "archive/internal/libarchive_handles.h"

namespace holdfast::archive {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBlockBytes = size_t{64} << 10;
// Declared sizes are the sender's word; never reserve more than this up front on their basis.
constexpr uint64_t kMaxReserve = uint64_t{16} << 20;
// libarchive may ask for a header read to be retried after skipping damage; a damaged file
// must not keep the walk spinning.
constexpr int kMaxRetries = 16;

struct FolderFile {
  std::string path;  // relative, '/'-separated
  uint64_t size = 0;
};

std::string Quoted(std::string_view name) {
  std::string out = "entry \"";
  out += name;
  out += '"';
  return out;
}

// Why an entry name from a container is refused, or the name made canonical ("./a//b" is
// "a/b"). Both separators count: a '\' in a zip written on Windows is a separator to the
// tools that will eventually unpack it.
tl::expected<std::string, std::string> CanonicalName(std::string_view raw) {
  if (raw.empty()) {
    return tl::unexpected(std::string("it has no name"));
  }
  const bool drive = raw.size() >= 2 && raw[1] == ':' &&
                     ((raw[0] >= 'a' && raw[0] <= 'z') || (raw[0] >= 'A' && raw[0] <= 'Z'));
  if (raw.front() == '/' || raw.front() == '\\' || drive) {
    return tl::unexpected(std::string("it is an absolute path"));
  }
  std::string name;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find_first_of("/\\", start);
    if (end == std::string_view::npos) {
      end = raw.size();
    }
    const std::string_view part = raw.substr(start, end - start);
    if (part == "..") {
      return tl::unexpected(std::string("a \"..\" component would leave the export"));
    }
    if (!part.empty() && part != ".") {
      if (!name.empty()) {
        name += '/';
      }
      name += part;
    }
    start = end + 1;
  }
  if (name.empty()) {
    return tl::unexpected(std::string("it names no file"));
  }
  return name;
}

std::string LibarchiveReason(struct archive* a) {
  const char* reason = archive_error_string(a);
  return reason != nullptr ? reason : "unknown libarchive error";
}

tl::expected<std::vector<FolderFile>, Error> ListFolder(const fs::path& root) {
  std::vector<FolderFile> files;
  std::error_code ec;
  // Symlinks are neither followed nor returned: an export is what the tool wrote, and a link
  // could point anywhere on this machine.
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::file_status status = it->symlink_status(ec);
    if (ec || !fs::is_regular_file(status)) {
      continue;
    }
    const uint64_t size = it->file_size(ec);
    if (ec) {
      break;
    }
    files.push_back({it->path().lexically_relative(root).generic_string(), size});
  }
  if (ec) {
    return tl::unexpected(
        Error{root.string(), std::nullopt, "cannot list the folder: " + ec.message()});
  }
  std::sort(files.begin(), files.end(),
            [](const FolderFile& a, const FolderFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace

struct ExportReader::Impl {
  fs::path path;
  ReaderLimits limits;
  bool folder = false;
  uint64_t bytes_total = 0;
  bool done = false;

  std::optional<ExportEntry> current;  // the entry ReadAll reads
  bool current_read = false;
  // Read(): the open folder file and the bytes of the current entry read so far.
  std::ifstream stream;
  uint64_t current_bytes = 0;
  bool current_ended = false;  // Read has returned 0 for the current entry

  // Folder walk.
  std::vector<FolderFile> files;
  size_t next_file = 0;
  uint64_t files_done_bytes = 0;  // sizes of the files finished: read, or passed by
  bool current_counted = false;

  // Container walk.
  internal::ArchiveReader reader;
  uint64_t expanded = 0;  // uncompressed bytes read from all entries, for max_ratio

  Error EntryError(std::string_view name, std::string message) const {
    const std::string where =
        folder ? (path / name).string() : path.string() + "!" + std::string(name);
    return Error{where, std::nullopt, std::move(message)};
  }
  Error Stop(Error error) {
    done = true;
    current.reset();
    return error;
  }

  void FinishFile() {
    if (current.has_value() && !current_counted) {
      files_done_bytes += current->size;
      current_counted = true;
    }
  }

  tl::expected<std::optional<ExportEntry>, Error> NextFile();
  tl::expected<std::optional<ExportEntry>, Error> NextInContainer();
  tl::expected<void, Error> CheckSize(std::string_view name, uint64_t size);
  tl::expected<std::string, Error> ReadFile();
  tl::expected<std::string, Error> ReadFromContainer();
  tl::expected<size_t, Error> ReadSome(char* data, size_t size);
  std::string ExpansionMessage(std::string_view name) const;
};

std::string ExportReader::Impl::ExpansionMessage(std::string_view name) const {
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%g", limits.max_ratio);
  return "the export expands to more than " + std::string(ratio) + " times its " +
         std::to_string(bytes_total) + " bytes (a likely zip bomb); stopped in " + Quoted(name) +
         " after " + std::to_string(expanded) + " bytes in all";
}

tl::expected<void, Error> ExportReader::Impl::CheckSize(std::string_view name, uint64_t size) {
  if (size > limits.max_entry_bytes) {
    return tl::unexpected(Stop(EntryError(name, Quoted(name) + " holds more than the limit of " +
                                                    std::to_string(limits.max_entry_bytes) +
                                                    " bytes (" + std::to_string(size) + ")")));
  }
  return {};
}

tl::expected<std::optional<ExportEntry>, Error> ExportReader::Impl::NextFile() {
  FinishFile();
  current.reset();
  if (next_file == files.size()) {
    done = true;
    return std::nullopt;
  }
  const FolderFile& file = files[next_file++];
  if (auto ok = CheckSize(file.path, file.size); !ok) {
    return tl::unexpected(ok.error());
  }
  current = ExportEntry{file.path, file.size};
  current_read = false;
  current_counted = false;
  return current;
}

tl::expected<std::optional<ExportEntry>, Error> ExportReader::Impl::NextInContainer() {
  current.reset();
  struct archive* a = reader.get();
  for (int retries = 0;;) {
    struct archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) {
      done = true;
      return std::nullopt;
    }
    if (r == ARCHIVE_RETRY && ++retries < kMaxRetries) {
      continue;
    }
    if (r < ARCHIVE_WARN || r == ARCHIVE_RETRY) {
      return tl::unexpected(Stop(Error{path.string(), std::nullopt,
                                       "cannot read the next entry: " + LibarchiveReason(a)}));
    }
    if (archive_entry_filetype(entry) != AE_IFREG) {
      continue;  // directories, links and devices carry no content of the export
    }
    const char* utf8 = archive_entry_pathname_utf8(entry);
    const char* raw = utf8 != nullptr ? utf8 : archive_entry_pathname(entry);
    const std::string raw_name = raw != nullptr ? raw : "";
    auto name = CanonicalName(raw_name);
    if (!name) {
      // Refused, but the walk goes on: libarchive skips the data at the next header.
      return tl::unexpected(EntryError(raw_name, Quoted(raw_name) + " refused: " + name.error()));
    }
    const uint64_t size =
        archive_entry_size_is_set(entry) ? static_cast<uint64_t>(archive_entry_size(entry)) : 0;
    if (auto ok = CheckSize(*name, size); !ok) {
      return tl::unexpected(ok.error());
    }
    current = ExportEntry{std::move(*name), size};
    current_read = false;
    return current;
  }
}

tl::expected<std::string, Error> ExportReader::Impl::ReadFile() {
  const fs::path file = path / current->path;
  std::ifstream in(file, std::ios::binary);
  std::string bytes;
  bytes.reserve(std::min(current->size, kMaxReserve));
  std::vector<char> block(kBlockBytes);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    bytes.append(block.data(), static_cast<size_t>(in.gcount()));
    // The file may have grown since it was listed; the limit holds for what is read.
    if (auto ok = CheckSize(current->path, bytes.size()); !ok) {
      return tl::unexpected(ok.error());
    }
  }
  if (!in.eof()) {
    return tl::unexpected(EntryError(current->path, "cannot read the file"));
  }
  FinishFile();
  return bytes;
}

tl::expected<std::string, Error> ExportReader::Impl::ReadFromContainer() {
  struct archive* a = reader.get();
  const std::string name = current->path;  // Stop() clears current
  const double max_expanded = limits.max_ratio * static_cast<double>(bytes_total);
  std::string bytes;
  bytes.reserve(std::min(current->size, kMaxReserve));
  while (true) {
    const size_t old_size = bytes.size();
    bytes.resize(old_size + kBlockBytes);
    const la_ssize_t n = archive_read_data(a, bytes.data() + old_size, kBlockBytes);
    if (n < 0) {
      Error error = EntryError(name, "cannot read " + Quoted(name) + ": " + LibarchiveReason(a));
      return tl::unexpected(n == ARCHIVE_FATAL ? Stop(std::move(error)) : std::move(error));
    }
    bytes.resize(old_size + static_cast<size_t>(n));
    if (n == 0) {
      // The last block's spare room would stay with the caller: a reader that keeps many
      // small entries (verify-bundle keeps a bundle's) would hold a block for each.
      if (bytes.capacity() - bytes.size() > kBlockBytes / 4) {
        bytes.shrink_to_fit();
      }
      return bytes;
    }
    expanded += static_cast<uint64_t>(n);
    if (auto ok = CheckSize(name, bytes.size()); !ok) {
      return tl::unexpected(ok.error());
    }
    if (static_cast<double>(expanded) > max_expanded) {
      return tl::unexpected(Stop(EntryError(name, ExpansionMessage(name))));
    }
  }
}

tl::expected<size_t, Error> ExportReader::Impl::ReadSome(char* data, size_t size) {
  const std::string name = current->path;  // Stop() clears current
  size_t got = 0;
  if (current_ended) {
    return got;
  }
  if (folder) {
    if (!stream.is_open()) {
      stream.open(path / name, std::ios::binary);
      if (!stream) {
        return tl::unexpected(EntryError(name, "cannot open the file"));
      }
    }
    stream.read(data, static_cast<std::streamsize>(size));
    got = static_cast<size_t>(stream.gcount());
    if (got == 0 && !stream.eof()) {
      return tl::unexpected(EntryError(name, "cannot read the file"));
    }
    if (got == 0) {
      FinishFile();  // the stream stays at its end until the next entry's first Read
    }
  } else {
    const la_ssize_t n = archive_read_data(reader.get(), data, size);
    if (n < 0) {
      Error error =
          EntryError(name, "cannot read " + Quoted(name) + ": " + LibarchiveReason(reader.get()));
      return tl::unexpected(n == ARCHIVE_FATAL ? Stop(std::move(error)) : std::move(error));
    }
    got = static_cast<size_t>(n);
    expanded += got;
    if (static_cast<double>(expanded) > limits.max_ratio * static_cast<double>(bytes_total)) {
      return tl::unexpected(Stop(EntryError(name, ExpansionMessage(name))));
    }
  }
  current_bytes += got;
  current_ended = got == 0 && size > 0;
  if (auto ok = CheckSize(name, current_bytes); !ok) {
    return tl::unexpected(ok.error());
  }
  return got;
}

ExportReader::ExportReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ExportReader::~ExportReader() = default;

tl::expected<std::unique_ptr<ExportReader>, Error> ExportReader::Open(const fs::path& path,
                                                                      ReaderLimits limits) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->limits = limits;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return tl::unexpected(Error{path.string(), std::nullopt, "no such file or folder"});
  }
  if (fs::is_directory(status)) {
    auto files = ListFolder(path);
    if (!files) {
      return tl::unexpected(files.error());
    }
    impl->folder = true;
    impl->files = std::move(*files);
    for (const FolderFile& file : impl->files) {
      impl->bytes_total += file.size;
    }
    return std::unique_ptr<ExportReader>(new ExportReader(std::move(impl)));
  }
  impl->bytes_total = fs::file_size(path, ec);
  if (ec) {
    return tl::unexpected(Error{path.string(), std::nullopt, "cannot stat: " + ec.message()});
  }
  impl->reader.reset(archive_read_new());
  struct archive* a = impl->reader.get();
  if (a == nullptr || archive_read_support_format_all(a) != ARCHIVE_OK ||
      archive_read_support_filter_all(a) < ARCHIVE_WARN) {
    return tl::unexpected(Error{path.string(), std::nullopt, "cannot set up libarchive"});
  }
  if (archive_read_open_filename(a, path.c_str(), kBlockBytes) != ARCHIVE_OK) {
    return tl::unexpected(
        Error{path.string(), std::nullopt, "cannot open as an archive: " + LibarchiveReason(a)});
  }
  return std::unique_ptr<ExportReader>(new ExportReader(std::move(impl)));
}

const fs::path& ExportReader::path() const { return impl_->path; }
bool ExportReader::is_folder() const { return impl_->folder; }
uint64_t ExportReader::bytes_total() const { return impl_->bytes_total; }
bool ExportReader::done() const { return impl_->done; }

uint64_t ExportReader::bytes_done() const {
  if (impl_->folder) {
    return impl_->files_done_bytes;
  }
  if (impl_->done) {
    return impl_->bytes_total;
  }
  const la_int64_t consumed = archive_filter_bytes(impl_->reader.get(), -1);
  return std::min(static_cast<uint64_t>(std::max<la_int64_t>(consumed, 0)), impl_->bytes_total);
}

tl::expected<std::optional<ExportEntry>, Error> ExportReader::Next() {
  if (impl_->done) {
    return std::nullopt;
  }
  return impl_->folder ? impl_->NextFile() : impl_->NextInContainer();
}

tl::expected<std::string, Error> ExportReader::ReadAll() {
  if (!impl_->current.has_value() || impl_->current_read) {
    return tl::unexpected(
        Error{impl_->path.string(), std::nullopt, "ReadAll without an unread current entry"});
  }
  impl_->current_read = true;
  return impl_->folder ? impl_->ReadFile() : impl_->ReadFromContainer();
}

tl::expected<size_t, Error> ExportReader::Read(char* data, size_t size) {
  if (!impl_->current.has_value()) {
    return tl::unexpected(
        Error{impl_->path.string(), std::nullopt, "Read without a current entry"});
  }
  if (!impl_->current_read) {
    impl_->current_read = true;
    impl_->current_bytes = 0;
    impl_->current_ended = false;
    impl_->stream.close();
  }
  return impl_->ReadSome(data, size);
}

}  // namespace holdfast::archive
