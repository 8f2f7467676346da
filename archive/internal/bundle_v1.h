// Bundles of the first format (before holdfast-bundle/2): items/<seq>/{meta,content,proof}.json,
// head.note, public.pem, keys/, case.json and README.txt, with manifest.json listing each
// file's SHA-256 as a string. verify-bundle still checks them: their manifest signature and
// file list are checked here, then the files are renamed to the present layout so that the
// same head, key chain and item checks run on them.
// Thread safety: pure functions.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace holdfast::archive::internal {

// True when `files` are a first-format bundle: case.json and a manifest without "format".
bool IsFirstFormatBundle(const std::map<std::string, std::string>& files);

// Checks manifest.sig and the manifest's file list, then renames the files in place and
// returns the manifest the present checker reads (format, head, counts.items; files empty,
// as they were already checked). The message of the first problem otherwise.
[[nodiscard]] std::optional<std::string> TranslateFirstFormatBundle(
    std::map<std::string, std::string>& files, nlohmann::json& manifest);

}  // namespace holdfast::archive::internal
