#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "archive/bundle.h"
#include "archive/internal/bundle_layout.h"
#include "archive/internal/encoding.h"
#include "archive/key_chain.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "archive/zip_writer.h"

namespace holdfast::archive {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kReadme = R"(Holdfast evidence bundle
========================

This bundle holds records exported from a Holdfast archive, with what is needed to check,
without the archive and without trusting whoever handed it over, that each record is exactly
what the archive captured, and when.

What is in it
  case.json               the case, the query that selected the records, when it was exported
  items/<n>/meta.json     record n's facts, byte for byte as the archive logged them
  items/<n>/content.json  record n's content, byte for byte as logged
  items/<n>/proof.json    record n's capture time, salt, digests and Merkle audit path
  head.note               the archive's signed tree head that every proof leads to
  public.pem              the archive's Ed25519 public key
  keys/                   only if the archive changed keys: each earlier key <fp>.pem and
                          <fp>.handover.note, the head it cosigned to hand over to the next
  manifest.json           the SHA-256 of every other file
  manifest.sig            the Ed25519 signature of manifest.json

The checks (`holdfast verify-bundle <zip>` does all of them)
  1. Compare the fingerprint of public.pem with the one the archive's owner publishes for
     the archive (Holdfast prints it when the archive is created; case.json repeats it, but
     only the owner's published copy counts). The fingerprint is the first 8 bytes of the
     SHA-256 of the key in DER form, in hex. Every other check only shows that the bundle is
     consistent with this key, so this one is what ties it to the archive.
     If the archive changed keys, start from the key the owner published in keys/: its
     handover note names the next key (the last field of its "handover" line, base64) and
     carries two signature lines, the next key's and this key's; follow the notes to
     public.pem.
  2. manifest.sig is a valid signature of manifest.json under public.pem, and every file
     listed in manifest.json is present with that SHA-256; no other file is present.
  3. head.note is a signed note (C2SP format): its body names the archive, the number of
     records in the log and the Merkle root over them, and the time it was signed. Its
     signature line verifies under public.pem.
  4. For each item: SHA-256(salt || content.json) equals content_digest in proof.json. The
     salt hides short content from guessing; the digest lets content be erased later while
     the record stays provable.
  5. For each item: the leaf input is built as
       u8 1 | u8 type | i64 captured_at_us | u32 length | key | u32 length | meta.json |
       content_digest
     (integers big-endian; type 1 post, 2 flag, 3 review, 4 dead letter, 5 tree head,
     6 hold, 7 retention rule, 8 erasure, 9 timestamp) and
     SHA-256(0x00 || leaf input) equals leaf_hash.
  6. For each item: the audit path in proof.json leads from leaf_hash at index `sequence` to
     the root in head.note, for a tree of tree_size records, as RFC 9162 section 2.1.3.2
     describes. Then the record was in the log when the head was signed.
)";

Error BundleError(const BundleRequest& request, std::optional<uint64_t> sequence,
                  std::string message) {
  return Error{request.out.string(), sequence, std::move(message)};
}

std::string HexOf(const void* bytes, size_t size) {
  return internal::HexEncode(std::string_view(static_cast<const char*>(bytes), size));
}

// Adds files to the zip and remembers their SHA-256 for the manifest.
class BundleFiles {
 public:
  explicit BundleFiles(std::unique_ptr<ZipWriter> zip) : zip_(std::move(zip)) {}

  tl::expected<void, Error> Add(std::string_view name, std::string_view bytes) {
    manifest_["files"][std::string(name)] = ToHex(Sha256(bytes));
    return zip_->Add(name, bytes);
  }
  std::string Manifest() const { return manifest_.dump(2) + "\n"; }
  ZipWriter& zip() { return *zip_; }

