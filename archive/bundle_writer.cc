#include <algorithm>
#include <cassert>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "archive/bundle.h"
#include "archive/internal/bundle_heads.h"
#include "archive/internal/bundle_layout.h"
#include "archive/internal/bundle_texts.h"
#include "archive/internal/encoding.h"
#include "archive/key_chain.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "archive/zip_writer.h"

namespace holdfast::archive {

namespace {

using nlohmann::ordered_json;

nlohmann::json HexList(const std::vector<Hash>& hashes) {
  nlohmann::json list = nlohmann::json::array();
  for (const Hash& hash : hashes) {
    list.push_back(ToHex(hash));
  }
  return list;
}

// proof/items/<seq>.json: what binds the item's files to its leaf, and the leaf to the heads.
std::string ProofOf(const StoredRecord& stored, const std::vector<Hash>& path, uint64_t tree_size,
                    uint64_t first_head) {
  const ordered_json proof = {
      {"sequence", stored.sequence},
      {"leaf_index", stored.sequence},
      {"type", RecordTypeName(stored.record.type)},
      {"key", stored.record.key},
      {"captured_at", internal::FormatRfc3339Micros(stored.captured_at_us).value_or("")},
      {"captured_at_us", stored.captured_at_us},
      {"salt", internal::HexEncode(std::string_view(
                   reinterpret_cast<const char*>(stored.salt.data()), stored.salt.size()))},
      {"content_digest", ToHex(stored.content_digest)},
      {"content_erased", stored.content_erased},
      {"leaf_hash", ToHex(stored.leaf_hash)},
      {"tree_size", tree_size},
      {"path", HexList(path)},
      {"first_head", first_head}};
  return proof.dump(2) + "\n";
}

}  // namespace

struct BundleWriter::Impl {
  const Archive& archive;
  std::filesystem::path out;
  internal::BundleHeads heads;
  Signer signer;
  std::unique_ptr<ZipWriter> zip;
  std::map<std::string, std::pair<Hash, uint64_t>> files;  // name -> SHA-256, size
  std::set<uint64_t> records;
  std::set<uint64_t> used_heads;       // sizes of earlier heads that some item names
  std::vector<std::string> key_chain;  // retired keys' fingerprints, then the key in force

  Error Fail(std::optional<uint64_t> sequence, std::string message) const {
    return Error{out.string(), sequence, std::move(message)};
  }

  tl::expected<void, Error> Add(std::string_view name, std::string_view bytes) {
    if (!files.try_emplace(std::string(name), Sha256(bytes), bytes.size()).second) {
      return tl::unexpected(Fail(std::nullopt, std::string(name) + " is added twice"));
    }
    return zip->Add(name, bytes);
  }

  // The earliest head that held `sequence`: an earlier head, or the export head itself.
  uint64_t FirstHead(uint64_t sequence) {
    const auto it =
        std::upper_bound(heads.earlier.begin(), heads.earlier.end(), sequence,
                         [](uint64_t s, const TreeHead& head) { return s < head.size; });
    if (it == heads.earlier.end()) {
      return heads.head.size;
    }
    used_heads.insert(it->size);
    return it->size;
  }

