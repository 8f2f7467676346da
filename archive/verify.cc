// Archive::Verify: re-reads the log and head.note from disk and trusts none of the derived
// state (records.idx, keys.db, the segment listing, offsets and leaf hashes in memory), so that
// it finds what changed in the files since they were written. The origin is the one read at
// Open; the keys are those in DIR/keys, followed through the log's handover heads
// (key_chain.h). Memory stays O(log n) but for a number per erased record: the tree is a
// frontier of perfect subtree roots, plus the root at each signed head.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>

#include "archive/archive.h"
#include "archive/internal/archive_state.h"
#include "archive/internal/digest.h"
#include "archive/internal/record_hasher.h"
#include "archive/key_chain.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "archive/timestamp.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

std::string Range(uint64_t first, uint64_t last) {
  return first == last ? "record " + std::to_string(first)
                       : "records " + std::to_string(first) + ".." + std::to_string(last);
}

class LogVerifier {
 public:
  explicit LogVerifier(const internal::ArchiveState& impl) : impl_(impl) {}

  VerifyReport Run();

 private:
  // Hashes the batch (two threads), then checks its records in order; false at the first bad.
  bool CheckBatch();
  bool CheckRecord(const StoredRecord& stored, const internal::RecordHash& hash);
  bool CheckHeadRecord(const StoredRecord& stored);
  bool CheckHeadKey(const TreeHead& head, uint64_t sequence, const std::string& where);
  bool CheckHandover(const TreeHead& head, uint64_t sequence, const std::string& where);
  bool CheckTimestampRecord(const StoredRecord& stored);
  // Every record whose content is erased is named by an erasure tombstone (record type 8).
  void NoteErasure(const StoredRecord& stored);
  bool CheckTombstones();
  bool CheckHeadNote();
  // "key 0123456789abcdef (keys/public.pem)" or "... (in force since the handover at record 9)"
  std::string KeyInForce() const {
    return "key " + KeyFingerprint(key_in_force_) +
           (handover_at_
                ? " (in force since the handover at record " + std::to_string(*handover_at_) + ")"
                : std::string(" (keys/public.pem)"));
  }
  // The records a head over `size` covers that the last verified head did not.
  std::string NewRecords(uint64_t size) const {
    if (size == 0) {
      return "the empty tree does";
    }
    const uint64_t first = last_head_size_ < size ? last_head_size_ : 0;
    return Range(first, size - 1) + (first == size - 1 ? " does" : " do");
  }
  bool Fail(std::optional<uint64_t> sequence, std::string message) {
    report_.ok = false;
    report_.first_bad = sequence;
    report_.message = std::move(message);
    return false;
  }

  const internal::ArchiveState& impl_;
  VerifyReport report_;
  MerkleFrontier tree_;  // leaf hashes recomputed from the fields, never the stored ones
  std::map<uint64_t, Hash> head_roots_;   // tree size -> root, for each verified head record
  std::map<uint64_t, Hash> head_bodies_;  // tree size -> SHA-256 of the signed body
  std::vector<std::string> known_keys_;   // public keys in DIR/keys (key_chain.h)
  std::string key_in_force_;              // PEM; empty until the first head
  std::optional<uint64_t> handover_at_;   // the record of the last handover head
  uint64_t last_head_size_ = 0;
  std::vector<StoredRecord> batch_;  // read, not yet checked
  std::vector<internal::RecordHash> hashes_;
  std::vector<uint64_t> erased_;   // records read with their content erased, ascending
  std::set<uint64_t> tombstoned_;  // records the tombstones read so far name as erased
  std::optional<Error> torn_;      // the log ends inside a frame
  uint64_t committed_ = 0;         // frames head.note vouches for: the records it signs and itself
};