 private:
  std::unique_ptr<ZipWriter> zip_;
  nlohmann::json manifest_ = {{"files", nlohmann::json::object()}};
};

// proof.json: what binds the item's files to its leaf, and the leaf to the signed root.
nlohmann::json ProofOf(const StoredRecord& stored, const std::vector<Hash>& path,
                       uint64_t tree_size) {
  nlohmann::json hexes = nlohmann::json::array();
  for (const Hash& hash : path) {
    hexes.push_back(ToHex(hash));
  }
  return {{"sequence", stored.sequence},
          {"leaf_index", stored.sequence},
          {"type", RecordTypeName(stored.record.type)},
          {"key", stored.record.key},
          {"captured_at", internal::FormatRfc3339Micros(stored.captured_at_us).value_or("")},
          {"captured_at_us", stored.captured_at_us},
          {"salt", HexOf(stored.salt.data(), stored.salt.size())},
          {"content_digest", ToHex(stored.content_digest)},
          {"content_erased", stored.content_erased},
          {"leaf_hash", ToHex(stored.leaf_hash)},
          {"tree_size", tree_size},
          {"path", std::move(hexes)}};
}

tl::expected<void, Error> AddItem(const Archive& archive, uint64_t sequence, const TreeHead& head,
                                  const BundleRequest& request, BundleFiles& files) {
  auto stored = archive.Read(sequence);
  if (!stored) {
    return tl::unexpected(stored.error());
  }
  auto path = archive.InclusionProof(sequence, head.size);
  if (!path) {
    return tl::unexpected(path.error());
  }
  std::string proof;
  try {
    proof = ProofOf(*stored, *path, head.size).dump(2) + "\n";
  } catch (const nlohmann::json::exception&) {
    // The key travels as a JSON string; a key that is not UTF-8 has no faithful form there.
    return tl::unexpected(BundleError(request, sequence, "the record key is not valid UTF-8"));
  }
  if (auto ok = files.Add(internal::ItemFile(sequence, internal::kItemMeta), stored->record.meta);
      !ok) {
    return ok;
  }
  if (!stored->content_erased) {
    if (auto ok =
            files.Add(internal::ItemFile(sequence, internal::kItemContent), stored->record.content);
        !ok) {
      return ok;
    }
  }
  return files.Add(internal::ItemFile(sequence, internal::kItemProof), proof);
}

std::string CaseJson(const Archive& archive, const BundleRequest& request, const TreeHead& head,
                     size_t items) {
  const int64_t now = archive.NowUs();
  const nlohmann::ordered_json doc = {
      {"case_name", request.case_name},
      {"query", request.query},
      {"exported_at", internal::FormatRfc3339Micros(now).value_or("")},
      {"exported_at_us", now},
      {"origin", archive.origin()},
      {"key_fingerprint", KeyFingerprint(archive.public_pem())},
      {"tree_size", head.size},
      {"items", items}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The head every proof is against, checked before anything is proven against it.
tl::expected<TreeHead, Error> SignedHead(const Archive& archive) {
  auto head = archive.LatestHead();
  if (!head) {
    return tl::unexpected(head.error());
  }
  if (!VerifyHead(*head, archive.public_pem()) || head->size > archive.size()) {
    return tl::unexpected(Error{(archive.dir() / "head.note").string(), std::nullopt,
                                "the latest head does not verify against this archive"});
  }
  return head;
}

// The chain from each earlier key to public.pem, for archives that rotated keys.
tl::expected<void, Error> AddRetiredKeys(const Archive& archive, BundleFiles& files) {
  auto retired = RetiredKeys(archive.dir());
  if (!retired) {
    return tl::unexpected(retired.error());
  }
  for (const RetiredKey& key : *retired) {
    if (key.handover_note.empty()) {
      std::string message = key.fingerprint;
      message += ".handover.note is missing: the bundle cannot show how that key handed over";
      return tl::unexpected(
          Error{(archive.dir() / "keys" / "retired").string(), std::nullopt, std::move(message)});
    }
    // Appended piece by piece: GCC 12 at -O3 sees a false overlap in string + string&&.
    std::string key_file(internal::kBundleKeysDir);
    key_file += key.fingerprint;
    std::string note_file = key_file;
    key_file += internal::kBundleKeySuffix;
    note_file += internal::kBundleHandoverSuffix;
    if (auto ok = files.Add(key_file, key.public_pem); !ok) {
      return ok;
    }
    if (auto ok = files.Add(note_file, key.handover_note); !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace

tl::expected<void, Error> WriteBundle(const Archive& archive, std::span<const uint64_t> sequences,
                                      const BundleRequest& request) {
  auto head = SignedHead(archive);
  if (!head) {
    return tl::unexpected(head.error());
  }
  std::vector<uint64_t> items(sequences.begin(), sequences.end());
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  if (!items.empty() && items.back() >= head->size) {
    return tl::unexpected(BundleError(request, items.back(),
                                      "not covered by the latest signed head (" +
                                          std::to_string(head->size) +
                                          " records); commit before exporting it"));
  }
  // Loading the key here, not at Open, lets a read-only Archive export: signing a bundle
  // needs the private key, appending to the log does not come into it.
  auto signer = Signer::Load(archive.dir() / "keys" / "private.pem");
  if (!signer) {
    return tl::unexpected(signer.error());
  }
  if (signer->public_pem() != archive.public_pem()) {
    return tl::unexpected(Error{(archive.dir() / "keys" / "private.pem").string(), std::nullopt,
                                "the private key does not match keys/public.pem"});
  }
  auto zip = ZipWriter::Create(request.out);
  if (!zip) {
    return tl::unexpected(zip.error());
  }
  BundleFiles files(std::move(*zip));
  for (const auto& [name, bytes] :
       {std::pair<std::string_view, std::string>{internal::kBundleReadme, std::string(kReadme)},
        {internal::kBundleCase, CaseJson(archive, request, *head, items.size())}}) {
    if (auto ok = files.Add(name, bytes); !ok) {
      return ok;
    }
  }
  for (uint64_t sequence : items) {
    if (auto ok = AddItem(archive, sequence, *head, request, files); !ok) {
      return ok;
    }
  }
  if (auto ok = files.Add(internal::kBundleHead, head->Note()); !ok) {
    return ok;
  }
  if (auto ok = files.Add(internal::kBundlePublicKey, archive.public_pem()); !ok) {
    return ok;
  }
  if (auto ok = AddRetiredKeys(archive, files); !ok) {
    return ok;
  }
  const std::string manifest = files.Manifest();
  auto signature = signer->Sign(manifest);
  if (!signature) {
    return tl::unexpected(signature.error());
  }
  if (auto ok = files.zip().Add(internal::kBundleManifest, manifest); !ok) {
    return ok;
  }
  if (auto ok = files.zip().Add(internal::kBundleManifestSig, *signature); !ok) {
    return ok;
  }
  return files.zip().Close();
}

}  // namespace holdfast::archive
