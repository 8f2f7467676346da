#include <charconv>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "archive/bundle.h"
#include "archive/export_reader.h"
#include "archive/internal/bundle_layout.h"
#include "archive/internal/encoding.h"
#include "archive/merkle.h"
#include "archive/signer.h"

namespace holdfast::archive {

namespace {

using nlohmann::json;

std::optional<uint64_t> ParseSequence(std::string_view text) {
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // Canonical decimal only, so that one record has one folder name.
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() ||
      (text.size() > 1 && text[0] == '0')) {
    return std::nullopt;
  }
  return value;
}

std::optional<RecordType> TypeNamed(std::string_view name) {
  for (uint8_t type = 1; type <= static_cast<uint8_t>(RecordType::kAudit); ++type) {
    if (name != "unknown" && RecordTypeName(static_cast<RecordType>(type)) == name) {
      return static_cast<RecordType>(type);
    }
  }
  return std::nullopt;
}

// Copies a hex field of exactly `N` bytes; false if absent, not a string or the wrong size.
template <size_t N>
bool HexField(const json& doc, const char* name, std::array<uint8_t, N>* out) {
  const auto it = doc.find(name);
  if (it == doc.end() || !it->is_string()) {
    return false;
  }
  const auto bytes = internal::HexDecode(it->get_ref<const std::string&>());
  if (!bytes || bytes->size() != N) {
    return false;
  }
  std::memcpy(out->data(), bytes->data(), N);
  return true;
}

// The fields of proof.json, type-checked, never throwing on a hostile document.
struct Proof {
  uint64_t sequence = 0;
  uint64_t leaf_index = 0;
  uint64_t tree_size = 0;
  StoredRecord record;  // type, key, capture time, salt, digest, leaf hash; meta added later
  std::string captured_at;
  std::vector<Hash> path;
};

std::optional<Proof> ParseProof(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) {
    return std::nullopt;
  }
  auto number = [&](const char* name) {
    return doc.contains(name) && doc[name].is_number_integer();
  };
  auto string = [&](const char* name) { return doc.contains(name) && doc[name].is_string(); };
  if (!number("sequence") || !number("leaf_index") || !number("tree_size") ||
      !number("captured_at_us") || !string("type") || !string("key") || !string("captured_at") ||
      !doc.contains("content_erased") || !doc["content_erased"].is_boolean() ||
      !doc.contains("path") || !doc["path"].is_array()) {
    return std::nullopt;
  }
  Proof proof;
  proof.sequence = doc["sequence"].get<uint64_t>();
  proof.leaf_index = doc["leaf_index"].get<uint64_t>();
  proof.tree_size = doc["tree_size"].get<uint64_t>();
  const auto type = TypeNamed(doc["type"].get_ref<const std::string&>());
  if (!type || !HexField(doc, "salt", &proof.record.salt) ||
      !HexField(doc, "content_digest", &proof.record.content_digest) ||
      !HexField(doc, "leaf_hash", &proof.record.leaf_hash)) {
    return std::nullopt;
  }
  proof.record.sequence = proof.sequence;
  proof.record.record.type = *type;
  proof.record.record.key = doc["key"].get<std::string>();
  proof.record.captured_at_us = doc["captured_at_us"].get<int64_t>();
  proof.record.content_erased = doc["content_erased"].get<bool>();
  proof.captured_at = doc["captured_at"].get<std::string>();
  for (const json& step : doc["path"]) {
    Hash hash{};
    const auto bytes =
        step.is_string() ? internal::HexDecode(step.get_ref<const std::string&>()) : std::nullopt;
    if (!bytes || bytes->size() != hash.size()) {
      return std::nullopt;
    }
    std::memcpy(hash.data(), bytes->data(), hash.size());
    proof.path.push_back(hash);
  }
  return proof;
}

class BundleChecker {
 public:
  explicit BundleChecker(const std::filesystem::path& zip) : zip_(zip) {}

  BundleReport Run();