VerifyReport LogVerifier::Run() {
  auto keys = ArchivePublicKeys(impl_.dir);
  if (!keys) {
    Fail(std::nullopt, keys.error().ToString());
    return report_;
  }
  known_keys_ = std::move(*keys);
  std::error_code ec;
  if (fs::exists(impl_.head_path(), ec)) {
    if (auto text = internal::ReadWholeFile(impl_.head_path())) {
      if (auto head = ParseNote(*text)) {
        committed_ = head->size + 1;
      }
    }
  }
  // Listed afresh: the segments are files too, and the listing at Open is derived state.
  auto segments = internal::SegmentSet::Open(impl_.log_dir());
  if (!segments) {
    Fail(std::nullopt, segments.error().ToString());
    return report_;
  }
  auto reader = internal::LogReader::Open(*segments, 0, 0, internal::CrcCheck::kSkip);
  if (!reader) {
    Fail(std::nullopt, reader.error().ToString());
    return report_;
  }
  constexpr size_t kBatch = 4096;
  batch_.reserve(kBatch);
  while (true) {
    auto next = reader->Next();
    if (!next && next.error().torn_tail) {
      torn_ = next.error().error;  // fine if head.note signs none of it: an append cut short
      break;
    }
    if (!next) {
      // The records read before the bad one are checked first: an earlier bad one is named.
      if (CheckBatch()) {
        Fail(next.error().error.sequence, "record " + std::to_string(reader->next_sequence()) +
                                              ": " + next.error().error.message);
      }
      return report_;
    }
    if (!next->has_value()) {
      break;
    }
    batch_.push_back(std::move(**next));
    if (batch_.size() == kBatch && !CheckBatch()) {
      return report_;
    }
  }
  if (!CheckBatch()) {
    return report_;
  }
  if (torn_.has_value() && report_.records < committed_) {
    Fail(torn_->sequence, "record " + std::to_string(*torn_->sequence) + ": " + torn_->message);
    return report_;
  }
  if (CheckTombstones() && CheckHeadNote()) {
    report_.ok = true;
    report_.message = "ok: " + std::to_string(report_.records) + " records, " +
                      std::to_string(report_.heads_checked) + " signed heads";
    if (torn_.has_value()) {
      report_.note = "after record " + std::to_string(report_.records - 1) +
                     " the log holds an append that was cut short and never signed (" +
                     torn_->message + "); the next writer cuts it off";
      report_.message += "; " + report_.note;
    }
  }
  return report_;
}

bool LogVerifier::CheckBatch() {
  hashes_.resize(batch_.size());
  internal::HashRecords(batch_, hashes_);
  bool ok = true;
  for (size_t i = 0; ok && i < batch_.size(); ++i) {
    ++report_.records;
    ok = CheckRecord(batch_[i], hashes_[i]);
  }
  batch_.clear();
  return ok;
}

bool LogVerifier::CheckRecord(const StoredRecord& stored, const internal::RecordHash& hash) {
  const uint64_t sequence = stored.sequence;
  if (!hash.content_matches) {
    return Fail(sequence, "record " + std::to_string(sequence) + ": content digest does not match");
  }
  const Hash& leaf = hash.leaf;
  if (leaf != stored.leaf_hash) {
    return Fail(sequence, "record " + std::to_string(sequence) +
                              ": record bytes changed: its leaf hash does not match");
  }
  // A head signs the records before it, so it is checked before its own leaf joins the tree.
  if (stored.record.type == RecordType::kTreeHead && !CheckHeadRecord(stored)) {
    return false;
  }
  if (stored.record.type == RecordType::kTimestamp && !CheckTimestampRecord(stored)) {
    return false;
  }
  NoteErasure(stored);
  tree_.Append(leaf);
  return true;
}

