#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "archive/bundle.h"
#include "archive/export_reader.h"
#include "archive/internal/bundle_layout.h"
#include "archive/internal/bundle_proof.h"
#include "archive/internal/bundle_v1.h"
#include "archive/internal/encoding.h"
#include "archive/merkle.h"
#include "archive/signer.h"

namespace holdfast::archive {

namespace {

using nlohmann::json;

class BundleChecker {
 public:
  explicit BundleChecker(const std::filesystem::path& zip) : zip_(zip) {}

  BundleReport Run();

 private:
  bool ReadEntries();
  bool CheckKeyAndManifestSignature();
  bool CheckKeyChain();
  bool CheckHead();
  bool CheckEarlierHeads();
  bool CheckItems();
  bool CheckItem(uint64_t sequence);
  bool CheckManifestCoverage();
  bool CheckCounts();
  // The chain key whose C2SP key hint the head's first signature carries, if it verifies.
  bool SignedByChainKey(const TreeHead& head) const;
  bool Fail(std::string message) {
    report_.ok = false;
    report_.message = std::move(message);
    return false;
  }
  const std::string* File(std::string_view name) const {
    const auto it = files_.find(std::string(name));
    return it == files_.end() ? nullptr : &it->second;
  }

  std::filesystem::path zip_;
  BundleReport report_;
  std::map<std::string, std::string> files_;
  json manifest_;
  std::string public_pem_;
  std::vector<std::string> chain_pems_;  // every key of the chain, public.pem last
  TreeHead head_;
  std::set<uint64_t> earlier_heads_;  // sizes of proof/heads/ that verified
  bool first_format_ = false;         // a bundle of the first format, renamed on reading
};

BundleReport BundleChecker::Run() {
  // Items come before manifest coverage: a changed item file is then reported as what it
  // means (its content no longer matches the proof), not only as a manifest mismatch.
  if (ReadEntries() && CheckKeyAndManifestSignature() && CheckKeyChain() && CheckHead() &&
      CheckEarlierHeads() && CheckItems() && CheckManifestCoverage() && CheckCounts()) {
    report_.ok = true;
    report_.message = "ok: " + std::to_string(report_.items) + " items (" +
                      std::to_string(report_.posts) + " posts) proven against a signed head of " +
                      std::to_string(report_.tree_size) + " records";
  }
  return report_;
}

bool BundleChecker::ReadEntries() {
  auto reader = ExportReader::Open(zip_);
  if (!reader) {
    return Fail(reader.error().ToString());
  }
  while (true) {
    auto entry = (*reader)->Next();
    if (!entry) {
      return Fail(entry.error().message);  // e.g. an entry that would leave the bundle
    }
    if (!entry->has_value()) {
      break;
    }
    const std::string name = (*entry)->path;
    auto bytes = (*reader)->ReadAll();
    if (!bytes) {
      return Fail(name + ": " + bytes.error().message);
    }
    if (!files_.emplace(name, std::move(*bytes)).second) {
      return Fail(name + ": appears twice in the bundle");
    }
  }
  if (internal::IsFirstFormatBundle(files_)) {
    // Its signature and file list are checked as it was written; the rest as the present one.
    first_format_ = true;
    if (auto problem = internal::TranslateFirstFormatBundle(files_, manifest_); problem) {
      return Fail(*problem);
    }
  }
  for (std::string_view required : {internal::kBundleManifest, internal::kBundleManifestSig,
                                    internal::kBundlePublicKey, internal::kBundleHead}) {
    if (File(required) == nullptr) {
      return Fail(std::string(required) + ": missing from the bundle");
    }
  }
  if (!first_format_) {
    manifest_ = json::parse(*File(internal::kBundleManifest), nullptr, false);
  }
  if (!manifest_.is_object() || !manifest_.contains("files") || !manifest_["files"].is_object() ||
      !manifest_.contains("head") || !manifest_["head"].is_object()) {
    return Fail("manifest.json: not a manifest (files and head are required)");
  }
  if (manifest_.value("format", "") != internal::kBundleFormat) {
    return Fail("manifest.json: not a " + std::string(internal::kBundleFormat) + " bundle");
  }
  if (manifest_.contains("case") && manifest_["case"].is_string()) {
    report_.case_name = manifest_["case"].get<std::string>();
  }
  return true;
}

bool BundleChecker::CheckKeyAndManifestSignature() {
  public_pem_ = *File(internal::kBundlePublicKey);
  report_.key_fingerprint = KeyFingerprint(public_pem_);
  if (report_.key_fingerprint.empty()) {
    return Fail("proof/public.pem: not an Ed25519 public key");
  }
  if (!first_format_ && !VerifySignature(public_pem_, *File(internal::kBundleManifest),
                                         *File(internal::kBundleManifestSig))) {
    return Fail(
        "manifest.sig: the signature of manifest.json does not verify under proof/public.pem");
  }
  return true;
}
// proof/keys/: the retired keys and their handover notes, which must lead from one first key to
// public.pem, each handover signed by the key it names and cosigned by the key it retires.
bool BundleChecker::CheckKeyChain() {
  std::map<std::string, std::string> next_of;  // fingerprint -> the key it handed over to
  for (const auto& [name, bytes] : files_) {
    if (!name.starts_with(internal::kBundleKeysDir)) {
      continue;
    }
    const std::string_view file = std::string_view(name).substr(internal::kBundleKeysDir.size());
    if (file.ends_with(internal::kBundleHandoverSuffix)) {
      continue;  // read with its key
    }
    if (!file.ends_with(internal::kBundleKeySuffix)) {
      return Fail(name + ": not a key file (keys/<fingerprint>.pem or .handover.note)");
    }
    const std::string fingerprint(file.substr(0, file.size() - internal::kBundleKeySuffix.size()));
    if (KeyFingerprint(bytes) != fingerprint) {
      return Fail(name + ": not the Ed25519 public key its name says");
    }
    const std::string note_name = std::string(internal::kBundleKeysDir) + fingerprint +
                                  std::string(internal::kBundleHandoverSuffix);
    const std::string* note = File(note_name);
    if (note == nullptr) {
      return Fail(note_name + ": missing from the bundle");
    }
    auto handover = ParseNote(*note);
    if (!handover) {
      return Fail(note_name + ": " + handover.error().message);
    }
    if (!handover->handover.has_value() || handover->handover->old_key != fingerprint) {
      return Fail(note_name + ": not a handover from key " + fingerprint);
    }
    const std::string next = handover->handover->NewKeyPem();
    if (next.empty() || !VerifyHead(*handover, next)) {
      return Fail(note_name + ": not signed by the key it hands over to");
    }
    if (!VerifyCosignature(*handover, bytes)) {
      return Fail(note_name + ": not cosigned by key " + fingerprint + ", which it retires");
    }
    next_of[fingerprint] = KeyFingerprint(next);
    chain_pems_.push_back(bytes);
  }
  for (const auto& [name, bytes] : files_) {
    if (name.starts_with(internal::kBundleKeysDir) &&
        name.ends_with(internal::kBundleHandoverSuffix) &&
        File(name.substr(0, name.size() - internal::kBundleHandoverSuffix.size()) +
             std::string(internal::kBundleKeySuffix)) == nullptr) {
      return Fail(name + ": a handover note without its key");
    }
  }
  chain_pems_.push_back(public_pem_);
  if (next_of.empty()) {
    return true;
  }
  std::set<std::string> handed_to;
  for (const auto& [from, to] : next_of) {
    handed_to.insert(to);
  }
  std::vector<std::string> first;
  for (const auto& [from, to] : next_of) {
    if (!handed_to.contains(from)) {
      first.push_back(from);
    }
  }
  if (first.size() != 1) {
    return Fail("proof/keys/: the handovers do not form one chain from a first key");
  }
  std::vector<std::string> chain{first[0]};
  while (next_of.contains(chain.back()) && chain.size() <= next_of.size()) {
    chain.push_back(next_of.at(chain.back()));
  }
  if (chain.size() != next_of.size() + 1 || chain.back() != report_.key_fingerprint) {
    return Fail("proof/keys/: the chain of handovers from key " + first[0] +
                " does not end at proof/public.pem (key " + report_.key_fingerprint + ")");
  }
  report_.key_fingerprint = chain.front();
  report_.key_chain = std::move(chain);
  return true;
}

bool BundleChecker::SignedByChainKey(const TreeHead& head) const {
  return std::any_of(chain_pems_.begin(), chain_pems_.end(),
                     [&head](const std::string& pem) { return VerifyHead(head, pem); });
}

bool BundleChecker::CheckHead() {
  const std::string name(internal::kBundleHead);
  auto head = ParseNote(*File(internal::kBundleHead));
  if (!head) {
    return Fail(name + ": " + head.error().message);
  }
  if (!SignedByChainKey(*head)) {
    return Fail(name + ": the signature does not verify under the archive's keys");
  }
  head_ = std::move(*head);
  const json& stated = manifest_["head"];
  if (!stated.contains("tree_size") || stated["tree_size"] != head_.size ||
      stated.value("root", "") != ToHex(head_.root) ||
      stated.value("timestamp", "") != internal::FormatRfc3339Micros(head_.time_us).value_or("")) {
    return Fail("manifest.json: head.tree_size, root and timestamp must be those of " + name);
  }
  report_.tree_size = head_.size;
  report_.head_time_us = head_.time_us;
  return true;
}

// proof/heads/<size>.note, each with proof/consistency/<size>.json to the export head.
bool BundleChecker::CheckEarlierHeads() {
  for (const auto& [name, bytes] : files_) {
    if (name.starts_with(internal::kBundleConsistencyDir)) {
      if (!internal::NumberIn(name, internal::kBundleConsistencyDir, ".json") ||
          File(internal::HeadFile(
              *internal::NumberIn(name, internal::kBundleConsistencyDir, ".json"))) == nullptr) {
        return Fail(name + ": a consistency proof without its head in proof/heads/");
      }
      continue;
    }
    if (!name.starts_with(internal::kBundleHeadsDir)) {
      continue;
    }
    const auto size =
        internal::NumberIn(name, internal::kBundleHeadsDir, internal::kBundleHeadSuffix);
    if (!size) {
      return Fail(name + ": not a head file (proof/heads/<size>.note)");
    }
    auto head = ParseNote(bytes);
    if (!head) {
      return Fail(name + ": " + head.error().message);
    }
    if (head->size != *size || head->origin != head_.origin) {
      return Fail(name + ": not a head of " + std::to_string(*size) + " records of " +
                  head_.origin);
    }
    if (!SignedByChainKey(*head)) {
      return Fail(name + ": the signature does not verify under the archive's keys");
    }
    const std::string proof_name = internal::ConsistencyFile(*size);
    const std::string* proof_text = File(proof_name);
    if (proof_text == nullptr) {
      return Fail(proof_name + ": missing from the bundle");
    }
    const json proof = json::parse(*proof_text, nullptr, false);
    const auto path = proof.is_object() && proof.contains("path")
                          ? internal::ParseHashList(proof["path"])
                          : std::optional<std::vector<Hash>>();
    if (!path || proof.value("old_size", uint64_t{0}) != *size ||
        proof.value("new_size", uint64_t{0}) != head_.size) {
      return Fail(proof_name + ": not a consistency proof from " + std::to_string(*size) + " to " +
                  std::to_string(head_.size) + " records");
    }
    if (*size >= head_.size ||
        !VerifyConsistency(*size, head_.size, head->root, head_.root, *path)) {
      return Fail(proof_name + ": the head of " + std::to_string(*size) +
                  " records is not a prefix of the export head");
    }
    earlier_heads_.insert(*size);
  }
  report_.earlier_heads = earlier_heads_.size();
  return true;
}

bool BundleChecker::CheckItems() {
  std::set<uint64_t> items;
  for (const auto& [name, bytes] : files_) {
    if (name.starts_with(internal::kBundleItemProofsDir)) {
      const auto sequence = internal::NumberIn(name, internal::kBundleItemProofsDir, ".json");
      if (!sequence) {
        return Fail(name + ": not an item proof (proof/items/<sequence>.json)");
      }
      items.insert(*sequence);
    } else if (name.starts_with(internal::kNativeDir) && name.ends_with(internal::kItemMeta)) {
      const auto sequence = internal::NumberIn(name, internal::kNativeDir, "/meta.json");
      if (!sequence || File(internal::ItemProofFile(*sequence)) == nullptr) {
        return Fail(name + ": a record without its proof in proof/items/");
      }
    }
  }
  for (uint64_t sequence : items) {
    if (!CheckItem(sequence)) {
      return false;
    }
    ++report_.items;
  }
  return true;
}

bool BundleChecker::CheckItem(uint64_t sequence) {
  const std::string item = "item " + std::to_string(sequence) + ": ";
  const std::string proof_name = internal::ItemProofFile(sequence);
  const std::string meta_name = internal::ItemFile(sequence, internal::kItemMeta);
  const std::string content_name = internal::ItemFile(sequence, internal::kItemContent);
  const std::string* meta = File(meta_name);
  if (meta == nullptr) {
    return Fail(item + meta_name + " is missing from the bundle");
  }
  auto proof = internal::ParseItemProof(*File(proof_name));
  if (!proof) {
    return Fail(item + proof_name + " is not a proof (a field is missing or malformed)");
  }
  if (proof->sequence != sequence || proof->leaf_index != sequence) {
    return Fail(item + proof_name + ": sequence and leaf_index must both be " +
                std::to_string(sequence));
  }
  if (proof->tree_size != head_.size || sequence >= head_.size) {
    return Fail(item + proof_name + " is not a proof in the tree of " + std::to_string(head_.size) +
                " records that proof/head.note signs");
  }
  if (proof->captured_at !=
      internal::FormatRfc3339Micros(proof->record.captured_at_us).value_or("")) {
    return Fail(item + proof_name + ": captured_at does not say the same time as captured_at_us");
  }
  if (proof->first_head != head_.size &&
      (!earlier_heads_.contains(proof->first_head) || sequence >= proof->first_head)) {
    return Fail(item + proof_name + ": first_head names no head in proof/heads/ that holds it");
  }
  const std::string* content = File(content_name);
  if (proof->record.content_erased != (content == nullptr)) {
    return Fail(item + content_name +
                (content == nullptr ? " is missing from the bundle"
                                    : " is present though the proof says it was erased"));
  }
  if (content != nullptr &&
      ContentDigest(proof->record.salt, *content) != proof->record.content_digest) {
    return Fail(item + content_name + " does not match the content digest in " + proof_name +
                ": the content is not what the archive captured");
  }
  proof->record.record.meta = *meta;
  if (LeafHash(proof->record.LeafInput()) != proof->record.leaf_hash) {
    return Fail(item + meta_name + " with " + proof_name +
                " does not hash to leaf_hash: the record is not what the archive logged");
  }
  if (!VerifyInclusion(sequence, head_.size, proof->record.leaf_hash, proof->path, head_.root)) {
    return Fail(item + "the audit path in " + proof_name +
                " does not lead to the root signed in proof/head.note");
  }
  if (proof->record.record.type == RecordType::kPost) {
    ++report_.posts;
  }
  return true;
}

bool BundleChecker::CheckManifestCoverage() {
  if (first_format_) {
    return true;  // checked under the names it was written with
  }
  const json& listed = manifest_["files"];
  for (const auto& [name, entry] : listed.items()) {
    const std::string* bytes = File(name);
    if (bytes == nullptr) {
      return Fail(name + ": listed in manifest.json but missing from the bundle");
    }
    if (!entry.is_object() || entry.value("sha256", "") != ToHex(Sha256(*bytes))) {
      return Fail(name + ": SHA-256 does not match manifest.json");
    }
    if (!entry.contains("size") || entry["size"] != bytes->size()) {
      return Fail(name + ": size does not match manifest.json");
    }
  }
  for (const auto& [name, bytes] : files_) {
    if (name != internal::kBundleManifest && name != internal::kBundleManifestSig &&
        !listed.contains(name)) {
      return Fail(name + ": not listed in manifest.json");
    }
  }
  return true;
}

// The counts manifest.json states of what it holds.
bool BundleChecker::CheckCounts() {
  const json counts = manifest_.value("counts", json::object());
  for (const auto& [name, found] :
       {std::pair<const char*, uint64_t>{"items", report_.items}, {"posts", report_.posts}}) {
    if (!counts.contains(name)) {
      if (std::string_view(name) == "items") {
        return Fail("manifest.json: counts.items is missing");
      }
      continue;
    }
    if (!counts[name].is_number_unsigned() || counts[name].get<uint64_t>() != found) {
      return Fail("manifest.json: counts." + std::string(name) + " says " + counts[name].dump() +
                  ", the bundle holds " + std::to_string(found));
    }
  }
  return true;
}

}  // namespace

BundleReport VerifyBundle(const std::filesystem::path& zip) { return BundleChecker(zip).Run(); }

}  // namespace holdfast::archive
