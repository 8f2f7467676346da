// Reads an RSMF file back for the tests, independently of how engine/export writes it: the MIME
// message split into its headers (unfolded) and parts, the text part decoded from
// quoted-printable, rsmf.zip decoded from base64 and listed and unpacked with the `unzip` tool,
// and its rsmf_manifest.json parsed. What is malformed along the way is a test failure.
// Thread safety: functions.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace holdfast::testing {

struct MimePart {
  std::map<std::string, std::string> headers;  // lower-case name -> unfolded value
  std::string body;
};

struct Message {
  MimePart top;
  std::vector<MimePart> parts;
};

// Everything a test reads back from one RSMF file.
struct ReadBack {
  Message message;
  std::string text;                  // the text/plain part, decoded
  std::string zip;                   // rsmf.zip's bytes
  std::vector<std::string> entries;  // the zip's file names
  std::string manifest_text;         // rsmf_manifest.json
  nlohmann::json manifest;
};

ReadBack Read(const std::string& bytes);

// RFC 2047 words ("=?UTF-8?B?...?=", "=?UTF-8?Q?...?=") decoded; whitespace between two of them
// dropped.
std::string DecodeEncodedWords(const std::string& value);

}  // namespace holdfast::testing