 private:
  bool ReadEntries();
  bool CheckKeyAndManifestSignature();
  bool CheckHead();
  bool CheckKeyChain();
  bool CheckItems();
  bool CheckItem(uint64_t sequence);
  bool CheckManifestCoverage();
  bool CheckCase();
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
  std::set<uint64_t> items_;
  std::string public_pem_;
  TreeHead head_;
};

BundleReport BundleChecker::Run() {
  // Items come before manifest coverage: a changed item file is then reported as what it
  // means (its content no longer matches the proof), not only as a manifest mismatch.
  if (ReadEntries() && CheckKeyAndManifestSignature() && CheckHead() && CheckKeyChain() &&
      CheckItems() && CheckManifestCoverage() && CheckCase()) {
    report_.ok = true;
    report_.message = "ok: " + std::to_string(report_.items) +
                      " items proven against a signed head of " +
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
  for (std::string_view required :
       {internal::kBundleManifest, internal::kBundleManifestSig, internal::kBundlePublicKey,
        internal::kBundleHead, internal::kBundleCase}) {
    if (File(required) == nullptr) {
      return Fail(std::string(required) + ": missing from the bundle");
    }
  }
  return true;
}

bool BundleChecker::CheckKeyAndManifestSignature() {
  public_pem_ = *File(internal::kBundlePublicKey);
  report_.key_fingerprint = KeyFingerprint(public_pem_);
  if (report_.key_fingerprint.empty()) {
    return Fail("public.pem: not an Ed25519 public key");
  }
  if (!VerifySignature(public_pem_, *File(internal::kBundleManifest),
                       *File(internal::kBundleManifestSig))) {
    return Fail("manifest.sig: the signature of manifest.json does not verify under public.pem");
  }
  return true;
}

bool BundleChecker::CheckHead() {
  auto head = ParseNote(*File(internal::kBundleHead));
  if (!head) {
    return Fail("head.note: " + head.error().message);
  }
  if (!VerifyHead(*head, public_pem_)) {
    return Fail("head.note: the signature does not verify under public.pem");
  }
  head_ = std::move(*head);
  report_.tree_size = head_.size;
  return true;
}

// keys/: the retired keys and their handover notes, which must lead from one first key to
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
  }
  for (const auto& [name, bytes] : files_) {
    if (name.starts_with(internal::kBundleKeysDir) &&
        name.ends_with(internal::kBundleHandoverSuffix) &&
        File(name.substr(0, name.size() - internal::kBundleHandoverSuffix.size()) +
             std::string(internal::kBundleKeySuffix)) == nullptr) {
      return Fail(name + ": a handover note without its key");
    }
  }
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
    return Fail("keys/: the handovers do not form one chain from a first key");
  }
  std::vector<std::string> chain{first[0]};
  while (next_of.contains(chain.back()) && chain.size() <= next_of.size()) {
    chain.push_back(next_of.at(chain.back()));
  }
  if (chain.size() != next_of.size() + 1 || chain.back() != report_.key_fingerprint) {
    return Fail("keys/: the chain of handovers from key " + first[0] +
                " does not end at public.pem (key " + report_.key_fingerprint + ")");
  }
  report_.key_fingerprint = chain.front();
  report_.key_chain = std::move(chain);
  return true;
}

bool BundleChecker::CheckItems() {
  for (const auto& [name, bytes] : files_) {
    if (!name.starts_with("items/")) {
      continue;
    }
    const std::string_view view = name;
    const size_t slash = view.find('/', 6);
    const auto sequence =
        slash == std::string_view::npos ? std::nullopt : ParseSequence(view.substr(6, slash - 6));
    const std::string_view file = slash == std::string_view::npos ? "" : view.substr(slash + 1);
    if (!sequence || (file != internal::kItemMeta && file != internal::kItemContent &&
                      file != internal::kItemProof)) {
      return Fail(name +
                  ": not a file of an item (items/<sequence>/meta.json, content.json "
                  "or proof.json)");
    }
    items_.insert(*sequence);
  }
  for (uint64_t sequence : items_) {
    if (!CheckItem(sequence)) {
      return false;
    }
    ++report_.items;
  }
  return true;
}

