// Archive::RotateKey and the key files it moves (see key_chain.h for the layout and the steps).
#include "archive/key_chain.h"

#include <algorithm>
#include <system_error>

#include "archive/archive.h"
#include "archive/internal/archive_state.h"
#include "archive/internal/file_io.h"
#include "archive/internal/head_commit.h"
#include "archive/internal/key_rotation.h"
#include "archive/internal/signer_keys.h"
#include "archive/signer.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

fs::path KeysDir(const fs::path& dir) { return dir / "keys"; }
fs::path NextDir(const fs::path& dir) { return dir / "keys" / "next"; }
fs::path RetiredDir(const fs::path& dir) { return dir / "keys" / "retired"; }

Error At(const fs::path& path, std::string message) {
  return Error{path.string(), std::nullopt, std::move(message)};
}

tl::expected<void, Error> Rename(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    return tl::unexpected(At(from, "cannot move the key to " + to.string() + ": " + ec.message()));
  }
  return {};
}

tl::expected<void, Error> RemoveNext(const fs::path& dir) {
  std::error_code ec;
  fs::remove_all(NextDir(dir), ec);
  if (ec) {
    return tl::unexpected(At(NextDir(dir), "cannot remove: " + ec.message()));
  }
  return internal::SyncDir(KeysDir(dir));
}

// Moves keys/next into place. Each step can be redone: a crash between two of them leaves
// keys/next/public.pem (renamed last), so the next writer repeats the ones not done.
tl::expected<void, Error> InstallNext(const fs::path& dir, const std::string& next_public,
                                      const std::string& handover_note) {
  const fs::path keys = KeysDir(dir);
  auto current = internal::ReadWholeFile(keys / "public.pem");
  if (!current) {
    return tl::unexpected(current.error());
  }
  if (*current != next_public) {
    const std::string fingerprint = KeyFingerprint(*current);
    if (fingerprint.empty()) {
      return tl::unexpected(At(keys / "public.pem", "not an Ed25519 public key"));
    }
    std::error_code ec;
    fs::create_directories(RetiredDir(dir), ec);
    if (ec) {
      return tl::unexpected(At(RetiredDir(dir), "cannot create the folder: " + ec.message()));
    }
    // A copy of the log's handover head, so that a bundle can carry the chain without reading
    // the whole log; Verify reads the log itself.
    if (auto ok = internal::WriteFileAtomic(RetiredDir(dir) / (fingerprint + ".handover.note"),
                                            handover_note, 0644, true);
        !ok) {
      return ok;
    }
    if (auto ok = internal::WriteFileAtomic(RetiredDir(dir) / (fingerprint + ".pem"), *current,
                                            0644, true);
        !ok) {
      return ok;
    }
  }
  std::error_code ec;
  if (fs::exists(NextDir(dir) / "private.pem", ec)) {
    if (auto ok = Rename(NextDir(dir) / "private.pem", keys / "private.pem"); !ok) {
      return ok;
    }
  }
  if (auto ok = Rename(NextDir(dir) / "public.pem", keys / "public.pem"); !ok) {
    return ok;
  }
  return RemoveNext(dir);
}

// The handover in the log's last record, when that record is a handover head.
std::optional<Handover> LastHandover(const internal::ArchiveState& impl) {
  if (impl.last_head_note.empty()) {
    return std::nullopt;
  }
  auto head = ParseNote(impl.last_head_note);
  return head ? head->handover : std::nullopt;
}

}  // namespace

tl::expected<std::vector<std::string>, Error> ArchivePublicKeys(const fs::path& dir) {
  auto current = internal::ReadWholeFile(KeysDir(dir) / "public.pem");
  if (!current) {
    return tl::unexpected(current.error());
  }
  auto retired = RetiredKeys(dir);
  if (!retired) {
    return tl::unexpected(retired.error());
  }
  std::vector<std::string> keys{std::move(*current)};
  for (RetiredKey& key : *retired) {
    keys.push_back(std::move(key.public_pem));
  }
  return keys;
}

tl::expected<std::vector<RetiredKey>, Error> RetiredKeys(const fs::path& dir) {
  std::vector<RetiredKey> keys;
  std::error_code ec;
  if (!fs::is_directory(RetiredDir(dir), ec)) {
    return keys;
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(RetiredDir(dir), ec)) {
    if (entry.path().extension() == ".pem") {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    return tl::unexpected(At(RetiredDir(dir), "cannot list: " + ec.message()));
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    auto pem = internal::ReadWholeFile(file);
    if (!pem) {
      return tl::unexpected(pem.error());
    }
    fs::path note = file;
    note.replace_extension(".handover.note");
    // Missing only if copied in by hand: the key still counts, the bundle cannot carry it.
    auto handover = internal::ReadWholeFile(note);
    keys.push_back(
        RetiredKey{file.stem().string(), std::move(*pem), handover.value_or(std::string())});
  }
  return keys;
}

namespace internal {

tl::expected<void, Error> FinishKeyRotation(ArchiveState& impl) {
  std::error_code ec;
  if (!fs::exists(NextDir(impl.dir), ec)) {
    return {};
  }
  auto next_public = ReadWholeFile(NextDir(impl.dir) / "public.pem");
  const std::optional<Handover> handover = LastHandover(impl);
  const bool named = next_public.has_value() && handover.has_value() &&
                     RawPublicKey(*next_public) == handover->new_public_key;
  if (!named) {
    return RemoveNext(impl.dir);  // the rotation never reached the log: nothing signed with it
  }
  if (auto installed = InstallNext(impl.dir, *next_public, impl.last_head_note); !installed) {
    return installed;
  }
  impl.public_pem = std::move(*next_public);
  return {};
}

}  // namespace internal

tl::expected<TreeHead, Error> Archive::RotateKey() {
  Impl& impl = *impl_;
  if (!impl.writer.has_value()) {
    return tl::unexpected(At(impl.dir, "the archive was opened read-only"));
  }
  // The old key's last head: every record so far, signed by the key that is retiring.
  auto last = Commit();
  if (!last) {
    return tl::unexpected(last.error());
  }
  if (auto removed = RemoveNext(impl.dir); !removed) {
    return tl::unexpected(removed.error());
  }
  std::error_code ec;
  fs::create_directories(NextDir(impl.dir), ec);
  if (ec) {
    return tl::unexpected(At(NextDir(impl.dir), "cannot create the folder: " + ec.message()));
  }
  auto next = Signer::Generate(NextDir(impl.dir) / "private.pem", NextDir(impl.dir) / "public.pem");
  if (!next) {
    return tl::unexpected(next.error());
  }
  if (auto synced = internal::SyncDir(KeysDir(impl.dir)); !synced) {
    return tl::unexpected(synced.error());
  }
  Handover handover;
  handover.size = last->size;
  handover.root = last->root;
  handover.old_key = KeyFingerprint(impl.public_pem);
  handover.new_public_key = internal::RawPublicKey(next->public_pem()).value_or("");
  auto head = internal::AppendSignedHead(impl, *next, &*impl.signer, std::move(handover));
  if (!head) {
    return tl::unexpected(head.error());
  }
  // The log now names the new key: from here on only it may sign, even if moving the files
  // fails (keys/next stays, and the next writer to open the archive moves it).
  impl.public_pem = next->public_pem();
  impl.signer.emplace(std::move(*next));
  if (auto installed = InstallNext(impl.dir, impl.public_pem, head->Note()); !installed) {
    return tl::unexpected(installed.error());
  }
  return head;
}

}  // namespace holdfast::archive
