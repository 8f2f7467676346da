#include "engine/sources/json_message_arrays.h"

#include "engine/sources/json_scan.h"

namespace holdfast::engine {

namespace {

constexpr size_t kNone = kJsonCutOff;

struct Frame {
  char kind = '{';  // '{' or '['
  size_t begin = 0;
  bool expect_key = false;  // objects: the next string is a key
  std::string_view key;     // objects: the last key read
  size_t key_begin = 0;
  // Objects whose "messages" array was read: where its key began and the array ended.
  bool holds_array = false;
  size_t messages_key = 0;
  size_t array_end = 0;
  size_t array_index = 0;
};

std::string ChatWithoutMessages(std::string_view text, const Frame& holder,
                                std::string_view suffix) {
  std::string_view prefix = text.substr(holder.begin, holder.messages_key - holder.begin);
  while (prefix.size() > 1 && (IsJsonSpace(prefix.back()) || prefix.back() == ',')) {
    prefix.remove_suffix(1);
  }
  while (!suffix.empty() && (IsJsonSpace(suffix.front()) || suffix.front() == ',')) {
    suffix.remove_prefix(1);
  }
  if (suffix.empty()) {
    suffix = "}";
  }
  std::string chat(prefix);
  if (prefix.size() > 1 && suffix != "}") {
    chat += ',';
  }
  chat += suffix;
  return chat;
}

// Reads the elements of the "messages" array whose '[' is at `open`; returns one past its ']',
// or kNone when the text ends inside it.
size_t ReadArray(std::string_view text, size_t open, MessageArray& array) {
  size_t i = open + 1;
  for (;;) {
    while (i < text.size() && (IsJsonSpace(text[i]) || text[i] == ',')) {
      ++i;
    }
    if (i >= text.size()) {
      array.truncated = true;
      array.tail = {text.size(), text.size()};
      return kNone;
    }
    if (text[i] == ']') {
      return i + 1;
    }
    const size_t end = SkipJsonValue(text, i);
    if (end == kNone) {
      array.truncated = true;
      array.tail = {i, text.size()};
      return kNone;
    }
    array.messages.push_back({i, end});
    i = end;
  }
}

}  // namespace

MessageArrays FindMessageArrays(std::string_view text) {
  MessageArrays out;
  std::vector<Frame> stack;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    Frame* top = stack.empty() ? nullptr : &stack.back();
    if (c == '"') {
      const size_t end = SkipJsonString(text, i);
      if (end == kNone) {
        break;
      }
      if (top != nullptr && top->kind == '{' && top->expect_key) {
        top->key = text.substr(i + 1, end - i - 2);
        top->key_begin = i;
        top->expect_key = false;
      }
      i = end;
    } else if (c == '[' && top != nullptr && top->kind == '{' && top->key == "messages" &&
               !top->holds_array) {
      MessageArray array;
      const size_t end = ReadArray(text, i, array);
      top->holds_array = true;
      top->messages_key = top->key_begin;
      top->array_index = out.arrays.size();
      top->key = {};
      out.arrays.push_back(std::move(array));
      if (end == kNone) {
        break;
      }
      top->array_end = end;
      i = end;
    } else if (c == '{' || c == '[') {
      Frame frame;
      frame.kind = c;
      frame.begin = i;
      frame.expect_key = c == '{';
      stack.push_back(frame);
      ++i;
    } else if (c == '}' || c == ']') {
      if (top != nullptr) {
        if (top->holds_array) {
          out.arrays[top->array_index].chat =
              ChatWithoutMessages(text, *top, text.substr(top->array_end, i + 1 - top->array_end));
        }
        stack.pop_back();
      }
      ++i;
    } else {
      if (c == ',' && top != nullptr && top->kind == '{') {
        top->expect_key = true;
      }
      ++i;
    }
  }
  out.truncated = !stack.empty();
  for (const Frame& open : stack) {
    if (open.holds_array) {
      out.arrays[open.array_index].chat = ChatWithoutMessages(text, open, {});
    }
  }
  return out;
}

std::vector<JsonKey> ScanJsonKeys(std::string_view start, size_t max_keys) {
  struct Open {
    bool object = false;
    bool expect_key = false;  // objects: the next string is a key
  };
  std::vector<JsonKey> keys;
  std::vector<Open> stack;
  size_t i = 0;
  while (i < start.size() && keys.size() < max_keys) {
    const char c = start[i];
    if (c == '"') {
      const size_t end = SkipJsonString(start, i);
      if (end == kNone) {
        break;
      }
      if (!stack.empty() && stack.back().expect_key) {
        keys.push_back({stack.size(), start.substr(i + 1, end - i - 2)});
        stack.back().expect_key = false;
      }
      i = end;
      continue;
    }
    if (c == '{' || c == '[') {
      stack.push_back({c == '{', c == '{'});
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ',' && !stack.empty() && stack.back().object) {
      stack.back().expect_key = true;
    }
    ++i;
  }
  return keys;
}

bool HasKey(const std::vector<JsonKey>& keys, size_t depth, std::string_view key) {
  for (const JsonKey& candidate : keys) {
    if (candidate.depth == depth && candidate.key == key) {
      return true;
    }
  }
  return false;
}

}  // namespace holdfast::engine