bool LogVerifier::CheckHeadRecord(const StoredRecord& stored) {
  const uint64_t sequence = stored.sequence;
  const std::string where = "record " + std::to_string(sequence) + " (tree head): ";
  auto head = ParseNote(stored.record.meta);
  if (!head) {
    return Fail(sequence, where + head.error().message);
  }
  if (head->origin != impl_.origin) {
    return Fail(sequence, where + "signed for " + head->origin + ", not " + impl_.origin);
  }
  if (!CheckHeadKey(*head, sequence, where)) {
    return false;
  }
  if (head->size > sequence) {
    return Fail(sequence, where + "signs " + std::to_string(head->size) + " records but only " +
                              std::to_string(sequence) + " precede it");
  }
  if (head->size < sequence) {
    return Fail(sequence, where + "signs " + std::to_string(head->size) + " records, not all " +
                              std::to_string(sequence) + " that precede it");
  }
  const Hash root = tree_.Root();  // the frontier holds exactly the records before this one
  if (root != head->root) {
    return Fail(sequence, where + NewRecords(head->size) + " not match the signed root");
  }
  last_head_size_ = head->size;
  head_roots_[head->size] = root;
  head_bodies_[head->size] = Sha256(head->Body());
  ++report_.heads_checked;
  return true;
}

bool LogVerifier::CheckHeadKey(const TreeHead& head, uint64_t sequence, const std::string& where) {
  if (key_in_force_.empty()) {
    if (head.handover.has_value()) {
      return Fail(sequence, where + "hands over from an earlier head, but it is the first head");
    }
    for (const std::string& key : known_keys_) {
      if (VerifyHead(head, key)) {
        key_in_force_ = key;
        report_.key_chain.push_back(KeyFingerprint(key));
        return true;
      }
    }
    return Fail(sequence, where + "signature does not verify under keys/public.pem" +
                              (known_keys_.size() > 1 ? " or a key in keys/retired" : "") +
                              " (signed by key hint " + KeyHintHex(head.key_hint) + ")");
  }
  if (head.handover.has_value()) {
    return CheckHandover(head, sequence, where);
  }
  if (VerifyHead(head, key_in_force_)) {
    return true;
  }
  if (KeyHintHex(head.origin, key_in_force_) == KeyHintHex(head.key_hint)) {
    return Fail(sequence, where + "signature does not verify under " + KeyInForce());
  }
  return Fail(sequence, where + "signed by a key outside the archive's key chain (key hint " +
                            KeyHintHex(head.key_hint) + "), not the " + KeyInForce() +
                            "; a new key signs only after a handover head (rotate-key)");
}

bool LogVerifier::CheckHandover(const TreeHead& head, uint64_t sequence, const std::string& where) {
  const Handover& handover = *head.handover;
  const auto last_root = head_roots_.find(last_head_size_);
  if (handover.size != last_head_size_ || last_root == head_roots_.end() ||
      last_root->second != handover.root) {
    return Fail(sequence, where + "the handover names a head of " + std::to_string(handover.size) +
                              " records that is not the last head the old key signed (" +
                              std::to_string(last_head_size_) + " records)");
  }
  if (handover.old_key != KeyFingerprint(key_in_force_)) {
    return Fail(sequence, where + "the handover retires key " + handover.old_key + ", not the " +
                              KeyInForce());
  }
  const std::string next = handover.NewKeyPem();
  if (next.empty() || !VerifyHead(head, next)) {
    return Fail(sequence, where + "signature does not verify under the key the handover names");
  }
  if (!VerifyCosignature(head, key_in_force_)) {
    return Fail(sequence, where + "the handover to key " + KeyFingerprint(next) +
                              " is not cosigned by the retiring " + KeyInForce());
  }
  key_in_force_ = next;
  handover_at_ = sequence;
  report_.key_chain.push_back(KeyFingerprint(next));
  return true;
}

bool LogVerifier::CheckTimestampRecord(const StoredRecord& stored) {
  const uint64_t sequence = stored.sequence;
  auto stamp = ParseTimestampRecord(stored);
  if (!stamp) {
    return Fail(sequence,
                "record " + std::to_string(sequence) + " (timestamp): " + stamp.error().message);
  }
  const auto body = head_bodies_.find(stamp->tree_size);
  if (body == head_bodies_.end()) {
    return Fail(sequence, "record " + std::to_string(sequence) + " (timestamp): names a head of " +
                              std::to_string(stamp->tree_size) +
                              " records that no earlier head record signs");
  }
  if (auto imprint = CheckTimestampImprint(stamp->token, body->second); !imprint) {
    return Fail(sequence,
                "record " + std::to_string(sequence) + " (timestamp): " + imprint.error().message);
  }
  ++report_.timestamps;
  return true;
}

