// The parts of ArchiveState that stand between the log and what is derived from it: listing
// the segments and loading records.idx at Open (trusting it only as far as it matches the log),
// keeping keys.db in step, and the reads that go through the index.
#include <algorithm>
#include <system_error>

#include "archive/internal/archive_state.h"
#include "archive/internal/merkle_cache.h"

namespace holdfast::archive::internal {

namespace fs = std::filesystem;

namespace {

// Whether `entry` names a whole frame of the log with that leaf hash, and if so the frame.
std::optional<StoredRecord> MatchFrame(const SegmentSet& segments, uint64_t sequence,
                                       const RecordEntry& entry, uint64_t& frame_end) {
  const Segment& segment = segments.segments()[segments.Find(entry.offset)];
  const uint64_t segment_end = segment.base + segment.size;
  std::string header(kFrameHeaderSize, '\0');
  if (entry.offset + kFrameHeaderSize > segment_end ||
      !segments.ReadAt(entry.offset, header.size(), header.data(), sequence)) {
    return std::nullopt;
  }
  const uint64_t end = entry.offset + FrameSize(header);
  if (end > segment_end) {
    return std::nullopt;
  }
  auto stored = ReadFrameAt(segments, entry.offset, end - entry.offset, sequence);
  if (!stored || stored->leaf_hash != entry.leaf) {
    return std::nullopt;
  }
  frame_end = end;
  return std::move(*stored);
}

}  // namespace

tl::expected<std::optional<LogDamage>, Error> ArchiveState::LoadRecords(bool writable) {
  auto listed = SegmentSet::Open(log_dir());
  if (!listed) {
    return tl::unexpected(listed.error());
  }
  segments.emplace(std::move(*listed));
  auto opened = RecordIndex::Open(record_index_path(), writable);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  records.emplace(std::move(*opened));
  uint64_t start = 0;
  if (records->size() > 0) {
    const uint64_t last = records->size() - 1;
    auto entry = records->Get(last);
    if (!entry) {
      return tl::unexpected(entry.error());
    }
    auto frame = MatchFrame(*segments, last, *entry, start);
    if (frame.has_value()) {
      last_head_note = frame->record.type == RecordType::kTreeHead ? frame->record.meta : "";
    } else {
      // The index does not describe this log (cut short, replaced, or written past a lost
      // tail): rebuild it from the first frame.
      start = 0;
      if (auto cut = records->Truncate(0); !cut) {
        return tl::unexpected(cut.error());
      }
    }
  }
  tree.Truncate(records->size());
  auto reader = LogReader::Open(*segments, start, records->size());
  if (!reader) {
    return tl::unexpected(reader.error());
  }
  log_end = start;
  std::optional<LogDamage> damage;
  while (true) {
    const uint64_t offset = reader->offset();
    auto next = reader->Next();
    if (!next) {
      damage = next.error();
      break;
    }
    if (!next->has_value()) {
      break;
    }
    const StoredRecord& stored = **next;
    records->Append(offset, stored.leaf_hash);
    log_end = reader->offset();
    last_head_note = stored.record.type == RecordType::kTreeHead ? stored.record.meta : "";
  }
  if (options.merkle_cache && records->size() > 0) {
    Hash first{};
    if (auto read = records->ReadLeaves(0, std::span(&first, 1)); !read) {
      return tl::unexpected(read.error());
    }
    tree.Seed(options.merkle_cache->Take(dir, first, records->size() / LeafTree::kBlockLeaves));
  }
  return damage;
}

tl::expected<std::pair<uint64_t, uint64_t>, Error> ArchiveState::FrameExtent(
    uint64_t sequence) const {
  auto begin = records->Get(sequence);
  if (!begin) {
    return tl::unexpected(begin.error());
  }
  if (sequence + 1 == size()) {
    return std::pair{begin->offset, log_end};
  }
  auto end = records->Get(sequence + 1);
  if (!end) {
    return tl::unexpected(end.error());
  }
  return std::pair{begin->offset, end->offset};
}

tl::expected<StoredRecord, Error> ArchiveState::ReadRecord(uint64_t sequence) const {
  auto extent = FrameExtent(sequence);
  if (!extent) {
    return tl::unexpected(extent.error());
  }
  return ReadFrameAt(*segments, extent->first, extent->second - extent->first, sequence);
}

tl::expected<Hash, Error> ArchiveState::Root(uint64_t tree_size) const {
  if (auto caught_up = tree.CatchUp(*records); !caught_up) {
    return tl::unexpected(caught_up.error());
  }
  return tree.Root(*records, tree_size);
}

tl::expected<void, Error> ArchiveState::ForEachKey(
    uint64_t from,
    const std::function<tl::expected<void, Error>(std::string&, uint64_t, RecordType)>& fn) const {
  if (from >= size()) {
    return {};
  }
  auto extent = FrameExtent(from);
  if (!extent) {
    return tl::unexpected(extent.error());
  }
  auto reader = LogReader::Open(*segments, extent->first, from);
  if (!reader) {
    return tl::unexpected(reader.error());
  }
  for (uint64_t sequence = from; sequence < size(); ++sequence) {
    auto next = reader->Next();
    if (!next || !next->has_value()) {
      return tl::unexpected(next ? Error{log_path().string(), sequence, "the log ends early"}
                                 : next.error().error);
    }
    if (!(*next)->record.key.empty() || IsListedType((*next)->record.type)) {
      if (auto done = fn((*next)->record.key, sequence, (*next)->record.type); !done) {
        return done;
      }
    }
  }
  return {};
}

tl::expected<void, Error> ArchiveState::CatchUpKeys() {
  auto store = KeyStore::Open(key_store_path(), true);
  if (!store) {
    return tl::unexpected(store.error());
  }
  keys.emplace(std::move(*store));
  if (keys->covered() > size()) {
    if (auto cleared = keys->Clear(); !cleared) {
      return cleared;
    }
  }
  // A store that lists fewer types than this build gets the rest from the whole log, once.
  const bool relist = keys->listed_version() < kListedTypesVersion;
  const uint64_t covered = keys->covered();
  if (covered == size() && !relist) {
    return {};
  }
  auto added =
      ForEachKey(relist ? 0 : covered, [&](std::string& key, uint64_t sequence, RecordType type) {
        if (sequence >= covered) {
          return keys->Insert(key, sequence, type);
        }
        return IsListedType(type) ? keys->Insert("", sequence, type) : tl::expected<void, Error>();
      });
  if (!added) {
    return added;
  }
  return keys->Commit(size());
}

tl::expected<void, Error> ArchiveState::OpenKeys() {
  if (keys.has_value()) {
    return {};
  }
  // A reader: open what the writer committed, and read the rest.
  auto store = KeyStore::Open(key_store_path(), false);
  if (!store) {
    return tl::unexpected(store.error());
  }
  keys.emplace(std::move(*store));
  tail_keys.emplace();
  tail_listed.clear();
  // A store that lists fewer types than this build: the listed records come from the whole
  // log (until a writer completes the store), the keys from beyond what it covers.
  const uint64_t covered = std::min(keys->covered(), size());
  const bool relist = keys->listed_version() < kListedTypesVersion;
  auto read =
      ForEachKey(relist ? 0 : covered, [&](std::string& found, uint64_t sequence, RecordType type) {
        if (sequence >= covered && !found.empty()) {
          tail_keys->insert(std::move(found));
        }
        if (IsListedType(type) && (relist || sequence >= covered)) {
          tail_listed.emplace_back(type, sequence);
        }
        return tl::expected<void, Error>{};
      });
  if (!read) {
    keys.reset();
    return tl::unexpected(read.error());
  }
  return {};
}

tl::expected<std::vector<uint64_t>, Error> ArchiveState::SequencesOfType(RecordType type,
                                                                         uint64_t from) {
  if (auto opened = OpenKeys(); !opened) {
    return tl::unexpected(opened.error());
  }
  auto sequences = keys->OfType(type, from);
  if (!sequences) {
    return tl::unexpected(sequences.error());
  }
  std::erase_if(*sequences, [this](uint64_t sequence) { return sequence >= size(); });
  for (const auto& [listed_type, sequence] : tail_listed) {
    if (listed_type == type && sequence >= from && sequence < size()) {
      sequences->push_back(sequence);
    }
  }
  std::sort(sequences->begin(), sequences->end());  // the store and the tail may both list one
  sequences->erase(std::unique(sequences->begin(), sequences->end()), sequences->end());
  return sequences;
}

tl::expected<bool, Error> ArchiveState::HasKey(std::string_view key) {
  if (auto opened = OpenKeys(); !opened) {
    return tl::unexpected(opened.error());
  }
  if (tail_keys.has_value() && tail_keys->contains(std::string(key))) {
    return true;
  }
  auto candidates = keys->Find(key);
  if (!candidates) {
    return tl::unexpected(candidates.error());
  }
  for (uint64_t sequence : *candidates) {
    if (sequence >= size()) {
      continue;
    }
    if (auto flushed = FlushPending(); !flushed) {  // the record may be an append not yet out
      return tl::unexpected(flushed.error());
    }
    auto stored = ReadRecord(sequence);
    if (!stored) {
      return tl::unexpected(stored.error());
    }
    if (stored->record.key == key) {
      return true;
    }
  }
  return false;
}

}  // namespace holdfast::archive::internal
