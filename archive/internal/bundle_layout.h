// File names of an evidence bundle (see archive/bundle.h), shared by the writer and the
// verifier so that the two cannot drift apart.
// Thread safety: constants.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace holdfast::archive::internal {

inline constexpr std::string_view kBundleReadme = "README.txt";
inline constexpr std::string_view kBundleCase = "case.json";
inline constexpr std::string_view kBundleHead = "head.note";
inline constexpr std::string_view kBundlePublicKey = "public.pem";
inline constexpr std::string_view kBundleManifest = "manifest.json";
inline constexpr std::string_view kBundleManifestSig = "manifest.sig";

// keys/<fingerprint>.pem and keys/<fingerprint>.handover.note: each key the archive retired
// and the head that handed over from it (archive/key_chain.h).
inline constexpr std::string_view kBundleKeysDir = "keys/";
inline constexpr std::string_view kBundleKeySuffix = ".pem";
inline constexpr std::string_view kBundleHandoverSuffix = ".handover.note";

inline constexpr std::string_view kItemMeta = "meta.json";
inline constexpr std::string_view kItemContent = "content.json";
inline constexpr std::string_view kItemProof = "proof.json";

// "items/<sequence>/<file>", the sequence in decimal.
inline std::string ItemFile(uint64_t sequence, std::string_view file) {
  std::string name = "items/" + std::to_string(sequence) + "/";
  name += file;
  return name;
}

}  // namespace holdfast::archive::internal
