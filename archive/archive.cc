#include "archive/archive.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/file.h>

#include <cerrno>
#include <chrono>
#include <system_error>
#include <thread>

#include "archive/internal/archive_state.h"
#include "archive/internal/description.h"
#include "archive/internal/encoding.h"
#include "archive/internal/key_rotation.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

Error At(const fs::path& path, std::string message) {
  return Error{path.string(), std::nullopt, std::move(message)};
}

tl::expected<void, Error> EnsureEmptyFolder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec) && !ec) {
    fs::create_directories(dir, ec);
    if (ec) {
      return tl::unexpected(At(dir, "cannot create the folder: " + ec.message()));
    }
    return {};
  }
  if (ec || !fs::is_directory(dir, ec)) {
    return tl::unexpected(At(dir, "exists and is not a folder"));
  }
  if (!fs::is_empty(dir, ec) || ec) {
    return tl::unexpected(At(dir, "is not empty: an archive is created in an empty folder"));
  }
  return {};
}

tl::expected<std::string, Error> RandomId(const fs::path& dir) {
  std::string bytes(internal::kIdBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), internal::kIdBytes) != 1) {
    return tl::unexpected(At(dir, "the random generator failed"));
  }
  return internal::HexEncode(bytes);
}

tl::expected<void, Error> MakeFolder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directory(dir, ec);
  if (ec) {
    return tl::unexpected(At(dir, "cannot create the folder: " + ec.message()));
  }
  return {};
}

tl::expected<internal::UniqueFd, Error> TakeWriterLock(const fs::path& dir, uint32_t wait_ms) {
  const fs::path path = dir / "lock";
  internal::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd.valid()) {
    return tl::unexpected(At(path, internal::ErrnoMessage("cannot open the lock file")));
  }
  constexpr auto kPoll = std::chrono::milliseconds(50);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      return tl::unexpected(At(path, internal::ErrnoMessage("cannot lock")));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return tl::unexpected(At(path, std::string(kWriterBusy)));
    }
    std::this_thread::sleep_for(kPoll);
  }
  return fd;
}

// A writer's repair of the end of the log, said in impl.repair_note: empty segments a crash
// left after a roll-over are removed, and the torn frame at the end of the last segment (only
// there, and only beyond what head.note signs: PrepareAppends checked) is cut off.
tl::expected<void, Error> RepairTail(internal::ArchiveState& impl, bool torn) {
  auto dropped = impl.segments->DropEmptyTail(impl.options.sync);
  if (!dropped) {
    return tl::unexpected(dropped.error());
  }
  if (*dropped > 0) {
    impl.repair_note =
        "removed " + std::to_string(*dropped) + " empty segment(s) left by a roll-over cut short";
  }
  const internal::Segment& last = impl.segments->last();
  const uint64_t cut = last.base + last.size - impl.log_end;
  auto writer = internal::LogWriter::Open(*impl.segments, impl.log_end, impl.segment_bytes,
                                          impl.options.sync);
  if (!writer) {
    return tl::unexpected(writer.error());
  }
  impl.writer.emplace(std::move(*writer));
  if (torn && cut > 0) {
    const std::string after = impl.size() == 0 ? std::string("at the start of the log")
                                               : "after record " + std::to_string(impl.size() - 1);
    impl.repair_note += std::string(impl.repair_note.empty() ? "" : "; ")
                            .append(last.path.string())
                            .append(": cut off ")
                            .append(std::to_string(cut))
                            .append(" bytes of 1 record torn ")
                            .append(after)
                            .append(" (an append a crash cut short; it was never committed)");
  }
  return {};
}

// Before the first append: a frame cut short by a crash after the last signed head is cut off
// (nothing in it was acknowledged); anything else wrong with the log refuses the writer, since
// appending to a damaged or truncated log would sign over the damage.
tl::expected<void, Error> PrepareAppends(internal::ArchiveState& impl,
                                         const std::optional<internal::LogDamage>& damage) {
  uint64_t committed = 0;  // frames head.note vouches for: the records it signs and itself
  std::error_code ec;
  if (fs::exists(impl.head_path(), ec)) {
    auto text = internal::ReadWholeFile(impl.head_path());
    if (!text) {
      return tl::unexpected(text.error());
    }
    auto head = ParseNote(*text);
    if (!head) {
      return tl::unexpected(At(impl.head_path(), head.error().message));
    }
    committed = head->size + 1;
  }
  if (damage.has_value() && !(damage->torn_tail && impl.size() >= committed)) {
    Error error = damage->error;
    error.message += " (the log is damaged; run verify before writing to it)";
    return tl::unexpected(std::move(error));
  }
  if (impl.size() < committed) {
    return tl::unexpected(
        At(impl.log_path(), "log truncated: head.note signs " + std::to_string(committed - 1) +
                                " records, log holds " + std::to_string(impl.size())));
  }
  if (auto repaired = RepairTail(impl, damage.has_value()); !repaired) {
    return repaired;
  }
  if (auto flushed = impl.records->Flush(); !flushed) {
    return flushed;
  }
  return impl.CatchUpKeys();
}

