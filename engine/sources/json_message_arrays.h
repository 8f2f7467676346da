// The JSON groundwork of the sources whose export is one JSON document per chat (Telegram
// Desktop, DiscordChatExporter): finding every "messages" array and the bounds of each message
// in it by bracket counting over the raw bytes, without validating them, so that one damaged
// message costs only itself and a file cut off mid-way yields every message before the cut;
// and listing the keys at the start of a file, to tell the formats apart.
// Only ASCII bytes steer the scan, so invalid UTF-8 inside strings does not mislead it.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace holdfast::engine {

struct ByteSpan {
  size_t begin = 0;
  size_t end = 0;  // one past the last byte
};

// One "messages" array and the object that holds it (the chat or channel).
struct MessageArray {
  // The holding object without its "messages" member, as JSON text ({"name": ..., "id": ...});
  // when the text ends inside the object, the members before "messages" and a closing brace.
  std::string chat;
  std::vector<ByteSpan> messages;  // each element, in order
  bool truncated = false;          // the text ends inside this array
  ByteSpan tail;                   // when truncated: the cut-off rest (possibly empty)
};

struct MessageArrays {
  std::vector<MessageArray> arrays;  // in the order their "messages" keys appear
  bool truncated = false;            // the text ends before the outermost value closes
};

// Every array that is the value of a "messages" key of an object, at any depth outside a
// message (so a top-level chat, or chats.list[i] of a Telegram full export).
MessageArrays FindMessageArrays(std::string_view text);

struct JsonKey {
  size_t depth = 0;  // containers open around the key: 1 for the top-level object's keys
  std::string_view key;
};

// The object keys of `start` (the start of a JSON document, possibly cut off), in order, at
// most `max_keys` of them. Keys with escapes are returned as written.
std::vector<JsonKey> ScanJsonKeys(std::string_view start, size_t max_keys);

// True when `keys` holds `key` at `depth`.
bool HasKey(const std::vector<JsonKey>& keys, size_t depth, std::string_view key);

}  // namespace holdfast::engine
