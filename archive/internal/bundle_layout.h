// File names of an evidence bundle (see archive/bundle.h), shared by the writer and the
// verifier so that the two cannot drift apart.
// Thread safety: constants.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace holdfast::archive::internal {

inline constexpr std::string_view kBundleFormat = "holdfast-bundle/2";

inline constexpr std::string_view kBundleManifest = "manifest.json";
inline constexpr std::string_view kBundleManifestSig = "manifest.sig";
inline constexpr std::string_view kBundleCustody = "CHAIN-OF-CUSTODY.txt";
inline constexpr std::string_view kBundleVerifyDoc = "VERIFY.md";
inline constexpr std::string_view kBundleVerifyScript = "verify_bundle.py";

inline constexpr std::string_view kBundleHead = "proof/head.note";
inline constexpr std::string_view kBundlePublicKey = "proof/public.pem";
// proof/heads/<size>.note: an earlier signed head some item was first committed under, and
// proof/consistency/<size>.json: the proof that it is a prefix of the export head.
inline constexpr std::string_view kBundleHeadsDir = "proof/heads/";
inline constexpr std::string_view kBundleHeadSuffix = ".note";
inline constexpr std::string_view kBundleConsistencyDir = "proof/consistency/";
inline constexpr std::string_view kBundleItemProofsDir = "proof/items/";

// proof/keys/<fingerprint>.pem and proof/keys/<fingerprint>.handover.note: each key the
// archive retired and the head that handed over from it (archive/key_chain.h).
inline constexpr std::string_view kBundleKeysDir = "proof/keys/";
inline constexpr std::string_view kBundleKeySuffix = ".pem";
inline constexpr std::string_view kBundleHandoverSuffix = ".handover.note";

// native/<sequence>/meta.json and content.json: a record's bytes exactly as logged.
inline constexpr std::string_view kNativeDir = "native/";
inline constexpr std::string_view kItemMeta = "meta.json";
inline constexpr std::string_view kItemContent = "content.json";

// "native/<sequence>/<file>", the sequence in decimal.
inline std::string ItemFile(uint64_t sequence, std::string_view file) {
  std::string name(kNativeDir);
  name += std::to_string(sequence);
  name += '/';
  name += file;
  return name;
}

// "proof/items/<sequence>.json"
inline std::string ItemProofFile(uint64_t sequence) {
  std::string name(kBundleItemProofsDir);
  name += std::to_string(sequence);
  name += ".json";
  return name;
}

// "proof/heads/<size>.note" and "proof/consistency/<size>.json"
inline std::string HeadFile(uint64_t size) {
  std::string name(kBundleHeadsDir);
  name += std::to_string(size);
  name += kBundleHeadSuffix;
  return name;
}
inline std::string ConsistencyFile(uint64_t size) {
  std::string name(kBundleConsistencyDir);
  name += std::to_string(size);
  name += ".json";
  return name;
}

}  // namespace holdfast::archive::internal
