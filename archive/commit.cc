// The writer's side of Archive: Append buffers a record, Commit makes the records durable and
// signs a tree head over them.
#include <openssl/rand.h>

#include <algorithm>

#include "archive/archive.h"
#include "archive/internal/archive_state.h"
#include "archive/internal/head_commit.h"
#include "archive/internal/merkle_cache.h"
#include "archive/internal/pending_spool.h"
#include "archive/merkle.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

Error NotWritable(const internal::ArchiveState& impl) {
  return Error{impl.dir.string(), std::nullopt, "the archive was opened read-only"};
}

bool IsCallerType(RecordType type) {
  switch (type) {
    case RecordType::kPost:
    case RecordType::kFlag:
    case RecordType::kReview:
    case RecordType::kDeadLetter:
    case RecordType::kHold:
    case RecordType::kRetention:
    case RecordType::kErasure:
    case RecordType::kSavedSearch:
    case RecordType::kUser:
    case RecordType::kAudit:
    case RecordType::kTimestamp:
      return true;
    case RecordType::kTreeHead:
      return false;
  }
  return false;
}

// Writes `record` as the next frame and takes it into the in-memory state.
tl::expected<uint64_t, Error> AppendFrame(internal::ArchiveState& impl, Record record,
                                          int64_t captured_at_us) {
  StoredRecord stored;
  stored.sequence = impl.size();
  stored.captured_at_us = captured_at_us;
  stored.record = std::move(record);
  // The salt keeps a digest of short content (a "yes", a phone number) from being guessed
  // after the content itself is erased.
  if (RAND_bytes(stored.salt.data(), static_cast<int>(stored.salt.size())) != 1) {
    return tl::unexpected(
        Error{impl.log_path().string(), stored.sequence, "the random generator failed"});
  }
  stored.content_digest = ContentDigest(stored.salt, stored.record.content);
  stored.leaf_hash = LeafHash(stored.LeafInput());
  auto frame = internal::EncodeFrame(stored);
  if (!frame) {
    return tl::unexpected(Error{impl.log_path().string(), stored.sequence, frame.error()});
  }
  if (auto written = impl.writer->Append(*frame, stored.sequence); !written) {
    Error error = written.error();
    error.sequence = stored.sequence;
    return tl::unexpected(std::move(error));
  }
  // The frame starts where it was written: at the start of a new segment after a roll-over.
  impl.records->Append(impl.writer->end() - frame->size(), stored.leaf_hash);
  impl.log_end = impl.writer->end();
  if (!stored.record.key.empty() || IsListedType(stored.record.type)) {
    if (auto added = impl.keys->Insert(stored.record.key, stored.sequence, stored.record.type);
        !added) {
      return tl::unexpected(added.error());
    }
  }
  impl.last_head_note =
      stored.record.type == RecordType::kTreeHead ? std::move(stored.record.meta) : std::string();
  return stored.sequence;
}

tl::expected<void, Error> Persist(internal::ArchiveState& impl) {
  return impl.options.sync ? impl.writer->Sync() : impl.writer->Flush();
}

// The derived files follow the log once it is on disk, never before: records.idx must not name
// frames the log may lose, and keys.db must not hold keys of records that are not there.
tl::expected<void, Error> PersistDerived(internal::ArchiveState& impl) {
  if (auto flushed = impl.records->Flush(); !flushed) {
    return flushed;
  }
  return impl.keys->Commit(impl.size());
}

// head.note and the index follow the log: once the head record is in the log, these two can
// be redone by the next Commit if they fail now.
tl::expected<void, Error> PublishHead(internal::ArchiveState& impl, const std::string& note) {
  auto current = internal::ReadWholeFile(impl.head_path());
  if (!current || *current != note) {
    if (auto written = internal::WriteFileAtomic(impl.head_path(), note, 0644, impl.options.sync);
        !written) {
      return written;
    }
  }
  if (impl.index == nullptr) {
    return tl::unexpected(Error{impl.dir.string(), std::nullopt, "the index is not open"});
  }
  return impl.index->Commit(impl.size());
}

