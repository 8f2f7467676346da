// Evidence bundles: a zip that proves, offline, that each item is exactly what the archive
// captured and when, cut at one signed head (the export head). Layout (holdfast-bundle/2):
//   manifest.json                  the case, the selection and the query run, who exported,
//                                  the archive (origin, key_fingerprint: the key in force),
//                                  the export head (tree_size, root, timestamp), the counts,
//                                  and every other file with its SHA-256 and size
//   manifest.sig                   Ed25519 signature of manifest.json (raw 64 bytes)
//   CHAIN-OF-CUSTODY.txt           who exported what, from which archive, cut at which head
//   VERIFY.md, verify_bundle.py    how to check it all without Holdfast
//   native/<seq>/meta.json         record <seq>'s meta bytes, exactly as logged
//   native/<seq>/content.json      its content bytes, exactly as logged (absent when erased)
//   proof/items/<seq>.json         type, key, capture time, salt, content digest, leaf hash,
//                                  the audit path to the export head, and first_head: the
//                                  size of the earliest signed head that held the record
//   proof/head.note                the export head
//   proof/heads/<size>.note        each earlier head some item was first committed under, and
//   proof/consistency/<size>.json  the proof that it is a prefix of the export head
//   proof/public.pem               the archive's Ed25519 public key (the key in force)
//   proof/keys/<fp>.pem            after key rotations: each earlier key, and
//   proof/keys/<fp>.handover.note  the head that handed over from it to the next key
// Anything else (the engine's post.json, RSMF, DAT, HTML) is added with AddFile and is
// covered by the manifest. The bundle carries no clock reading of its own: the same records,
// fields and head give the same bytes.
// Thread safety: BundleWriter is owned; the Archive it reads must outlive it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "archive/archive.h"
#include "archive/error.h"

namespace holdfast::archive {

// What manifest.json and CHAIN-OF-CUSTODY.txt say besides the files.
struct BundleFields {
  std::string case_name;
  std::string selection_kind;  // "query", "hold" or "flags"
  std::string selection;       // what was asked: the query, the hold's name or the state
  std::string query;           // the query run (a hold expanded); "" for a flags selection
  std::string exported_by;
  std::vector<std::string> formats;                      // "native", "rsmf", "dat", "html"
  std::vector<std::pair<std::string, uint64_t>> counts;  // e.g. {"posts", 12}; see below
};

class BundleWriter {
 public:
  ~BundleWriter();
  BundleWriter(const BundleWriter&) = delete;
  BundleWriter& operator=(const BundleWriter&) = delete;

  // Cuts the bundle at the signed head of `head_size` records (nullopt: the latest head),
  // which must be one the archive signed; fails naming the sizes it did sign otherwise.
  [[nodiscard]] static tl::expected<std::unique_ptr<BundleWriter>, Error> Create(
      const Archive& archive, std::optional<uint64_t> head_size, const std::filesystem::path& out);

  const TreeHead& head() const;

  // native/<seq>/meta.json, content.json and proof/items/<seq>.json for a record the head
  // covers (sequence < head().size). Each record once.
  [[nodiscard]] tl::expected<void, Error> AddRecord(const StoredRecord& record);
  // Any other file; listed in manifest.json with its SHA-256 and size.
  [[nodiscard]] tl::expected<void, Error> AddFile(std::string_view name, std::string_view bytes);
  // The heads, consistency proofs and keys, CHAIN-OF-CUSTODY.txt, VERIFY.md,
  // verify_bundle.py, manifest.json and manifest.sig; then closes the zip. `fields.counts`
  // must include "items" (the records added) and may include "posts" (the post records among
  // them), which verify-bundle checks against the bundle. Returns the hex SHA-256 of
  // manifest.json, which names the bundle (an audit record can cite it).
  [[nodiscard]] tl::expected<std::string, Error> Finish(const BundleFields& fields);

 private:
  struct Impl;
  explicit BundleWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A bundle of the records `sequences` with nothing else, for the archive's own tools and
// tests: the same as BundleWriter with fields {case_name, "query", query, query, "holdfast"}.
struct BundleRequest {
  std::string case_name;
  std::string query;
  std::filesystem::path out;
  std::optional<uint64_t> head_size{};  // nullopt: the latest head
};
[[nodiscard]] tl::expected<void, Error> WriteBundle(const Archive& archive,
                                                    std::span<const uint64_t> sequences,
                                                    const BundleRequest& request);

struct BundleReport {
  bool ok = false;
  uint64_t items = 0;
  uint64_t posts = 0;
  // Of the archive's first key: public.pem, or the start of the chain of handovers that leads
  // to it. Compare it with the one the archive publishes.
  std::string key_fingerprint;
  std::vector<std::string> key_chain;  // fingerprints, first to public.pem, after rotations
  std::string case_name;
  uint64_t tree_size = 0;
  int64_t head_time_us = 0;
  uint64_t earlier_heads = 0;  // proof/heads/ checked against the export head
  std::string message;         // the first problem found, naming the file and the item
};

// Checks a bundle with nothing but the bundle: manifest hashes, sizes and signature; each
// head's signature along the key chain; each earlier head's consistency with the export head;
// each item's content digest, leaf hash and inclusion proof; the counts manifest.json states.
// Bundles of the first format are checked too (archive/internal/bundle_v1.h).
[[nodiscard]] BundleReport VerifyBundle(const std::filesystem::path& zip);

}  // namespace holdfast::archive
