#include "archive/internal/bundle_v1.h"

#include <string_view>
#include <vector>

#include "archive/internal/bundle_layout.h"
#include "archive/internal/bundle_proof.h"
#include "archive/internal/encoding.h"
#include "archive/merkle.h"
#include "archive/signer.h"
#include "archive/tree_head.h"

namespace holdfast::archive::internal {

namespace {

using nlohmann::json;

constexpr std::string_view kCase = "case.json";
constexpr std::string_view kReadme = "README.txt";
constexpr std::string_view kHead = "head.note";
constexpr std::string_view kPublicKey = "public.pem";
constexpr std::string_view kKeysDir = "keys/";
constexpr std::string_view kItemsDir = "items/";

// The present name of a first-format file; "" for files the present layout has no place for
// (case.json, README.txt), which the manifest covered.
std::optional<std::string> PresentName(const std::string& name) {
  if (name == kHead) {
    return std::string(kBundleHead);
  }
  if (name == kPublicKey) {
    return std::string(kBundlePublicKey);
  }
  if (name.starts_with(kKeysDir)) {
    return std::string(kBundleKeysDir) + name.substr(kKeysDir.size());
  }
  if (name == kCase || name == kReadme) {
    return std::string();
  }
  const size_t slash = name.find('/', kItemsDir.size());
  if (!name.starts_with(kItemsDir) || slash == std::string::npos) {
    return std::nullopt;
  }
  const auto sequence = NumberIn(name.substr(0, slash + 1), kItemsDir, "/");
  const std::string file = name.substr(slash + 1);
  if (!sequence) {
    return std::nullopt;
  }
  if (file == kItemMeta || file == kItemContent) {
    return ItemFile(*sequence, file);
  }
  if (file == "proof.json") {
    return ItemProofFile(*sequence);
  }
  return std::nullopt;
}

}  // namespace

bool IsFirstFormatBundle(const std::map<std::string, std::string>& files) {
  const auto manifest = files.find(std::string(kBundleManifest));
  if (manifest == files.end() || !files.contains(std::string(kCase))) {
    return false;
  }
  const json doc = json::parse(manifest->second, nullptr, false);
  return doc.is_object() && !doc.contains("format");
}

std::optional<std::string> TranslateFirstFormatBundle(std::map<std::string, std::string>& files,
                                                      json& manifest) {
  for (std::string_view required : {kPublicKey, kHead, kCase, kBundleManifestSig}) {
    if (!files.contains(std::string(required))) {
      return std::string(required) + ": missing from the bundle";
    }
  }
  const std::string& public_pem = files.at(std::string(kPublicKey));
  const std::string& manifest_text = files.at(std::string(kBundleManifest));
  if (!VerifySignature(public_pem, manifest_text, files.at(std::string(kBundleManifestSig)))) {
    return std::string(
        "manifest.sig: the signature of manifest.json does not verify under "
        "public.pem");
  }
  const json listed = json::parse(manifest_text, nullptr, false).value("files", json());
  if (!listed.is_object()) {
    return std::string("manifest.json: not a manifest ({\"files\": {name: sha256}})");
  }
  for (const auto& [name, hash] : listed.items()) {
    const auto it = files.find(name);
    if (it == files.end()) {
      return name + ": listed in manifest.json but missing from the bundle";
    }
    if (!hash.is_string() || hash.get<std::string>() != ToHex(Sha256(it->second))) {
      return name + ": SHA-256 does not match manifest.json";
    }
  }
  const json case_json = json::parse(files.at(std::string(kCase)), nullptr, false);
  auto head = ParseNote(files.at(std::string(kHead)));
  if (!case_json.is_object() || !case_json.contains("items") || !head) {
    return std::string("case.json or head.note: not a first-format bundle's");
  }
  std::map<std::string, std::string> renamed;
  for (auto& [name, bytes] : files) {
    if (name == kBundleManifest || name == kBundleManifestSig) {
      continue;
    }
    const auto present = listed.contains(name) ? PresentName(name) : std::nullopt;
    if (!present) {
      return name + ": not listed in manifest.json, or no file of a first-format bundle";
    }
    if (present->starts_with(kBundleItemProofsDir)) {
      // The first format had no first_head: the export head is the earliest one it shows.
      json proof = json::parse(bytes, nullptr, false);
      if (!proof.is_object() || !proof.contains("tree_size")) {
        return name + ": not a proof (a field is missing or malformed)";
      }
      proof["first_head"] = proof["tree_size"];
      bytes = proof.dump();
    }
    if (!present->empty()) {
      renamed.emplace(*present, std::move(bytes));
    }
  }
  manifest = {{"format", kBundleFormat},
              {"case", case_json.value("case_name", "")},
              {"head",
               {{"tree_size", head->size},
                {"root", ToHex(head->root)},
                {"timestamp", FormatRfc3339Micros(head->time_us).value_or("")}}},
              {"counts", {{"items", case_json["items"]}}},
              {"files", json::object()}};
  renamed.emplace(std::string(kBundleManifest), manifest.dump());
  renamed.emplace(std::string(kBundleManifestSig), files.at(std::string(kBundleManifestSig)));
  files = std::move(renamed);
  return std::nullopt;
}

}  // namespace holdfast::archive::internal