// Loads the signing key, which must be the private half of keys/public.pem.
tl::expected<void, Error> LoadSigner(internal::ArchiveState& impl) {
  const fs::path path = impl.dir / "keys" / "private.pem";
  auto signer = Signer::Load(path);
  if (!signer) {
    return tl::unexpected(signer.error());
  }
  if (signer->public_pem() != impl.public_pem) {
    return tl::unexpected(At(path, "the private key does not match keys/public.pem"));
  }
  impl.signer.emplace(std::move(*signer));
  return {};
}

int64_t SystemNowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;

tl::expected<void, Error> Archive::Create(const fs::path& dir, CreateOptions options) {
  if (options.segment_bytes < internal::kMinSegmentBytes) {
    return tl::unexpected(At(dir, "the segment size must be at least " +
                                      std::to_string(internal::kMinSegmentBytes) + " bytes"));
  }
  if (auto empty = EnsureEmptyFolder(dir); !empty) {
    return empty;
  }
  auto id = RandomId(dir);
  if (!id) {
    return tl::unexpected(id.error());
  }
  if (auto ok = internal::WriteDescription(
          dir, internal::Description{*id, internal::kArchiveVersion, options.segment_bytes});
      !ok) {
    return ok;
  }
  if (auto ok = MakeFolder(dir / "keys"); !ok) {
    return ok;
  }
  if (auto signer = Signer::Generate(dir / "keys" / "private.pem", dir / "keys" / "public.pem");
      !signer) {
    return tl::unexpected(signer.error());
  }
  if (auto ok = MakeFolder(dir / "log"); !ok) {
    return ok;
  }
  if (auto ok = internal::SegmentSet::CreateEmpty(dir / "log"); !ok) {
    return ok;
  }
  auto index = Index::Open(dir / "index", true, false, options.index_shards);
  if (!index) {
    return tl::unexpected(index.error());
  }
  if (auto ok = (*index)->Commit(0); !ok) {
    return ok;
  }
  return internal::SyncDir(dir);
}

const fs::path& Archive::dir() const { return impl_->dir; }
const std::string& Archive::origin() const { return impl_->origin; }
uint64_t Archive::size() const { return impl_->size(); }
int64_t Archive::NowUs() const { return impl_->options.now_us(); }
const std::string& Archive::public_pem() const { return impl_->public_pem; }
const std::string& Archive::repair_note() const { return impl_->repair_note; }
Index& Archive::index() { return *impl_->index; }

tl::expected<void, Error> Archive::ResetIndex(uint32_t shards) {
  if (!impl_->writer.has_value()) {
    return tl::unexpected(At(impl_->dir, "the archive was opened read-only"));
  }
  impl_->index.reset();  // Xapian allows one writer: the old one closes first
  auto index = Index::Open(impl_->dir / "index", true, true, shards);
  if (!index) {
    if (auto old = Index::Open(impl_->dir / "index", true); old) {
      impl_->index = std::move(*old);  // keep a usable index; the caller reports the error
    }
    return tl::unexpected(index.error());
  }
  impl_->index = std::move(*index);
  return {};
}
const Index& Archive::index() const { return *impl_->index; }

tl::expected<std::vector<uint64_t>, Error> Archive::SequencesOfType(RecordType type,
                                                                    uint64_t from) const {
  return impl_->SequencesOfType(type, from);
}

bool Archive::Contains(std::string_view key) const {
  if (key.empty()) {
    return false;
  }
  auto found = impl_->HasKey(key);
  return found.has_value() && *found;
}