// A tombstone's meta (engine/erasure.cc writes it) lists the records it erased under "erased";
// only that field is read here, since archive knows records, not what a post is.
void LogVerifier::NoteErasure(const StoredRecord& stored) {
  if (stored.content_erased) {
    erased_.push_back(stored.sequence);
  }
  if (stored.record.type != RecordType::kErasure) {
    return;
  }
  const auto meta = nlohmann::json::parse(stored.record.meta, nullptr, false);
  const auto named = meta.is_object() ? meta.find("erased") : meta.end();
  if (!meta.is_object() || named == meta.end() || !named->is_array()) {
    return;  // names nothing; an erased record it was meant for fails below, by its number
  }
  for (const nlohmann::json& sequence : *named) {
    if (sequence.is_number_unsigned()) {
      tombstoned_.insert(sequence.get<uint64_t>());
    }
  }
}

bool LogVerifier::CheckTombstones() {
  for (uint64_t sequence : erased_) {
    if (!tombstoned_.contains(sequence)) {
      return Fail(sequence, "record " + std::to_string(sequence) +
                                ": its content is erased, but no erasure tombstone names it");
    }
  }
  return true;
}

bool LogVerifier::CheckHeadNote() {
  std::error_code ec;
  if (!fs::exists(impl_.head_path(), ec)) {
    if (report_.heads_checked > 0) {
      return Fail(std::nullopt, "head.note is missing, though the log holds signed heads");
    }
    return true;  // never committed: nothing is signed yet
  }
  auto text = internal::ReadWholeFile(impl_.head_path());
  if (!text) {
    return Fail(std::nullopt, text.error().ToString());
  }
  auto head = ParseNote(*text);
  if (!head) {
    return Fail(std::nullopt, "head.note: " + head.error().message);
  }
  // A log with heads has a key in force; an empty one leaves head.note to keys/public.pem.
  const std::string& key = key_in_force_.empty() ? impl_.public_pem : key_in_force_;
  if (head->origin != impl_.origin || !VerifyHead(*head, key)) {
    return Fail(std::nullopt, "head.note: signature does not verify under " +
                                  (handover_at_ ? KeyInForce() : std::string("keys/public.pem")));
  }
  if (!key_in_force_.empty() && KeyFingerprint(key_in_force_) != KeyFingerprint(impl_.public_pem)) {
    return Fail(std::nullopt,
                "keys/public.pem (key " + KeyFingerprint(impl_.public_pem) + ") is not the " +
                    KeyInForce() +
                    "; a rotate-key cut short is finished by the next writer to open the archive");
  }
  if (head->size > report_.records) {
    return Fail(report_.records, "log truncated: head.note signs " + std::to_string(head->size) +
                                     " records, log holds " + std::to_string(report_.records));
  }
  // head.note is a copy of the last head record; a size that no head record signs is not.
  const auto signed_root = head_roots_.find(head->size);
  if (signed_root == head_roots_.end()) {
    return Fail(std::nullopt, "head.note: signs " + std::to_string(head->size) +
                                  " records, a tree size no head record in the log signs");
  }
  if (signed_root->second != head->root) {
    return Fail(std::nullopt,
                "head.note: " + NewRecords(head->size) + " not match the signed root");
  }
  ++report_.heads_checked;
  return true;
}

}  // namespace

// heads_checked counts the head records in the log and head.note.
VerifyReport Archive::Verify() const {
  if (auto flushed = impl_->FlushPending(); !flushed) {
    VerifyReport report;
    report.message = flushed.error().ToString();
    return report;
  }
  return LogVerifier(*impl_).Run();
}

}  // namespace holdfast::archive