  tl::expected<void, Error> AddHeadsAndKeys();
  std::string Manifest(const BundleFields& fields) const;
};

BundleWriter::BundleWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BundleWriter::~BundleWriter() = default;

tl::expected<std::unique_ptr<BundleWriter>, Error> BundleWriter::Create(
    const Archive& archive, std::optional<uint64_t> head_size, const std::filesystem::path& out) {
  auto heads = internal::FindBundleHeads(archive, head_size);
  if (!heads) {
    return tl::unexpected(heads.error());
  }
  // Loading the key here, not at Open, lets a read-only Archive export: signing a bundle
  // needs the private key, appending to the log does not come into it.
  const auto private_key = archive.dir() / "keys" / "private.pem";
  auto signer = Signer::Load(private_key);
  if (!signer) {
    return tl::unexpected(signer.error());
  }
  if (signer->public_pem() != archive.public_pem()) {
    return tl::unexpected(Error{private_key.string(), std::nullopt,
                                "the private key does not match keys/public.pem"});
  }
  auto zip = ZipWriter::Create(out);
  if (!zip) {
    return tl::unexpected(zip.error());
  }
  auto impl = std::unique_ptr<Impl>(new Impl{
      archive, out, std::move(*heads), std::move(*signer), std::move(*zip), {}, {}, {}, {}});
  return std::unique_ptr<BundleWriter>(new BundleWriter(std::move(impl)));
}

const TreeHead& BundleWriter::head() const { return impl_->heads.head; }

tl::expected<void, Error> BundleWriter::AddRecord(const StoredRecord& stored) {
  Impl& impl = *impl_;
  const uint64_t size = impl.heads.head.size;
  if (stored.sequence >= size) {
    return tl::unexpected(impl.Fail(
        stored.sequence, "not covered by the export head (" + std::to_string(size) + " records)"));
  }
  if (!impl.records.insert(stored.sequence).second) {
    return tl::unexpected(impl.Fail(stored.sequence, "the record is added twice"));
  }
  auto path = impl.archive.InclusionProof(stored.sequence, size);
  if (!path) {
    return tl::unexpected(path.error());
  }
  std::string proof;
  try {
    proof = ProofOf(stored, *path, size, impl.FirstHead(stored.sequence));
  } catch (const nlohmann::json::exception&) {
    // The key travels as a JSON string; a key that is not UTF-8 has no faithful form there.
    return tl::unexpected(impl.Fail(stored.sequence, "the record key is not valid UTF-8"));
  }
  if (auto ok =
          impl.Add(internal::ItemFile(stored.sequence, internal::kItemMeta), stored.record.meta);
      !ok) {
    return ok;
  }
  if (!stored.content_erased) {
    if (auto ok = impl.Add(internal::ItemFile(stored.sequence, internal::kItemContent),
                           stored.record.content);
        !ok) {
      return ok;
    }
  }
  return impl.Add(internal::ItemProofFile(stored.sequence), proof);
}

tl::expected<void, Error> BundleWriter::AddFile(std::string_view name, std::string_view bytes) {
  return impl_->Add(name, bytes);
}

tl::expected<void, Error> BundleWriter::Impl::AddHeadsAndKeys() {
  for (const TreeHead& earlier : heads.earlier) {
    if (!used_heads.contains(earlier.size)) {
      continue;
    }
    auto proof = archive.ConsistencyProof(earlier.size, heads.head.size);
    if (!proof) {
      return tl::unexpected(proof.error());
    }
    const ordered_json consistency = {
        {"old_size", earlier.size}, {"new_size", heads.head.size}, {"path", HexList(*proof)}};
    if (auto ok = Add(internal::HeadFile(earlier.size), earlier.Note()); !ok) {
      return ok;
    }
    if (auto ok = Add(internal::ConsistencyFile(earlier.size), consistency.dump(2) + "\n"); !ok) {
      return ok;
    }
  }
  if (auto ok = Add(internal::kBundleHead, heads.head.Note()); !ok) {
    return ok;
  }
  if (auto ok = Add(internal::kBundlePublicKey, archive.public_pem()); !ok) {
    return ok;
  }
  auto retired = RetiredKeys(archive.dir());
  if (!retired) {
    return tl::unexpected(retired.error());
  }
  for (const RetiredKey& key : *retired) {
    if (key.handover_note.empty()) {
      return tl::unexpected(Error{(archive.dir() / "keys" / "retired").string(), std::nullopt,
                                  key.fingerprint + ".handover.note is missing: the bundle "
                                                    "cannot show how that key handed over"});
    }
    // Appended piece by piece: GCC 12 at -O3 sees a false overlap in string + string&&.
    std::string key_file(internal::kBundleKeysDir);
    key_file += key.fingerprint;
    std::string note_file = key_file;
    key_file += internal::kBundleKeySuffix;
    note_file += internal::kBundleHandoverSuffix;
    if (auto ok = Add(key_file, key.public_pem); !ok) {
      return ok;
    }
    if (auto ok = Add(note_file, key.handover_note); !ok) {
      return ok;
    }
    key_chain.push_back(key.fingerprint);
  }
  key_chain.push_back(KeyFingerprint(archive.public_pem()));
  return {};
}

std::string BundleWriter::Impl::Manifest(const BundleFields& fields) const {
  ordered_json counts = ordered_json::object();
  for (const auto& [name, count] : fields.counts) {
    counts[name] = count;
  }
  const TreeHead& head = heads.head;
  const ordered_json manifest = {
      {"format", internal::kBundleFormat},
      {"case", fields.case_name},
      {"selection", {{"kind", fields.selection_kind}, {"value", fields.selection}}},
      {"query", fields.query},
      {"exported_by", fields.exported_by},
      {"archive",
       {{"origin", archive.origin()}, {"key_fingerprint", KeyFingerprint(archive.public_pem())}}},
      {"head",
       {{"tree_size", head.size},
        {"root", ToHex(head.root)},
        {"timestamp", internal::FormatRfc3339Micros(head.time_us).value_or("")},
        {"note", internal::kBundleHead}}},
      {"counts", std::move(counts)},
      {"formats", fields.formats},
      {"files", ordered_json::object()}};
  std::string text = manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  // The file list is written as text in the layout dump() gives, in name order: a JSON value of
  // it would take some 300 bytes per file at the peak, and a bundle of 100,000 posts lists
  // over 400,000 files. Names are quoted and escaped by the JSON library all the same.
  [[maybe_unused]] constexpr std::string_view kEmptyFiles = "\"files\": {}";
  assert(text.ends_with(std::string(kEmptyFiles) + "\n}"));
  if (!files.empty()) {
    text.resize(text.size() - 3);  // "}\n}"
    text += "\n";
    size_t left = files.size();
    for (const auto& [name, file] : files) {
      text += "    ";
      text += ordered_json(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      text += ": {\n      \"sha256\": \"";
      text += ToHex(file.first);
      text += "\",\n      \"size\": ";
      text += std::to_string(file.second);
      text += --left == 0 ? "\n    }\n" : "\n    },\n";
    }
    text += "  }\n}";
  }
  text += '\n';
  return text;
}

tl::expected<std::string, Error> BundleWriter::Finish(const BundleFields& fields) {
  Impl& impl = *impl_;
  if (auto ok = impl.AddHeadsAndKeys(); !ok) {
    return tl::unexpected(ok.error());
  }
  for (const auto& [name, bytes] :
       {std::pair<std::string_view, std::string>{
            internal::kBundleCustody,
            internal::CustodyText(impl.archive, impl.heads.head, fields, impl.key_chain)},
        {internal::kBundleVerifyDoc, std::string(internal::BundleVerifyDoc())},
        {internal::kBundleVerifyScript, std::string(internal::BundleVerifyScript())}}) {
    if (auto ok = impl.Add(name, bytes); !ok) {
      return tl::unexpected(ok.error());
    }
  }
  const std::string manifest = impl.Manifest(fields);
  auto signature = impl.signer.Sign(manifest);
  if (!signature) {
    return tl::unexpected(signature.error());
  }
  for (const auto& [name, bytes] :
       {std::pair<std::string_view, std::string_view>{internal::kBundleManifest, manifest},
        {internal::kBundleManifestSig, *signature}}) {
    if (auto ok = impl.zip->Add(name, bytes); !ok) {
      return tl::unexpected(ok.error());
    }
  }
  if (auto closed = impl.zip->Close(); !closed) {
    return tl::unexpected(closed.error());
  }
  return ToHex(Sha256(manifest));
}

tl::expected<void, Error> WriteBundle(const Archive& archive, std::span<const uint64_t> sequences,
                                      const BundleRequest& request) {
  auto writer = BundleWriter::Create(archive, request.head_size, request.out);
  if (!writer) {
    return tl::unexpected(writer.error());
  }
  std::vector<uint64_t> items(sequences.begin(), sequences.end());
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  uint64_t posts = 0;
  for (uint64_t sequence : items) {
    if (sequence >= (*writer)->head().size) {
      return tl::unexpected(Error{request.out.string(), sequence,
                                  "not covered by the export head (" +
                                      std::to_string((*writer)->head().size) +
                                      " records); commit before exporting it"});
    }
    auto stored = archive.Read(sequence);
    if (!stored) {
      return tl::unexpected(stored.error());
    }
    posts += stored->record.type == RecordType::kPost ? 1 : 0;
    if (auto ok = (*writer)->AddRecord(*stored); !ok) {
      return ok;
    }
  }
  BundleFields fields{request.case_name,
                      "query",
                      request.query,
                      request.query,
                      "holdfast",
                      {"native"},
                      {{"items", items.size()}, {"posts", posts}}};
  if (auto finished = (*writer)->Finish(fields); !finished) {
    return tl::unexpected(finished.error());
  }
  return {};
}

}  // namespace holdfast::archive