bool BundleChecker::CheckItem(uint64_t sequence) {
  const std::string proof_name = internal::ItemFile(sequence, internal::kItemProof);
  const std::string meta_name = internal::ItemFile(sequence, internal::kItemMeta);
  const std::string content_name = internal::ItemFile(sequence, internal::kItemContent);
  const std::string* proof_text = File(proof_name);
  const std::string* meta = File(meta_name);
  if (proof_text == nullptr || meta == nullptr) {
    return Fail((proof_text == nullptr ? proof_name : meta_name) + ": missing from the bundle");
  }
  auto proof = ParseProof(*proof_text);
  if (!proof) {
    return Fail(proof_name + ": not a proof (a field is missing or malformed)");
  }
  if (proof->sequence != sequence || proof->leaf_index != sequence) {
    return Fail(proof_name + ": sequence and leaf_index must both be " + std::to_string(sequence));
  }
  if (proof->tree_size != head_.size || sequence >= head_.size) {
    return Fail(proof_name + ": not a proof in the tree of " + std::to_string(head_.size) +
                " records that head.note signs");
  }
  if (proof->captured_at !=
      internal::FormatRfc3339Micros(proof->record.captured_at_us).value_or("")) {
    return Fail(proof_name + ": captured_at does not say the same time as captured_at_us");
  }
  const std::string* content = File(content_name);
  if (proof->record.content_erased != (content == nullptr)) {
    return Fail(content_name + (content == nullptr ? ": missing from the bundle"
                                                   : ": present though the proof says erased"));
  }
  if (content != nullptr &&
      ContentDigest(proof->record.salt, *content) != proof->record.content_digest) {
    return Fail(content_name + ": content digest does not match the proof");
  }
  proof->record.record.meta = *meta;
  if (LeafHash(proof->record.LeafInput()) != proof->record.leaf_hash) {
    return Fail(meta_name + ": the record (meta.json and proof.json) does not hash to leaf_hash");
  }
  if (!VerifyInclusion(sequence, head_.size, proof->record.leaf_hash, proof->path, head_.root)) {
    return Fail(proof_name + ": the audit path does not lead to the root signed in head.note");
  }
  return true;
}

bool BundleChecker::CheckManifestCoverage() {
  const json manifest = json::parse(*File(internal::kBundleManifest), nullptr, false);
  if (!manifest.is_object() || !manifest.contains("files") || !manifest["files"].is_object()) {
    return Fail("manifest.json: not a manifest ({\"files\": {name: sha256}})");
  }
  const json& listed = manifest["files"];
  for (const auto& [name, hash] : listed.items()) {
    const std::string* bytes = File(name);
    if (bytes == nullptr) {
      return Fail(name + ": listed in manifest.json but missing from the bundle");
    }
    if (!hash.is_string() || hash.get<std::string>() != ToHex(Sha256(*bytes))) {
      return Fail(name + ": SHA-256 does not match manifest.json");
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

bool BundleChecker::CheckCase() {
  const json doc = json::parse(*File(internal::kBundleCase), nullptr, false);
  if (!doc.is_object() || !doc.contains("case_name") || !doc["case_name"].is_string() ||
      !doc.contains("items") || !doc["items"].is_number_unsigned()) {
    return Fail("case.json: not a case description");
  }
  report_.case_name = doc["case_name"].get<std::string>();
  if (doc["items"].get<uint64_t>() != report_.items) {
    return Fail("case.json: says " + std::to_string(doc["items"].get<uint64_t>()) +
                " items, the bundle holds " + std::to_string(report_.items));
  }
  return true;
}

}  // namespace

BundleReport VerifyBundle(const std::filesystem::path& zip) { return BundleChecker(zip).Run(); }

}  // namespace holdfast::archive