tl::expected<std::unique_ptr<Archive>, Error> Archive::Open(const fs::path& dir, Options options) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->options = std::move(options);
  if (!impl->options.now_us) {
    impl->options.now_us = SystemNowUs;
  }
  auto description = internal::ReadDescription(dir);
  if (!description) {
    return tl::unexpected(description.error());
  }
  impl->id = description->id;
  impl->origin = "holdfast/" + description->id;
  auto pem = internal::ReadWholeFile(dir / "keys" / "public.pem");
  if (!pem) {
    return tl::unexpected(pem.error());
  }
  impl->public_pem = std::move(*pem);
  const bool writable = !impl->options.read_only;
  if (writable) {
    // The lock comes first, so that no other writer changes the log while it is scanned.
    auto lock = TakeWriterLock(dir, impl->options.writer_wait_ms);
    if (!lock) {
      return tl::unexpected(lock.error());
    }
    impl->lock = std::move(*lock);
    if (description->version == internal::kVersionLegacyLog) {
      if (auto upgraded = internal::UpgradeFromVersion1(dir, *description); !upgraded) {
        return tl::unexpected(upgraded.error());
      }
    }
  }
  impl->segment_bytes = description->segment_bytes;
  auto damage = impl->LoadRecords(writable);
  if (!damage) {
    return tl::unexpected(damage.error());
  }
  if (writable) {
    if (auto ok = PrepareAppends(*impl, *damage); !ok) {
      return tl::unexpected(ok.error());
    }
    // A rotate-key cut short is finished (or undone) before anything is signed.
    if (auto ok = internal::FinishKeyRotation(*impl); !ok) {
      return tl::unexpected(ok.error());
    }
    if (auto ok = LoadSigner(*impl); !ok) {
      return tl::unexpected(ok.error());
    }
  }
  auto index = Index::Open(dir / "index", writable);
  if (!index) {
    return tl::unexpected(index.error());
  }
  impl->index = std::move(*index);
  impl->index->set_position_slack(options.index_position_slack);
  auto opened = std::unique_ptr<Archive>(new Archive(std::move(impl)));
  if (writable) {
    // Records spooled before this writer came go before its own.
    if (auto drained = opened->AppendPending(); !drained) {
      return tl::unexpected(drained.error());
    }
  }
  return opened;
}

tl::expected<StoredRecord, Error> Archive::Read(uint64_t sequence) const {
  if (sequence >= impl_->size()) {
    return tl::unexpected(Error{impl_->log_path().string(), sequence,
                                "no such record: the log holds " + std::to_string(impl_->size())});
  }
  if (auto flushed = impl_->FlushPending(); !flushed) {
    return tl::unexpected(flushed.error());
  }
  return impl_->ReadRecord(sequence);
}

tl::expected<void, Error> Archive::ForEach(const std::function<bool(const StoredRecord&)>& fn,
                                           uint64_t from) const {
  if (from >= impl_->size()) {
    return {};
  }
  if (auto flushed = impl_->FlushPending(); !flushed) {
    return flushed;
  }
  auto extent = impl_->FrameExtent(from);
  if (!extent) {
    return tl::unexpected(extent.error());
  }
  auto reader = internal::LogReader::Open(*impl_->segments, extent->first, from);
  if (!reader) {
    return tl::unexpected(reader.error());
  }
  // The walk covers the records this Archive knows; a concurrent writer's later ones wait.
  for (uint64_t sequence = from; sequence < impl_->size(); ++sequence) {
    auto next = reader->Next();
    if (!next) {
      return tl::unexpected(next.error().error);
    }
    if (!next->has_value()) {
      return tl::unexpected(Error{impl_->log_path().string(), sequence,
                                  "the log ends before this record; it was cut short"});
    }
    if (!fn(**next)) {
      return {};
    }
  }
  return {};
}

tl::expected<TreeHead, Error> Archive::LatestHead() const {
  std::error_code ec;
  if (!fs::exists(impl_->head_path(), ec)) {
    return tl::unexpected(At(impl_->head_path(), "no signed head yet: nothing was committed"));
  }
  auto text = internal::ReadWholeFile(impl_->head_path());
  if (!text) {
    return tl::unexpected(text.error());
  }
  auto head = ParseNote(*text);
  if (!head) {
    return tl::unexpected(At(impl_->head_path(), head.error().message));
  }
  return head;
}

tl::expected<std::vector<Hash>, Error> Archive::InclusionProof(uint64_t sequence,
                                                               uint64_t tree_size) const {
  if (sequence >= tree_size || tree_size > impl_->size()) {
    return tl::unexpected(Error{impl_->log_path().string(), sequence,
                                "no inclusion proof in a tree of " + std::to_string(tree_size) +
                                    " records (the log holds " + std::to_string(impl_->size()) +
                                    ")"});
  }
  if (auto caught_up = impl_->tree.CatchUp(*impl_->records); !caught_up) {
    return tl::unexpected(caught_up.error());
  }
  return impl_->tree.InclusionProof(*impl_->records, sequence, tree_size);
}

}  // namespace holdfast::archive