// When nothing was appended since the last head, this signs nothing new: it returns that head
// (finishing its head.note and index commit, had a crash interrupted them), so that repeated
// commits do not grow the log with heads over the same records.
tl::expected<TreeHead, Error> SignAppended(internal::ArchiveState& impl) {
  if (!impl.last_head_note.empty()) {
    // The head record must be on disk before head.note may point at it.
    if (auto persisted = Persist(impl); !persisted) {
      return tl::unexpected(persisted.error());
    }
    if (auto derived = PersistDerived(impl); !derived) {
      return tl::unexpected(derived.error());
    }
    auto head = ParseNote(impl.last_head_note);
    if (!head) {
      return tl::unexpected(Error{impl.log_path().string(), impl.size() - 1, head.error().message});
    }
    if (auto published = PublishHead(impl, impl.last_head_note); !published) {
      return tl::unexpected(published.error());
    }
    return head;
  }
  return internal::AppendSignedHead(impl, *impl.signer, nullptr, std::nullopt);
}

}  // namespace

tl::expected<std::optional<uint64_t>, Error> Archive::Append(Record record) {
  if (!impl_->writer.has_value()) {
    return tl::unexpected(NotWritable(*impl_));
  }
  if (!IsCallerType(record.type)) {
    return tl::unexpected(
        Error{impl_->log_path().string(), std::nullopt, "only Commit appends tree heads"});
  }
  if (!record.key.empty()) {
    auto present = impl_->HasKey(record.key);
    if (!present) {
      return tl::unexpected(present.error());
    }
    if (*present) {
      return std::nullopt;
    }
  }
  auto sequence = AppendFrame(*impl_, std::move(record), impl_->options.now_us());
  if (!sequence) {
    return tl::unexpected(sequence.error());
  }
  return *sequence;
}

tl::expected<TreeHead, Error> Archive::Commit() {
  Impl& impl = *impl_;
  if (!impl.writer.has_value()) {
    return tl::unexpected(NotWritable(impl));
  }
  if (auto drained = AppendPending(); !drained) {
    return tl::unexpected(drained.error());
  }
  auto head = SignAppended(impl);
  if (head) {
    internal::RemovePending(impl.drained, impl.options.sync);
    impl.drained.clear();
  }
  return head;
}

// Each spooled record carries a key, so one the log holds already (a crash came between an
// earlier commit and the deletion of its file) is not appended again: its file is only deleted.
tl::expected<void, Error> Archive::AppendPending() {
  auto pending = internal::ReadPending(impl_->dir);
  if (!pending) {
    return tl::unexpected(pending.error());
  }
  for (internal::PendingFile& file : *pending) {
    if (std::find(impl_->drained.begin(), impl_->drained.end(), file.path) !=
        impl_->drained.end()) {
      continue;
    }
    for (Record& record : file.records) {
      if (auto appended = Append(std::move(record)); !appended) {
        return tl::unexpected(appended.error());
      }
    }
    impl_->drained.push_back(file.path);
  }
  return {};
}

namespace internal {

tl::expected<TreeHead, Error> AppendSignedHead(ArchiveState& impl, const Signer& signer,
                                               const Signer* cosigner,
                                               std::optional<Handover> handover) {
  if (auto persisted = Persist(impl); !persisted) {
    return tl::unexpected(persisted.error());
  }
  // The head signs every record before it; its own record, appended next, is the next head's.
  const int64_t now = impl.options.now_us();
  auto root = impl.Root(impl.size());
  if (!root) {
    return tl::unexpected(root.error());
  }
  auto head = SignHead(signer, impl.origin, impl.size(), *root, now, std::move(handover));
  if (!head) {
    return tl::unexpected(head.error());
  }
  if (cosigner != nullptr) {
    if (auto cosigned = Cosign(*head, *cosigner); !cosigned) {
      return tl::unexpected(cosigned.error());
    }
  }
  const std::string note = head->Note();
  if (auto appended = AppendFrame(impl, Record{RecordType::kTreeHead, "", note, ""}, now);
      !appended) {
    return tl::unexpected(appended.error());
  }
  if (auto persisted = Persist(impl); !persisted) {
    return tl::unexpected(persisted.error());
  }
  if (auto derived = PersistDerived(impl); !derived) {
    return tl::unexpected(derived.error());
  }
  if (auto published = PublishHead(impl, note); !published) {
    return tl::unexpected(published.error());
  }
  if (impl.options.merkle_cache) {
    // Root() above cached the blocks of the records this head signs, and no more.
    Hash first{};
    if (impl.records->ReadLeaves(0, std::span(&first, 1))) {
      impl.options.merkle_cache->Keep(impl.dir, first, impl.tree.blocks());
    }
  }
  return head;
}

}  // namespace internal

}  // namespace holdfast::archive
