// The JSON groundwork of the Teams source: case-insensitive field access (Graph writes
// camelCase, the TeamsDataExport PascalCase), telling Teams files apart, and finding record
// boundaries in JSONL and in arrays that a whole-file parse refused (cut off or damaged), so
// that one bad record costs only itself.
// Thread safety: pure functions.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace holdfast::engine {

using JsonField = simdjson::simdjson_result<simdjson::dom::element>;

inline JsonField ToField(simdjson::dom::element element) {
  return JsonField(simdjson::dom::element(element));
}

// `key` of an object, any case; an error result when `field` is not an object or lacks it.
inline JsonField Get(JsonField field, std::string_view key) {
  return field.at_key_case_insensitive(key);
}
inline JsonField Get(simdjson::dom::element element, std::string_view key) {
  return element.at_key_case_insensitive(key);
}
// The string at `key`, any case; empty when absent, null or not a string.
inline std::string_view Str(JsonField field, std::string_view key) {
  std::string_view value;
  if (Get(field, key).get_string().get(value) == simdjson::SUCCESS) {
    return value;
  }
  return {};
}
inline std::string_view Str(simdjson::dom::element element, std::string_view key) {
  return Str(ToField(element), key);
}

// One record's bytes within a file, and its 1-based number (array element or line).
struct JsonSpan {
  size_t begin = 0;
  size_t end = 0;
  uint64_t record = 0;
};

// `bytes` without a leading UTF-8 byte order mark (.NET writes one).
std::string_view StripBom(std::string_view bytes);

// `a` equals `lower` (written in lower case) when ASCII case in `a` is ignored.
bool EqualsIgnoreCase(std::string_view a, std::string_view lower);

// True for a file of the TeamsDataExport that names things rather than holding messages.
bool IsTeamsMetadataFile(std::string_view file_name);

// True when the start of a file names Graph chatMessage properties ("messageType" and
// "createdDateTime", any case), as a message array, page or JSONL line does.
bool LooksLikeChatMessages(std::string_view start);

// True when `text` is JSON Lines: its first line is a whole JSON object and more follows.
bool IsJsonLines(std::string_view text);

// One span per non-blank line.
void SplitLines(std::string_view text, std::vector<JsonSpan>& spans);

// Finds the elements of the top-level array, or of the "value" array of a top-level object,
// by bracket counting, without validating them. When the text ends before the array does,
// `truncated` is set and `tail` holds the cut-off rest (possibly empty) and its record number.
// False when no such array opens.
bool SplitArray(std::string_view text, std::vector<JsonSpan>& spans, JsonSpan& tail,
                bool& truncated);

}  // namespace holdfast::engine
